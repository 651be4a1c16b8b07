import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readNpy } from "../../../test/helpers/read-npy.js";
import { BLOCKED, prefillMask } from "./graph-runner.js";

const allowedPairs = (mask: Float32Array, length: number): string[] => {
  const rows: string[] = [];
  for (let query = 0; query < length; query++) rows.push(Array.from(mask.subarray(query * length, (query + 1) * length), (value) => (value === 0 ? "1" : value === BLOCKED ? "." : "?")).join(""));
  return rows;
};

describe("prefillMask", () => {
  it.each([
    ["text only: causal", [0, 0, 0], ["1..", "11.", "111"]],
    ["image block: bidirectional inside, causal around", [0, 1, 1, 0], ["1...", "111.", "111.", "1111"]],
    ["two separate image runs see each other (token types, not runs)", [1, 0, 1], ["1.1", "11.", "111"]],
  ])("%s", (_name, types, expected) => {
    expect(allowedPairs(prefillMask(Uint8Array.from(types)), types.length)).toEqual(expected);
  });

  it("allows exactly the golden's 979,174 pairs (README §8.6)", () => {
    const types = Uint8Array.from(readNpy(join(import.meta.dirname, "../../../../shared/golden/molmopoint-tiny/npy/token_type_ids.npy")).data as BigInt64Array, Number);
    const mask = prefillMask(types);
    expect(mask.reduce((count, value) => count + (value === 0 ? 1 : 0), 0)).toBe(979_174);
  });
});
