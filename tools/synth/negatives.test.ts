import { describe, expect, it } from "vitest";
import { buildNegatives, isAbsent, pageVocabulary } from "./negatives.js";
import type { ElementSpec } from "./page-builder.js";
import { Random } from "./prng.js";

const saveButton: ElementSpec = { index: 0, role: "button", text: "Save", icon: undefined, action: "save the document", label: undefined, group: undefined, groupIndex: 0, region: "", context: "" };
const vocabulary = pageVocabulary("Welcome back\nRemember me\nAdd to cart", new Set(["trash", "bin"]), [saveButton]);

describe("isAbsent", () => {
  it.each([
    ["save", false],
    ["cart", false],
    ["trash", false],
    ["remember me", false],
    ["export", true],
    ["sav", true],
    ["calendar", true],
  ])("%j absent: %s", (subject, absent) => {
    expect(isAbsent(subject, vocabulary)).toBe(absent);
  });
});

describe("buildNegatives", () => {
  it("returns distinct negatives whose subjects are all absent", () => {
    const negatives = buildNegatives(vocabulary, new Random(4), 20);
    expect(negatives.length).toBeGreaterThan(10);
    expect(new Set(negatives.map((negative) => negative.instruction)).size).toBe(negatives.length);
    for (const negative of negatives) for (const subject of negative.subjects) expect(isAbsent(subject, vocabulary)).toBe(true);
  });
});
