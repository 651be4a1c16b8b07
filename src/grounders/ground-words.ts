import type { LocatedPoint } from "../core/grounder.js";
import type { Box, RgbImage } from "../core/image.js";
import { findLabelledControl, isEnclosed, type ControlKind, type ControlSearch } from "./control-finder.js";
import { isBareElementNoun } from "./element-nouns.js";
import { parseInstruction } from "./instruction-text.js";
import { splitInstruction, type InstructionParts, type RelationDirection } from "./instruction-parts.js";
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
  /**
   * The screenshot the words were read on. With it, an instruction that names a control by its label ("the
   * Remember me checkbox", "the Email field", "the checkbox next to Remember me") points at the control drawn
   * beside or under the label (`findLabelledControl`) instead of at the label. Default: none (labels only).
   */
  image?: RgbImage;
}

/** Score factor of a match outside the named screen area, or on the wrong side of the named anchor. */
const misplaced = 0.7;
/** Score factor of readings that fall back to the whole instruction when its parts were split off. */
const wholeInstructionWeight = 0.85;
/** Score factor of a match that is part of a longer OCR line (a sentence) rather than a whole label. */
const insideLongerLine = 0.96;
/** Matches, best first, whose control is looked for when the instruction names one. */
const controlledCandidates = 6;
/** Score factor of a match for a named control kind when no such control is drawn beside it. */
const withoutControl = 0.97;
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
    // The anchor is read as written: "Job title" keeps its "title".
    const anchorWords = parts.relation.anchor.replace(/^(?:the|a|an)\s+/, "").split(" ");
    const [best] = matchTarget([anchorWords, ...parseInstruction(parts.relation.anchor).variants], words, 1);
    if (best !== undefined) anchor = scaled(best, 1);
  }
  const kinds = controlKinds(parts, instruction);
  const wordBoxes = words.map((word) => word.box);
  const subjectless = parts.subject === "" || isBareElementNoun(parts.subject);
  if (options.image !== undefined && subjectless && parts.relation !== undefined && anchor !== undefined) {
    // "the checkbox next to Remember me": the target is the shape of that kind on that side of the anchor.
    const control = firstControl(options.image, anchor.box, kinds.length > 0 ? kinds : ["icon"], wordBoxes, sideOf(parts.relation.direction));
    if (control !== undefined) {
      const point = { ...boxCentre(control), confidence: Math.min(1, anchor.score * readConfidenceOf(anchor, words)), matchedText: anchor.text };
      return point.confidence >= minScore ? [point] : [];
    }
  }
  // Lines by index, to tell a whole label from a word inside a sentence.
  const lineLengths = new Map<number, number>();
  for (const word of words) lineLengths.set(word.lineIndex, (lineLengths.get(word.lineIndex) ?? 0) + 1);
  const placed = candidates
    // A match inside a longer match that reads as well is the same text read without its first word
    // ("notifications" of "Push notifications", whose "push" was taken for a verb): keep the longer.
    .filter((candidate) => !candidates.some((other) => other.wordIndices.length > candidate.wordIndices.length && other.score >= candidate.score - 0.05 && candidate.wordIndices.every((index) => other.wordIndices.includes(index))))
    .map((candidate) => {
    let factor = 1;
    // UI labels are whole OCR lines; the same word inside a sentence is less likely the target.
    const line = words[candidate.wordIndices[0] ?? 0]?.lineIndex ?? -1;
    if (candidate.wordIndices.length < (lineLengths.get(line) ?? 0)) factor *= insideLongerLine;
    if (parts.area !== undefined && !inScreenArea(boxCentre(candidate.box), parts.area, screen.width, screen.height)) factor *= misplaced;
    if (parts.relation !== undefined && anchor !== undefined) {
      const overlapsAnchor = candidate.wordIndices.some((index) => anchor.wordIndices.includes(index));
      const fit = overlapsAnchor ? 0 : relationFit(candidate.box, anchor.box, parts.relation.direction);
      factor *= misplaced + (1 - misplaced) * fit;
    }
    return { candidate, confidence: Math.min(1, Math.max(0, candidate.score * factor * readConfidenceOf(candidate, words))) };
  });
  placed.sort((a, b) => b.confidence - a.confidence);
  // A label of a control ("Remember me" of "the Remember me checkbox"): point at the control it labels, or
  // at text inside a drawn field (a placeholder). Among the best few matches, those with their control win
  // ties ("Password" in the input over "password?" in "Forgot password?").
  const image = options.image;
  const targets = placed.map(({ candidate, confidence }, rank) => {
    if (image === undefined || kinds.length === 0 || rank >= controlledCandidates) return { candidate, confidence, box: candidate.box };
    if (kinds[0] === "field" && isEnclosed(image, candidate.box)) return { candidate, confidence, box: candidate.box };
    const control = firstControl(image, candidate.box, kinds, wordBoxes, undefined);
    return control === undefined ? { candidate, confidence: confidence * withoutControl, box: candidate.box } : { candidate, confidence, box: control };
  });
  targets.sort((a, b) => b.confidence - a.confidence);
  const points: LocatedPoint[] = [];
  const used = new Set<number>();
  for (const { candidate, confidence, box } of targets) {
    if (points.length >= maxPoints || confidence < minScore) break;
    if (candidate.wordIndices.some((index) => used.has(index))) continue;
    for (const index of candidate.wordIndices) used.add(index);
    points.push({ ...boxCentre(box), confidence, matchedText: candidate.text });
  }
  return points;
}

function scaled(match: TextMatch, weight: number): Candidate {
  return { box: match.box, score: match.score * weight, text: match.text, wordIndices: match.wordIndices };
}

function readConfidenceOf(candidate: Candidate, words: readonly ScreenWord[]): number {
  return candidate.wordIndices.reduce((sum, index) => sum + (words[index]?.confidence ?? 0), 0) / candidate.wordIndices.length;
}

/** Control kinds by the nouns that name them. */
const controlNouns: Record<string, ControlKind> = {
  checkbox: "check", "check box": "check", radio: "check", "radio button": "check", switch: "switch", toggle: "switch",
  "toggle switch": "switch", field: "field", "text field": "field", "text box": "field", textbox: "field", textfield: "field",
  input: "field", "input box": "field", "input field": "field", "entry field": "field", box: "field", dropdown: "field",
  "drop down": "field", "drop down menu": "field", "dropdown menu": "field", "select box": "field", "combo box": "field",
  combobox: "field", slider: "slider", option: "check",
};

/** The kinds of control an instruction names, by its element noun or its verb ("tick", "type in", "turn on"). */
function controlKinds(parts: InstructionParts, instruction: string): ControlKind[] {
  const byNoun = parts.noun === undefined ? undefined : controlNouns[parts.noun];
  if (byNoun !== undefined) return [byNoun];
  const text = ` ${parts.purpose ?? ""} ${instruction.toLowerCase()} `;
  if (/\s(?:tick|untick|check|uncheck)\s/.test(text)) return ["check"];
  if (/\s(?:turn|switch)\s+(?:on|off)\s|\s(?:enable|disable)\s/.test(text)) return ["switch", "check"];
  if (/^\s*(?:type|enter|fill)\s/.test(parts.purpose ?? instruction.toLowerCase())) return ["field"];
  return [];
}

function sideOf(direction: RelationDirection): ControlSearch["side"] {
  switch (direction) {
    case "left-of":
      return "left";
    case "right-of":
      return "right";
    case "below":
      return "below";
    case "above":
      return "above";
    case "next-to":
    case "row-of":
      return "beside";
    case "labelled":
      return "beside-or-below";
  }
}

function firstControl(image: RgbImage, label: Box, kinds: readonly ControlKind[], words: readonly Box[], side: ControlSearch["side"]): Box | undefined {
  for (const kind of kinds) {
    const control = findLabelledControl(image, { label, kind, words, ...(side === undefined ? {} : { side }) });
    if (control !== undefined) return control;
  }
  return undefined;
}
