import { describe, expect, it } from "vitest";
import { splitInstruction, type InstructionParts } from "./instruction-parts.js";

describe("splitInstruction", () => {
  const cases: [string, InstructionParts][] = [
    ["Save", { subject: "save" }],
    ["the Sign in button", { subject: "sign in button", noun: "button" }],
    ["the bell icon at the top right", { subject: "bell icon", noun: "icon", area: { vertical: "top", horizontal: "right" } }],
    ["the Sign in button in the middle of the screen", { subject: "sign in button", noun: "button", area: { vertical: "middle", horizontal: "center" } }],
    ["the search field on the left", { subject: "search field", noun: "field", area: { horizontal: "left" } }],
    ["the Export CSV button in the table toolbar", { subject: "export csv button", noun: "button", region: "table toolbar" }],
    ["the Size field below Tools", { subject: "size field", noun: "field", relation: { direction: "below", anchor: "tools" } }],
    ["the share icon left of Save", { subject: "share icon", noun: "icon", relation: { direction: "left-of", anchor: "save" } }],
    ["the checkbox next to Remember me", { subject: "checkbox", noun: "checkbox", relation: { direction: "next-to", anchor: "remember me" } }],
    ["the checkbox for Remember me", { subject: "checkbox", noun: "checkbox", relation: { direction: "labelled", anchor: "remember me" } }],
    ["the View button for Olga Garcia", { subject: "view button", noun: "button", relation: { direction: "row-of", anchor: "olga garcia" } }],
    ["I agree to the Terms of Service check box", { subject: "i agree to the terms of service check box", noun: "check box" }],
    ["where do I open Billing?", { subject: "open billing", purpose: "open billing" }],
    ["the button that will save the document", { subject: "save the document", noun: "button", purpose: "save the document" }],
    ["field to enter your user name", { subject: "enter your user name", noun: "field", purpose: "enter your user name" }],
    ["the field that says Search mail", { subject: "search mail", noun: "field" }],
    ["the cell containing Total", { subject: "total", noun: "cell" }],
    ["the third item in the list", { subject: "", ordinal: { index: 2, noun: "item", group: "list" } }],
    ["the last tab in the bottom tab bar", { subject: "", ordinal: { index: -1, noun: "tab", group: "bottom tab bar" } }],
    ["Sign in", { subject: "sign in" }],
  ];
  for (const [instruction, parts] of cases) {
    it(instruction, () => expect(splitInstruction(instruction)).toEqual(parts));
  }
});
