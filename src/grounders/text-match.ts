import type { Box } from "../core/image.js";
import { isFillerWord, normalizeText } from "./instruction-text.js";

/** A word read on screen, as the matcher needs it. */
export interface ScreenWord {
  readonly text: string;
  readonly box: Box;
  /** 0..1 reading confidence. */
  readonly confidence: number;
  /** Words with the same line index are neighbours on one text line, in reading order. */
  readonly lineIndex: number;
}

/** A span of consecutive words on one line that reads like the target. */
export interface TextMatch {
  /** 0..1: how well the span reads like the target (1 = the same normalised text). */
  readonly score: number;
  /** Where the matched text is, in image pixels. */
  readonly box: Box;
  /** The matched words' text, as read. */
  readonly text: string;
  /** Indices of the matched words in the input. */
  readonly wordIndices: readonly number[];
}

/** Levenshtein distance (insertions, deletions and substitutions cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const left = [...a];
  const right = [...b];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= right.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/** 1 − edit distance / longer length: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const length = Math.max([...a].length, [...b].length);
  return length === 0 ? 1 : 1 - editDistance(a, b) / length;
}

/**
 * Writes the characters OCR confuses in UI fonts as one: i, l, 1 and | as "l" ("AlI" reads as "all"), 0 as
 * "o", "rn" as "m", "vv" as "w". Both sides of a comparison are folded, so equal texts stay equal.
 */
export function foldConfusables(text: string): string {
  return text.replace(/[il1|]/g, "l").replace(/0/g, "o").replace(/rn/g, "m").replace(/vv/g, "w");
}

/** Weight of each reading of the target: later readings of an instruction are less likely. */
const variantWeights = [1, 0.97, 0.94, 0.9];

/**
 * Scores spans of consecutive words on each line against each reading of the target and returns
 * the matches, best first. A span scores by:
 * - whole-text similarity (edit distance, spaces ignored, so OCR's merged or split words still match;
 *   characters OCR confuses folded together, `foldConfusables`);
 * - containment: a CJK target inside a longer run of text, 0.8–1.0 by the share of the span it covers
 *   (0.5–0.7 for a spaced-script target that starts a word), with the box narrowed to that share;
 * - coverage: the span's words found, in order, among a longer target's words ("search wikidata"
 *   in "input word to search in wikidata"), 0.4 + 0.5 × the share of the target's characters covered.
 * Overlapping matches keep only the best. Pure.
 */
export function matchTarget(variants: readonly (readonly string[])[], words: readonly ScreenWord[], maxMatches = 5): TextMatch[] {
  const normalized = words.map((word) => foldConfusables(normalizeText(word.text)));
  const lines = new Map<number, number[]>();
  words.forEach((word, index) => {
    if (normalized[index] === "") return;
    const line = lines.get(word.lineIndex) ?? [];
    line.push(index);
    lines.set(word.lineIndex, line);
  });
  const candidates: TextMatch[] = [];
  variants.forEach((variant, variantIndex) => {
    const weight = variantWeights[Math.min(variantIndex, variantWeights.length - 1)] ?? 0.9;
    const target = foldConfusables(variant.join(""));
    const targetLength = [...target].length;
    if (targetLength === 0) return;
    const contentWords = variant.filter((word) => !isFillerWord(word)).map(foldConfusables);
    for (const line of lines.values()) {
      for (let start = 0; start < line.length; start += 1) {
        let compact = "";
        for (let end = start; end < line.length; end += 1) {
          compact += (normalized[line[end] ?? 0] ?? "").replace(/ /g, "");
          const span = line.slice(start, end + 1);
          const spanLength = [...compact].length;
          const scored = scoreSpan(target, targetLength, compact, spanLength, contentWords, span.map((i) => normalized[i] ?? ""));
          if (scored !== undefined) {
            const box = spanBox(span.map((i) => (words[i] as ScreenWord).box), scored.from, scored.to);
            candidates.push({
              score: scored.score * weight,
              box,
              text: span.map((i) => words[i]?.text ?? "").join(" "),
              wordIndices: span,
            });
          }
          if (spanLength > 2 * targetLength + 4) break;
        }
      }
    }
  });
  // Best score first; among equals, a whole label (the span is its whole line, as on a button) before
  // words inside a sentence, then the more confidently read, then the longer, then reading order.
  const confidence = (match: TextMatch): number =>
    match.wordIndices.reduce((sum, index) => sum + (words[index]?.confidence ?? 0), 0) / match.wordIndices.length;
  const wholeLine = (match: TextMatch): number =>
    match.wordIndices.length === (lines.get(words[match.wordIndices[0] ?? 0]?.lineIndex ?? -1)?.length ?? 0) ? 1 : 0;
  candidates.sort(
    (a, b) =>
      b.score - a.score ||
      wholeLine(b) - wholeLine(a) ||
      confidence(b) - confidence(a) ||
      b.wordIndices.length - a.wordIndices.length ||
      (a.wordIndices[0] ?? 0) - (b.wordIndices[0] ?? 0),
  );
  const kept: TextMatch[] = [];
  for (const candidate of candidates) {
    if (kept.length >= maxMatches) break;
    if (kept.some((match) => match.wordIndices.some((index) => candidate.wordIndices.includes(index)))) continue;
    kept.push(candidate);
  }
  return kept;
}

/** Score of one span, with the share [from, to) of its width that holds the match. */
function scoreSpan(
  target: string,
  targetLength: number,
  compact: string,
  spanLength: number,
  contentWords: readonly string[],
  spanWords: readonly string[],
): { score: number; from: number; to: number } | undefined {
  let best: { score: number; from: number; to: number } | undefined;
  const consider = (score: number, from = 0, to = 1): void => {
    if (best === undefined || score > best.score) best = { score, from, to };
  };
  consider(similarity(target, compact));
  if (spanLength > targetLength && targetLength >= 2) {
    const at = compact.indexOf(target);
    if (at >= 0) {
      const from = [...compact.slice(0, at)].length;
      const share = targetLength / spanLength;
      // Scripts written without spaces put labels inside longer runs ("注册" in "登录/注册"); in spaced
      // scripts a target starting a word may be OCR's merge of two words ("remember" in "rememberme")
      // but is as often another word ("upload" in "uploaded"), so it stays below the default threshold.
      if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u.test(target)) {
        consider(0.8 + 0.2 * share, from / spanLength, (from + targetLength) / spanLength);
      } else if (wordStarts(spanWords).has(at)) {
        consider(0.5 + 0.2 * share, from / spanLength, (from + targetLength) / spanLength);
      }
    }
  }
  if (spanLength < targetLength && contentWords.length > 1) {
    const covered = coveredCharacters(contentWords, spanWords);
    const contentLength = contentWords.reduce((sum, word) => sum + [...word].length, 0);
    if (covered > 0 && contentLength > 0) consider(0.4 + 0.5 * (covered / contentLength));
  }
  return best;
}

/** Offsets in the span's compact text where a word starts. */
function wordStarts(spanWords: readonly string[]): Set<number> {
  const starts = new Set<number>();
  let offset = 0;
  for (const piece of spanWords.flatMap((word) => word.split(" "))) {
    starts.add(offset);
    offset += piece.length;
  }
  return starts;
}

/** Characters of the target's words covered, in order, by the span's words (fuzzy, ≥ 0.8 similar). */
function coveredCharacters(targetWords: readonly string[], spanWords: readonly string[]): number {
  const pieces = spanWords.flatMap((word) => word.split(" ")).filter((word) => word !== "");
  if (pieces.length === 0) return 0;
  for (let offset = 0; offset + pieces.length <= targetWords.length; offset += 1) {
    let covered = 0;
    let all = true;
    pieces.forEach((piece, index) => {
      const word = targetWords[offset + index] ?? "";
      const close = [...word].length >= 4 ? similarity(word, piece) >= 0.8 : word === piece;
      if (close) covered += [...word].length;
      else all = false;
    });
    if (all) return covered;
  }
  return 0;
}

/** Union of the span's word boxes, narrowed horizontally to the share [from, to) of its width. */
function spanBox(boxes: readonly Box[], from: number, to: number): Box {
  const union = boxes.reduce((a, b) => ({
    x1: Math.min(a.x1, b.x1),
    y1: Math.min(a.y1, b.y1),
    x2: Math.max(a.x2, b.x2),
    y2: Math.max(a.y2, b.y2),
  }));
  if (from === 0 && to === 1) return union;
  const width = union.x2 - union.x1 + 1;
  return { x1: union.x1 + from * width, y1: union.y1, x2: union.x1 + to * width - 1, y2: union.y2 };
}
