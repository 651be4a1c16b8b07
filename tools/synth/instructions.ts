/**
 * Instructions for the elements of one screen, about five each, of several kinds: the element's
 * text, role + text, what it does, its icon (with synonyms), its region, its context, its place
 * in a group, a neighbour, its place on the screen. Every candidate carries a semantic key; a key
 * produced by two visible elements is dropped for both, so each kept instruction names exactly
 * one element on the screen.
 */
import type { ElementSpec, Role } from "./page-builder.js";
import type { Random } from "./prng.js";
import { ORDINALS } from "./words.js";

/** A box in image px, `[x1, y1, x2, y2]`. */
export type Box = readonly [number, number, number, number];

/** A visible element and its box. */
export interface AnnotatedElement {
  readonly spec: ElementSpec;
  readonly box: Box;
}

/** Kinds of instruction, for balancing and for analysis. */
export type InstructionKind = "text" | "role" | "function" | "icon" | "region" | "context" | "ordinal" | "relation" | "position";

interface Candidate {
  readonly key: string;
  readonly kind: InstructionKind;
  readonly text: string;
}

/** Options of {@link buildInstructions}. */
export interface InstructionOptions {
  /** Instructions kept per element (at most). Default 5. */
  perElement?: number;
  /** Use touch verbs ("tap") instead of "click". Default false. */
  touch?: boolean;
}

const ROLE_NOUNS: Record<Role, readonly string[]> = {
  button: ["button"],
  link: ["link"],
  textbox: ["field", "text field", "input box", "text box"],
  checkbox: ["checkbox", "check box"],
  radio: ["radio button", "option"],
  switch: ["toggle", "switch"],
  tab: ["tab"],
  menuitem: ["menu item", "item", "entry"],
  listitem: ["item", "entry", "row"],
  combobox: ["dropdown", "drop-down menu", "select box"],
  slider: ["slider"],
  treeitem: ["item"],
  cell: ["cell"],
};

/** Lower-case, single spaces, no trailing dots: the form used in keys. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").replace(/[.…:]+$/u, "").trim();
}

/** "Open..." → "Open": the text as people would quote it. */
function quoted(text: string): string {
  return text.replace(/(\.\.\.|…)$/u, "").trim();
}

function roleNoun(spec: ElementSpec, random: Random): string {
  if (spec.role === "menuitem" && spec.group?.name === "the menu bar") return "menu";
  if ((spec.role === "listitem" || spec.role === "treeitem") && spec.group) return spec.group.memberNoun;
  if (spec.role === "button" && spec.group?.memberNoun === "tool") return random.pick(["tool", "button"]);
  return random.pick(ROLE_NOUNS[spec.role]);
}

/** Vertical/horizontal screen area of a box centre: "at the top left", "in the middle", … */
export function screenArea(box: Box, width: number, height: number): string {
  const x = (box[0] + box[2]) / 2 / width;
  const y = (box[1] + box[3]) / 2 / height;
  const vertical = y < 0.2 ? "top" : y > 0.8 ? "bottom" : "middle";
  const horizontal = x < 0.25 ? "left" : x > 0.75 ? "right" : "center";
  if (vertical === "middle") return horizontal === "center" ? "in the middle of the screen" : `on the ${horizontal}`;
  return horizontal === "center" ? `at the ${vertical}` : `at the ${vertical} ${horizontal}`;
}

/** Short description of an element without article, and the key that identifies what it says. */
function describe(spec: ElementSpec, random: Random): { text: string; key: string } {
  const noun = roleNoun(spec, random);
  const name = spec.text ? quoted(spec.text) : "";
  if (name && spec.role !== "textbox") return { text: `${name} ${noun}`, key: `rt:${normalizeText(name)}:${spec.role}` };
  if (spec.label) return { text: `${quoted(spec.label)} ${noun}`, key: `lab:${normalizeText(spec.label)}:${spec.role}` };
  if (spec.icon) return { text: `${random.pick(spec.icon.names)} icon`, key: `icon:${spec.icon.key}` };
  return { text: noun, key: `role:${spec.role}` };
}

function overlap(a1: number, a2: number, b1: number, b2: number): number {
  return Math.max(0, Math.min(a2, b2) - Math.max(a1, b1));
}

/** The nearest named neighbour on the same row (left/right) or column (above/below), if close. */
function nearestNeighbour(element: AnnotatedElement, others: readonly AnnotatedElement[]): { name: string; relation: "left of" | "right of" | "above" | "below" } | undefined {
  const [x1, y1, x2, y2] = element.box;
  const height = y2 - y1;
  const width = x2 - x1;
  let best: { name: string; relation: "left of" | "right of" | "above" | "below"; distance: number } | undefined;
  for (const other of others) {
    if (other === element) continue;
    const name = other.spec.text && other.spec.role !== "textbox" ? other.spec.text : "";
    if (!name || name.length > 40) continue;
    const [ox1, oy1, ox2, oy2] = other.box;
    const rowOverlap = overlap(y1, y2, oy1, oy2) >= 0.5 * Math.min(height, oy2 - oy1);
    const columnOverlap = overlap(x1, x2, ox1, ox2) >= 0.5 * Math.min(width, ox2 - ox1);
    const candidates: [number, "left of" | "right of" | "above" | "below"][] = [];
    if (rowOverlap && ox1 >= x2 - 2) candidates.push([ox1 - x2, "left of"]);
    if (rowOverlap && ox2 <= x1 + 2) candidates.push([x1 - ox2, "right of"]);
    if (columnOverlap && oy1 >= y2 - 2) candidates.push([oy1 - y2, "above"]);
    if (columnOverlap && oy2 <= y1 + 2) candidates.push([y1 - oy2, "below"]);
    for (const [distance, relation] of candidates) {
      const limit = relation === "left of" || relation === "right of" ? 3 * Math.max(height, oy2 - oy1) : 2 * Math.max(height, oy2 - oy1);
      if (distance <= limit && (!best || distance < best.distance)) best = { name: quoted(name), relation, distance };
    }
  }
  return best ? { name: best.name, relation: best.relation } : undefined;
}

function verbFor(spec: ElementSpec, touch: boolean, random: Random): string {
  if (spec.role === "textbox") return random.pick(["type in", "click on", "focus"]);
  if (spec.role === "checkbox") return random.pick(["check", "tick", touch ? "tap" : "click"]);
  if (spec.role === "slider") return random.pick(["drag", "adjust"]);
  return touch ? random.pick(["tap", "tap on", "press"]) : random.pick(["click", "click on", "press", "select"]);
}

function candidatesFor(element: AnnotatedElement, visible: readonly AnnotatedElement[], width: number, height: number, random: Random, touch: boolean): Candidate[] {
  const spec = element.spec;
  const out: Candidate[] = [];
  const add = (kind: InstructionKind, key: string, text: string): void => {
    if (text.trim()) out.push({ kind, key, text: text.replace(/\s+/g, " ").trim() });
  };
  const noun = roleNoun(spec, random);
  const name = spec.text ? quoted(spec.text) : "";
  const verb = (): string => (random.chance(0.3) ? `${verbFor(spec, touch, random)} ` : "");

  if (name && spec.role !== "textbox" && spec.role !== "cell") add("text", `text:${normalizeText(name)}`, random.chance(0.8) ? name : name.toLowerCase());
  if (name && spec.role !== "textbox" && spec.role !== "cell") add("role", `rt:${normalizeText(name)}:${spec.role}`, `${verb()}${random.pick(["the ", "", "the "])}${name} ${noun}`);
  if (spec.role === "textbox" && name) add("text", `text:${normalizeText(name)}`, random.pick([`the field that says ${name}`, `${name} field`, `the ${name} input`]));
  if (spec.role === "cell") {
    if (spec.label) add("role", `lab:${normalizeText(spec.label)}`, random.pick([spec.label, `the ${spec.label}`, `${verb()}${spec.label}`]));
    if (name) add("text", `text:${normalizeText(name)}`, random.pick([`the cell with ${name}`, `the cell containing ${name}`, name]));
  } else if (spec.label) {
    const label = quoted(spec.label);
    add("role", `lab:${normalizeText(label)}:${spec.role}`, `${verb()}${random.pick(["the ", ""])}${label} ${noun}`);
    if (spec.role === "checkbox" || spec.role === "radio" || spec.role === "switch") {
      add("relation", `lab:${normalizeText(label)}:${spec.role}`, `the ${noun} ${random.pick(["next to", "beside", "for"])} ${label}`);
      add("text", `text:${normalizeText(label)}`, label);
    } else {
      add("relation", `lab:${normalizeText(label)}:${spec.role}`, random.pick([`the ${noun} labelled ${label}`, `the ${noun} for ${label}`, `the ${noun} under ${label}`].slice(0, spec.role === "slider" ? 2 : 3)));
    }
  }
  if (spec.action) {
    const action = spec.action;
    add("function", `fn:${normalizeText(action)}`, random.pick([action, action, `${noun} to ${action}`, `the ${noun} that will ${action}`, `I want to ${action}`, `where do I ${action}?`]));
  }
  if (spec.icon) {
    const iconName = random.pick(spec.icon.names);
    add("icon", `iconname:${iconName}`, random.pick([`the ${iconName} icon`, `${iconName} icon`, `${verb()}the ${iconName} ${name ? "icon" : random.pick(["button", "icon"])}`]));
    const synonym = random.pick(spec.icon.names);
    if (synonym !== iconName) add("icon", `iconname:${synonym}`, random.pick([`the ${synonym} icon`, `${synonym} button`, `icon that looks like ${/^[aeiou]/.test(synonym) ? "an" : "a"} ${synonym}`]));
    if (name && spec.role !== "textbox") add("icon", `rt:${normalizeText(name)}:${spec.role}`, `the ${name} ${noun} with the ${iconName} icon`);
  }
  const description = describe(spec, random);
  if (spec.region) add("region", `reg:${description.key}:${spec.region}`, `the ${description.text} in ${spec.region}`);
  if (spec.context) add("context", `ctx:${description.key}:${spec.context}`, `the ${description.text} ${spec.context}`);
  if (spec.group && spec.group.count >= 3) {
    const members = visible.filter((other) => other.spec.group === spec.group);
    const before = members.filter((other) => other.spec.groupIndex < spec.groupIndex).length;
    const groupNoun = spec.group.memberNoun;
    if (before === spec.groupIndex && spec.groupIndex < ORDINALS.length) add("ordinal", `ord:${spec.group.name}:${spec.groupIndex}`, `the ${ORDINALS[spec.groupIndex]} ${groupNoun} in ${spec.group.name}`);
    if (members.length === spec.group.count && spec.groupIndex === spec.group.count - 1) add("ordinal", `ord:${spec.group.name}:last`, `the last ${groupNoun} in ${spec.group.name}`);
  }
  const neighbour = nearestNeighbour(element, visible);
  if (neighbour && (!name || spec.role === "textbox")) {
    const relation = neighbour.relation === "left of" || neighbour.relation === "right of" ? random.pick([neighbour.relation, neighbour.relation, "next to"]) : neighbour.relation;
    add("relation", `rel:${description.key}:${relation}:${normalizeText(neighbour.name)}`, `the ${description.text} ${relation} ${neighbour.name}`);
  }
  const area = screenArea(element.box, width, height);
  add("position", `pos:${description.key}:${area}`, `the ${description.text} ${area}`);
  return out;
}

/**
 * About `perElement` instructions for each of `visible` (same order), each naming only that
 * element among `visible`. Elements may get fewer (even none) when everything they could be
 * called is shared with another element.
 */
export function buildInstructions(visible: readonly AnnotatedElement[], width: number, height: number, random: Random, options: InstructionOptions = {}): string[][] {
  const perElement = options.perElement ?? 5;
  const all = visible.map((element) => candidatesFor(element, visible, width, height, random, options.touch ?? false));
  const owners = new Map<string, Set<number>>();
  all.forEach((candidates, index) => {
    for (const candidate of candidates) {
      const set = owners.get(candidate.key) ?? new Set<number>();
      set.add(index);
      owners.set(candidate.key, set);
    }
  });
  const primary: InstructionKind[] = ["text", "role", "function", "icon"];
  const secondary: InstructionKind[] = ["region", "context", "ordinal", "relation", "position"];
  return all.map((candidates) => {
    const unique = candidates.filter((candidate) => (owners.get(candidate.key)?.size ?? 0) === 1);
    const chosen: string[] = [];
    const seen = new Set<string>();
    const take = (candidate: Candidate | undefined): void => {
      if (!candidate || chosen.length >= perElement || seen.has(candidate.text.toLowerCase())) return;
      seen.add(candidate.text.toLowerCase());
      chosen.push(candidate.text);
    };
    for (const kind of [...random.shuffle(primary), ...random.shuffle(secondary)]) {
      const ofKind = unique.filter((candidate) => candidate.kind === kind);
      if (ofKind.length > 0) take(random.pick(ofKind));
    }
    for (const candidate of random.shuffle(unique)) take(candidate);
    return chosen;
  });
}
