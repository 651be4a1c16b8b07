import { describe, expect, it } from "vitest";
import type { Box } from "../core/image.js";
import type { RelationDirection, ScreenArea } from "./instruction-parts.js";
import { inScreenArea, relationFit, sameColumn, sameRow } from "./word-geometry.js";

const box = (x1: number, y1: number, x2: number, y2: number): Box => ({ x1, y1, x2, y2 });

describe("inScreenArea (1000 × 1000 screen)", () => {
  const cases: [{ x: number; y: number }, ScreenArea, boolean][] = [
    [{ x: 900, y: 50 }, { vertical: "top", horizontal: "right" }, true],
    [{ x: 100, y: 50 }, { vertical: "top", horizontal: "right" }, false],
    [{ x: 900, y: 500 }, { vertical: "top", horizontal: "right" }, false],
    [{ x: 500, y: 500 }, { vertical: "middle", horizontal: "center" }, true],
    [{ x: 500, y: 950 }, { vertical: "middle", horizontal: "center" }, false],
    [{ x: 100, y: 950 }, { horizontal: "left" }, true],
    [{ x: 500, y: 900 }, { vertical: "bottom" }, true],
  ];
  for (const [point, area, inside] of cases) {
    it(`${JSON.stringify(point)} in ${JSON.stringify(area)}: ${inside}`, () => expect(inScreenArea(point, area, 1000, 1000)).toBe(inside));
  }
});

describe("rows, columns and relations", () => {
  const label = box(100, 100, 199, 119);
  it("sameRow / sameColumn", () => {
    expect(sameRow(label, box(300, 105, 340, 125))).toBe(true);
    expect(sameRow(label, box(300, 125, 340, 145))).toBe(false);
    expect(sameColumn(label, box(100, 140, 400, 170))).toBe(true);
    expect(sameColumn(label, box(300, 140, 400, 170))).toBe(false);
  });
  const cases: [Box, RelationDirection, number][] = [
    [box(60, 102, 80, 118), "left-of", 0.95],
    [box(60, 102, 80, 118), "right-of", 0],
    [box(220, 100, 260, 119), "right-of", 0.95],
    [box(100, 130, 400, 160), "below", 0.95],
    [box(100, 130, 400, 160), "above", 0],
    [box(100, 60, 160, 80), "above", 0.9],
    [box(900, 100, 960, 119), "row-of", 1],
    [box(100, 130, 400, 160), "next-to", 0.95],
  ];
  for (const [target, direction, fit] of cases) {
    it(`${JSON.stringify(target)} ${direction} the label: ≈ ${fit}`, () => expect(relationFit(target, label, direction)).toBeCloseTo(fit, 1));
  }
});

describe("row-of", () => {
  const title = box(318, 354, 537, 382);
  it("a button in the card below a title fits, one in the next card does not", () => {
    expect(relationFit(box(318, 445, 537, 490), title, "row-of")).toBeGreaterThan(0.5);
    expect(relationFit(box(582, 445, 802, 490), title, "row-of")).toBe(0);
  });
});
