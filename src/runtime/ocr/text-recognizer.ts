import type * as ort from "onnxruntime-node";
import type { Box, RgbImage } from "../../core/image.js";
import { throwIfAborted } from "../../core/errors.js";
import { decodeCtcGreedy } from "./ctc-decode.js";
import { runSingle } from "./onnx-session.js";
import { resizeNormalizeInto, type ChannelNormalization } from "./resize-normalize.js";
import type { PlacedCharacter } from "./word-split.js";

/** `(x / 255 - 0.5) / 0.5` on BGR, as PaddleOCR's recogniser resize_norm_img. */
const recognizerNormalization: ChannelNormalization = { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5], bgr: true };

/** Input height of the PP-OCRv4 recogniser. */
export const recognizerHeight = 48;

/** How crops are grouped into recogniser batches. */
export interface RecognizerBatching {
  /** At most this many crops per batch. Default 8. */
  readonly maxBatchSize: number;
  /** A crop joins a batch while its width is at most this factor × the batch's narrowest. Default 1 (equal widths only: no padding). */
  readonly widthRatio: number;
}

/** What the recogniser read in one region. */
export interface RecognizedLine {
  readonly characters: PlacedCharacter[];
  readonly text: string;
  readonly confidence: number;
}

/** Resized width of a crop at the recogniser's height, rounded up to the model's stride of 8. */
export function recognizerWidth(box: Box): number {
  const width = box.x2 - box.x1 + 1;
  const height = box.y2 - box.y1 + 1;
  return Math.max(8, Math.ceil((recognizerHeight * width) / height / 8) * 8);
}

/**
 * Groups crop indices into batches of similar width (sorted by width, a new batch when the width
 * grows past `widthRatio` × the batch's first), so that padding wastes little compute.
 */
export function planBatches(widths: readonly number[], batching: RecognizerBatching): number[][] {
  const order = widths.map((width, index) => ({ width, index })).sort((a, b) => a.width - b.width);
  const batches: number[][] = [];
  let current: number[] = [];
  let firstWidth = 0;
  for (const { width, index } of order) {
    if (current.length > 0 && (current.length >= batching.maxBatchSize || width > firstWidth * batching.widthRatio)) {
      batches.push(current);
      current = [];
    }
    if (current.length === 0) firstWidth = width;
    current.push(index);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The recogniser's input for one batch: each crop resized to the recogniser's height and its own
 * width (`widths[index]`), normalised, left-aligned and padded to the batch's widest.
 */
export function recognizerBatchTensor(
  image: RgbImage,
  boxes: readonly Box[],
  widths: readonly number[],
  batch: readonly number[],
): { tensor: Float32Array; paddedWidth: number; dims: number[] } {
  const paddedWidth = Math.max(...batch.map((index) => widths[index] ?? 8));
  const plane = recognizerHeight * paddedWidth;
  // Zero after normalisation is mid-grey: PaddleOCR pads batched crops the same way.
  const tensor = new Float32Array(batch.length * 3 * plane);
  batch.forEach((boxIndex, slot) => {
    const box = boxes[boxIndex] as Box;
    resizeNormalizeInto(
      image,
      { x: box.x1, y: box.y1, width: box.x2 - box.x1 + 1, height: box.y2 - box.y1 + 1 },
      {
        data: tensor,
        offset: slot * 3 * plane,
        planeStride: plane,
        rowStride: paddedWidth,
        width: widths[boxIndex] ?? 8,
        height: recognizerHeight,
      },
      recognizerNormalization,
    );
  });
  return { tensor, paddedWidth, dims: [batch.length, 3, recognizerHeight, paddedWidth] };
}

/**
 * Reads the text in each box with the CTC recogniser, batching crops of similar width. Each
 * character's x is the centre of its CTC time steps × the stride, mapped back to image pixels.
 */
export async function recognizeText(
  session: ort.InferenceSession,
  image: RgbImage,
  boxes: readonly Box[],
  vocabulary: readonly string[],
  batching: RecognizerBatching,
  signal?: AbortSignal,
): Promise<RecognizedLine[]> {
  const widths = boxes.map(recognizerWidth);
  const results: RecognizedLine[] = boxes.map(() => ({ characters: [], text: "", confidence: 0 }));
  for (const batch of planBatches(widths, batching)) {
    throwIfAborted(signal);
    const { tensor, paddedWidth, dims } = recognizerBatchTensor(image, boxes, widths, batch);
    const output = await runSingle(session, tensor, dims);
    const steps = output.dims[1] ?? 0;
    const classes = output.dims[2] ?? 0;
    if (classes !== vocabulary.length) {
      throw new RangeError(`recogniser has ${classes} classes but the dictionary gives ${vocabulary.length}`);
    }
    const stride = paddedWidth / steps;
    batch.forEach((boxIndex, slot) => {
      const box = boxes[boxIndex] as Box;
      const toImage = (box.x2 - box.x1 + 1) / (widths[boxIndex] ?? 8);
      const decoded = decodeCtcGreedy(output.data, slot * steps * classes, steps, classes);
      const characters = decoded.map((character) => ({
        text: vocabulary[character.index] ?? "",
        x: box.x1 + ((character.firstStep + character.lastStep + 1) / 2) * stride * toImage,
        confidence: character.probability,
      }));
      const visible = characters.filter((character) => character.text.trim() !== "");
      results[boxIndex] = {
        characters,
        text: characters.map((character) => character.text).join("").trim(),
        confidence: visible.length === 0 ? 0 : visible.reduce((sum, c) => sum + c.confidence, 0) / visible.length,
      };
    });
  }
  return results;
}
