import { describe, expect, it } from "vitest";
import { toImageBox } from "./measure-page.js";

describe("toImageBox", () => {
  it.each([
    { box: [10, 20, 30, 40], scale: 1, expected: [10, 20, 30, 40] },
    { box: [10, 20, 24, 24], scale: 2, expected: [20, 40, 48, 48] },
    // 1.25 × 10.3 = 12.875 → floor 12; 1.25 × 30.1 = 37.625 → ceil 38: rounded outwards.
    { box: [10.3, 0, 30.1, 8], scale: 1.25, expected: [12, 0, 38, 10] },
    // Clamped to the image (100 × 50).
    { box: [-4, -4, 120, 60], scale: 1, expected: [0, 0, 100, 50] },
  ] as { box: [number, number, number, number]; scale: number; expected: number[] }[])("$box × $scale → $expected", ({ box, scale, expected }) => {
    expect(toImageBox(box, scale, 100, 50)).toEqual(expected);
  });
});
