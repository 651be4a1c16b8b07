/**
 * Small pure pixel helpers the agent needs for its cache, its after-action check and its reports:
 * grayscale patches, normalised cross-correlation, a coarse screen fingerprint, a changed-pixel
 * measure, box downscaling and drawing marks. No I/O; everything works on {@link RgbImage}.
 */
import type { Box, ImagePoint, RgbImage } from "../core/image.js";

/** A grayscale patch cut out of a screenshot, with where it was cut. */
export interface GrayPatch {
  /** Top-left corner in image px of the screenshot it was cut from. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** `width * height` luminance bytes, row-major. */
  readonly data: Uint8Array;
}

/** Rec. 601 luma of one pixel, integer arithmetic (the weights sum to 256). */
function luma(data: Uint8Array, offset: number): number {
  return (77 * data[offset]! + 150 * data[offset + 1]! + 29 * data[offset + 2]!) >> 8;
}

/**
 * The window of `size × size` px centred on `point`, shifted (not shrunk) to stay inside the image;
 * smaller only when the image itself is smaller.
 */
export function windowAround(point: ImagePoint, size: number, image: { width: number; height: number }): Box {
  const width = Math.min(size, image.width);
  const height = Math.min(size, image.height);
  const x1 = Math.min(Math.max(Math.round(point.x - width / 2), 0), image.width - width);
  const y1 = Math.min(Math.max(Math.round(point.y - height / 2), 0), image.height - height);
  return { x1, y1, x2: x1 + width - 1, y2: y1 + height - 1 };
}

/** Cuts the grayscale patch of `box` (edges included) out of `image`. */
export function grayPatch(image: RgbImage, box: Box): GrayPatch {
  const width = box.x2 - box.x1 + 1;
  const height = box.y2 - box.y1 + 1;
  const data = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) {
    const sourceRow = (box.y1 + row) * image.width;
    for (let column = 0; column < width; column++) {
      data[row * width + column] = luma(image.data, (sourceRow + box.x1 + column) * 3);
    }
  }
  return { x: box.x1, y: box.y1, width, height, data };
}

/** Copies the RGB pixels of `box` (edges included) into a new image. */
export function cropImage(image: RgbImage, box: Box): RgbImage {
  const width = box.x2 - box.x1 + 1;
  const height = box.y2 - box.y1 + 1;
  const data = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row++) {
    const start = ((box.y1 + row) * image.width + box.x1) * 3;
    data.set(image.data.subarray(start, start + width * 3), row * width * 3);
  }
  return { width, height, data };
}

/** How two equally sized patches compare: correlation and the flatness that decides which measure counts. */
export interface PatchComparison {
  /** Normalised cross-correlation, -1..1; 1 when both patches are flat and equal in brightness. */
  readonly correlation: number;
  /** Mean absolute difference of the luminance, 0..255. */
  readonly meanAbsoluteDifference: number;
}

/**
 * Compares two patches of the same size by normalised cross-correlation (zero-mean, unit-variance).
 * A flat patch has no variance to correlate; two flat patches count as correlated (1) when their
 * brightness differs by less than 8 levels, and a flat patch never matches a textured one (0).
 */
export function comparePatches(a: Uint8Array, b: Uint8Array): PatchComparison {
  if (a.length !== b.length || a.length === 0) return { correlation: 0, meanAbsoluteDifference: 255 };
  const count = a.length;
  let sumA = 0;
  let sumB = 0;
  let absolute = 0;
  for (let index = 0; index < count; index++) {
    sumA += a[index]!;
    sumB += b[index]!;
    absolute += Math.abs(a[index]! - b[index]!);
  }
  const meanA = sumA / count;
  const meanB = sumB / count;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (let index = 0; index < count; index++) {
    const da = a[index]! - meanA;
    const db = b[index]! - meanB;
    covariance += da * db;
    varianceA += da * da;
    varianceB += db * db;
  }
  const meanAbsoluteDifference = absolute / count;
  // Standard deviation below 2 levels is noise from JPEG/antialiasing, not structure.
  const flatA = varianceA / count < 4;
  const flatB = varianceB / count < 4;
  if (flatA || flatB) {
    const correlation = flatA && flatB && Math.abs(meanA - meanB) < 8 ? 1 : 0;
    return { correlation, meanAbsoluteDifference };
  }
  return { correlation: covariance / Math.sqrt(varianceA * varianceB), meanAbsoluteDifference };
}

/** Cells per side of {@link screenFingerprint}: 8 × 8 cells. */
export const FINGERPRINT_CELLS = 8;

/**
 * A coarse fingerprint of a screen: the mean luminance of 8 × 8 cells, each quantised to 16 levels,
 * as 64 hex digits. Screens that differ only in small details (a caret, a clock, a moved button)
 * usually share most digits, which is what {@link fingerprintDistance} measures. Samples every
 * other pixel on large screens: enough for a mean, and it keeps a 4K screen under a few ms.
 */
export function screenFingerprint(image: RgbImage): string {
  const cells = FINGERPRINT_CELLS;
  const step = image.width * image.height > 1_000_000 ? 2 : 1;
  let digits = "";
  for (let cellRow = 0; cellRow < cells; cellRow++) {
    const y1 = Math.floor((cellRow * image.height) / cells);
    const y2 = Math.max(y1 + 1, Math.floor(((cellRow + 1) * image.height) / cells));
    for (let cellColumn = 0; cellColumn < cells; cellColumn++) {
      const x1 = Math.floor((cellColumn * image.width) / cells);
      const x2 = Math.max(x1 + 1, Math.floor(((cellColumn + 1) * image.width) / cells));
      let sum = 0;
      let count = 0;
      for (let y = y1; y < y2; y += step) {
        for (let x = x1; x < x2; x += step) {
          sum += luma(image.data, (y * image.width + x) * 3);
          count++;
        }
      }
      digits += Math.min(15, Math.floor(sum / count / 16)).toString(16);
    }
  }
  return digits;
}

/** Sum of absolute differences of two fingerprints' digits (0 = same screen at this coarseness). */
export function fingerprintDistance(a: string, b: string): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let distance = 0;
  for (let index = 0; index < a.length; index++) {
    distance += Math.abs(Number.parseInt(a[index]!, 16) - Number.parseInt(b[index]!, 16));
  }
  return distance;
}

/** What changed between two screenshots of the same size. */
export interface ScreenDifference {
  /** Pixels whose luminance moved by more than the threshold. */
  readonly changedPixels: number;
  /** `changedPixels` over all pixels, 0..1. */
  readonly changedFraction: number;
  /** The smallest box holding every changed pixel, or `undefined` when nothing changed. */
  readonly changedBox: Box | undefined;
}

/**
 * Counts the pixels where some channel differs by more than `threshold` (default 24 levels: above
 * antialiasing and compression noise, below any real repaint; per channel, so that a hue change of
 * equal brightness counts too). Images of different sizes count as entirely changed.
 */
export function screenDifference(before: RgbImage, after: RgbImage, threshold = 24): ScreenDifference {
  const total = after.width * after.height;
  if (before.width !== after.width || before.height !== after.height) {
    return { changedPixels: total, changedFraction: 1, changedBox: { x1: 0, y1: 0, x2: after.width - 1, y2: after.height - 1 } };
  }
  let changed = 0;
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = -1;
  let y2 = -1;
  for (let y = 0; y < after.height; y++) {
    for (let x = 0; x < after.width; x++) {
      const offset = (y * after.width + x) * 3;
      const difference = Math.max(
        Math.abs(before.data[offset]! - after.data[offset]!),
        Math.abs(before.data[offset + 1]! - after.data[offset + 1]!),
        Math.abs(before.data[offset + 2]! - after.data[offset + 2]!),
      );
      if (difference > threshold) {
        changed++;
        if (x < x1) x1 = x;
        if (x > x2) x2 = x;
        if (y < y1) y1 = y;
        if (y > y2) y2 = y;
      }
    }
  }
  return {
    changedPixels: changed,
    changedFraction: total === 0 ? 0 : changed / total,
    changedBox: changed === 0 ? undefined : { x1, y1, x2, y2 },
  };
}

/**
 * Shrinks an image by box averaging so that its longer side is at most `maxSide` px (an image
 * already small enough is returned as is). Used for report thumbnails.
 */
export function downscaleToFit(image: RgbImage, maxSide: number): RgbImage {
  const scale = Math.max(image.width, image.height) / maxSide;
  if (scale <= 1) return image;
  const width = Math.max(1, Math.round(image.width / scale));
  const height = Math.max(1, Math.round(image.height / scale));
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sy1 = Math.floor((y * image.height) / height);
    const sy2 = Math.max(sy1 + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const sx1 = Math.floor((x * image.width) / width);
      const sx2 = Math.max(sx1 + 1, Math.floor(((x + 1) * image.width) / width));
      let red = 0;
      let green = 0;
      let blue = 0;
      for (let sy = sy1; sy < sy2; sy++) {
        for (let sx = sx1; sx < sx2; sx++) {
          const offset = (sy * image.width + sx) * 3;
          red += image.data[offset]!;
          green += image.data[offset + 1]!;
          blue += image.data[offset + 2]!;
        }
      }
      const count = (sy2 - sy1) * (sx2 - sx1);
      const target = (y * width + x) * 3;
      data[target] = Math.round(red / count);
      data[target + 1] = Math.round(green / count);
      data[target + 2] = Math.round(blue / count);
    }
  }
  return { width, height, data };
}

/** An RGB colour, 0..255 per channel. */
export type Rgb = readonly [number, number, number];

function setPixel(image: { width: number; height: number; data: Uint8Array }, x: number, y: number, color: Rgb): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const offset = (y * image.width + x) * 3;
  image.data[offset] = color[0];
  image.data[offset + 1] = color[1];
  image.data[offset + 2] = color[2];
}

/** A copy of `image` that drawing functions may change. */
export function copyImage(image: RgbImage): RgbImage {
  return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
}

/**
 * Draws the click marker in place: a ring of `radius` px around the point and four short ticks
 * outside it, leaving what is under the point visible.
 */
export function drawMarker(image: RgbImage, point: ImagePoint, radius: number, color: Rgb, thickness = 2): void {
  const cx = Math.round(point.x);
  const cy = Math.round(point.y);
  const outer = radius + thickness / 2;
  const inner = radius - thickness / 2;
  for (let y = Math.floor(cy - outer); y <= Math.ceil(cy + outer); y++) {
    for (let x = Math.floor(cx - outer); x <= Math.ceil(cx + outer); x++) {
      const distance = Math.hypot(x - cx, y - cy);
      if (distance >= inner && distance <= outer) setPixel(image, x, y, color);
    }
  }
  const half = Math.floor(thickness / 2);
  for (let offset = Math.ceil(outer) + 1; offset <= Math.round(radius * 1.8); offset++) {
    for (let width = -half; width <= half; width++) {
      setPixel(image, cx + offset, cy + width, color);
      setPixel(image, cx - offset, cy + width, color);
      setPixel(image, cx + width, cy + offset, color);
      setPixel(image, cx + width, cy - offset, color);
    }
  }
  // One pixel at the exact point, so the spot can be checked when zoomed in.
  setPixel(image, cx, cy, color);
}

/** Draws the outline of `box` (edges included), in place. */
export function drawBox(image: RgbImage, box: Box, color: Rgb, thickness = 1): void {
  for (let t = 0; t < thickness; t++) {
    for (let x = box.x1; x <= box.x2; x++) {
      setPixel(image, x, box.y1 + t, color);
      setPixel(image, x, box.y2 - t, color);
    }
    for (let y = box.y1; y <= box.y2; y++) {
      setPixel(image, box.x1 + t, y, color);
      setPixel(image, box.x2 - t, y, color);
    }
  }
}
