import { describe, expect, it } from "vitest";
import { parseInstruction } from "./instruction-text.js";
import { editDistance, foldConfusables, matchTarget, similarity, type ScreenWord } from "./text-match.js";

describe("editDistance", () => {
  const cases: [string, string, number][] = [
    ["", "", 0],
    ["save", "save", 0],
    ["save", "sale", 1],
    ["accessibility", "accessibilty", 1],
    ["kitten", "sitting", 3],
    ["登录", "登入", 1],
  ];
  for (const [a, b, distance] of cases) {
    it(`${a} ↔ ${b} = ${distance}`, () => {
      expect(editDistance(a, b)).toBe(distance);
      expect(editDistance(b, a)).toBe(distance);
    });
  }
  it("similarity is 1 − distance / longer length", () => expect(similarity("save", "sale")).toBeCloseTo(0.75, 6));
});

/** A screen of lines; each word 10 px per character plus a 5 px space, lines 30 px apart. */
function screen(lines: string[], confidence = 0.95): ScreenWord[] {
  const words: ScreenWord[] = [];
  lines.forEach((line, lineIndex) => {
    let x = 0;
    for (const text of line.split(" ")) {
      words.push({ text, box: { x1: x, y1: lineIndex * 30, x2: x + text.length * 10 - 1, y2: lineIndex * 30 + 19 }, confidence, lineIndex });
      x += text.length * 10 + 5;
    }
  });
  return words;
}

const page = screen([
  "File Edit View Help",
  "Save Cancel Export PDF",
  "Remember me on this device",
  "Accessibilty Cookies",
  "Search Wikidata",
  "Quarterlyrevenue report",
  "登录/注册",
]);

describe("matchTarget", () => {
  const cases: { instruction: string; text?: string; minScore: number; maxScore?: number; centreX?: number }[] = [
    { instruction: "Save", text: "Save", minScore: 1 },
    { instruction: "the Cancel button", text: "Cancel", minScore: 0.99 },
    { instruction: "click on 'Export PDF'", text: "Export PDF", minScore: 1 },
    { instruction: "Remember me checkbox", text: "Remember me", minScore: 0.99 },
    // A misread word still matches, below an exact one.
    { instruction: "Accessibility", text: "Accessibilty", minScore: 0.9, maxScore: 0.95 },
    // Spaces ignored: OCR merged words are found by a phrase.
    { instruction: "quarterly revenue", text: "Quarterlyrevenue", minScore: 0.99 },
    // The target inside a longer word narrows the box: "注册" is the right half of "登录/注册".
    { instruction: "点击注册", text: "登录/注册", minScore: 0.8, centreX: 37 },
    // "quarterly" starts the merged word "Quarterlyrevenue" (16 characters, 160 px): its first 9/16.
    // It scores 0.5 + 0.2 × 9/16, below the default threshold: "upload" inside "uploaded" scores alike.
    { instruction: "quarterly", text: "Quarterlyrevenue", minScore: 0.61, maxScore: 0.62, centreX: 44.5 },
    // Coverage: the screen shows part of a longer instruction.
    { instruction: "input word to search in wikidata", text: "Search Wikidata", minScore: 0.7, maxScore: 0.85 },
    // Absent targets score low.
    { instruction: "Delete account", minScore: 0, maxScore: 0.5 },
    { instruction: "the OK button", minScore: 0, maxScore: 0.5 },
  ];
  for (const testCase of cases) {
    it(testCase.instruction, () => {
      const [best] = matchTarget(parseInstruction(testCase.instruction).variants, page);
      const score = best?.score ?? 0;
      expect(score).toBeGreaterThanOrEqual(testCase.minScore - 1e-9);
      expect(score).toBeLessThanOrEqual(testCase.maxScore ?? 1);
      if (testCase.text !== undefined) expect(best?.text).toBe(testCase.text);
      if (testCase.centreX !== undefined && best !== undefined) expect((best.box.x1 + best.box.x2) / 2).toBeCloseTo(testCase.centreX, 1);
    });
  }

  it("returns distinct matches best first, up to the limit", () => {
    const twoSaves = screen(["Save draft", "Save"]);
    const matches = matchTarget([["save"]], twoSaves, 3).filter((match) => match.score >= 0.7);
    expect(matches.map((match) => [match.text, match.wordIndices])).toEqual([
      ["Save", [2]],
      ["Save", [0]],
    ]);
  });
});

describe("foldConfusables", () => {
  const cases: [string, string][] = [
    ["all", "all"],
    ["ali", "all"],
    ["a1l", "all"],
    ["l0g", "log"],
    ["rnodern", "modem"],
  ];
  for (const [input, folded] of cases) it(`${input} → ${folded}`, () => expect(foldConfusables(input)).toBe(folded));
  it("an OCR misreading of a label matches it exactly", () => {
    const [match] = matchTarget([["select", "all"]], screen(["Select AI l"]));
    expect(match?.score).toBeCloseTo(1, 6);
  });
});
