import { describe, expect, it } from "vitest";
import type { Box, RgbImage } from "../core/image.js";
import { findLabelledControl, isEnclosed, shapesIn } from "./control-finder.js";

/** A 400 × 200 light-grey screen with outlined rectangles drawn in a darker grey. */
function screen(outlines: Box[], filled: Box[] = []): RgbImage {
  const width = 400;
  const height = 200;
  const data = new Uint8Array(width * height * 3).fill(240);
  const paint = (x: number, y: number): void => {
    data.fill(120, (y * width + x) * 3, (y * width + x) * 3 + 3);
  };
  for (const box of outlines) {
    for (let x = box.x1; x <= box.x2; x += 1) {
      paint(x, box.y1);
      paint(x, box.y2);
    }
    for (let y = box.y1; y <= box.y2; y += 1) {
      paint(box.x1, y);
      paint(box.x2, y);
    }
  }
  for (const box of filled) for (let y = box.y1; y <= box.y2; y += 1) for (let x = box.x1; x <= box.x2; x += 1) paint(x, y);
  return { width, height, data };
}

const label: Box = { x1: 40, y1: 20, x2: 120, y2: 39 };
const checkbox: Box = { x1: 14, y1: 22, x2: 29, y2: 37 };
const field: Box = { x1: 40, y1: 48, x2: 300, y2: 80 };
const toggle: Box = { x1: 330, y1: 20, x2: 369, y2: 39 };

describe("findLabelledControl", () => {
  const image = screen([checkbox, field], [toggle]);
  it("finds the check box left of its label", () => expect(findLabelledControl(image, { label, kind: "check", words: [label] })).toEqual(checkbox));
  it("finds the field under its label", () => expect(findLabelledControl(image, { label, kind: "field", words: [label] })).toEqual(field));
  it("finds the switch at the end of the label's row", () => expect(findLabelledControl(image, { label, kind: "switch", words: [label] })).toEqual(toggle));
  it("finds no field above the label", () => expect(findLabelledControl(image, { label, kind: "field", words: [label], side: "above" })).toBeUndefined());
  it("finds no check box on a plain screen", () => expect(findLabelledControl(screen([]), { label, kind: "check", words: [label] })).toBeUndefined());
});

describe("shapesIn and isEnclosed", () => {
  it("drops shapes cut by the window and masks words", () => {
    const image = screen([checkbox, field]);
    expect(shapesIn(image, { x1: 0, y1: 0, x2: 399, y2: 60 }, [])).toEqual([checkbox]);
    expect(shapesIn(image, { x1: 0, y1: 0, x2: 399, y2: 60 }, [checkbox])).toEqual([]);
  });
  it("text inside a drawn field is enclosed; a label above it is not", () => {
    const image = screen([field]);
    expect(isEnclosed(image, { x1: 48, y1: 55, x2: 120, y2: 72 })).toBe(true);
    expect(isEnclosed(image, label)).toBe(false);
  });
});
