import { describe, expect, it } from "vitest";
import type { RgbImage } from "../core/image.js";
import { comparePatches, downscaleToFit, fingerprintDistance, grayPatch, screenDifference, screenFingerprint, windowAround } from "./pixels.js";

function gradient(width: number, height: number, shift = 0): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = ((x + shift) * 7 + y * 3) % 256;
      data.set([value, value, value], (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

describe("windowAround", () => {
  it.each([
    [{ x: 50, y: 50 }, 20, { x1: 40, y1: 40, x2: 59, y2: 59 }],
    [{ x: 2, y: 3 }, 20, { x1: 0, y1: 0, x2: 19, y2: 19 }],
    [{ x: 99, y: 99 }, 20, { x1: 80, y1: 80, x2: 99, y2: 99 }],
    [{ x: 50, y: 50 }, 400, { x1: 0, y1: 0, x2: 99, y2: 99 }],
  ])("centres a %j window of %i px, shifted inside a 100×100 image", (point, size, box) => {
    expect(windowAround(point, size, { width: 100, height: 100 })).toEqual(box);
  });
});

describe("comparePatches", () => {
  const image = gradient(64, 64);
  const patch = grayPatch(image, { x1: 10, y1: 10, x2: 29, y2: 29 });
  it("is 1 for the same pixels and low for shifted ones", () => {
    expect(comparePatches(patch.data, patch.data).correlation).toBeCloseTo(1, 10);
    const shifted = grayPatch(gradient(64, 64, 9), { x1: 10, y1: 10, x2: 29, y2: 29 });
    expect(comparePatches(patch.data, shifted.data).correlation).toBeLessThan(0.9);
  });
  it("is invariant to brightness and contrast (normalised)", () => {
    const brighter = patch.data.map((value) => Math.min(255, Math.round(value * 0.5 + 40)));
    expect(comparePatches(patch.data, brighter).correlation).toBeGreaterThan(0.99);
  });
  it.each([
    [[100, 100, 100, 100], [104, 104, 104, 104], 1],
    [[100, 100, 100, 100], [140, 140, 140, 140], 0],
    [[100, 100, 100, 100], [0, 255, 0, 255], 0],
    [[1, 2], [1], 0],
  ])("flat or mismatched patches %j vs %j correlate %i", (a, b, expected) => {
    expect(comparePatches(Uint8Array.from(a), Uint8Array.from(b)).correlation).toBe(expected);
  });
});

describe("screenFingerprint", () => {
  it("is 64 hex digits, equal for equal screens, near for small changes, far for different screens", () => {
    const a = gradient(320, 200);
    const print = screenFingerprint(a);
    expect(print).toMatch(/^[0-9a-f]{64}$/);
    expect(screenFingerprint(gradient(320, 200))).toBe(print);
    const small = { ...a, data: new Uint8Array(a.data) };
    small.data.fill(255, 0, 30 * 3);
    expect(fingerprintDistance(print, screenFingerprint(small))).toBeLessThanOrEqual(2);
    const black: RgbImage = { width: 320, height: 200, data: new Uint8Array(320 * 200 * 3) };
    expect(fingerprintDistance(print, screenFingerprint(black))).toBeGreaterThan(200);
    expect(fingerprintDistance(print, "abc")).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("screenDifference", () => {
  it("counts changed pixels and boxes them; different sizes are all changed", () => {
    const before = gradient(40, 30);
    const after = { ...before, data: new Uint8Array(before.data) };
    for (const [x, y] of [[5, 6], [20, 25]] as const) after.data[(y * 40 + x) * 3 + 2] = (after.data[(y * 40 + x) * 3 + 2]! + 128) % 256;
    expect(screenDifference(before, after)).toEqual({ changedPixels: 2, changedFraction: 2 / 1200, changedBox: { x1: 5, y1: 6, x2: 20, y2: 25 } });
    expect(screenDifference(before, before).changedBox).toBeUndefined();
    expect(screenDifference(before, gradient(10, 10)).changedFraction).toBe(1);
  });
});

describe("downscaleToFit", () => {
  it("averages boxes down to the longer side, and leaves small images alone", () => {
    const image = gradient(200, 100);
    const small = downscaleToFit(image, 50);
    expect([small.width, small.height]).toEqual([50, 25]);
    expect(downscaleToFit(image, 400)).toBe(image);
    const flat: RgbImage = { width: 4, height: 4, data: new Uint8Array(48).fill(90) };
    expect([...downscaleToFit(flat, 2).data]).toEqual(new Array(12).fill(90));
  });
});
