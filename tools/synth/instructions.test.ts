import { describe, expect, it } from "vitest";
import { buildInstructions, normalizeText, screenArea, type AnnotatedElement, type Box } from "./instructions.js";
import type { ElementSpec, Group } from "./page-builder.js";
import { Random } from "./prng.js";

function element(index: number, box: Box, fields: Partial<ElementSpec>): AnnotatedElement {
  const spec: ElementSpec = { index, role: "button", text: "", icon: undefined, action: undefined, label: undefined, group: undefined, groupIndex: 0, region: "", context: "", ...fields };
  return { spec, box };
}

const trash = { key: "trash", names: ["trash", "bin"], action: "delete the selected item", glyph: "x", font: "material" as const };

describe("screenArea", () => {
  it.each([
    [[0, 0, 10, 10], "at the top left"],
    [[495, 0, 505, 10], "at the top"],
    [[990, 0, 1000, 10], "at the top right"],
    [[0, 495, 10, 505], "on the left"],
    [[495, 495, 505, 505], "in the middle of the screen"],
    [[990, 990, 1000, 1000], "at the bottom right"],
  ] as [Box, string][])("%j on 1000×1000 is %s", (box, area) => {
    expect(screenArea(box, 1000, 1000)).toBe(area);
  });
});

describe("normalizeText", () => {
  it.each([
    ["Open...", "open"],
    ["  Save   As ", "save as"],
    ["Name:", "name"],
  ])("%j → %j", (text, expected) => {
    expect(normalizeText(text)).toBe(expected);
  });
});

describe("buildInstructions", () => {
  it("gives every element instructions, at most perElement", () => {
    const elements = [
      element(0, [10, 10, 60, 30], { text: "Save", action: "save the document" }),
      element(1, [70, 10, 90, 30], { icon: trash, action: trash.action }),
      element(2, [10, 50, 24, 64], { role: "checkbox", label: "Remember me" }),
    ];
    const result = buildInstructions(elements, 400, 300, new Random(1), { perElement: 4 });
    for (const instructions of result) {
      expect(instructions.length).toBeGreaterThan(0);
      expect(instructions.length).toBeLessThanOrEqual(4);
    }
    expect(result[0]).toContain("Save");
  });

  it("drops what two elements share and keeps what tells them apart", () => {
    const list: Group = { name: "the list", memberNoun: "item", count: 2 };
    const elements = [
      element(0, [10, 10, 60, 30], { text: "Edit", context: "for Alice Smith", group: list, groupIndex: 0 }),
      element(1, [10, 210, 60, 230], { text: "Edit", context: "for Bob Chen", group: list, groupIndex: 1 }),
    ];
    const seen = new Map<string, number>();
    for (let seed = 0; seed < 20; seed += 1) {
      const result = buildInstructions(elements, 400, 300, new Random(seed), { perElement: 8 });
      result.forEach((instructions, owner) => {
        for (const text of instructions) {
          expect(text.toLowerCase()).not.toMatch(/^(click |press |select |click on )?(the )?edit( button)?$/);
          expect(seen.get(text) ?? owner).toBe(owner);
          seen.set(text, owner);
        }
      });
    }
    expect([...seen.keys()].some((text) => text.includes("for Alice Smith"))).toBe(true);
  });

  it("uses ordinals only when the earlier members of the group are visible", () => {
    const tabs: Group = { name: "the tab bar", memberNoun: "tab", count: 4 };
    const visible = [element(2, [200, 0, 260, 20], { role: "tab", text: "Three", group: tabs, groupIndex: 2 }), element(3, [300, 0, 360, 20], { role: "tab", text: "Four", group: tabs, groupIndex: 3 })];
    for (let seed = 0; seed < 20; seed += 1) {
      const result = buildInstructions(visible, 400, 300, new Random(seed), { perElement: 10 });
      expect(result.flat().some((text) => text.includes("third tab") || text.includes("fourth tab"))).toBe(false);
    }
  });
});
