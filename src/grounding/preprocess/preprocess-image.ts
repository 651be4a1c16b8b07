import { InvalidInputError } from "../../core/errors.js";
import { assertRgbImage } from "../../core/assert-rgb-image.js";
import type { RgbImage } from "../../core/image.js";
import { VALUES_PER_CROP, writeCropPatches } from "./crop-patches.js";
import { buildImageTokenIds, imageBlockLength, resolveImageTokenIds, type ImageTokenIds } from "./image-tokens.js";
import {
  CROP_SIZE,
  CROP_STRIDE,
  CROP_WINDOW_PATCHES,
  DEFAULT_MAX_CROPS,
  GLOBAL_TOKEN_GRID_SIDE,
  GLOBAL_TOKENS,
  LOCATION_CELL_FRACTION,
  MIN_IMAGE_SIDE,
  OVERLAP_MARGIN_PATCHES,
  PATCHES_PER_CROP,
  TOTAL_MARGIN,
  VALUES_PER_PATCH,
} from "./molmo2-constants.js";
import { buildPoolingTable, buildSubpatchMapping } from "./pooling-tables.js";
import type { PreprocessWorkspace } from "./preprocess-workspace.js";
import { resizeBilinearU8 } from "./resize-bilinear-u8.js";
import { selectTiling, validateMaxCrops, type Tiling } from "./select-tiling.js";

/** Options of {@link planPreprocessing} and {@link preprocessImage}. */
export interface PreprocessOptions {
  /** Crop budget for the high-res tiling, an integer 1..128. Default {@link DEFAULT_MAX_CROPS} (48). */
  maxCrops?: number;
  /** Special-token ids of the image block. Default {@link MOLMOPOINT_IMAGE_TOKEN_IDS} (MolmoPoint's). */
  tokenIds?: Partial<ImageTokenIds>;
  /**
   * Reuse this workspace's buffers instead of allocating `pixelValues` and the canvas afresh; the
   * result's `pixelValues` is then overwritten by the next call with the same workspace.
   * Default: fresh arrays on every call.
   */
  workspace?: PreprocessWorkspace;
}

/** How the model will see an image: the geometry of the pre-processing, without pixels. */
export interface PreprocessingPlan {
  /** Original image size, the space every decoded point is returned in. */
  readonly width: number;
  readonly height: number;
  readonly maxCrops: number;
  readonly tiling: Tiling;
  /** The stretched image the crops are cut from: `cols*266 + 112` × `rows*266 + 112`. */
  readonly canvasWidth: number;
  readonly canvasHeight: number;
  /** Crops fed to the ViT, the global crop included: `1 + rows*cols`. */
  readonly crops: number;
  /** The canvas's ViT-patch grid (`Hg`, `Wg`): canvas / 14. */
  readonly gridHeight: number;
  readonly gridWidth: number;
  /** The pooled high-res token grid (`th`, `tw`): `ceil(Hg/2)`, `ceil(Wg/2)`. */
  readonly tokenRows: number;
  readonly tokenCols: number;
  /** `[14, 14, th, tw]`, as the processor's `image_grids`. */
  readonly imageGrids: readonly [number, number, number, number];
  /** Pooling rows `N = 196 + th*tw` = image tokens that carry features (PATCH choices). */
  readonly poolingRows: number;
  /** Length of the image-token block in the prompt: `200 + th*(tw+1)`. */
  readonly imageTokens: number;
  /**
   * Pointing precision: original-image pixels between neighbouring location cells,
   * `0.33 * W / Wg` and `0.33 * H / Hg` (upstream's 0.33, not 1/3; golden README §4.2).
   */
  readonly pxPerCellX: number;
  readonly pxPerCellY: number;
}

/** A pre-processed image: the model inputs and the tables needed to decode points. */
export interface PreprocessedImage extends PreprocessingPlan {
  /** `[crops, 729, 588]` float32 in [-1, 1]; crop 0 is the global crop. */
  readonly pixelValues: Float32Array;
  readonly pixelValuesShape: readonly [number, number, number];
  /** `[N, 4]` absolute ViT patch ids per pooled token (crop*729 + patch), -1 = padding. */
  readonly pooling: Int32Array;
  /** `[Hg, Wg]` ViT patch id of every canvas cell (offset by 729). */
  readonly subpatchMapping: Int32Array;
  /** The image-token block to place in the prompt right after BOS. */
  readonly imageTokenIds: Int32Array;
}

/** Checks that `image` is a well-formed {@link RgbImage} at least 2 × 2 px. */
export function validateRgbImage(image: RgbImage): void {
  validateImageSize(image.width, image.height);
  assertRgbImage(image);
}

function validateImageSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < MIN_IMAGE_SIDE || height < MIN_IMAGE_SIDE) {
    throw new InvalidInputError(
      "image",
      `the image is ${width}×${height} px; it must be at least ${MIN_IMAGE_SIDE}×${MIN_IMAGE_SIDE} px (pass a real screenshot).`,
    );
  }
}

/**
 * The geometry of the pre-processing for a `width × height` image (tiling, canvas, grids, token
 * counts, pointing precision), as Molmo2's `image_to_patches_and_grids` computes it, without
 * touching pixels.
 *
 * @throws InvalidInputError for sizes under 2 px or a `maxCrops` outside 1..128.
 */
export function planPreprocessing(width: number, height: number, options: PreprocessOptions = {}): PreprocessingPlan {
  validateImageSize(width, height);
  const maxCrops = validateMaxCrops(options.maxCrops ?? DEFAULT_MAX_CROPS);
  const tiling = selectTiling(height - TOTAL_MARGIN, width - TOTAL_MARGIN, CROP_STRIDE, maxCrops);
  const gridHeight = CROP_WINDOW_PATCHES * tiling.rows + 2 * OVERLAP_MARGIN_PATCHES;
  const gridWidth = CROP_WINDOW_PATCHES * tiling.cols + 2 * OVERLAP_MARGIN_PATCHES;
  const tokenRows = Math.ceil(gridHeight / 2);
  const tokenCols = Math.ceil(gridWidth / 2);
  return {
    width,
    height,
    maxCrops,
    tiling,
    canvasWidth: tiling.cols * CROP_STRIDE + TOTAL_MARGIN,
    canvasHeight: tiling.rows * CROP_STRIDE + TOTAL_MARGIN,
    crops: 1 + tiling.rows * tiling.cols,
    gridHeight,
    gridWidth,
    tokenRows,
    tokenCols,
    imageGrids: [GLOBAL_TOKEN_GRID_SIDE, GLOBAL_TOKEN_GRID_SIDE, tokenRows, tokenCols],
    poolingRows: GLOBAL_TOKENS + tokenRows * tokenCols,
    imageTokens: imageBlockLength(tokenRows, tokenCols),
    pxPerCellX: (LOCATION_CELL_FRACTION * width) / gridWidth,
    pxPerCellY: (LOCATION_CELL_FRACTION * height) / gridHeight,
  };
}

/** The two uint8 resizes of the pre-processing, before normalisation. */
export interface ResizedImages {
  /** The whole image stretched to the canvas size. */
  readonly canvas: RgbImage;
  /** The whole image stretched to 378 × 378 (crop 0). */
  readonly globalCrop: RgbImage;
}

/**
 * Both uint8 resizes of `image_to_patches_and_grids`, each from the original image: to the canvas
 * of `plan` and to the 378 × 378 global crop.
 *
 * @param options `workspace`: write into its buffers (default: new arrays)
 */
export function resizeForPlan(image: RgbImage, plan: PreprocessingPlan, options: { workspace?: PreprocessWorkspace } = {}): ResizedImages {
  validateRgbImage(image);
  if (image.width !== plan.width || image.height !== plan.height) {
    throw new InvalidInputError("plan", `the plan is for a ${plan.width}×${plan.height} image but the image is ${image.width}×${image.height}; plan this image.`);
  }
  const { workspace } = options;
  const canvasBytes = plan.canvasWidth * plan.canvasHeight * 3;
  return {
    canvas: resizeBilinearU8(image, plan.canvasWidth, plan.canvasHeight, { target: workspace?.bytes("canvas", canvasBytes) }),
    globalCrop: resizeBilinearU8(image, CROP_SIZE, CROP_SIZE, { target: workspace?.bytes("globalCrop", CROP_SIZE * CROP_SIZE * 3) }),
  };
}

/**
 * Normalises and flattens the global crop and the `rows × cols` overlapping canvas crops into
 * `pixelValues` `[crops, 729, 588]`, as `batch_pixels_to_patches` after `build_overlapping_crops`.
 *
 * @param options `workspace`: write into its float buffer (default: a new array)
 */
export function buildPixelValues(resized: ResizedImages, plan: PreprocessingPlan, options: { workspace?: PreprocessWorkspace } = {}): Float32Array {
  const { tiling } = plan;
  const length = plan.crops * VALUES_PER_CROP;
  // Every element is written below, so a reused (dirty) buffer needs no clearing.
  const pixelValues = options.workspace?.floats(length) ?? new Float32Array(length);
  writeCropPatches(resized.globalCrop, 0, 0, pixelValues, 0);
  for (let row = 0; row < tiling.rows; row++) {
    for (let col = 0; col < tiling.cols; col++) {
      const crop = 1 + row * tiling.cols + col;
      writeCropPatches(resized.canvas, row * CROP_STRIDE, col * CROP_STRIDE, pixelValues, crop * VALUES_PER_CROP);
    }
  }
  return pixelValues;
}

/**
 * Pre-processes one image for MolmoPoint, as Molmo2's `Molmo2ImageProcessor.preprocess` with
 * pointing metadata: tiling, uint8 bilinear resizes to the canvas and to the global crop,
 * normalisation, patch flattening, subpatch mapping, pooling table and image-token block.
 * `pixelValues` equals the torch-2.11 reference bit for bit.
 *
 * @param image the screenshot, at least 2 × 2 px
 * @param options `maxCrops` (default 48), `tokenIds` (default MolmoPoint's), `workspace` (default none)
 * @throws InvalidInputError for a malformed or tiny image, a bad `maxCrops` or bad token ids.
 */
export function preprocessImage(image: RgbImage, options: PreprocessOptions = {}): PreprocessedImage {
  validateRgbImage(image);
  const plan = planPreprocessing(image.width, image.height, options);
  const tokenIds = resolveImageTokenIds(options.tokenIds);
  const { workspace } = options;
  const pixelValues = buildPixelValues(resizeForPlan(image, plan, { workspace }), plan, { workspace });
  const mapping = buildSubpatchMapping(plan.tiling);
  const { pooling } = buildPoolingTable(mapping);
  return {
    ...plan,
    pixelValues,
    pixelValuesShape: [plan.crops, PATCHES_PER_CROP, VALUES_PER_PATCH],
    pooling,
    subpatchMapping: mapping.data,
    imageTokenIds: buildImageTokenIds(plan.tokenRows, plan.tokenCols, tokenIds),
  };
}
