/**
 * Splits an instruction into the phrase that names the target and the clauses around it: where on the
 * screen ("at the top right"), next to what ("the field below Email"), which one of a row or list ("the
 * third tab"), in which part of the page ("in the toolbar", "for Alice"), and a purpose wrapper ("where do
 * I …", "the button that will …"). Works on normalised text (`normalizeText`). Pure.
 */
import { elementNounAlternation, isBareElementNoun, withoutElementNoun } from "./element-nouns.js";
import { normalizeText } from "./instruction-text.js";

/** A part of the screen named by a position phrase; an undefined axis is not constrained. */
export interface ScreenArea {
  readonly vertical?: "top" | "middle" | "bottom";
  readonly horizontal?: "left" | "center" | "right";
}

/** Where the target is relative to another thing named by its text. */
export type RelationDirection = "left-of" | "right-of" | "above" | "below" | "next-to" | "labelled" | "row-of";

/** The parts of an instruction. */
export interface InstructionParts {
  /** The phrase naming the target itself ("save", "email address field"), normalised; may be "". */
  readonly subject: string;
  /** The subject's purpose phrase without its wrapper ("open the sitemap page"), when the instruction had one. */
  readonly purpose?: string;
  /** The screen area of a trailing position phrase. */
  readonly area?: ScreenArea;
  /** A relation to an anchor text ("below email" → `{ direction: "below", anchor: "email" }`). */
  readonly relation?: { readonly direction: RelationDirection; readonly anchor: string };
  /** "the third tab": 0-based index (−1 = last), the member noun, and the group phrase if any. */
  readonly ordinal?: { readonly index: number; readonly noun: string; readonly group?: string };
  /** A dropped region phrase ("the toolbar" of "… in the toolbar"). */
  readonly region?: string;
  /** The element noun the instruction names the target with ("text field" of "the Email text field"), if any. */
  readonly noun?: string;
}

const ordinalWords = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

// Position phrases at the end: "at the top right", "in the bottom left corner", "on the left side", "in the middle of the screen".
const positionPattern =
  /\s+(?:at|in|on|near)\s+the\s+(?:(top|bottom|upper|lower|middle|center|centre)\s*(left|right|middle|center|centre)?|(left|right))(?:\s+(?:corner|side|edge|part|half))?(?:\s+of\s+(?:the\s+)?(?:screen|page|window))?$/;

// Purpose wrappers at the start: "where do I", "I want to", "how can I", "help me".
const purposeLead = /^(?:where|how)\s+(?:do|can|should|would)\s+i\s+|^i\s+(?:want|need|would like|d like)\s+to\s+|^help\s+me\s+|^let\s+me\s+/;

const elementNounLead = new RegExp(`^(?:the\\s+|a\\s+|an\\s+)?(${elementNounAlternation})\\s+(?:that\\s+(?:will|can|lets\\s+you|allows\\s+you\\s+to)|which\\s+will|to|used\\s+to)\\s+`);

const relationPattern =
  /^(.*?)\s+(next to|beside|besides|by|near|to the left of|left of|on the left of|to the right of|right of|on the right of|above|over|below|under|underneath|beneath|labelled|labeled|named|called|for|of|from)\s+(.+)$/;

const relationDirections: Record<string, RelationDirection> = {
  "next to": "next-to", beside: "next-to", besides: "next-to", by: "next-to", near: "next-to",
  "to the left of": "left-of", "left of": "left-of", "on the left of": "left-of",
  "to the right of": "right-of", "right of": "right-of", "on the right of": "right-of",
  above: "above", over: "above", below: "below", under: "below", underneath: "below", beneath: "below",
  labelled: "labelled", labeled: "labelled", named: "labelled", called: "labelled",
  for: "row-of", of: "row-of", from: "row-of",
};

/** Splits a normalised or raw instruction into its parts (see the module comment). */
export function splitInstruction(instruction: string): InstructionParts {
  let text = normalizeText(instruction);
  let purpose: string | undefined;
  let area: ScreenArea | undefined;
  let relation: InstructionParts["relation"];
  let ordinal: InstructionParts["ordinal"];
  let region: string | undefined;

  const position = positionPattern.exec(text);
  if (position !== null && position.index > 0) {
    area = screenArea(position[1], position[2], position[3]);
    text = text.slice(0, position.index).trim();
  }
  let noun: string | undefined;
  const lead = purposeLead.exec(text) ?? elementNounLead.exec(text);
  if (lead !== null && lead[0].length < text.length) {
    text = text.slice(lead[0].length).trim();
    purpose = text;
    noun = lead[1];
  }
  const ordinalMatch = /^(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|(\d+)(?:st|nd|rd|th))\s+(.+?)(?:\s+(?:in|on|of|from)\s+(?:the\s+)?(.+))?$/.exec(text);
  if (ordinalMatch !== null && purpose === undefined) {
    const word = ordinalMatch[1] ?? "";
    const index = word === "last" ? -1 : ordinalMatch[2] !== undefined ? Number(ordinalMatch[2]) - 1 : ordinalWords.indexOf(word);
    const group = ordinalMatch[4];
    ordinal = { index, noun: ordinalMatch[3] ?? "", ...(group === undefined ? {} : { group }) };
    return { subject: "", ...(area === undefined ? {} : { area }), ordinal };
  }
  const relationMatch = purpose === undefined ? relationPattern.exec(text) : null;
  if (relationMatch !== null) {
    const [, before = "", connective = "", after = ""] = relationMatch;
    const direction = relationDirections[connective] ?? "next-to";
    // "for" / "of" / "from" relate only a described element to a row ("the View button for Olga") or a
    // bare element noun to its label ("the checkbox for Remember me"); otherwise they belong to the text.
    const described = before.replace(/^(?:the|a|an)\s+/, "");
    const describes = /^(?:the|a|an)\s/.test(before) && (isBareElementNoun(described) || withoutElementNoun(described).noun !== undefined);
    if (direction !== "row-of" || describes) {
      relation = { direction: direction === "row-of" && isBareElementNoun(before) ? "labelled" : direction, anchor: after };
      text = before;
    }
  }
  // "the field that says Search", "the cell containing Total": the text is on the element itself.
  const says = /^(?:the\s+|a\s+|an\s+)?([a-z ]+?)\s+(?:that says|that reads|saying|reading|with the text|with text|containing|with)\s+(.+)$/.exec(text);
  if (relation === undefined && says !== null && isBareElementNoun(says[1] ?? "")) {
    const saysNoun = (says[1] ?? "").replace(/^(?:the|a|an)\s+/, "");
    return { subject: says[2] ?? "", noun: saysNoun, ...(area === undefined ? {} : { area }), ...(purpose === undefined ? {} : { purpose }) };
  }
  if (relation === undefined) {
    const regionMatch = /^(.+?)\s+(?:in|on|inside|within)\s+(?:the|a|this|your)\s+(.+)$/.exec(text);
    if (regionMatch !== null && purpose === undefined) {
      text = regionMatch[1] ?? text;
      region = regionMatch[2];
    }
  }
  const subject = text.replace(/^(?:the|a|an)\s+/, "");
  noun ??= isBareElementNoun(subject) ? subject : withoutElementNoun(subject).noun;
  return {
    subject,
    ...(noun === undefined || noun === "" ? {} : { noun }),
    ...(purpose === undefined ? {} : { purpose }),
    ...(area === undefined ? {} : { area }),
    ...(relation === undefined ? {} : { relation }),
    ...(region === undefined ? {} : { region }),
  };
}

function screenArea(first: string | undefined, second: string | undefined, side: string | undefined): ScreenArea {
  if (side !== undefined) return { horizontal: side as "left" | "right" };
  const vertical = first === "top" || first === "upper" ? "top" : first === "bottom" || first === "lower" ? "bottom" : "middle";
  const horizontal = second === "left" || second === "right" ? second : second === undefined ? undefined : "center";
  if (vertical === "middle" && horizontal === undefined) return { vertical: "middle", horizontal: "center" };
  return horizontal === undefined ? { vertical } : { vertical, horizontal };
}
