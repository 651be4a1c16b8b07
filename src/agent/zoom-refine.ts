/**
 * Zoom refine for large screens: after a first locate on the whole screen, crop a window around the
 * point (optionally enlarged) and locate again inside it, where the grounder sees the target at a
 * higher resolution for the same crop budget. The refined point replaces the first one only when
 * the second locate finds the target; otherwise the first point stands.
 */
import type { Grounder, LocatedPoint } from "../core/grounder.js";
import type { Box, RgbImage } from "../core/image.js";
import { InvalidInputError } from "../core/errors.js";
import { resizeBilinearU8 } from "../grounding/preprocess/resize-bilinear-u8.js";
import type { ZoomRefineOptions } from "./agent-types.js";
import { cropImage, windowAround } from "./pixels.js";

/** Defaults of {@link ZoomRefineOptions}: 768-px crops, on screens whose longer side exceeds 1600 px, no enlargement. */
export const ZOOM_REFINE_DEFAULTS = { cropSize: 768, minScreenSide: 1600, upscale: 1 } as const;

/** The refined answer and the crop it came from. */
export interface RefinedPoint {
  /** In image px of the whole screenshot; the first point when the crop did not find the target. */
  readonly point: LocatedPoint;
  /** The crop, image px of the whole screenshot. */
  readonly crop: Box;
  /** Whether the second locate found the target. */
  readonly refined: boolean;
}

/**
 * Checks and completes zoom refine options.
 * @throws InvalidInputError for a crop size under 64 px, an upscale outside 1..4
 */
export function resolveZoomRefine(options: boolean | ZoomRefineOptions | undefined): Required<ZoomRefineOptions> | undefined {
  if (options === undefined || options === false) return undefined;
  const resolved = { ...ZOOM_REFINE_DEFAULTS, ...(options === true ? {} : options) };
  if (!Number.isInteger(resolved.cropSize) || resolved.cropSize < 64) {
    throw new InvalidInputError("zoomRefine.cropSize", `zoomRefine.cropSize must be an integer ≥ 64 px, got ${String(resolved.cropSize)}.`);
  }
  if (typeof resolved.upscale !== "number" || !(resolved.upscale >= 1 && resolved.upscale <= 4)) {
    throw new InvalidInputError("zoomRefine.upscale", `zoomRefine.upscale must be from 1 to 4, got ${String(resolved.upscale)}.`);
  }
  return resolved;
}

/**
 * Locates `instruction` again inside a crop around `first`. Returns undefined when the screen is
 * not larger than `minScreenSide` (nothing to gain).
 */
export async function zoomRefine(
  image: RgbImage,
  instruction: string,
  first: LocatedPoint,
  grounder: Grounder,
  options: ZoomRefineOptions,
  locateOptions: { maxCrops?: number; signal?: AbortSignal },
): Promise<RefinedPoint | undefined> {
  const { cropSize, minScreenSide, upscale } = { ...ZOOM_REFINE_DEFAULTS, ...options };
  if (Math.max(image.width, image.height) <= minScreenSide) return undefined;
  const crop = windowAround(first, cropSize, image);
  let view = cropImage(image, crop);
  if (upscale > 1) view = resizeBilinearU8(view, Math.round(view.width * upscale), Math.round(view.height * upscale));
  const answer = await grounder.locate(view, instruction, { ...locateOptions, maxPoints: 1 });
  const found = answer.points[0];
  if (answer.notFound || found === undefined) return { point: first, crop, refined: false };
  const scaleX = (crop.x2 - crop.x1 + 1) / view.width;
  const scaleY = (crop.y2 - crop.y1 + 1) / view.height;
  return {
    point: { ...found, x: crop.x1 + found.x * scaleX, y: crop.y1 + found.y * scaleY },
    crop,
    refined: true,
  };
}
