import type { Box } from "../../core/image.js";
import { hasInk, type InkProfile } from "./ink-profile.js";

/** A recognised character placed on the image's x axis. */
export interface PlacedCharacter {
  readonly text: string;
  /** Centre x in image pixels. */
  readonly x: number;
  readonly confidence: number;
}

/** A word found on a line, before it gets its line's vertical extent. */
export interface LineWord {
  readonly text: string;
  readonly x1: number;
  readonly x2: number;
  readonly confidence: number;
  readonly characters: readonly PlacedCharacter[];
}

/** The ink column nearest to x within `reach` columns, or x itself when there is none. */
function snapToInk(ink: InkProfile, x: number, reach: number): number {
  const centre = Math.round(x);
  for (let offset = 0; offset <= reach; offset += 1) {
    if (hasInk(ink, centre - offset, "tall")) return centre - offset;
    if (hasInk(ink, centre + offset, "tall")) return centre + offset;
  }
  return x;
}

/** Longest run of columns without tall-band ink between two x positions. */
function longestBlankRun(ink: InkProfile, from: number, to: number): number {
  let longest = 0;
  let run = 0;
  for (let x = Math.ceil(from); x <= Math.floor(to); x += 1) {
    if (hasInk(ink, x, "tall")) run = 0;
    else longest = Math.max(longest, (run += 1));
  }
  return longest;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/**
 * Splits a line's characters into words at recognised spaces, at underscores that stand on blank
 * letter-body columns (a link's underline read as "_"), and at ink gaps the recogniser did not read
 * as a space: as wide as 0.8 × the line's recognised spaces, or, on a line without any, as wide as
 * `gapFactor` × the line's height (default 0.15: bold headings, "Inbox (12)"). Each word's
 * horizontal extent is then fitted to its ink.
 */
export function splitLineIntoWords(
  characters: readonly PlacedCharacter[],
  line: Box,
  ink: InkProfile | undefined,
  gapFactor = 0.15,
): LineWord[] {
  const lineHeight = line.y2 - line.y1 + 1;
  const isSeparator = (character: PlacedCharacter): boolean =>
    character.text.trim() === "" ||
    (character.text === "_" && ink !== undefined && !hasInk(ink, character.x - 1) && !hasInk(ink, character.x) && !hasInk(ink, character.x + 1));
  const visible = characters.filter((character) => !isSeparator(character));
  const pitch =
    median(visible.slice(1).map((character, index) => character.x - (visible[index]?.x ?? 0))) ?? lineHeight * 0.5;
  // Blank run between each pair of neighbouring visible characters, and whether a space stood between them.
  const gaps: { blank: number; spaced: boolean }[] = [];
  let spacedSinceLast = false;
  let lastVisible: PlacedCharacter | undefined;
  for (const character of characters) {
    if (isSeparator(character)) {
      spacedSinceLast = true;
      continue;
    }
    if (lastVisible !== undefined) {
      // CTC places a narrow glyph ("1", "l") off its stem; measure between the inked columns nearest each centre.
      const blank =
        ink === undefined
          ? 0
          : longestBlankRun(ink, snapToInk(ink, lastVisible.x, pitch / 2), snapToInk(ink, character.x, pitch / 2));
      gaps.push({ blank, spaced: spacedSinceLast });
    }
    lastVisible = character;
    spacedSinceLast = false;
  }
  const spaceGap = median(gaps.filter((gap) => gap.spaced).map((gap) => gap.blank));
  // The recogniser drops spaces now and then, more often in small or tightly set text; letter gaps
  // in the tall band are 0–3 px where spaces are 3–9 px at 11–24 px text.
  const splitGap = spaceGap === undefined ? Math.max(3.5, gapFactor * lineHeight) : Math.max(3, 0.8 * spaceGap);
  const groups: PlacedCharacter[][] = [];
  const separators: number[] = [];
  let current: PlacedCharacter[] = [];
  let gapIndex = 0;
  for (const character of visible) {
    const previous = current[current.length - 1];
    const gap = previous === undefined ? undefined : gaps[gapIndex++];
    // Tabular digits set "1" with wide side bearings, as wide as a space.
    const needed = previous?.text === "1" || character.text === "1" ? splitGap + 0.1 * lineHeight : splitGap;
    if (previous !== undefined && gap !== undefined && (gap.spaced || (ink !== undefined && gap.blank >= needed))) {
      groups.push(current);
      separators.push((previous.x + character.x) / 2);
      current = [];
    }
    current.push(character);
  }
  if (current.length > 0) groups.push(current);
  return groups.map((group, index) => {
    const first = group[0] as PlacedCharacter;
    const last = group[group.length - 1] as PlacedCharacter;
    const left = Math.max(index > 0 ? (separators[index - 1] ?? line.x1) : line.x1, first.x - 1.2 * pitch, line.x1);
    const right = Math.min(index < separators.length ? (separators[index] ?? line.x2) : line.x2, last.x + 1.2 * pitch, line.x2);
    let x1 = first.x - pitch / 2;
    let x2 = last.x + pitch / 2;
    if (ink !== undefined) {
      let inkLeft: number | undefined;
      let inkRight: number | undefined;
      for (let x = Math.ceil(left); x <= Math.floor(right); x += 1) {
        if (hasInk(ink, x)) {
          inkLeft ??= x;
          inkRight = x;
        }
      }
      if (inkLeft !== undefined && inkRight !== undefined && inkLeft <= first.x + pitch / 2 && inkRight >= last.x - pitch / 2) {
        x1 = inkLeft;
        x2 = inkRight;
      }
    }
    const confidence = group.reduce((sum, character) => sum + character.confidence, 0) / group.length;
    return {
      text: group.map((character) => character.text).join(""),
      x1: Math.max(line.x1, x1),
      x2: Math.min(line.x2, x2),
      confidence,
      characters: group,
    };
  });
}
