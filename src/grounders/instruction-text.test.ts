import { describe, expect, it } from "vitest";
import { normalizeText, parseInstruction } from "./instruction-text.js";

describe("normalizeText", () => {
  const cases: [string, string][] = [
    ["  Save  ", "save"],
    ["Café Olé", "cafe ole"],
    ["Ｓａｖｅ", "save"],
    ["Ctrl+K", "ctrl k"],
    ["$48,210", "48 210"],
    ["“Sign in”!", "sign in"],
    ["登录/注册", "登录 注册"],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => expect(normalizeText(input)).toBe(expected));
  }
});

describe("parseInstruction", () => {
  const cases: { instruction: string; first: string; quoted?: boolean; roles?: string[]; also?: string }[] = [
    { instruction: "Save", first: "save" },
    { instruction: "the Cancel button", first: "cancel", roles: ["button"] },
    { instruction: "click on the Submit button", first: "submit", roles: ["button"] },
    { instruction: "Remember me checkbox", first: "remember me", roles: ["checkbox"] },
    { instruction: "open the Settings tab", first: "settings", roles: ["tab"] },
    { instruction: "press the 'Export PDF' button", first: "export pdf", quoted: true },
    { instruction: 'tap "Sign in"', first: "sign in", quoted: true },
    { instruction: "select the Billing link", first: "billing", roles: ["select", "link"] },
    { instruction: "点击登录按钮", first: "登录", roles: ["按钮"] },
    { instruction: "手机号输入框", first: "手机号", roles: ["field"] },
    { instruction: "Select all", first: "all", also: "select all" },
    { instruction: "menu", first: "menu", roles: ["menu"] },
    { instruction: "double click the File menu", first: "file", roles: ["menu"] },
    { instruction: "'最简单的用法'下方有五个 icon", first: "最简单的用法", quoted: true },
    { instruction: "don't save", first: "don t save" },
  ];
  for (const testCase of cases) {
    it(testCase.instruction, () => {
      const parsed = parseInstruction(testCase.instruction);
      expect(parsed.variants[0]?.join(" ")).toBe(testCase.first);
      expect(parsed.quoted).toBe(testCase.quoted ?? false);
      if (testCase.roles !== undefined) expect(parsed.roles).toEqual(testCase.roles);
      if (testCase.also !== undefined) expect(parsed.variants.map((variant) => variant.join(" "))).toContain(testCase.also);
    });
  }
});
