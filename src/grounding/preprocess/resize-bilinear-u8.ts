import { InvalidInputError } from "../../core/errors.js";
import type { RgbImage } from "../../core/image.js";

/**
 * Source indices and weights of one axis of a bilinear resize: output index `d` reads input
 * indices `index0[d]`, `index1[d]` with float32 weights `weight0[d]`, `weight1[d]`.
 */
export interface AxisInterpolation {
  readonly index0: Int32Array;
  readonly index1: Int32Array;
  readonly weight0: Float32Array;
  readonly weight1: Float32Array;
}

/**
 * One axis of torch 2.11's `interpolate(mode="bilinear", align_corners=False)` on CPU, in the
 * arithmetic of golden README §5 (steps 1-4): float32 scale, half-pixel source coordinate rounded
 * once to float32, clamped below at 0, edge-clamped upper neighbour.
 *
 * @param inputLength input pixels along the axis
 * @param outputLength output pixels along the axis
 */
export function bilinearAxis(inputLength: number, outputLength: number): AxisInterpolation {
  const index0 = new Int32Array(outputLength);
  const index1 = new Int32Array(outputLength);
  const weight0 = new Float32Array(outputLength);
  const weight1 = new Float32Array(outputLength);
  if (inputLength === outputLength) {
    for (let d = 0; d < outputLength; d++) {
      index0[d] = d;
      index1[d] = d;
      weight0[d] = 1;
      weight1[d] = 0;
    }
    return { index0, index1, weight0, weight1 };
  }
  const scale = Math.fround(inputLength / outputLength);
  for (let d = 0; d < outputLength; d++) {
    // The double product of a float32 and a half-integer is exact; torch 2.11 rounds it once.
    let source = Math.fround(scale * (d + 0.5) - 0.5);
    if (source < 0) source = 0;
    const lower = Math.floor(source);
    const upper = lower < inputLength - 1 ? lower + 1 : lower;
    const lambda1 = Math.min(1, Math.max(0, Math.fround(source - lower)));
    index0[d] = lower;
    index1[d] = upper;
    weight1[d] = lambda1;
    weight0[d] = Math.fround(1 - lambda1);
  }
  return { index0, index1, weight0, weight1 };
}

/** Per-output-pixel byte offsets of the two source pixels of a horizontal pass (index × 3). */
interface HorizontalPass {
  readonly offset0: Int32Array;
  readonly offset1: Int32Array;
  readonly weight0: Float32Array;
  readonly weight1: Float32Array;
}

/**
 * Interpolates one input row horizontally into float32 values, `fma(x0, w0, fround(x1 * w1))` per
 * value as torch 2.11 does. A float32 × float32 product is exact in double, so one `fround` of the
 * double sum emulates the fused multiply-add.
 */
function interpolateRow(source: Uint8Array, rowStart: number, pass: HorizontalPass, target: Float32Array): void {
  const { offset0, offset1, weight0, weight1 } = pass;
  const width = offset0.length;
  for (let x = 0, o = 0; x < width; x++, o += 3) {
    const left = rowStart + offset0[x]!;
    const right = rowStart + offset1[x]!;
    const w0 = weight0[x]!;
    const w1 = weight1[x]!;
    target[o] = Math.fround(source[left]! * w0 + Math.fround(source[right]! * w1));
    target[o + 1] = Math.fround(source[left + 1]! * w0 + Math.fround(source[right + 1]! * w1));
    target[o + 2] = Math.fround(source[left + 2]! * w0 + Math.fround(source[right + 2]! * w1));
  }
}

/** `fma(top, w0, fround(bottom * w1))` for a whole row, stored with round-half-even and clamping. */
function blendRows(top: Float32Array, bottom: Float32Array, w0: number, w1: number, target: Uint8ClampedArray, start: number): void {
  const length = top.length;
  for (let k = 0, o = start; k < length; k += 3, o += 3) {
    target[o] = Math.fround(top[k]! * w0 + Math.fround(bottom[k]! * w1));
    target[o + 1] = Math.fround(top[k + 1]! * w0 + Math.fround(bottom[k + 1]! * w1));
    target[o + 2] = Math.fround(top[k + 2]! * w0 + Math.fround(bottom[k + 2]! * w1));
  }
}

/** Options of {@link resizeBilinearU8}. */
export interface ResizeOptions {
  /** Write the result into this array (exactly `width*height*3` bytes). Default: a new array. */
  target?: Uint8Array;
}

/**
 * Stretches an RGB image to exactly `width × height` (aspect ratio not kept) with the uint8
 * bilinear resize of Molmo2's `resize_image`: torchvision `Resize(BILINEAR, antialias=False)` on a
 * uint8 tensor under torch 2.11 — float32 interpolation (horizontal, then vertical), round half to
 * even, clamp to 0..255. Bit-exact against the torch-2.11 goldens (golden README §5).
 *
 * @param image the source image
 * @param width output width, a positive integer
 * @param height output height, a positive integer
 * @param options `target`: write into this array of `width*height*3` bytes instead of a new one (default: new)
 */
export function resizeBilinearU8(image: RgbImage, width: number, height: number, options: ResizeOptions = {}): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new InvalidInputError("size", `resize target must be positive integers, got ${width}×${height}.`);
  }
  if (options.target !== undefined && options.target.length !== width * height * 3) {
    throw new InvalidInputError("target", `resize target array must hold ${width * height * 3} bytes, got ${options.target.length}.`);
  }
  const axis = bilinearAxis(image.width, width);
  const horizontal: HorizontalPass = {
    offset0: axis.index0.map((index) => index * 3),
    offset1: axis.index1.map((index) => index * 3),
    weight0: axis.weight0,
    weight1: axis.weight1,
  };
  const vertical = bilinearAxis(image.height, height);
  const rowLength = width * 3;
  const sourceRowLength = image.width * 3;
  const output = options.target ?? new Uint8Array(height * rowLength);
  // Uint8ClampedArray stores a number clamped to 0..255 and rounded half to even (ECMAScript
  // ToUint8Clamp), which is exactly torch's round() followed by the uint8 cast.
  const clamped = new Uint8ClampedArray(output.buffer, output.byteOffset, output.length);

  // Two cached horizontally-interpolated rows; source rows are visited in non-decreasing order.
  let upperRow = new Float32Array(rowLength);
  let lowerRow = new Float32Array(rowLength);
  let upperIndex = -1;
  let lowerIndex = -1;
  for (let y = 0; y < height; y++) {
    const top = vertical.index0[y]!;
    const bottom = vertical.index1[y]!;
    if (upperIndex !== top) {
      if (lowerIndex === top) {
        [upperRow, lowerRow] = [lowerRow, upperRow];
        [upperIndex, lowerIndex] = [lowerIndex, upperIndex];
      } else {
        interpolateRow(image.data, top * sourceRowLength, horizontal, upperRow);
        upperIndex = top;
      }
    }
    if (lowerIndex !== bottom && bottom !== top) {
      interpolateRow(image.data, bottom * sourceRowLength, horizontal, lowerRow);
      lowerIndex = bottom;
    }
    blendRows(upperRow, bottom === top ? upperRow : lowerRow, vertical.weight0[y]!, vertical.weight1[y]!, clamped, y * rowLength);
  }
  return { width, height, data: output };
}
