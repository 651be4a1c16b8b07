/**
 * From grounding tokens (patch, subpatch, location) to original-image pixels, as MolmoPoint's
 * `extract_image_points`, and back (the training target encoding). The canvas is a pure stretch of the
 * original image, so only the ViT-patch grid size is needed: no crop bookkeeping.
 */
import { InvalidInputError } from "../../core/errors.js";
import type { ImagePoint } from "../../core/image.js";
import { LOCATIONS_PER_SUBPATCH, SUBPATCHES_PER_PATCH } from "./point-head-config.js";

/** Pooling rows of the global crop that precede the high-res rows of one image (14 × 14). */
export const GLOBAL_POOLING_ROWS = 196;

/** The grounding tokens of one point: pooling row, slot inside the 2×2 group, 3×3 location cell (column-major). */
export interface PointTokens {
  readonly patch: number;
  readonly subpatch: number;
  readonly location: number;
}

/** Size of one image and of its canvas ViT-patch grid (`Wg × Hg` = canvas / 14). */
export interface PointingGrid {
  /** Original image width in pixels. */
  readonly width: number;
  /** Original image height in pixels. */
  readonly height: number;
  /** Wg: ViT patches across the canvas (`19 * cols + 8`). */
  readonly gridWidth: number;
  /** Hg: ViT patches down the canvas (`19 * rows + 8`). */
  readonly gridHeight: number;
  /** Pooling rows before the first high-res row. Default {@link GLOBAL_POOLING_ROWS} (196). */
  readonly globalRows?: number;
}

/** A decoded point with the tokens it came from. */
export interface TokenPoint extends ImagePoint {
  readonly tokens: PointTokens;
}

function requireIndex(name: string, value: number, limit: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= limit) {
    throw new InvalidInputError(name, `grounding decode: ${name} must be an integer in [0, ${limit}), got ${String(value)}.`);
  }
}

function validateGrid(grid: PointingGrid): void {
  for (const name of ["width", "height", "gridWidth", "gridHeight"] as const) {
    if (!Number.isInteger(grid[name]) || grid[name] <= 0) {
      throw new InvalidInputError(name, `grounding decode: grid ${name} must be a positive integer, got ${String(grid[name])}.`);
    }
  }
}

/**
 * Pixel position of one point, or null when upstream would drop it (a global-crop row, a padded slot
 * of the bottom/right edge, or a row past the grid: its ViT id is not in the subpatch mapping). Uses the
 * arithmetic form of the mapping search, `(ty, tx) = divmod(p - 196, tw)`, `(dy, dx) = divmod(s, 2)`, and
 * evaluates `x = ((col + (loc_x + 0.5) * 0.33) / Wg) * W` in double in that order (0.33 literally, not 1/3).
 */
export function tokenToPixel(tokens: PointTokens, grid: PointingGrid): ImagePoint | null {
  validateGrid(grid);
  if (!Number.isInteger(tokens.patch) || tokens.patch < 0) {
    throw new InvalidInputError("patch", `grounding decode: patch must be a non-negative integer, got ${String(tokens.patch)}.`);
  }
  requireIndex("subpatch", tokens.subpatch, SUBPATCHES_PER_PATCH);
  requireIndex("location", tokens.location, LOCATIONS_PER_SUBPATCH);
  const globalRows = grid.globalRows ?? GLOBAL_POOLING_ROWS;
  if (tokens.patch < globalRows) return null;
  const tokensAcross = Math.ceil(grid.gridWidth / 2);
  const highResRow = tokens.patch - globalRows;
  const tokenY = Math.floor(highResRow / tokensAcross);
  const tokenX = highResRow % tokensAcross;
  const row = 2 * tokenY + (tokens.subpatch >> 1);
  const col = 2 * tokenX + (tokens.subpatch & 1);
  if (row >= grid.gridHeight || col >= grid.gridWidth) return null;
  const locationX = Math.floor(tokens.location / 3);
  const locationY = tokens.location % 3;
  const x = ((col + (locationX + 0.5) * 0.33) / grid.gridWidth) * grid.width;
  const y = ((row + (locationY + 0.5) * 0.33) / grid.gridHeight) * grid.height;
  return { x, y };
}

/** {@link tokenToPixel} for many points, dropping the ones upstream drops; keeps the input order. */
export function tokensToPixels(points: readonly PointTokens[], grid: PointingGrid): TokenPoint[] {
  const result: TokenPoint[] = [];
  for (const tokens of points) {
    const point = tokenToPixel(tokens, grid);
    if (point !== null) result.push({ x: point.x, y: point.y, tokens });
  }
  return result;
}

function cell(position: number, size: number, gridSize: number): { index: number; third: number } {
  const scaled = (position / size) * gridSize;
  const index = Math.min(gridSize - 1, Math.floor(scaled));
  const third = Math.min(2, Math.floor(3 * (scaled - index)));
  return { index, third };
}

/**
 * The target tokens of a pixel (the training encoding): the canvas ViT patch that contains it, and the
 * location `l = 3 * floor(3 * fx) + floor(3 * fy)` of its fractional position inside that patch (column-major).
 * A pixel on the right or bottom edge (`x = width`) falls into the last cell.
 */
export function pixelToTokens(point: ImagePoint, grid: PointingGrid): PointTokens {
  validateGrid(grid);
  if (!(point.x >= 0 && point.x <= grid.width && point.y >= 0 && point.y <= grid.height)) {
    throw new InvalidInputError(
      "point",
      `grounding decode: point (${point.x}, ${point.y}) is outside the ${grid.width}×${grid.height} image; pass image pixels.`,
    );
  }
  const column = cell(point.x, grid.width, grid.gridWidth);
  const row = cell(point.y, grid.height, grid.gridHeight);
  const tokensAcross = Math.ceil(grid.gridWidth / 2);
  const globalRows = grid.globalRows ?? GLOBAL_POOLING_ROWS;
  return {
    patch: globalRows + (row.index >> 1) * tokensAcross + (column.index >> 1),
    subpatch: 2 * (row.index & 1) + (column.index & 1),
    location: 3 * column.third + row.third,
  };
}
