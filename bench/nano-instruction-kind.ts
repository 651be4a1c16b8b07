/**
 * The kind of a synthetic instruction (tools/synth/instructions.ts's kinds), recovered from its wording: the
 * synth JSONL keeps the instructions but not their kinds. Heuristic, for per-kind breakdowns in benches only.
 * Region and context instructions have the same shape ("the Save button in the toolbar", "the View button
 * for Olga") and are reported together.
 */

/** What the synth JSONL keeps of an element. */
export interface SynthElement {
  readonly box: readonly [number, number, number, number];
  readonly role?: string;
  readonly text?: string;
  readonly label?: string;
  readonly function?: string;
  readonly instructions: readonly string[];
}

/** Instruction kinds as reported (region and context merged). */
export type RecoveredKind = "text" | "role" | "function" | "icon" | "region/context" | "ordinal" | "relation" | "position" | "other";

const POSITION = /(at the (top|bottom)( left| right)?|on the (left|right)|in the middle of the screen)$/;
const ORDINAL = /^the (first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last) .+ in /;
const RELATION = /^the .+ (next to|beside|left of|right of|above|below|labelled|under) /;
const REGION_OR_CONTEXT = /^the .+ (in|on|from|for) /;
const TEXT_FORMS = /^(the field that says |the cell with |the cell containing )/;

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").replace(/[.…:]+$/u, "").trim();
}

/** The kind `instruction` most likely has for `element` (see the module comment). */
export function instructionKind(instruction: string, element: SynthElement): RecoveredKind {
  const said = normalize(instruction);
  const name = normalize(element.text ?? "");
  const label = normalize(element.label ?? "");
  const action = normalize(element.function ?? "");
  if (action && said.includes(action)) return "function";
  if (POSITION.test(said)) return "position";
  if (ORDINAL.test(said)) return "ordinal";
  if (RELATION.test(said) || (label && said.startsWith("the ") && said.endsWith(` for ${label}`))) return "relation";
  if (REGION_OR_CONTEXT.test(said)) return "region/context";
  if (/\bicon\b|looks like/.test(said) || (said.endsWith(" button") && !(name && said.includes(name)) && !(label && said.includes(label)))) return "icon";
  if (TEXT_FORMS.test(said) || said === name || said === label || (label && (said === `${label} field` || said === `the ${label} input`))) return "text";
  if ((name && said.includes(name)) || (label && said.includes(label))) return "role";
  return "other";
}
