import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../core/errors.js";
import { isKeyboardTypable, nutKeyName, usKeystroke } from "./desktop-keys.js";

describe("nutKeyName", () => {
  it.each([
    ["Enter", "Enter"],
    ["a", "A"],
    ["Z", "Z"],
    ["7", "Num7"],
    ["F5", "F5"],
    ["f12", "F12"],
    ["ArrowLeft", "Left"],
    ["PageDown", "PageDown"],
    ["Control", "LeftControl"],
    ["Meta", "LeftSuper"],
    ["Escape", "Escape"],
    ["/", "Slash"],
  ])("%s → %s", (name, expected) => {
    expect(nutKeyName("test", name)).toBe(expected);
  });

  it("refuses an unknown key with the names it accepts", () => {
    expect(() => nutKeyName("DesktopDevice.press", "Hyper")).toThrow(InvalidInputError);
    expect(() => nutKeyName("DesktopDevice.press", "Hyper")).toThrow(/unknown key "Hyper".*ArrowLeft/);
  });
});

describe("usKeystroke", () => {
  it.each([
    ["a", { key: "A", shift: false }],
    ["A", { key: "A", shift: true }],
    ["1", { key: "Num1", shift: false }],
    ["!", { key: "Num1", shift: true }],
    ["?", { key: "Slash", shift: true }],
    ["/", { key: "Slash", shift: false }],
    ['"', { key: "Quote", shift: true }],
    ["\n", { key: "Enter", shift: false }],
    ["ü", undefined],
    ["東", undefined],
  ])("%j", (character, expected) => {
    expect(usKeystroke(character)).toEqual(expected);
  });

  it("covers all printable ASCII", () => {
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index)).join("");
    expect(isKeyboardTypable(ascii)).toBe(true);
    expect(isKeyboardTypable("Grüße")).toBe(false);
  });
});
