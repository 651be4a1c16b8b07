import type { RgbImage } from "../../core/image.js";
import { PATCH_SIZE, PATCHES_PER_CROP_SIDE, VALUES_PER_PATCH } from "./molmo2-constants.js";

/**
 * `(u/255 - 0.5) / 0.5` in float32 for every uint8 `u`, as Molmo2's `normalize_image` with
 * mean = std = 0.5 (each step rounded to float32, as numpy float32 arithmetic does).
 */
export const NORMALIZED_U8: Float32Array = (() => {
  const table = new Float32Array(256);
  for (let u = 0; u < 256; u++) {
    table[u] = Math.fround(Math.fround(Math.fround(u / 255) - 0.5) / 0.5);
  }
  return table;
})();

/**
 * Normalises the 378 × 378 window of `image` whose top-left corner is (`left`, `top`) and writes it
 * as 729 flattened patches into `target` from `offset`, as Molmo2's `batch_pixels_to_patches`: patch
 * `py*27 + px`, value `(dy*14 + dx)*3 + channel` inside a patch (729 × 588 floats in all).
 */
export function writeCropPatches(image: RgbImage, top: number, left: number, target: Float32Array, offset: number): void {
  const source = image.data;
  const sourceRowLength = image.width * 3;
  const patchRowLength = PATCH_SIZE * 3;
  for (let py = 0; py < PATCHES_PER_CROP_SIDE; py++) {
    for (let dy = 0; dy < PATCH_SIZE; dy++) {
      const rowStart = (top + py * PATCH_SIZE + dy) * sourceRowLength + left * 3;
      let patchStart = offset + py * PATCHES_PER_CROP_SIDE * VALUES_PER_PATCH + dy * patchRowLength;
      // One patch row is 14 pixels = 42 contiguous bytes of the source row.
      for (let px = 0; px < PATCHES_PER_CROP_SIDE; px++) {
        const from = rowStart + px * patchRowLength;
        for (let k = 0; k < patchRowLength; k++) {
          target[patchStart + k] = NORMALIZED_U8[source[from + k]!]!;
        }
        patchStart += VALUES_PER_PATCH;
      }
    }
  }
}

/** Floats of one crop in `pixelValues`: 729 × 588. */
export const VALUES_PER_CROP = PATCHES_PER_CROP_SIDE * PATCHES_PER_CROP_SIDE * VALUES_PER_PATCH;

