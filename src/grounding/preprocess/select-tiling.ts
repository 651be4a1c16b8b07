import { InvalidInputError } from "../../core/errors.js";
import { MAX_MAX_CROPS } from "./molmo2-constants.js";

/** How many overlapping crops cover the canvas vertically (`rows`) and horizontally (`cols`). */
export interface Tiling {
  readonly rows: number;
  readonly cols: number;
}

/**
 * Checks a crop budget: an integer from 1 to {@link MAX_MAX_CROPS} (128).
 * @throws InvalidInputError naming `maxCrops` otherwise.
 */
export function validateMaxCrops(maxCrops: unknown): number {
  if (typeof maxCrops !== "number" || !Number.isInteger(maxCrops) || maxCrops < 1 || maxCrops > MAX_MAX_CROPS) {
    throw new InvalidInputError(
      "maxCrops",
      `maxCrops must be an integer from 1 to ${MAX_MAX_CROPS}, got ${String(maxCrops)}; MolmoPoint-GUI uses 48 (64 for 4K screens).`,
    );
  }
  return maxCrops;
}

/**
 * Picks the crop grid for an image of `height × width` pixels, as MolmoPoint's HF `select_tiling`
 * (called with `H - 112`, `W - 112` and no `max(.., 1)` clamp, golden README §8): every grid with at
 * most `maxCrops` crops, sorted by (crops, rows); if every grid must shrink the image, the one that
 * shrinks least, else the one that enlarges least. Scales are float32, as upstream's numpy arrays.
 *
 * @param height image height minus the 112 px total margin (may be ≤ 0 for tiny images)
 * @param width image width minus the 112 px total margin
 * @param stride usable pixels per crop (266)
 * @param maxCrops crop budget, validated by {@link validateMaxCrops}
 */
export function selectTiling(height: number, width: number, stride: number, maxCrops: number): Tiling {
  validateMaxCrops(maxCrops);
  const candidates: Tiling[] = [];
  for (let rows = 1; rows <= maxCrops; rows++) {
    for (let cols = 1; cols <= maxCrops; cols++) {
      if (rows * cols <= maxCrops) candidates.push({ rows, cols });
    }
  }
  // Sorted so that the first of equal scales is the smallest grid, as upstream's argmin/argmax.
  candidates.sort((a, b) => a.rows * a.cols - b.rows * b.cols || a.rows - b.rows);

  const originalHeight = Math.fround(height);
  const originalWidth = Math.fround(width);
  // Division by zero gives ±Infinity exactly as numpy does under errstate(divide="ignore").
  const scales = candidates.map(({ rows, cols }) =>
    Math.min(Math.fround(Math.fround(rows * stride) / originalHeight), Math.fround(Math.fround(cols * stride) / originalWidth)),
  );

  let chosen = 0;
  if (scales.every((scale) => scale < 1)) {
    // Forced to shrink: shrink as little as possible (argmax, first on ties).
    for (let index = 1; index < scales.length; index++) {
      if (scales[index]! > scales[chosen]!) chosen = index;
    }
  } else {
    // Enlarge as little as possible among the grids that do not shrink (argmin, first on ties).
    const penalised = scales.map((scale) => (scale < 1 ? 10e9 : scale));
    for (let index = 1; index < penalised.length; index++) {
      if (penalised[index]! < penalised[chosen]!) chosen = index;
    }
  }
  return candidates[chosen]!;
}
