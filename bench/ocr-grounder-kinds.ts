// The kind of a synthetic instruction (the kinds of tools/synth/instructions.ts), read back from its wording
// and its element, since the JSONL does not store it. Region and context share one shape and are one kind.
// A heuristic for per-kind tables in benches, not for grounding.
import type { EvalItem } from "./ocr-grounder-sets.js";

const kindPatterns: [string, RegExp][] = [
  ["position", /\s(?:at the (?:top|bottom)(?: left| right)?|on the (?:left|right)|in the middle of the screen)$/],
  ["ordinal", /^the (?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last) \S+(?: \S+)? in /],
  ["relation", /^the .+ (?:next to|beside|left of|right of|above|below|under|labelled) /],
  ["region/context", /^the .+ (?:in|on|for|from) /],
];

function plain(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").replace(/[.…:]+$/u, "").trim();
}

/** Kind of a positive synthetic item: text, role, function, icon, position, ordinal, relation, region/context. */
export function synthInstructionKind(item: EvalItem): string {
  const said = plain(item.instruction);
  const text = plain(item.text);
  const label = plain(item.label);
  if (item.action !== "" && said.includes(plain(item.action))) return "function";
  for (const [kind, pattern] of kindPatterns) if (pattern.test(said)) return kind;
  // "the checkbox for Remember me" is a relation to the label, not a region.
  if (label !== "" && said.endsWith(` for ${label}`)) return "relation";
  const names = [text, label].filter((name) => name !== "");
  if (/\bicon\b|looks like/.test(said) || !names.some((name) => said.includes(name))) return "icon";
  if (names.includes(said) || /^the (?:field that says|cell with|cell containing) /.test(said) || said === `${label} field` || said === `the ${label} input`) {
    return "text";
  }
  return "role";
}
