import { describe, expect, it } from "vitest";
import type { InkProfile } from "./ink-profile.js";
import { splitLineIntoWords, type PlacedCharacter } from "./word-split.js";

/** Characters at the given centres; a space is `" "`. */
function placed(text: string, xs: number[]): PlacedCharacter[] {
  return [...text].map((character, index) => ({ text: character, x: xs[index] ?? 0, confidence: 0.9 }));
}

/** Ink profile over columns 0..99 from a string: "#" is ink in both layers, "_" only in the tall band. */
function ink(pattern: string): InkProfile {
  const body = Uint8Array.from([...pattern].map((c) => (c === "#" ? 1 : 0)));
  const tall = Uint8Array.from([...pattern].map((c) => (c === "#" || c === "_" ? 1 : 0)));
  return { start: 0, body, tall, top: 0, bottom: 19 };
}

const line = { x1: 0, y1: 0, x2: 99, y2: 19 };

describe("splitLineIntoWords", () => {
  const cases: { name: string; text: string; xs: number[]; ink?: string; words: [string, number, number][] }[] = [
    {
      name: "recognised spaces split; extents from character pitch without ink",
      text: "ab cd",
      xs: [10, 16, 22, 28, 34],
      words: [["ab", 7, 19], ["cd", 25, 37]],
    },
    {
      name: "extents fitted to ink",
      text: "ab cd",
      xs: [10, 16, 22, 28, 34],
      ink: "........######...........#########",
      words: [["ab", 8, 13], ["cd", 25, 33]],
    },
    {
      name: "a wide blank splits a line the recogniser read without spaces",
      text: "abcd",
      xs: [10, 16, 40, 46],
      ink: "........##########.....................##########",
      words: [["ab", 8, 17], ["cd", 39, 48]],
    },
    {
      name: "narrow letter gaps do not split",
      text: "abcd",
      xs: [10, 16, 22, 28],
      ink: "........#####.#####.#####.####",
      words: [["abcd", 8, 29]],
    },
    {
      name: "an underscore on a blank body column is an underline between link words",
      text: "ab_cd",
      xs: [10, 16, 22, 28, 34],
      ink: "........###########_______#########",
      words: [["ab", 8, 18], ["cd", 26, 34]],
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const words = splitLineIntoWords(placed(testCase.text, testCase.xs), line, testCase.ink === undefined ? undefined : ink(testCase.ink));
      expect(words.map((word) => [word.text, word.x1, word.x2])).toEqual(testCase.words);
    });
  }

  it("averages character confidences per word", () => {
    const characters = [
      { text: "a", x: 10, confidence: 1 },
      { text: "b", x: 16, confidence: 0.5 },
    ];
    expect(splitLineIntoWords(characters, line, undefined)[0]?.confidence).toBeCloseTo(0.75, 6);
  });
});
