import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../core/errors.js";
import { anthropicKeyPresses, openAiKeyCombination, toModifiers } from "./key-names.js";

describe("Anthropic (xdotool) key text", () => {
  it.each([
    ["Return", ["Enter"]],
    ["ctrl+s", ["Control+s"]],
    ["ctrl+shift+t", ["Control+Shift+t"]],
    ["Page_Down", ["PageDown"]],
    ["super+Left", ["Meta+ArrowLeft"]],
    ["BackSpace", ["Backspace"]],
    ["ctrl+a Delete", ["Control+a", "Delete"]],
    ["ctrl+plus", ["Control++"]],
    ["ctrl++", ["Control++"]],
    ["KP_Enter", ["Enter"]],
    ["F5", ["F5"]],
    ["alt+F4", ["Alt+F4"]],
    ["space", ["Space"]],
  ])("%s → %o", (text, presses) => {
    expect(anthropicKeyPresses(text)).toEqual(presses);
  });

  it.each([[""], ["   "], ["ctrl+Hyper_Q"]])("refuses %o", (text) => {
    expect(() => anthropicKeyPresses(text)).toThrow(InvalidInputError);
  });
});

describe("OpenAI keypress keys", () => {
  it.each([
    [["ENTER"], "Enter"],
    [["CTRL", "A"], "Control+a"],
    [["ctrl", "shift", "T"], "Control+Shift+t"],
    [["SHIFT", "A"], "Shift+A"],
    [["ARROWDOWN"], "ArrowDown"],
    [["ESC"], "Escape"],
    [["CMD", "C"], "Meta+c"],
    [["SPACE"], "Space"],
    [["a"], "a"],
  ])("%o → %s", (keys, combination) => {
    expect(openAiKeyCombination(keys)).toBe(combination);
  });

  it("refuses an empty list", () => {
    expect(() => openAiKeyCombination([])).toThrow(/non-empty keys array/);
  });
});

describe("modifiers in words", () => {
  it.each([
    ["shift", ["Shift"]],
    ["ctrl", ["Control"]],
    ["ctrl+shift", ["Control", "Shift"]],
    ["super", ["Meta"]],
    ["cmd", ["Meta"]],
  ])("%s → %o", (text, modifiers) => {
    expect(toModifiers(text)).toEqual(modifiers);
  });

  it("refuses a key that is not a modifier", () => {
    expect(() => toModifiers("Return")).toThrow(/"Return" is not a modifier/);
  });
});
