import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../core/errors.js";
import { buildImageTokenIds } from "./image-tokens.js";
import { planPreprocessing, preprocessImage, resizeForPlan } from "./preprocess-image.js";
import { buildPoolingTable, buildSubpatchMapping } from "./pooling-tables.js";

// Rows frozen from ../shared/golden/molmo2/README.md's case summary (upstream HF processor output).
describe("planPreprocessing", () => {
  it.each([
    { width: 1920, height: 1080, maxCrops: 8, rows: 2, cols: 4, canvas: [1176, 644], grid: [84, 46], tokens: [42, 23], n: 1162, block: 1189, cell: [7.54, 7.75] },
    { width: 1920, height: 1080, maxCrops: 48, rows: 4, cols: 7, canvas: [1974, 1176], grid: [141, 84], tokens: [71, 42], n: 3178, block: 3224, cell: [4.49, 4.24] },
    { width: 3840, height: 2160, maxCrops: 64, rows: 6, cols: 10, canvas: [2772, 1708], grid: [198, 122], tokens: [99, 61], n: 6235, block: 6300, cell: [6.4, 5.84] },
    { width: 800, height: 600, maxCrops: 8, rows: 2, cols: 3, canvas: [910, 644], grid: [65, 46], tokens: [33, 23], n: 955, block: 982, cell: [4.06, 4.3] },
    { width: 50, height: 30, maxCrops: 64, rows: 1, cols: 1, canvas: [378, 378], grid: [27, 27], tokens: [14, 14], n: 392, block: 410, cell: [0.61, 0.37] },
  ])("$width x $height at $maxCrops crops", ({ width, height, maxCrops, rows, cols, canvas, grid, tokens, n, block, cell }) => {
    const plan = planPreprocessing(width, height, { maxCrops });
    expect(plan.tiling).toEqual({ rows, cols });
    expect([plan.canvasWidth, plan.canvasHeight]).toEqual(canvas);
    expect([plan.gridWidth, plan.gridHeight]).toEqual(grid);
    expect([plan.tokenCols, plan.tokenRows]).toEqual(tokens);
    expect(plan.imageGrids).toEqual([14, 14, tokens[1], tokens[0]]);
    expect(plan.crops).toBe(1 + rows * cols);
    expect(plan.poolingRows).toBe(n);
    expect(plan.imageTokens).toBe(block);
    // The README rounds to 2 decimals; the exact value is 0.33 * W / Wg.
    expect(plan.pxPerCellX).toBeCloseTo(cell[0]!, 2);
    expect(plan.pxPerCellY).toBeCloseTo(cell[1]!, 2);
    expect(plan.pxPerCellX).toBe((0.33 * width) / grid[0]!);
  });

  it("defaults to 48 crops", () => {
    expect(planPreprocessing(1920, 1080).maxCrops).toBe(48);
  });

  it.each([
    { width: 1, height: 1, message: /1×1 px; it must be at least 2×2 px/ },
    { width: 1, height: 500, message: /at least 2×2/ },
    { width: 0, height: 0, message: /at least 2×2/ },
    { width: 10.5, height: 10, message: /at least 2×2/ },
  ])("rejects a $width x $height image", ({ width, height, message }) => {
    expect(() => planPreprocessing(width, height)).toThrow(InvalidInputError);
    expect(() => planPreprocessing(width, height)).toThrow(message);
  });

  it.each([0, 129, 3.5])("rejects maxCrops %s", (maxCrops) => {
    expect(() => planPreprocessing(1920, 1080, { maxCrops })).toThrow(/maxCrops must be an integer from 1 to 128/);
  });
});

describe("pooling tables", () => {
  it("1x2 tiling: crops drop their 4 inner margin columns and tile the canvas once", () => {
    const mapping = buildSubpatchMapping({ rows: 1, cols: 2 });
    expect([mapping.rows, mapping.cols]).toEqual([27, 46]);
    const row0 = Array.from(mapping.data.subarray(0, 46));
    // Crop 1 (ids 729..) supplies columns 0..22, crop 2 (ids 1458..) columns 4..26 of its own patches.
    expect(row0.slice(0, 23)).toEqual(Array.from({ length: 23 }, (_, px) => 729 + px));
    expect(row0.slice(23)).toEqual(Array.from({ length: 23 }, (_, index) => 1458 + 4 + index));
    expect(new Set(mapping.data).size).toBe(27 * 46);
  });

  it("pads odd grids with -1 at the bottom/right and puts the global crop first", () => {
    const mapping = buildSubpatchMapping({ rows: 1, cols: 1 });
    const { pooling, rows, tokenRows, tokenCols } = buildPoolingTable(mapping);
    expect([rows, tokenRows, tokenCols]).toEqual([392, 14, 14]);
    expect(Array.from(pooling.subarray(0, 4))).toEqual([0, 1, 27, 28]);
    // Global row 13 is the top-right block: column 26 has no right neighbour.
    expect(Array.from(pooling.subarray(13 * 4, 14 * 4))).toEqual([26, -1, 53, -1]);
    // Last global row: bottom-right corner patch 728 only.
    expect(Array.from(pooling.subarray(195 * 4, 196 * 4))).toEqual([728, -1, -1, -1]);
    expect(Array.from(pooling.subarray(196 * 4, 197 * 4))).toEqual([729, 730, 756, 757]);
  });
});

describe("buildImageTokenIds", () => {
  it("lays out the global block, then th rows of tw patches and a column token", () => {
    const ids = { imageStart: 1, imageEnd: 2, imagePatch: 3, imageColumn: 4, lowResImageStart: 5, imageLow: 6 };
    const tokens = Array.from(buildImageTokenIds(2, 3, ids));
    expect(tokens).toEqual([5, ...Array<number>(196).fill(6), 2, 1, 3, 3, 3, 4, 3, 3, 3, 4, 2]);
  });
});

describe("resizeForPlan", () => {
  it("rejects a plan made for another image size", () => {
    const image = { width: 4, height: 4, data: new Uint8Array(48) };
    expect(() => resizeForPlan(image, planPreprocessing(8, 4))).toThrow(/the plan is for a 8×4 image but the image is 4×4/);
  });
});

describe("preprocessImage", () => {
  const gradient = (width: number, height: number) => {
    const data = new Uint8Array(width * height * 3);
    for (let index = 0; index < data.length; index++) data[index] = (index * 7) % 256;
    return { width, height, data };
  };

  it("a 378 x 378 image is not resized: crops 0 and 1 are the image itself, normalised", () => {
    const image = gradient(378, 378);
    const result = preprocessImage(image, { maxCrops: 8 });
    expect(result.pixelValuesShape).toEqual([2, 729, 588]);
    expect(result.pixelValues.length).toBe(2 * 729 * 588);
    // Patch (py=1, px=2), dy=3, dx=4, channel 2 <- pixel (y=17, x=32).
    const u = image.data[(17 * 378 + 32) * 3 + 2]!;
    const expected = Math.fround(Math.fround(Math.fround(u / 255) - 0.5) / 0.5);
    const within = (1 * 27 + 2) * 588 + (3 * 14 + 4) * 3 + 2;
    expect(result.pixelValues[within]).toBe(expected);
    expect(result.pixelValues[729 * 588 + within]).toBe(expected);
    expect(Math.min(...result.pixelValues.subarray(0, 1000))).toBeGreaterThanOrEqual(-1);
  });

  it("takes shifted special-token ids (the tiny model's 1024 + offset)", () => {
    const tiny = { imageStart: 1024, imageEnd: 1025, imagePatch: 1026, imageColumn: 1027, lowResImageStart: 1028, imageLow: 1030 };
    const result = preprocessImage(gradient(800, 600), { maxCrops: 8, tokenIds: tiny });
    expect(result.poolingRows).toBe(955);
    expect(result.imageTokenIds.length).toBe(982);
    expect(result.imageTokenIds[0]).toBe(1028);
    expect(result.imageTokenIds.filter((id) => id === 1026 || id === 1030).length).toBe(955);
  });

  it.each([
    { name: "short data", image: { width: 4, height: 4, data: new Uint8Array(47) }, message: /width\*height\*3 = 48/ },
    { name: "1x1", image: { width: 1, height: 1, data: new Uint8Array(3) }, message: /at least 2×2/ },
    { name: "negative token id", image: gradient(4, 4), options: { tokenIds: { imagePatch: -3 } }, message: /tokenIds.imagePatch/ },
  ])("rejects $name", ({ image, options, message }) => {
    expect(() => preprocessImage(image, options)).toThrow(InvalidInputError);
    expect(() => preprocessImage(image, options)).toThrow(message);
  });
});
