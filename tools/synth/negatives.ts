/**
 * Instructions for things that are NOT on the screen (the answer is no-more-points), drawn from
 * the same vocabularies as the real ones and checked against everything the page shows: its
 * readable text, the names of every icon drawn, and the actions of its elements.
 */
import type { ElementSpec } from "./page-builder.js";
import type { Random } from "./prng.js";
import { SEMANTIC_ICONS } from "./icons.js";
import { CITIES, FIRST_NAMES, FORM_COMMANDS, MENUS, PRODUCTS, SETTINGS_LABELS, TOPICS } from "./words.js";

/** A negative instruction and the subject that must be absent from the page. */
export interface Negative {
  readonly instruction: string;
  /** Lower-case words that the page must not contain (as text, icon name or action). */
  readonly subjects: readonly string[];
}

/** What the page shows, lower-cased, for absence checks. */
export interface PageVocabulary {
  readonly text: string;
  readonly iconNames: ReadonlySet<string>;
  readonly actions: readonly string[];
}

/** Builds the {@link PageVocabulary} of a screen. */
export function pageVocabulary(pageText: string, iconNames: ReadonlySet<string>, elements: readonly ElementSpec[]): PageVocabulary {
  const parts = [pageText, ...elements.flatMap((element) => [element.text, element.label ?? ""])];
  return {
    text: ` ${parts.join(" \n ").toLowerCase().replace(/\s+/g, " ")} `,
    iconNames: new Set([...iconNames].map((name) => name.toLowerCase())),
    actions: elements.map((element) => (element.action ?? "").toLowerCase()).filter(Boolean),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** True when `subject` (lower case) appears nowhere on the page: not in text, icon names or actions. */
export function isAbsent(subject: string, vocabulary: PageVocabulary): boolean {
  const pattern = new RegExp(`(^|[^a-z0-9])${escapeRegExp(subject)}($|[^a-z0-9])`);
  if (pattern.test(vocabulary.text)) return false;
  for (const name of vocabulary.iconNames) if (pattern.test(name) || new RegExp(`(^|[^a-z0-9])${escapeRegExp(name)}($|[^a-z0-9])`).test(subject)) return false;
  return !vocabulary.actions.some((action) => pattern.test(action));
}

function drawCandidate(random: Random, touch: boolean): Negative {
  const verb = touch ? "tap" : "click";
  switch (random.int(0, 7)) {
    case 0:
    case 1: {
      const command = random.pick(FORM_COMMANDS);
      const label = command.label.toLowerCase();
      return { instruction: random.pick([`the ${command.label} button`, command.label, `${verb} ${command.label}`, command.action]), subjects: [label, ...(command.icon ? [command.icon] : [])] };
    }
    case 2: {
      const icon = random.pick(SEMANTIC_ICONS);
      const name = random.pick(icon.names);
      return { instruction: random.pick([`the ${name} icon`, `${name} button`, icon.action]), subjects: [icon.key, ...icon.names, icon.label.toLowerCase()] };
    }
    case 3: {
      const menu = random.pick(Object.keys(MENUS));
      const entry = random.pick(MENUS[menu] ?? []);
      return { instruction: random.pick([`the ${menu} menu`, `${entry.label.replace(/\.\.\.$/, "")} in the ${menu} menu`]), subjects: [menu.toLowerCase(), entry.label.replace(/\.\.\.$/, "").toLowerCase()] };
    }
    case 4: {
      const label = random.pick(SETTINGS_LABELS);
      return { instruction: random.pick([`the ${label} toggle`, `turn on ${label.toLowerCase()}`, `${label} switch`]), subjects: [label.toLowerCase()] };
    }
    case 5: {
      const product = random.pick(PRODUCTS);
      return { instruction: random.pick([`the ${product}`, `add the ${product.toLowerCase()} to the cart`, `${product} link`]), subjects: [product.toLowerCase()] };
    }
    case 6: {
      const name = random.pick(FIRST_NAMES);
      return { instruction: random.pick([`the message from ${name}`, `${name}'s profile`, `delete ${name}`]), subjects: [name.toLowerCase()] };
    }
    default: {
      const topic = random.pick([...TOPICS, ...CITIES]);
      return { instruction: random.pick([`the ${topic} link`, topic, `open ${topic}`]), subjects: [topic.toLowerCase()] };
    }
  }
}

/** Up to `count` distinct negatives whose subjects are all absent from the page. */
export function buildNegatives(vocabulary: PageVocabulary, random: Random, count: number, options: { touch?: boolean } = {}): Negative[] {
  const chosen: Negative[] = [];
  const seen = new Set<string>();
  for (let attempt = 0; attempt < count * 12 && chosen.length < count; attempt += 1) {
    const candidate = drawCandidate(random, options.touch ?? false);
    const key = candidate.instruction.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (candidate.subjects.every((subject) => isAbsent(subject, vocabulary))) chosen.push(candidate);
  }
  return chosen;
}
