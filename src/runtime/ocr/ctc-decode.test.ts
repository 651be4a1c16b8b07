import { describe, expect, it } from "vitest";
import { decodeCtcGreedy } from "./ctc-decode.js";

/** Builds a steps × classes probability table from the argmax label of each step. */
function table(labels: number[], classes: number, peak = 0.9): Float32Array {
  const data = new Float32Array(labels.length * classes).fill((1 - peak) / (classes - 1));
  labels.forEach((label, step) => {
    data[step * classes + label] = peak;
  });
  return data;
}

describe("decodeCtcGreedy", () => {
  const cases: { name: string; labels: number[]; expected: [number, number, number][] }[] = [
    { name: "all blanks", labels: [0, 0, 0], expected: [] },
    { name: "repeats merge", labels: [1, 1, 0, 2], expected: [[1, 0, 1], [2, 3, 3]] },
    { name: "blank separates a doubled letter", labels: [3, 0, 3], expected: [[3, 0, 0], [3, 2, 2]] },
    { name: "leading and trailing blanks", labels: [0, 2, 2, 2, 0], expected: [[2, 1, 3]] },
    { name: "adjacent different labels", labels: [1, 2, 3], expected: [[1, 0, 0], [2, 1, 1], [3, 2, 2]] },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const decoded = decodeCtcGreedy(table(testCase.labels, 4), 0, testCase.labels.length, 4);
      expect(decoded.map((c) => [c.index, c.firstStep, c.lastStep])).toEqual(testCase.expected);
    });
  }

  it("reads a sequence at an offset and keeps the peak probability", () => {
    const data = new Float32Array([...table([0, 0], 3), ...table([2, 2], 3, 0.8)]);
    data[2 * 3 + 3 + 2] = 0.95;
    const decoded = decodeCtcGreedy(data, 6, 2, 3);
    expect(decoded).toHaveLength(1);
    expect(decoded[0]?.probability).toBeCloseTo(0.95, 6);
  });
});
