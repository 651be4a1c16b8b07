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
    ["Save", 60, 0, 0],
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
