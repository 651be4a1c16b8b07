import { describe, expect, it } from "vitest";
import { defaultDbOptions, extractDbRegions } from "./db-postprocess.js";

/** A width × height map with the given rectangles (edges included) set to `value`. */
function map(width: number, height: number, rects: [number, number, number, number, number][]): Float32Array {
  const data = new Float32Array(width * height);
  for (const [x1, y1, x2, y2, value] of rects) {
    for (let y = y1; y <= y2; y += 1) for (let x = x1; x <= x2; x += 1) data[y * width + x] = value;
  }
  return data;
}

describe("extractDbRegions", () => {
  const cases: { name: string; rects: [number, number, number, number, number][]; boxes: number[][] }[] = [
    { name: "empty map", rects: [], boxes: [] },
    // 20×4 kernel: unclip distance = 80 × 1.5 / 48 = 2.5 on each side.
    { name: "one kernel, unclipped", rects: [[10, 10, 29, 13, 0.9]], boxes: [[7.5, 7.5, 31.5, 15.5]] },
    { name: "below the pixel threshold", rects: [[10, 10, 29, 13, 0.25]], boxes: [] },
    { name: "below the box threshold", rects: [[10, 10, 29, 13, 0.5]], boxes: [] },
    { name: "thinner than min size", rects: [[10, 10, 29, 11, 0.9]], boxes: [] },
    // 20×8 box, 96 of 160 pixels at 1.0 → score 0.6; distance = 160 × 1.5 / 56 ≈ 4.29.
    { name: "touching neighbours join into one box", rects: [[10, 10, 21, 13, 1], [18, 14, 29, 17, 1]], boxes: [[5.7, 5.7, 33.3, 21.3]] },
    // The same shapes only touching at a corner score 0.45 over their bounding box.
    { name: "a sparse diagonal scores over its whole bounding box", rects: [[10, 10, 19, 13, 0.9], [20, 14, 29, 17, 0.9]], boxes: [] },
    // 30×4 → distance 2.65; 10×4 → 2.14; boxes clamp at the map's edge.
    { name: "two separate kernels, larger first", rects: [[0, 0, 9, 3, 0.9], [0, 20, 29, 23, 0.9]], boxes: [[0, 17.4, 31.6, 25.6], [0, 0, 11.1, 5.1]] },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const regions = extractDbRegions(map(40, 30, testCase.rects), 40, 30, defaultDbOptions);
      expect(regions.map((region) => [region.box.x1, region.box.y1, region.box.x2, region.box.y2].map((v) => Math.round(v * 10) / 10))).toEqual(testCase.boxes);
    });
  }

  it("rejects a map smaller than its stated size", () => {
    expect(() => extractDbRegions(new Float32Array(10), 4, 4)).toThrow(/expected 4×4/);
  });
});
