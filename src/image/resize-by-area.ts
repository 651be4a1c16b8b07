/**
 * Area-averaging downscale of an {@link RgbImage}: pure (no sharp), for showing a screenshot to a
 * model at a smaller size without losing thin strokes of text.
 */
import type { RgbImage } from "../core/image.js";

/**
 * Resizes by area averaging (each output pixel is the mean of the input pixels it covers, with
 * fractional edges weighted): the right filter for shrinking text so the model can still read it.
 */
export function resizeByArea(image: RgbImage, width: number, height: number): RgbImage {
  if (width === image.width && height === image.height) return image;
  const data = new Uint8Array(width * height * 3);
  const scaleX = image.width / width;
  const scaleY = image.height / height;
  const sums = new Float64Array(3);
  for (let y = 0; y < height; y++) {
    const top = y * scaleY;
    const bottom = Math.min(image.height, top + scaleY);
    for (let x = 0; x < width; x++) {
      const left = x * scaleX;
      const right = Math.min(image.width, left + scaleX);
      sums.fill(0);
      let total = 0;
      for (let sourceY = Math.floor(top); sourceY < bottom; sourceY++) {
        const rowWeight = Math.min(sourceY + 1, bottom) - Math.max(sourceY, top);
        for (let sourceX = Math.floor(left); sourceX < right; sourceX++) {
          const weight = rowWeight * (Math.min(sourceX + 1, right) - Math.max(sourceX, left));
          const offset = (sourceY * image.width + sourceX) * 3;
          sums[0] = sums[0]! + weight * image.data[offset]!;
          sums[1] = sums[1]! + weight * image.data[offset + 1]!;
          sums[2] = sums[2]! + weight * image.data[offset + 2]!;
          total += weight;
        }
      }
      const target = (y * width + x) * 3;
      data[target] = Math.round(sums[0]! / total);
      data[target + 1] = Math.round(sums[1]! / total);
      data[target + 2] = Math.round(sums[2]! / total);
    }
  }
  return { width, height, data };
}
