import { describe, expect, it } from "vitest";
import { seededRandom, selectItems } from "./select-items.js";

const items = Array.from({ length: 100 }, (_, index) => index);

describe("selectItems", () => {
  it.each([
    ["all", {}, 100],
    ["limit", { limit: 7 }, 7],
    ["limit past the end", { limit: 500 }, 100],
    ["sample", { sample: 10, seed: 1 }, 10],
    ["sample then limit", { sample: 10, seed: 1, limit: 3 }, 3],
  ])("%s", (_name, options, count) => {
    const selected = selectItems(items, options);
    expect(selected).toHaveLength(count);
    expect([...selected].sort((a, b) => a - b)).toEqual(selected);
    expect(new Set(selected).size).toBe(count);
  });

  it("same seed, same sample; another seed, another sample", () => {
    expect(selectItems(items, { sample: 10, seed: 42 })).toEqual(selectItems(items, { sample: 10, seed: 42 }));
    expect(selectItems(items, { sample: 10, seed: 42 })).not.toEqual(selectItems(items, { sample: 10, seed: 43 }));
  });

  it("the PRNG is mulberry32 (seed 0 starts 0.2664292…): these values are part of the --seed contract", () => {
    const random = seededRandom(0);
    const first = [random(), random(), random()].map((value) => value.toFixed(8));
    expect(first).toEqual(["0.26642921", "0.00032975", "0.22327203"]);
  });

  it.each([["limit", 0], ["sample", -1], ["limit", 1.5]])("rejects --%s %s", (name, value) => {
    expect(() => selectItems(items, { [name]: value })).toThrow(`--${name} must be a positive integer`);
  });
});
