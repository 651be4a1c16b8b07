import { describe, expect, it } from "vitest";
import { detectorInputSize } from "./text-detector.js";
import { planBatches, recognizerWidth } from "./text-recognizer.js";

describe("detectorInputSize", () => {
  const cases: [number, number, number, { width: number; height: number }][] = [
    [1920, 1080, 1344, { width: 1344, height: 768 }],
    [1920, 1080, 960, { width: 960, height: 544 }],
    [800, 600, 1344, { width: 800, height: 608 }],
    [1080, 2400, 1344, { width: 608, height: 1344 }],
    [10, 10, 1344, { width: 32, height: 32 }],
  ];
  for (const [width, height, maxSide, expected] of cases) {
    it(`${width}×${height} at ${maxSide}`, () => expect(detectorInputSize(width, height, maxSide)).toEqual(expected));
  }
});

describe("recognizerWidth", () => {
  const cases: [number, number, number][] = [
    [100, 24, 200], // 48 × 100 / 24 = 200
    [101, 24, 208], // 202 → next multiple of 8
    [5, 48, 8], // at least one stride
  ];
  for (const [width, height, expected] of cases) {
    it(`${width}×${height} → ${expected}`, () => expect(recognizerWidth({ x1: 0, y1: 0, x2: width - 1, y2: height - 1 })).toBe(expected));
  }
});

describe("planBatches", () => {
  const cases: { name: string; widths: number[]; maxBatchSize: number; batches: number[][] }[] = [
    { name: "similar widths share a batch, sorted", widths: [120, 100, 110], maxBatchSize: 16, batches: [[1, 2, 0]] },
    { name: "a width past 1.3 × the first starts a batch", widths: [100, 131, 130], maxBatchSize: 16, batches: [[0, 2], [1]] },
    { name: "batch size is capped", widths: [100, 100, 100], maxBatchSize: 2, batches: [[0, 1], [2]] },
    { name: "no crops, no batches", widths: [], maxBatchSize: 16, batches: [] },
  ];
  for (const testCase of cases) {
    it(testCase.name, () =>
      expect(planBatches(testCase.widths, { maxBatchSize: testCase.maxBatchSize, widthRatio: 1.3 })).toEqual(testCase.batches));
  }
});
