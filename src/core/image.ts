/**
 * The in-memory image every room passes around: tightly packed 8-bit RGB, row-major, no alpha.
 * Decoding files into it is the job of `src/image/`; everything else is pure.
 */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** `width * height * 3` bytes, RGB interleaved, row-major. */
  readonly data: Uint8Array;
}

/** A point in the pixels of one image (x to the right, y down, origin at the top-left corner). */
export interface ImagePoint {
  readonly x: number;
  readonly y: number;
}

/** An axis-aligned box in image pixels, edges included. */
export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}
