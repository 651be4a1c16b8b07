import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../core/errors.js";
import { readGoldenJson } from "../../../test/helpers/read-golden-json.js";
import { goldenRoot, readNpyIntegers } from "../../../test/helpers/read-npy.js";
import { createPointHeadConfig, extendedTokenBounds, MOLMOPOINT_8B_IDS } from "./point-head-config.js";
import { pixelToTokens, tokensToPixels, tokenToPixel, type PointingGrid } from "./token-to-pixel.js";

interface GoldenPoint {
  patch: number;
  subpatch: number;
  location: number;
  token_ids: [number, number, number];
  vit_patch_id: number;
  x: number;
  y: number;
}
interface GoldenCase {
  case: string;
  width: number;
  height: number;
  n_pooling_rows: number;
  Hg: number;
  Wg: number;
  tables: string;
  nmp_token_id: number;
  subpatch_token_base: number;
  location_token_base: number;
  points: GoldenPoint[];
}

const golden = readGoldenJson<{ cases: GoldenCase[] }>(`${goldenRoot}molmo2/decode/points.json`);
const config = createPointHeadConfig(MOLMOPOINT_8B_IDS);
const gridOf = (entry: GoldenCase): PointingGrid => ({
  width: entry.width,
  height: entry.height,
  gridWidth: entry.Wg,
  gridHeight: entry.Hg,
});

describe("tokenToPixel against decode/points.json (upstream extract_image_points)", () => {
  it("has the 40 cases of 50 points", () => {
    expect(golden.cases).toHaveLength(40);
    expect(golden.cases.every((entry) => entry.points.length === 50)).toBe(true);
  });

  it.each(golden.cases.map((entry) => [entry.case, entry] as const))("%s: x and y bit-exact, ids as upstream", (_name, entry) => {
    const bounds = extendedTokenBounds(config, entry.n_pooling_rows);
    expect([bounds.noMorePointsId, bounds.subpatchStart, bounds.locationStart]).toEqual([
      entry.nmp_token_id,
      entry.subpatch_token_base,
      entry.location_token_base,
    ]);
    const pooling = readNpyIntegers(`${goldenRoot}molmo2/${entry.tables}pooling.npy`).data;
    for (const point of entry.points) {
      expect(point.token_ids).toEqual([
        bounds.patchStart + point.patch,
        bounds.subpatchStart + point.subpatch,
        bounds.locationStart + point.location,
      ]);
      expect(pooling[point.patch * 4 + point.subpatch]).toBe(point.vit_patch_id);
      // Exact double equality: same operations in the same order as upstream (README §4.1, §7).
      expect(tokenToPixel(point, gridOf(entry))).toEqual({ x: point.x, y: point.y });
    }
    const many = tokensToPixels(entry.points, gridOf(entry));
    expect(many.map(({ x, y }) => [x, y])).toEqual(entry.points.map(({ x, y }) => [x, y]));
  });

  it.each(golden.cases.filter((entry, index, all) => all.findIndex((other) => other.tables === entry.tables) === index).map((entry) => [entry.tables, entry] as const))(
    "%s: drops exactly the slots the pooling table pads, and the global rows",
    (_tables, entry) => {
      const pooling = readNpyIntegers(`${goldenRoot}molmo2/${entry.tables}pooling.npy`).data;
      for (let patch = 0; patch < entry.n_pooling_rows; patch++) {
        for (let subpatch = 0; subpatch < 4; subpatch++) {
          const point = tokenToPixel({ patch, subpatch, location: 4 }, gridOf(entry));
          const kept = patch >= 196 && pooling[patch * 4 + subpatch]! >= 0;
          expect(point !== null, `patch ${patch} subpatch ${subpatch}`).toBe(kept);
        }
      }
      // A row past the table (p >= N) has no ViT patch either.
      expect(tokenToPixel({ patch: entry.n_pooling_rows, subpatch: 0, location: 0 }, gridOf(entry))).toBeNull();
    },
  );
});

describe("pixelToTokens (training target encoding)", () => {
  it.each(golden.cases.map((entry) => [entry.case, entry] as const))("%s: golden points round-trip to their tokens", (_name, entry) => {
    for (const point of entry.points) {
      expect(pixelToTokens(point, gridOf(entry))).toEqual({ patch: point.patch, subpatch: point.subpatch, location: point.location });
    }
  });

  it.each([
    { width: 1920, height: 1080, gridWidth: 84, gridHeight: 46 },
    { width: 800, height: 600, gridWidth: 65, gridHeight: 46 },
    { width: 50, height: 30, gridWidth: 27, gridHeight: 27 },
  ])("pixel → tokens → pixel stays inside the cell ($width×$height)", (grid) => {
    const cellX = grid.width / grid.gridWidth;
    const cellY = grid.height / grid.gridHeight;
    const failures: string[] = [];
    for (let y = 0; y < grid.height; y += grid.height / 97) {
      for (let x = 0; x < grid.width; x += grid.width / 89) {
        const tokens = pixelToTokens({ x, y }, grid);
        const back = tokenToPixel(tokens, grid);
        // Cell centres sit at 0.165, 0.495, 0.825 of a patch (0.33 upstream), so a pixel inside cell k is at
        // most 0.175 patch away from its centre.
        const again = back && pixelToTokens(back, grid);
        const ok =
          back !== null &&
          Math.abs(back.x - x) <= 0.175 * cellX + 1e-9 &&
          Math.abs(back.y - y) <= 0.175 * cellY + 1e-9 &&
          again!.patch === tokens.patch &&
          again!.subpatch === tokens.subpatch &&
          again!.location === tokens.location;
        if (!ok) failures.push(`(${x}, ${y}) -> ${JSON.stringify(tokens)} -> ${JSON.stringify(back)}`);
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(pixelToTokens({ x: grid.width, y: grid.height }, grid)).toEqual(pixelToTokens({ x: grid.width - 1e-9, y: grid.height - 1e-9 }, grid));
  });

  it("encodes the location column-major: l = 3 * floor(3 fx) + floor(3 fy)", () => {
    const grid = { width: 140, height: 140, gridWidth: 10, gridHeight: 10 };
    // Inside ViT patch (row 0, col 0): fx = 0.9 → 2, fy = 0.1 → 0.
    expect(pixelToTokens({ x: 12.6, y: 1.4 }, grid)).toEqual({ patch: 196, subpatch: 0, location: 6 });
    expect(pixelToTokens({ x: 1.4, y: 12.6 }, grid)).toEqual({ patch: 196, subpatch: 0, location: 2 });
    // Row 1, col 3 → token (0, 1), slot 2*1 + 1.
    expect(pixelToTokens({ x: 3 * 14 + 7, y: 14 + 7 }, grid)).toEqual({ patch: 197, subpatch: 3, location: 4 });
  });
});

describe("bad input", () => {
  const grid = { width: 1920, height: 1080, gridWidth: 84, gridHeight: 46 };
  it.each([
    [{ patch: -1, subpatch: 0, location: 0 }, "patch"],
    [{ patch: 300.5, subpatch: 0, location: 0 }, "patch"],
    [{ patch: 300, subpatch: 4, location: 0 }, "subpatch"],
    [{ patch: 300, subpatch: 0, location: 9 }, "location"],
  ])("tokenToPixel(%j) throws InvalidInputError naming %s", (tokens, parameter) => {
    expect(() => tokenToPixel(tokens, grid)).toThrow(InvalidInputError);
    expect(() => tokenToPixel(tokens, grid)).toThrow(new RegExp(`${parameter} must be`));
  });

  it.each([
    [{ x: -1, y: 0 }],
    [{ x: 0, y: 1081 }],
    [{ x: Number.NaN, y: 3 }],
  ])("pixelToTokens(%j) throws InvalidInputError", (point) => {
    expect(() => pixelToTokens(point, grid)).toThrow(/outside the 1920×1080 image/);
  });

  it("rejects a grid with a zero size", () => {
    expect(() => tokenToPixel({ patch: 196, subpatch: 0, location: 0 }, { ...grid, gridWidth: 0 })).toThrow(/gridWidth must be a positive integer/);
  });
});
