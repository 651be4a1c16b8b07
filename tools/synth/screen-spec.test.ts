import { describe, expect, it } from "vitest";
import { FAMILIES, selectFamilies } from "./families/index.js";
import { Random } from "./prng.js";
import { buildScreenSpec, chooseViewport, MAX_IMAGE } from "./screen-spec.js";

describe("buildScreenSpec", () => {
  it("is a function of (seed, index): same HTML and elements again, other HTML for another seed", () => {
    const first = buildScreenSpec(3, 7, FAMILIES);
    const again = buildScreenSpec(3, 7, FAMILIES);
    expect(again.html).toBe(first.html);
    expect(again.elements).toEqual(first.elements);
    expect(buildScreenSpec(4, 7, FAMILIES).html).not.toBe(first.html);
  });

  it("cycles through the families and gives every family elements", () => {
    FAMILIES.forEach((family, index) => {
      const spec = buildScreenSpec(1, index, FAMILIES);
      expect(spec.family.name).toBe(family.name);
      expect(spec.elements.length).toBeGreaterThan(5);
    });
  });

  it.each(["web", "desktop", "pro", "mobile"] as const)("%s viewports stay within the largest image", (kind) => {
    const random = new Random(9);
    for (let draw = 0; draw < 200; draw += 1) {
      const { viewport, deviceScaleFactor } = chooseViewport(random, kind);
      expect(viewport.width * deviceScaleFactor).toBeLessThanOrEqual(MAX_IMAGE.width);
      expect(viewport.height * deviceScaleFactor).toBeLessThanOrEqual(MAX_IMAGE.height);
      expect(deviceScaleFactor).toBeGreaterThanOrEqual(1);
      expect(deviceScaleFactor).toBeLessThanOrEqual(2);
    }
  });
});

describe("selectFamilies", () => {
  it.each([
    ["web", 12],
    ["desktop", 7],
    ["mobile", 5],
    ["desktop-ide,web-login", 2],
  ])("%j selects %i families", (filter, count) => {
    expect(selectFamilies(filter)).toHaveLength(count);
  });

  it("names the known families when nothing matches", () => {
    expect(() => selectFamilies("nope")).toThrow(/Known: web-login/);
  });
});
