/** Nouns that name a kind of element ("button", "text field", "menu item"), and helpers to strip them. Pure. */

/** Element nouns, one or two words, normalised (as `normalizeText` writes them). */
export const elementNouns: readonly string[] = [
  "text field", "text box", "input box", "input field", "entry field", "check box",
  "radio button", "drop down menu", "drop down", "dropdown menu", "select box", "combo box", "menu item", "menu entry",
  "list item", "tab item", "icon button", "toggle switch", "column header", "button", "btn", "link", "hyperlink", "field",
  "input", "textbox", "textfield", "box", "tab", "icon", "menu", "item", "entry", "checkbox", "radio", "option", "dropdown",
  "combobox", "toggle", "switch", "slider", "row", "cell", "tool", "control", "element", "label", "heading", "title", "card",
  "tile", "chip", "page", "message", "file", "folder", "document", "product", "event", "task", "contact", "thread",
  "conversation", "setting", "section", "panel", "area", "bar", "toolbar", "column", "header", "image", "logo", "symbol",
  "thumbnail", "avatar", "picture",
];

const byLength = [...elementNouns].sort((a, b) => b.length - a.length);
const trailingNoun = new RegExp(`(?:^|\\s)(?:${byLength.join("|")})$`);

/** Whether a phrase is only an element noun, perhaps with an article ("the checkbox", "icon"): it names no text. */
export function isBareElementNoun(phrase: string): boolean {
  const words = phrase.trim().replace(/^(?:the|a|an)\s+/, "");
  return words === "" || elementNouns.includes(words);
}

/** Removes one trailing element noun ("job title text field" → "job title"); nothing when it would leave nothing. */
export function withoutElementNoun(phrase: string): { rest: string; noun?: string } {
  const match = trailingNoun.exec(phrase);
  if (match === null) return { rest: phrase };
  const rest = phrase.slice(0, match.index).trim();
  return rest === "" ? { rest: phrase } : { rest, noun: match[0].trim() };
}

/** Alternation of all element nouns, longest first, for building patterns. */
export const elementNounAlternation = byLength.join("|");
