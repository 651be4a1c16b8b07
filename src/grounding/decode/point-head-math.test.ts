import { describe, expect, it } from "vitest";
import { argmaxRange, dotRows, linearRow, rmsNormRow, rotateRowInPlace, softmaxProbability } from "./point-head-math.js";

describe("rmsNormRow (Molmo2RMSNorm)", () => {
  it("normalises by the root mean square and applies the gain", () => {
    const output = new Float32Array(2);
    rmsNormRow(Float32Array.from([3, 4]), 0, 2, Float32Array.from([1, 2]), 1e-6, output);
    const inverse = Math.fround(1 / Math.sqrt(Math.fround(12.5 + 1e-6)));
    expect(Array.from(output)).toEqual([Math.fround(3 * inverse), Math.fround(2 * Math.fround(4 * inverse))]);
  });
  it("reads and writes at offsets", () => {
    const output = new Float32Array(4);
    rmsNormRow(Float32Array.from([9, 2, 2, 9]), 1, 2, Float32Array.from([1, 1]), 0, output, 2);
    expect(Array.from(output)).toEqual([0, 0, 1, 1]);
  });
});

describe("linearRow (x @ W.T + b, W row-major [out, in])", () => {
  it.each([
    [[0.5, 0, -1], [3.5, 7, 10]],
    [null, [3, 7, 11]],
  ] as const)("bias %j", (bias, expected) => {
    const output = new Float32Array(3);
    linearRow(Float32Array.from([1, 1]), 0, Float32Array.from([1, 2, 3, 4, 5, 6]), bias && Float32Array.from(bias), 2, 3, output);
    expect(Array.from(output)).toEqual(expected);
  });
  it("dotRows accumulates in double", () => {
    expect(dotRows(Float32Array.from([1, 2, 3]), 0, Float32Array.from([0, 4, 5, 6]), 1, 3)).toBe(32);
  });
});

describe("rotateRowInPlace (MolmoPointPatchRope, rotate-half)", () => {
  const fround = Math.fround;
  it.each([1, 7, 222, 965, -1])("rotates [a | b] pairs by float32 angles, position %i", (position) => {
    const row = Float32Array.from([1, 0.5, 0, 2]); // halves [1, 0.5] and [0, 2]
    const frequencies = Float32Array.from([1, 0.25]);
    rotateRowInPlace(row, 0, position, frequencies);
    const angles = [fround(fround(position) * 1), fround(fround(position) * 0.25)];
    const [c0, c1] = angles.map((angle) => fround(Math.cos(angle)));
    const [s0, s1] = angles.map((angle) => fround(Math.sin(angle)));
    expect(Array.from(row)).toEqual([
      fround(fround(1 * c0!) - fround(0 * s0!)),
      fround(fround(0.5 * c1!) - fround(2 * s1!)),
      fround(fround(0 * c0!) + fround(1 * s0!)),
      fround(fround(2 * c1!) + fround(0.5 * s1!)),
    ]);
  });
  it("position 0 leaves the row unchanged", () => {
    const row = Float32Array.from([0.3, -0.7, 1.5, 2]);
    rotateRowInPlace(row, 0, 0, Float32Array.from([1, 0.01]));
    expect(Array.from(row)).toEqual(Array.from(Float32Array.from([0.3, -0.7, 1.5, 2])));
  });
  it("scores depend on the position difference only (relative RoPE)", () => {
    const frequencies = Float32Array.from([1, 0.1, 0.01, 0.001]);
    const query = Float32Array.from([0.2, -0.4, 0.6, 0.1, -0.3, 0.5, 0.7, -0.2]);
    const key = Float32Array.from([0.5, 0.1, -0.2, 0.3, 0.4, -0.6, 0.2, 0.9]);
    const score = (queryPosition: number, keyPosition: number): number => {
      const q = query.slice();
      const k = key.slice();
      rotateRowInPlace(q, 0, queryPosition, frequencies);
      rotateRowInPlace(k, 0, keyPosition, frequencies);
      return dotRows(q, 0, k, 0, 8);
    };
    // float32 angles at positions < 100 carry <= 4e-6 rad of rounding; |q||k| < 2, so 1e-5 bounds it.
    for (const shift of [0, 3, 40]) expect(Math.abs(score(shift, shift + 17) - score(0, 17))).toBeLessThan(1e-5);
  });
});

describe("argmaxRange and softmaxProbability", () => {
  it.each([
    [[1, 3, 3, 2], 1],
    [[Number.NaN, 1, 0], 1],
    [[-Infinity, -Infinity], 0],
    [[], -1],
  ] as const)("argmax of %j is %i (first on ties, NaN never wins)", (values, expected) => {
    expect(argmaxRange(Float32Array.from(values))).toBe(expected);
  });
  it.each([
    [[0, 0], 0, 0.5],
    [[-1e8, 0], 1, 1],
    [[-1e8, 0], 0, 0],
    [[Math.log(3), 0], 0, 0.75],
    [[-Infinity, -Infinity], 0, 0],
  ] as const)("softmax of %j at %i is %d", (values, index, expected) => {
    expect(softmaxProbability(values, index)).toBeCloseTo(expected, 12);
  });
});
