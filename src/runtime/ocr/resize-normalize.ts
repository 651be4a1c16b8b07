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
  const out = target.data;
  for (let y = 0; y < target.height; y += 1) {
    const top = (rows.low[y] ?? 0) * rowBytes;
    const bottom = (rows.high[y] ?? 0) * rowBytes;
    const wy = rows.weight[y] ?? 0;
    for (let plane = 0; plane < 3; plane += 1) {
      const channel = order[plane] ?? 0;
      const scale = scales[plane] ?? 1;
      const shift = offsets[plane] ?? 0;
      let index = target.offset + plane * target.planeStride + y * target.rowStride;
      for (let x = 0; x < target.width; x += 1) {
        const left = (columns.low[x] ?? 0) * 3 + channel;
        const right = (columns.high[x] ?? 0) * 3 + channel;
        const wx = columns.weight[x] ?? 0;
        const upper = (source[top + left] ?? 0) + ((source[top + right] ?? 0) - (source[top + left] ?? 0)) * wx;
        const lower = (source[bottom + left] ?? 0) + ((source[bottom + right] ?? 0) - (source[bottom + left] ?? 0)) * wx;
        out[index] = (upper + (lower - upper) * wy) * scale - shift;
        index += 1;
      }
    }
  }
}
