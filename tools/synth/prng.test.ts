import { describe, expect, it } from "vitest";
import { hashString, Random } from "./prng.js";

describe("Random", () => {
  it("repeats its stream for the same seed and differs for another", () => {
    const draw = (seed: number): number[] => {
      const random = new Random(seed);
      return Array.from({ length: 8 }, () => random.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it.each([
    [0, 0],
    [3, 9],
    [-5, 5],
  ])("int(%i, %i) stays within its bounds and reaches both", (min, max) => {
    const random = new Random(1);
    const seen = new Set<number>();
    for (let draw = 0; draw < 2000; draw += 1) {
      const value = random.int(min, max);
      expect(value).toBeGreaterThanOrEqual(min);
      expect(value).toBeLessThanOrEqual(max);
      seen.add(value);
    }
    expect(seen.size).toBe(max - min + 1);
  });

  it("gives each screen its own stream, independent of the order screens are drawn", () => {
    const a = Random.forScreen(1, 5).next();
    Random.forScreen(1, 4).next();
    expect(Random.forScreen(1, 5).next()).toBe(a);
    expect(Random.forScreen(2, 5).next()).not.toBe(a);
  });

  it("weighted never picks a zero weight; shuffle keeps the elements", () => {
    const random = new Random(3);
    for (let draw = 0; draw < 200; draw += 1) expect(random.weighted([["a", 1], ["b", 0], ["c", 2]])).not.toBe("b");
    expect(random.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => random.pick([])).toThrow(/empty/);
  });

  it.each([
    ["", 0x811c9dc5],
    ["a", 0xe40c292c],
  ])("hashString(%j) is FNV-1a", (text, expected) => {
    expect(hashString(text)).toBe(expected);
  });
});
