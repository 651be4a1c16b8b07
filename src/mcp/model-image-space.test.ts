import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../core/errors.js";
import {
  ANTHROPIC_IMAGE_BUDGET,
  OPENAI_IMAGE_BUDGET,
  fitToBudget,
  imageToModel,
  modelRegionToImageBox,
  modelToImage,
} from "./model-image-space.js";

describe("fitToBudget", () => {
  it.each([
    // screen (image px), budget, model image size
    [1280, 800, ANTHROPIC_IMAGE_BUDGET, 1280, 800], // 1.02 MP: shown as is
    [2560, 1600, ANTHROPIC_IMAGE_BUDGET, 1356, 847], // HiDPI 1280×800 at scale 2: the pixel bound decides
    [1920, 1080, ANTHROPIC_IMAGE_BUDGET, 1429, 804],
    [3840, 600, ANTHROPIC_IMAGE_BUDGET, 1568, 245], // a wide strip: the long-edge bound decides
    [2560, 1600, OPENAI_IMAGE_BUDGET, 1440, 900],
    [1440, 900, OPENAI_IMAGE_BUDGET, 1440, 900],
    [800, 600, { maxLongEdge: 400, maxPixels: 1e9 }, 400, 300],
  ])("%i×%i → %o → %i×%i", (width, height, budget, modelWidth, modelHeight) => {
    const space = fitToBudget(width, height, budget);
    expect([space.width, space.height]).toEqual([modelWidth, modelHeight]);
    expect(space.width * space.height).toBeLessThanOrEqual(budget.maxPixels);
    expect(Math.max(space.width, space.height)).toBeLessThanOrEqual(budget.maxLongEdge);
    expect(space.scaleX).toBeCloseTo(width / modelWidth, 12);
    expect(space.scaleY).toBeCloseTo(height / modelHeight, 12);
  });

  it.each([
    [0, 10, ANTHROPIC_IMAGE_BUDGET],
    [10.5, 10, ANTHROPIC_IMAGE_BUDGET],
    [10, 10, { maxLongEdge: 0, maxPixels: 10 }],
  ])("refuses %s×%s with %o", (width, height, budget) => {
    expect(() => fitToBudget(width, height, budget)).toThrow(InvalidInputError);
  });
});

describe("model ↔ image px", () => {
  const space = fitToBudget(2560, 1600, ANTHROPIC_IMAGE_BUDGET);
  it.each([
    [{ x: 0, y: 0 }, { x: 0, y: 0 }],
    [{ x: 678, y: 423.5 }, { x: 678 * (2560 / 1356), y: 423.5 * (1600 / 847) }],
    [{ x: 1355, y: 846 }, { x: 1355 * (2560 / 1356), y: 846 * (1600 / 847) }],
  ])("model %o → image %o and back", (model, image) => {
    const mapped = modelToImage(model, space);
    expect(mapped.x).toBeCloseTo(image.x, 9);
    expect(mapped.y).toBeCloseTo(image.y, 9);
    expect(imageToModel(mapped, space)).toEqual({ x: Math.round(model.x), y: Math.round(model.y) });
  });

  it.each([
    [{ x: 1356, y: 10 }],
    [{ x: -1, y: 10 }],
    [{ x: 10, y: 847 }],
    [{ x: Number.NaN, y: 10 }],
  ])("refuses %o outside the 1356×847 image, naming the range", (point) => {
    expect(() => modelToImage(point, space)).toThrow(/outside the 1356×847 screenshot the model was shown; pass x in 0\.\.1355 and y in 0\.\.846/);
  });

  it.each([
    [[0, 0, 1356, 847], { x1: 0, y1: 0, x2: 2559, y2: 1599 }],
    [[100, 50, 200, 150], { x1: 188, y1: 94, x2: 377, y2: 283 }],
    [[1300, 800, 2000, 2000], { x1: 2454, y1: 1511, x2: 2559, y2: 1599 }],
  ])("region %o → box %o", (region, box) => {
    expect(modelRegionToImageBox(region, space)).toEqual(box);
  });

  it.each([[[10, 10, 5, 20]], [[10, 10, 20]], [[1400, 10, 1500, 20]]])("refuses region %o", (region) => {
    expect(() => modelRegionToImageBox(region, space)).toThrow(InvalidInputError);
  });
});
