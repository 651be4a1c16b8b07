import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../core/errors.js";
import { selectTiling, validateMaxCrops } from "./select-tiling.js";

// Frozen from ../shared/golden/molmo2/preprocessing/cases.json (the upstream HF processor's choices);
// the golden test in test/grounding/ checks all 40 cases, this table keeps the rule readable.
describe("selectTiling (as MolmoPoint's HF select_tiling on H-112, W-112)", () => {
  it.each([
    { width: 1920, height: 1080, maxCrops: 8, rows: 2, cols: 4 },
    { width: 1920, height: 1080, maxCrops: 24, rows: 4, cols: 6 },
    // 48 and 64 agree: the search prefers the smallest upscale >= 1, not the most crops.
    { width: 1920, height: 1080, maxCrops: 48, rows: 4, cols: 7 },
    { width: 1920, height: 1080, maxCrops: 64, rows: 4, cols: 7 },
    { width: 3840, height: 2160, maxCrops: 64, rows: 6, cols: 10 },
    { width: 1170, height: 2532, maxCrops: 48, rows: 10, cols: 4 },
    { width: 800, height: 600, maxCrops: 64, rows: 2, cols: 3 },
    { width: 5000, height: 300, maxCrops: 24, rows: 1, cols: 19 },
    // H-112 < 0 without the training code's max(.., 1) clamp: every scale is negative, argmax picks 1x1
    // (the training code would pick 1x2 here).
    { width: 640, height: 100, maxCrops: 8, rows: 1, cols: 1 },
    { width: 50, height: 30, maxCrops: 64, rows: 1, cols: 1 },
    { width: 378, height: 378, maxCrops: 1, rows: 1, cols: 1 },
    // H-112 = W-112 = 0: every scale is +Infinity (numpy divides by zero without raising), argmin takes the first.
    { width: 112, height: 112, maxCrops: 8, rows: 1, cols: 1 },
  ])("$width x $height at $maxCrops crops -> $rows x $cols", ({ width, height, maxCrops, rows, cols }) => {
    expect(selectTiling(height - 112, width - 112, 266, maxCrops)).toEqual({ rows, cols });
  });
});

describe("validateMaxCrops", () => {
  it.each([1, 8, 48, 128])("accepts %s", (value) => {
    expect(validateMaxCrops(value)).toBe(value);
  });
  it.each([0, -1, 129, 2.5, Number.NaN, Number.POSITIVE_INFINITY, "8", undefined])("rejects %s with InvalidInputError", (value) => {
    expect(() => validateMaxCrops(value)).toThrow(InvalidInputError);
    expect(() => validateMaxCrops(value)).toThrow(/maxCrops must be an integer from 1 to 128/);
  });
});
