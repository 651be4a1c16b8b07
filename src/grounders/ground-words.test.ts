import { describe, expect, it } from "vitest";
import { groundInWords } from "./ground-words.js";
import type { ScreenWord } from "./text-match.js";

/** Words at given places: [text, x1, y1, line]; 10 px per character, 20 px high. */
function words(entries: [string, number, number, number][], confidence = 0.95): ScreenWord[] {
  return entries.map(([text, x1, y1, lineIndex]) => ({ text, box: { x1, y1, x2: x1 + text.length * 10 - 1, y2: y1 + 19 }, confidence, lineIndex }));
}

describe("groundInWords", () => {
  const screen = words([
    ["File", 0, 0, 0],
    ["Save", 60, 0, 3],
    ["Cancel", 400, 300, 1],
  ]);
  it("points at the centre of the matched word, confidence = text score × reading confidence", () => {
    const [point] = groundInWords("click the Save button", screen);
    expect(point).toMatchObject({ x: 79.5, y: 9.5, matchedText: "Save" });
    expect(point?.confidence).toBeCloseTo(0.95, 6);
  });
  it("answers nothing when no match reaches minScore", () => {
    expect(groundInWords("Delete account", screen, { minScore: 0.75 })).toEqual([]);
  });
});

describe("groundInWords with parts and pixels", () => {
  const page = words([
    ["Remember", 40, 20, 0],
    ["me", 130, 20, 0],
    ["Save", 40, 160, 1],
    ["Save", 900, 20, 2],
  ]);
  const width = 1000;
  const height = 200;
  const data = new Uint8Array(width * height * 3).fill(240);
  // An outlined 16 × 16 check box left of "Remember me".
  for (let y = 22; y <= 37; y += 1) {
    for (let x = 14; x <= 29; x += 1) if (x === 14 || x === 29 || y === 22 || y === 37) data.fill(100, (y * width + x) * 3, (y * width + x) * 3 + 3);
  }
  const image = { width, height, data };
  it("points at the check box a label names, with the screenshot", () => {
    expect(groundInWords("the Remember me checkbox", page, { image })[0]).toMatchObject({ x: 21.5, y: 29.5 });
    expect(groundInWords("the checkbox next to Remember me", page, { image })[0]).toMatchObject({ x: 21.5, y: 29.5 });
    expect(groundInWords("the Remember me checkbox", page)[0]?.x).toBeCloseTo(94.5, 6);
  });
  it("takes the match in the named screen area", () => {
    expect(groundInWords("the Save button at the top right", page, { screen: { width, height } })[0]?.x).toBeCloseTo(919.5, 6);
    expect(groundInWords("the Save button at the bottom left", page, { screen: { width, height } })[0]?.x).toBeCloseTo(59.5, 6);
  });
  it("reads a purpose phrase by its object", () => {
    expect(groundInWords("where do I open Save?", page)[0]?.matchedText).toBe("Save");
  });
});
