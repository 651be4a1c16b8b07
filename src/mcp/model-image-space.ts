/**
 * The model's image space: the (possibly downscaled) screenshot an LLM is shown, and the one pure
 * mapping between its pixels and the pixels of the screenshot as captured (image px). Computer-use
 * models answer coordinates in the pixels of the image they were shown; a HiDPI page captured at
 * 2560×1600 is shown as 1357×848 to Claude, so every coordinate must be scaled back before it
 * becomes a click. From image px on, `imageToLogical` (src/core/coordinates.ts) takes over.
 */
import { InvalidInputError } from "../core/errors.js";
import type { Box, ImagePoint } from "../core/image.js";

/** How large an image the model may be shown: both bounds hold. */
export interface ImageBudget {
  /** Longest edge in px. */
  readonly maxLongEdge: number;
  /** Total pixels. */
  readonly maxPixels: number;
}

/**
 * Anthropic's published bound for images (models before Opus 4.7): at most 1568 px on the long edge
 * and about 1.15 megapixels; larger images are downscaled by the API, which is what offsets clicks.
 */
export const ANTHROPIC_IMAGE_BUDGET: ImageBudget = { maxLongEdge: 1568, maxPixels: 1_150_000 };

/** OpenAI's guidance for the computer tool: about 1440×900 (a 2560×1600 capture becomes 1440×900). */
export const OPENAI_IMAGE_BUDGET: ImageBudget = { maxLongEdge: 1920, maxPixels: 1440 * 900 };

/** The model's image of a screenshot and the scale between the two. */
export interface ModelImageSpace {
  /** Size of the image the model sees, px. */
  readonly width: number;
  readonly height: number;
  /** Size of the screenshot as captured, image px. */
  readonly screenWidth: number;
  readonly screenHeight: number;
  /** Image px per model px, per axis (≥ 1; 1 when no downscaling was needed). */
  readonly scaleX: number;
  readonly scaleY: number;
}

function checkBudget(budget: ImageBudget): void {
  if (!(budget.maxLongEdge >= 1) || !(budget.maxPixels >= 1)) {
    throw new InvalidInputError("imageBudget", `image budget needs maxLongEdge ≥ 1 and maxPixels ≥ 1, got ${JSON.stringify(budget)}.`);
  }
}

/**
 * The largest size with the screenshot's aspect ratio that fits the budget (never upscaled), as the
 * reference implementations compute it: one factor, `min(1, maxLongEdge / longEdge,
 * sqrt(maxPixels / pixels))`, sizes floored so that the budget holds.
 */
export function fitToBudget(screenWidth: number, screenHeight: number, budget: ImageBudget): ModelImageSpace {
  checkBudget(budget);
  if (!Number.isInteger(screenWidth) || !Number.isInteger(screenHeight) || screenWidth < 1 || screenHeight < 1) {
    throw new InvalidInputError("screenshot", `screenshot size must be positive integers, got ${screenWidth}×${screenHeight}.`);
  }
  const factor = Math.min(1, budget.maxLongEdge / Math.max(screenWidth, screenHeight), Math.sqrt(budget.maxPixels / (screenWidth * screenHeight)));
  const width = Math.max(1, Math.floor(screenWidth * factor));
  const height = Math.max(1, Math.floor(screenHeight * factor));
  return { width, height, screenWidth, screenHeight, scaleX: screenWidth / width, scaleY: screenHeight / height };
}

/**
 * A point the model gave (its image's px) → image px of the screenshot.
 * @throws InvalidInputError when the point lies outside the model's image (the message gives the range)
 */
export function modelToImage(point: ImagePoint, space: ModelImageSpace, parameter = "coordinate"): ImagePoint {
  const { x, y } = point;
  if (!Number.isFinite(x) || !Number.isFinite(y) || x < 0 || y < 0 || x >= space.width || y >= space.height) {
    throw new InvalidInputError(
      parameter,
      `${parameter} (${String(x)}, ${String(y)}) is outside the ${space.width}×${space.height} screenshot the model was shown; ` +
        `pass x in 0..${space.width - 1} and y in 0..${space.height - 1}.`,
    );
  }
  return { x: x * space.scaleX, y: y * space.scaleY };
}

/** Image px of the screenshot → the model's image px (rounded to whole pixels, as models answer). */
export function imageToModel(point: ImagePoint, space: ModelImageSpace): ImagePoint {
  return { x: Math.round(point.x / space.scaleX), y: Math.round(point.y / space.scaleY) };
}

/**
 * A region `[x1, y1, x2, y2]` in the model's px → the box of screenshot pixels it covers (edges
 * included, clamped to the screenshot).
 * @throws InvalidInputError for a region that is not four numbers with x1 < x2 and y1 < y2 inside the image
 */
export function modelRegionToImageBox(region: readonly number[], space: ModelImageSpace, parameter = "region"): Box {
  const [x1, y1, x2, y2] = region;
  if (region.length !== 4 || x1 === undefined || y1 === undefined || x2 === undefined || y2 === undefined || !(x1 < x2) || !(y1 < y2)) {
    throw new InvalidInputError(parameter, `${parameter} must be [x1, y1, x2, y2] with x1 < x2 and y1 < y2, got ${JSON.stringify(region)}.`);
  }
  const topLeft = modelToImage({ x: x1, y: y1 }, space, parameter);
  const right = Math.min(x2, space.width) * space.scaleX;
  const bottom = Math.min(y2, space.height) * space.scaleY;
  return {
    x1: Math.floor(topLeft.x),
    y1: Math.floor(topLeft.y),
    x2: Math.min(space.screenWidth, Math.ceil(right)) - 1,
    y2: Math.min(space.screenHeight, Math.ceil(bottom)) - 1,
  };
}
