/**
 * Key names in Playwright's vocabulary (the one `Device.press` documents) → nut.js `Key` names, and
 * which text the keyboard path can type on the US layout nut.js assumes.
 */
import { InvalidInputError } from "../core/errors.js";

/** Named keys other than letters, digits and F-keys. Values are nut.js `Key` enum member names. */
const namedKeys: Readonly<Record<string, string>> = {
  enter: "Enter",
  return: "Return",
  tab: "Tab",
  escape: "Escape",
  esc: "Escape",
  backspace: "Backspace",
  delete: "Delete",
  insert: "Insert",
  space: "Space",
  " ": "Space",
  arrowleft: "Left",
  arrowright: "Right",
  arrowup: "Up",
  arrowdown: "Down",
  home: "Home",
  end: "End",
  pageup: "PageUp",
  pagedown: "PageDown",
  control: "LeftControl",
  controlleft: "LeftControl",
  controlright: "RightControl",
  ctrl: "LeftControl",
  shift: "LeftShift",
  shiftleft: "LeftShift",
  shiftright: "RightShift",
  alt: "LeftAlt",
  altleft: "LeftAlt",
  altright: "RightAlt",
  meta: "LeftSuper",
  metaleft: "LeftSuper",
  metaright: "RightSuper",
  capslock: "CapsLock",
  printscreen: "Print",
  contextmenu: "Menu",
  "-": "Minus",
  "=": "Equal",
  "[": "LeftBracket",
  "]": "RightBracket",
  "\\": "Backslash",
  ";": "Semicolon",
  "'": "Quote",
  ",": "Comma",
  ".": "Period",
  "/": "Slash",
  "`": "Grave",
  "+": "Add",
  "*": "Multiply",
};

/**
 * Maps one key name to the nut.js `Key` member name: `"Enter"` → `"Enter"`, `"a"` → `"A"`,
 * `"7"` → `"Num7"`, `"F5"` → `"F5"`, `"Control"` → `"LeftControl"`.
 *
 * @throws InvalidInputError for a name it does not know, listing what it accepts.
 */
export function nutKeyName(call: string, key: string): string {
  if (/^[a-z]$/i.test(key)) return key.toUpperCase();
  if (/^[0-9]$/.test(key)) return `Num${key}`;
  if (/^F([1-9]|1[0-9]|2[0-4])$/i.test(key)) return key.toUpperCase();
  const named = namedKeys[key.toLowerCase()];
  if (named !== undefined) return named;
  throw new InvalidInputError(
    "keys",
    `${call}: unknown key ${JSON.stringify(key)}. Use Playwright's names: a letter, a digit, F1–F24, Enter, Tab, Escape, Backspace, Delete, ` +
      "Insert, Space, ArrowLeft/Right/Up/Down, Home, End, PageUp, PageDown, Control, Shift, Alt, Meta, or punctuation such as \"-\" or \"/\"; " +
      'to enter text use type() instead.',
  );
}

const unshiftedSymbols: Readonly<Record<string, string>> = {
  " ": "Space", "-": "Minus", "=": "Equal", "[": "LeftBracket", "]": "RightBracket", "\\": "Backslash",
  ";": "Semicolon", "'": "Quote", ",": "Comma", ".": "Period", "/": "Slash", "`": "Grave", "\n": "Enter", "\t": "Tab",
};
// Shift + the key that carries the symbol on a US keyboard.
const shiftedSymbols: Readonly<Record<string, string>> = {
  "!": "Num1", "@": "Num2", "#": "Num3", $: "Num4", "%": "Num5", "^": "Num6", "&": "Num7", "*": "Num8", "(": "Num9", ")": "Num0",
  _: "Minus", "+": "Equal", "{": "LeftBracket", "}": "RightBracket", "|": "Backslash", ":": "Semicolon", '"': "Quote",
  "<": "Comma", ">": "Period", "?": "Slash", "~": "Grave",
};

/**
 * The keystroke that types one character on a US layout (the layout nut.js's `Key` enum names),
 * or undefined for a character the layout lacks. Shift is explicit: libnut's own string typing
 * only shifts upper-case letters and sends "1" for "!".
 */
export function usKeystroke(character: string): { key: string; shift: boolean } | undefined {
  if (/^[a-z]$/.test(character)) return { key: character.toUpperCase(), shift: false };
  if (/^[A-Z]$/.test(character)) return { key: character, shift: true };
  if (/^[0-9]$/.test(character)) return { key: `Num${character}`, shift: false };
  const unshifted = unshiftedSymbols[character];
  if (unshifted !== undefined) return { key: unshifted, shift: false };
  const shifted = shiftedSymbols[character];
  if (shifted !== undefined) return { key: shifted, shift: true };
  return undefined;
}

/** True when every character is on the US layout the keyboard path types with (printable ASCII, newline, tab). */
export function isKeyboardTypable(text: string): boolean {
  return [...text].every((character) => usKeystroke(character) !== undefined);
}
