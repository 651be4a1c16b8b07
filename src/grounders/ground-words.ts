import type { LocatedPoint } from "../core/grounder.js";
import type { Box } from "../core/image.js";
import { isBareElementNoun } from "./element-nouns.js";
import { parseInstruction } from "./instruction-text.js";
import { splitInstruction } from "./instruction-parts.js";
import { matchTarget, type ScreenWord, type TextMatch } from "./text-match.js";
import { boxCentre, inScreenArea, relationFit } from "./word-geometry.js";

/** Options of `groundInWords`. */
export interface WordGroundingOptions {
  /** Most points returned. Default 1. */
  maxPoints?: number;
  /** Points whose confidence is below this are dropped. Default 0 (keep all). */
  minScore?: number;
  /** Size of the screenshot the words were read on, for position phrases ("at the top right"). Default: the words' extent. */
  screen?: { readonly width: number; readonly height: number };
}

/** Score factor of a match outside the named screen area, or on the wrong side of the named anchor. */
const misplaced = 0.7;
/** Score factor of readings that fall back to the whole instruction when its parts were split off. */
const wholeInstructionWeight = 0.85;
/** Candidates considered per reading before areas and relations re-rank them (a product grid repeats "Add to cart"). */
const candidatesPerReading = 16;

interface Candidate {
  readonly box: Box;
  readonly score: number;
  readonly text: string;
  readonly wordIndices: readonly number[];
}

/**
 * Points at the words that read like the instruction's target: the OCR grounder's decision, given the
 * words it read. The instruction is split into its parts (`splitInstruction`): the subject's text is
 * matched (`matchTarget`), a purpose phrase ("where do I open Billing?") by its object, and matches
 * outside a named screen area or on the wrong side of a named anchor ("the Size field below Tools") lose
 * to those that fit. Each point's confidence is its score × how confidently its words were read; no point
 * left above `minScore` means not-found. Pure.
 */
export function groundInWords(instruction: string, words: readonly ScreenWord[], options: WordGroundingOptions = {}): LocatedPoint[] {
  const maxPoints = options.maxPoints ?? 1;
  const minScore = options.minScore ?? 0;
  const screen = options.screen ?? {
    width: Math.max(1, ...words.map((word) => word.box.x2 + 1)),
    height: Math.max(1, ...words.map((word) => word.box.y2 + 1)),
  };
  const parts = splitInstruction(instruction);
  const whole = parseInstruction(instruction);
  const candidates: Candidate[] = [];
  const collect = (variants: readonly (readonly string[])[], weight: number): void => {
    for (const match of matchTarget(variants, words, candidatesPerReading)) candidates.push(scaled(match, weight));
  };
  if (whole.quoted) collect(whole.variants.slice(0, 1), 1);
  const split = parts.area !== undefined || parts.relation !== undefined || parts.region !== undefined || parts.purpose !== undefined;
  if (parts.purpose !== undefined) collect(parseInstruction(parts.purpose).variants, 1);
  if (parts.subject !== "" && !isBareElementNoun(parts.subject)) collect(parseInstruction(parts.subject).variants, 1);
  if (!split || candidates.length === 0) collect(whole.variants, split ? wholeInstructionWeight : 1);

  let anchor: Candidate | undefined;
  if (parts.relation !== undefined) {
    const [best] = matchTarget(parseInstruction(parts.relation.anchor).variants, words, 1);
    if (best !== undefined) anchor = scaled(best, 1);
  }
  const placed = candidates.map((candidate) => {
    let factor = 1;
    if (parts.area !== undefined && !inScreenArea(boxCentre(candidate.box), parts.area, screen.width, screen.height)) factor *= misplaced;
    if (parts.relation !== undefined && anchor !== undefined) {
      const overlapsAnchor = candidate.wordIndices.some((index) => anchor.wordIndices.includes(index));
      const fit = overlapsAnchor ? 0 : relationFit(candidate.box, anchor.box, parts.relation.direction);
      factor *= misplaced + (1 - misplaced) * fit;
    }
    const readConfidence = candidate.wordIndices.reduce((sum, index) => sum + (words[index]?.confidence ?? 0), 0) / candidate.wordIndices.length;
    return { candidate, confidence: Math.min(1, Math.max(0, candidate.score * factor * readConfidence)) };
  });
  placed.sort((a, b) => b.confidence - a.confidence);
  const points: LocatedPoint[] = [];
  const used = new Set<number>();
  for (const { candidate, confidence } of placed) {
    if (points.length >= maxPoints || confidence < minScore) break;
    if (candidate.wordIndices.some((index) => used.has(index))) continue;
    for (const index of candidate.wordIndices) used.add(index);
    points.push({ ...boxCentre(candidate.box), confidence, matchedText: candidate.text });
  }
  return points;
}

function scaled(match: TextMatch, weight: number): Candidate {
  return { box: match.box, score: match.score * weight, text: match.text, wordIndices: match.wordIndices };
}
