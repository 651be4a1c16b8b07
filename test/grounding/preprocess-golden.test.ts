/**
 * Pre-processing against ../shared/golden/molmo2/preprocessing (outputs of the published MolmoPoint
 * HF processor, torch 2.11 = the primary runtime). Integer tables must be equal; pixel values must be
 * bit-identical (sha256 of the whole array and of every crop), because the resize implements torch
 * 2.11's float32 arithmetic exactly (golden README §5) — so there is no tolerance to justify.
 * Lives under test/ (not beside the pure code) because it reads files and decodes PNGs with sharp.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { RgbImage } from "../../src/core/image.js";
import { buildImageTokenIds } from "../../src/grounding/preprocess/image-tokens.js";
import { buildPoolingTable, buildSubpatchMapping } from "../../src/grounding/preprocess/pooling-tables.js";
import { buildPixelValues, planPreprocessing, preprocessImage, resizeForPlan } from "../../src/grounding/preprocess/preprocess-image.js";
import { PreprocessWorkspace } from "../../src/grounding/preprocess/preprocess-workspace.js";
import { decodeImage } from "../../src/image/decode-image.js";
import { goldenRoot, readNpyFloat32, readNpyIntegers } from "../helpers/read-npy.js";

interface RuntimeGolden {
  pixel_values_sha256: string;
  pixel_values_per_crop_sha256: string[];
  canvas_u8_sha256: string;
  global_crop_u8_sha256: string;
  pv_sample_val: string;
}
interface PreprocessCase {
  case: string;
  image: string;
  width: number;
  height: number;
  max_crops: number;
  tiling_rows: number;
  tiling_cols: number;
  canvas_width: number;
  canvas_height: number;
  n_crops_incl_global: number;
  Hg: number;
  Wg: number;
  th: number;
  tw: number;
  image_grids: number[];
  n_pooling_rows: number;
  n_image_block_tokens: number;
  tables: string;
  pixel_values_shape: number[];
  pv_sample_idx: string;
  "pixel_values_full_torch2.11": string | null;
  runtimes: { "torch2.11": RuntimeGolden };
}

const root = `${goldenRoot}molmo2/`;
const cases = (JSON.parse(readFileSync(`${root}preprocessing/cases.json`, "utf8")) as { cases: PreprocessCase[] }).cases;

const decoded = new Map<string, Promise<RgbImage>>();
function goldenImage(path: string): Promise<RgbImage> {
  let image = decoded.get(path);
  if (!image) {
    image = decodeImage(`${root}${path}`);
    decoded.set(path, image);
  }
  return image;
}

// One workspace for all cases: fresh 50-105 MB arrays per case cost more page faults than compute.
const workspace = new PreprocessWorkspace();

function sha256(view: ArrayBufferView): string {
  return createHash("sha256").update(new Uint8Array(view.buffer, view.byteOffset, view.byteLength)).digest("hex");
}

/** The first index where two integer arrays differ, for a readable failure; undefined when equal. */
function firstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>) {
  if (actual.length !== expected.length) return { lengths: [actual.length, expected.length] };
  for (let index = 0; index < expected.length; index++) {
    if (actual[index] !== expected[index]) return { index, actual: actual[index], expected: expected[index] };
  }
  return undefined;
}

describe("pre-processing goldens (torch 2.11)", () => {
  it("covers all 40 cases", () => {
    expect(cases.length).toBe(40);
  });

  describe.each(cases)("$case", (golden) => {
    it("tiling, canvas, grids, token counts", () => {
      const plan = planPreprocessing(golden.width, golden.height, { maxCrops: golden.max_crops });
      expect({
        rows: plan.tiling.rows,
        cols: plan.tiling.cols,
        canvasWidth: plan.canvasWidth,
        canvasHeight: plan.canvasHeight,
        crops: plan.crops,
        Hg: plan.gridHeight,
        Wg: plan.gridWidth,
        th: plan.tokenRows,
        tw: plan.tokenCols,
        imageGrids: plan.imageGrids,
        N: plan.poolingRows,
        block: plan.imageTokens,
      }).toEqual({
        rows: golden.tiling_rows,
        cols: golden.tiling_cols,
        canvasWidth: golden.canvas_width,
        canvasHeight: golden.canvas_height,
        crops: golden.n_crops_incl_global,
        Hg: golden.Hg,
        Wg: golden.Wg,
        th: golden.th,
        tw: golden.tw,
        imageGrids: golden.image_grids,
        N: golden.n_pooling_rows,
        block: golden.n_image_block_tokens,
      });
    });

    it("pooling table, subpatch mapping and image-token ids", () => {
      const tiling = { rows: golden.tiling_rows, cols: golden.tiling_cols };
      const mapping = buildSubpatchMapping(tiling);
      const expectedMapping = readNpyIntegers(`${root}${golden.tables}subpatch_mapping.npy`);
      expect([mapping.rows, mapping.cols]).toEqual(expectedMapping.shape);
      expect(firstDifference(mapping.data, expectedMapping.data)).toBeUndefined();

      const { pooling, rows, tokenRows, tokenCols } = buildPoolingTable(mapping);
      const expectedPooling = readNpyIntegers(`${root}${golden.tables}pooling.npy`);
      expect([rows, 4]).toEqual(expectedPooling.shape);
      expect(firstDifference(pooling, expectedPooling.data)).toBeUndefined();

      const tokens = buildImageTokenIds(tokenRows, tokenCols);
      expect(firstDifference(tokens, readNpyIntegers(`${root}${golden.tables}image_token_ids.npy`).data)).toBeUndefined();
    });

    it("uint8 canvas and global crop, pixel_values (whole, per crop, 1000 samples) bit-exact", async () => {
      const expected = golden.runtimes["torch2.11"];
      const image = await goldenImage(golden.image);
      expect([image.width, image.height]).toEqual([golden.width, golden.height]);
      const plan = planPreprocessing(image.width, image.height, { maxCrops: golden.max_crops });
      const resized = resizeForPlan(image, plan, { workspace });
      expect(sha256(resized.canvas.data)).toBe(expected.canvas_u8_sha256);
      expect(sha256(resized.globalCrop.data)).toBe(expected.global_crop_u8_sha256);

      const pixelValues = buildPixelValues(resized, plan, { workspace });
      expect(pixelValues.length).toBe(golden.pixel_values_shape.reduce((product, size) => product * size, 1));
      const cropLength = 729 * 588;
      const perCrop = Array.from({ length: plan.crops }, (_, crop) => sha256(pixelValues.subarray(crop * cropLength, (crop + 1) * cropLength)));
      expect(perCrop).toEqual(expected.pixel_values_per_crop_sha256);
      expect(sha256(pixelValues)).toBe(expected.pixel_values_sha256);

      const indices = readNpyIntegers(`${root}${golden.pv_sample_idx}`).data;
      const values = readNpyFloat32(`${root}${expected.pv_sample_val}`).data;
      expect(indices.length).toBe(1000);
      expect(indices.map((index) => pixelValues[index])).toEqual(Array.from(values));
    });
  });

  // preprocessImage is the composition the tests above check piece by piece; check it whole where the
  // full pixel_values array is stored, and on one large screenshot by hash.
  it.each(cases.filter((golden) => golden["pixel_values_full_torch2.11"] !== null || golden.case === "1920x1080_mc48"))(
    "preprocessImage end to end: $case",
    async (golden) => {
      const result = preprocessImage(await goldenImage(golden.image), { maxCrops: golden.max_crops });
      expect(result.pixelValuesShape).toEqual(golden.pixel_values_shape);
      const full = golden["pixel_values_full_torch2.11"];
      if (full !== null) {
        const expected = readNpyFloat32(`${root}${full}`).data;
        // Element by element (toEqual on 857k floats takes seconds).
        expect(firstDifference(result.pixelValues, expected)).toBeUndefined();
      }
      expect(sha256(result.pixelValues)).toBe(golden.runtimes["torch2.11"].pixel_values_sha256);
      expect(firstDifference(result.pooling, readNpyIntegers(`${root}${golden.tables}pooling.npy`).data)).toBeUndefined();
      expect(result.imageTokenIds.length).toBe(golden.n_image_block_tokens);
    },
  );
});
