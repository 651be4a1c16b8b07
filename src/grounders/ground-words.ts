import type { LocatedPoint } from "../core/grounder.js";
import { parseInstruction } from "./instruction-text.js";
import { matchTarget, type ScreenWord } from "./text-match.js";

/** Options of `groundInWords`. */
export interface WordGroundingOptions {
  /** Most points returned. Default 1. */
  maxPoints?: number;
  /** Points whose confidence is below this are dropped. Default 0 (keep all). */
  minScore?: number;
  /** Size of the screenshot the words were read on, for position phrases ("at the top right"). Default: the words' extent. */
  screen?: { readonly width: number; readonly height: number };
}

/**
 * Points at the words that read like the instruction's target: the OCR grounder's decision, given the
 * words it read. Each point's confidence is its text score × how confidently its words were read; no
 * point left above `minScore` means not-found. Pure.
 */
export function groundInWords(instruction: string, words: readonly ScreenWord[], options: WordGroundingOptions = {}): LocatedPoint[] {
  const maxPoints = options.maxPoints ?? 1;
  const minScore = options.minScore ?? 0;
  const target = parseInstruction(instruction);
  return matchTarget(target.variants, words, maxPoints)
    .map((match) => {
      const readConfidence = match.wordIndices.reduce((sum, index) => sum + (words[index]?.confidence ?? 0), 0) / match.wordIndices.length;
      return {
        x: (match.box.x1 + match.box.x2) / 2,
        y: (match.box.y1 + match.box.y2) / 2,
        confidence: Math.min(1, Math.max(0, match.score * readConfidence)),
        matchedText: match.text,
      };
    })
    .filter((point) => point.confidence >= minScore);
}
