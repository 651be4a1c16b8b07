/**
 * Key names of the computer-use dialects → the Playwright vocabulary `Device.press` takes.
 * Anthropic's `key` action uses xdotool keysyms (`"ctrl+s"`, `"Return"`, `"Page_Down"`, several
 * presses separated by spaces); OpenAI's `keypress` gives one combination as a list
 * (`["CTRL", "A"]`, `["ENTER"]`). Both map through one case-insensitive table.
 */
import { InvalidInputError } from "../core/errors.js";

/** Lower-cased names → Playwright names. Letters, digits, F-keys and other single characters pass through. */
const keyTable: Readonly<Record<string, string>> = {
  return: "Enter",
  enter: "Enter",
  kp_enter: "Enter",
  tab: "Tab",
  iso_left_tab: "Tab",
  escape: "Escape",
  esc: "Escape",
  backspace: "Backspace",
  delete: "Delete",
  del: "Delete",
  insert: "Insert",
  space: "Space",
  up: "ArrowUp",
  down: "ArrowDown",
  left: "ArrowLeft",
  right: "ArrowRight",
  arrowup: "ArrowUp",
  arrowdown: "ArrowDown",
  arrowleft: "ArrowLeft",
  arrowright: "ArrowRight",
  home: "Home",
  end: "End",
  page_up: "PageUp",
  page_down: "PageDown",
  pageup: "PageUp",
  pagedown: "PageDown",
  prior: "PageUp",
  next: "PageDown",
  ctrl: "Control",
  control: "Control",
  control_l: "Control",
  control_r: "Control",
  shift: "Shift",
  shift_l: "Shift",
  shift_r: "Shift",
  alt: "Alt",
  alt_l: "Alt",
  alt_r: "Alt",
  option: "Alt",
  meta: "Meta",
  meta_l: "Meta",
  meta_r: "Meta",
  super: "Meta",
  super_l: "Meta",
  super_r: "Meta",
  cmd: "Meta",
  command: "Meta",
  win: "Meta",
  capslock: "CapsLock",
  caps_lock: "CapsLock",
  minus: "-",
  plus: "+",
  equal: "=",
  comma: ",",
  period: ".",
  slash: "/",
  backslash: "\\",
  semicolon: ";",
  apostrophe: "'",
  grave: "`",
  bracketleft: "[",
  bracketright: "]",
};

/** One key name of either dialect → Playwright's name. */
export function toPlaywrightKey(name: string): string {
  if (typeof name !== "string" || name.length === 0) {
    throw new InvalidInputError("keys", `a key name must be a non-empty string, got ${JSON.stringify(name)}.`);
  }
  if (name.length === 1) return name;
  const known = keyTable[name.toLowerCase()];
  if (known !== undefined) return known;
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(name)) return name.toUpperCase();
  throw new InvalidInputError(
    "keys",
    `unknown key ${JSON.stringify(name)}; use names such as Enter/Return, Tab, Escape, Backspace, Delete, ArrowUp/Up, Page_Down, Home, F5, ctrl, shift, alt, super, or a single character.`,
  );
}

/** An xdotool combination (`"ctrl+shift+t"`, `"ctrl+plus"`) → `"Control+Shift+t"`. */
export function xdotoolComboToPlaywright(combo: string): string {
  const parts = combo.split("+");
  // "ctrl++" means ctrl and the plus key: the empty part after the last "+" is that key.
  const keys = parts.flatMap((part, index) => (part === "" ? (index === parts.length - 1 && index > 0 ? ["+"] : []) : [part]));
  if (keys.length === 0) throw new InvalidInputError("text", `key combination ${JSON.stringify(combo)} names no key.`);
  return keys.map(toPlaywrightKey).join("+");
}

/** Anthropic's `key` text: one or more xdotool combinations separated by spaces, pressed in order. */
export function anthropicKeyPresses(text: string): string[] {
  if (typeof text !== "string" || text.trim() === "") {
    throw new InvalidInputError("text", `the key action needs text naming a key or combination, e.g. "Return" or "ctrl+s", got ${JSON.stringify(text)}.`);
  }
  return text.trim().split(/\s+/).map(xdotoolComboToPlaywright);
}

/** OpenAI's `keypress` keys: one combination, all held together (`["CTRL", "A"]` → `"Control+a"`). */
export function openAiKeyCombination(keys: readonly string[]): string {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new InvalidInputError("keys", `keypress needs a non-empty keys array, e.g. ["CTRL", "A"], got ${JSON.stringify(keys)}.`);
  }
  const mapped = keys.map(toPlaywrightKey);
  // A letter held with Control/Alt/Meta is the lower-case key: "CTRL"+"A" is Control+a, not Control+Shift+a.
  const hasCommandModifier = mapped.some((key) => key === "Control" || key === "Alt" || key === "Meta");
  return mapped.map((key) => (hasCommandModifier && /^[A-Z]$/.test(key) ? key.toLowerCase() : key)).join("+");
}

/** A modifier given in words (`"shift"`, `"ctrl"`, `"super"`, or `"ctrl+shift"`) → device modifiers. */
export function toModifiers(text: string): ("Alt" | "Control" | "Meta" | "Shift")[] {
  return text.split("+").filter((part) => part !== "").map((part) => {
    const key = toPlaywrightKey(part);
    if (key !== "Alt" && key !== "Control" && key !== "Meta" && key !== "Shift") {
      throw new InvalidInputError("text", `${JSON.stringify(part)} is not a modifier; hold shift, ctrl, alt or super.`);
    }
    return key;
  });
}
