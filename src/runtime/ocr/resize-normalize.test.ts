import { describe, expect, it } from "vitest";
import { resizeNormalizeInto } from "./resize-normalize.js";

/** A 2×1 RGB image: a red pixel then a blue one. */
const image = { width: 2, height: 1, data: Uint8Array.from([255, 0, 0, 0, 0, 255]) };
const identity = { mean: [0, 0, 0] as const, std: [1 / 255, 1 / 255, 1 / 255] as const, bgr: false };

describe("resizeNormalizeInto", () => {
  const cases: { name: string; width: number; bgr: boolean; planes: number[][] }[] = [
    // Same size: values copied, planes R, G, B.
    { name: "copy, RGB planes", width: 2, bgr: false, planes: [[255, 0], [0, 0], [0, 255]] },
    { name: "copy, BGR planes", width: 2, bgr: true, planes: [[0, 255], [0, 0], [255, 0]] },
    // 2 → 4 with half-pixel centres: samples at -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1).
    { name: "upscale interpolates", width: 4, bgr: false, planes: [[255, 191.25, 63.75, 0], [0, 0, 0, 0], [0, 63.75, 191.25, 255]] },
    // 2 → 1: sample at 0.5, the mean.
    { name: "downscale samples the middle", width: 1, bgr: false, planes: [[127.5], [0], [127.5]] },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const data = new Float32Array(3 * testCase.width);
      resizeNormalizeInto(
        image,
        { x: 0, y: 0, width: 2, height: 1 },
        { data, offset: 0, planeStride: testCase.width, rowStride: testCase.width, width: testCase.width, height: 1 },
        { ...identity, bgr: testCase.bgr },
      );
      const planes = [0, 1, 2].map((plane) => Array.from(data.subarray(plane * testCase.width, (plane + 1) * testCase.width)));
      planes.flat().forEach((value, index) => expect(value).toBeCloseTo(testCase.planes.flat()[index] ?? NaN, 3));
    });
  }

  it("normalises (value / 255 − mean) / std", () => {
    const data = new Float32Array(3 * 2);
    const normalization = { mean: [0.5, 0.5, 0.5] as const, std: [0.5, 0.5, 0.5] as const, bgr: false };
    resizeNormalizeInto(image, { x: 0, y: 0, width: 2, height: 1 }, { data, offset: 0, planeStride: 2, rowStride: 2, width: 2, height: 1 }, normalization);
    expect(Array.from(data)).toEqual([1, -1, -1, -1, -1, 1]);
  });
});
