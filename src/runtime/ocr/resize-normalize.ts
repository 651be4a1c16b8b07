import type { RgbImage } from "../../core/image.js";

/** Per-channel normalisation `(value / 255 - mean) / std`, in the order the model's channels are fed. */
export interface ChannelNormalization {
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
  /** Feed channels as B, G, R (PaddleOCR models were trained on OpenCV's BGR images). */
  readonly bgr: boolean;
}

/** A source rectangle in image pixels (fractional edges allowed). */
export interface SourceRegion {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where to write: a planar CHW float tensor (one image of a batch), `rowStride` floats per row. */
export interface TensorTarget {
  readonly data: Float32Array;
  /** Offset of channel 0, row 0, column 0. */
  readonly offset: number;
  /** Floats between two channel planes. */
  readonly planeStride: number;
  /** Floats between two rows. */
  readonly rowStride: number;
  /** Output size in pixels. */
  readonly width: number;
  readonly height: number;
}

interface AxisTable {
  readonly low: Int32Array;
  readonly high: Int32Array;
  readonly weight: Float32Array;
}

// Bilinear sampling with half-pixel centres, as OpenCV's INTER_LINEAR (which PaddleOCR's resize uses).
function axisTable(sourceStart: number, sourceLength: number, outputLength: number, limit: number): AxisTable {
  const low = new Int32Array(outputLength);
  const high = new Int32Array(outputLength);
  const weight = new Float32Array(outputLength);
  const scale = sourceLength / outputLength;
  for (let i = 0; i < outputLength; i += 1) {
    let position = sourceStart + (i + 0.5) * scale - 0.5;
    if (position < 0) position = 0;
    if (position > limit - 1) position = limit - 1;
    const base = Math.floor(position);
    low[i] = base;
    high[i] = Math.min(base + 1, limit - 1);
    weight[i] = position - base;
  }
  return { low, high, weight };
}

/**
 * Resizes `region` of `image` bilinearly to `target.width × target.height` and writes it, normalised,
 * into a planar float tensor. Pure; the caller sizes the tensor.
 */
export function resizeNormalizeInto(
  image: RgbImage,
  region: SourceRegion,
  target: TensorTarget,
  normalization: ChannelNormalization,
): void {
  const columns = axisTable(region.x, region.width, target.width, image.width);
  const rows = axisTable(region.y, region.height, target.height, image.height);
  const source = image.data;
  const rowBytes = image.width * 3;
  const order = normalization.bgr ? [2, 1, 0] : [0, 1, 2];
  const scales = order.map((channel) => 1 / (255 * (normalization.std[channel] ?? 1)));
  const offsets = order.map((channel) => (normalization.mean[channel] ?? 0) / (normalization.std[channel] ?? 1));
  const [channel0, channel1, channel2] = order as [number, number, number];
  const [scale0, scale1, scale2] = scales as [number, number, number];
  const [shift0, shift1, shift2] = offsets as [number, number, number];
  // Byte offsets of each output column's two source pixels, computed once for all rows.
  const left = new Int32Array(target.width);
  const right = new Int32Array(target.width);
  for (let x = 0; x < target.width; x += 1) {
    left[x] = (columns.low[x] ?? 0) * 3;
    right[x] = (columns.high[x] ?? 0) * 3;
  }
  const out = target.data;
  // One pass over each output row writes all three planes (a pass per plane read the source thrice).
  for (let y = 0; y < target.height; y += 1) {
    const top = (rows.low[y] ?? 0) * rowBytes;
    const bottom = (rows.high[y] ?? 0) * rowBytes;
    const wy = rows.weight[y] ?? 0;
    const index0 = target.offset + y * target.rowStride;
    const index1 = index0 + target.planeStride;
    const index2 = index1 + target.planeStride;
    for (let x = 0; x < target.width; x += 1) {
      const a = top + (left[x] ?? 0);
      const b = top + (right[x] ?? 0);
      const c = bottom + (left[x] ?? 0);
      const d = bottom + (right[x] ?? 0);
      const wx = columns.weight[x] ?? 0;
      // Written out per channel: a helper closure here runs several times slower in V8.
      let upper = (source[a + channel0] ?? 0) + ((source[b + channel0] ?? 0) - (source[a + channel0] ?? 0)) * wx;
      let lower = (source[c + channel0] ?? 0) + ((source[d + channel0] ?? 0) - (source[c + channel0] ?? 0)) * wx;
      out[index0 + x] = (upper + (lower - upper) * wy) * scale0 - shift0;
      upper = (source[a + channel1] ?? 0) + ((source[b + channel1] ?? 0) - (source[a + channel1] ?? 0)) * wx;
      lower = (source[c + channel1] ?? 0) + ((source[d + channel1] ?? 0) - (source[c + channel1] ?? 0)) * wx;
      out[index1 + x] = (upper + (lower - upper) * wy) * scale1 - shift1;
      upper = (source[a + channel2] ?? 0) + ((source[b + channel2] ?? 0) - (source[a + channel2] ?? 0)) * wx;
      lower = (source[c + channel2] ?? 0) + ((source[d + channel2] ?? 0) - (source[c + channel2] ?? 0)) * wx;
      out[index2 + x] = (upper + (lower - upper) * wy) * scale2 - shift2;
    }
  }
}
