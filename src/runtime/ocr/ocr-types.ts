import type { Box } from "../../core/image.js";

/** One recognised character with its horizontal position in image pixels. */
export interface OcrCharacter {
  readonly text: string;
  /** Centre of the character in image pixels (from its CTC time steps × the recogniser's stride). */
  readonly x: number;
  /** 0..1: the recogniser's probability for this character. */
  readonly confidence: number;
}

/** One word: a run of characters between spaces on one text line. */
export interface OcrWord {
  readonly text: string;
  /** Box in image pixels: horizontal extent from the word's ink, vertical extent of its line. */
  readonly box: Box;
  /** 0..1: mean character probability. */
  readonly confidence: number;
  readonly characters: readonly OcrCharacter[];
  /** Index of the line in `OcrResult.lines`. */
  readonly lineIndex: number;
}

/** One detected text line (a DB detector region) and what the recogniser read in it. */
export interface OcrLine {
  readonly text: string;
  readonly box: Box;
  /** 0..1: mean character probability. */
  readonly confidence: number;
  /** 0..1: mean detector probability inside the region. */
  readonly detectionScore: number;
  /** Indices of this line's words in `OcrResult.words`, left to right. */
  readonly wordIndices: readonly number[];
}

/** What the OCR engine read on one image. */
export interface OcrResult {
  readonly width: number;
  readonly height: number;
  /** Lines, top to bottom then left to right. */
  readonly lines: readonly OcrLine[];
  /** Words of all lines, in line order. */
  readonly words: readonly OcrWord[];
  /** Milliseconds per stage: `detectPreprocess`, `detect`, `detectPostprocess`, `recognize`, `total`. */
  readonly timings: Readonly<Record<string, number>>;
  /** True when this result came from the engine's cache of recent screens. */
  readonly cached: boolean;
  /** Detected regions whose recognition was reused from recent screens (identical crops). */
  readonly reusedLines: number;
}
