/**
 * The two ONNX graphs of a MolmoPoint package, fed and read by the names `docs/model-package.md`
 * §4 gives them: `vision` (crops + pooling table → image features, gathered ViT features) and
 * `decoder` (embeddings + additive mask + positions + KV cache → last-position logits, pre-norm
 * hidden states, the grown cache).
 */
import * as ort from "onnxruntime-node";
import { ModelLoadError } from "../../core/errors.js";
import type { ModelManifest } from "../model-package/model-manifest.js";

/** Outputs of the vision graph for one image. */
export interface VisionOutputs {
  /** `[rows, hidden]` connector output (`image_features`), one row per pooling row. */
  readonly imageFeatures: Float32Array;
  /** `[rows, 4, featureDim]` ViT features gathered by the pooling table (`gathered_vit_features`). */
  readonly gatheredVitFeatures: Float32Array;
  /** `[crops, 729, featureDim]` concatenated ViT feature blocks; only when asked for (tests). */
  readonly vitFeatures: Float32Array | undefined;
}

/** The decoder's KV cache: one key and one value tensor per layer, `[1, kvHeads, length, headDim]`. */
export interface KvCache {
  /** Tokens held. */
  readonly length: number;
  readonly tensors: Readonly<Record<string, ort.Tensor>>;
}

/** Outputs of one decoder call. */
export interface DecoderOutputs {
  /** `[vocabRows]` LM logits of the last position. */
  readonly logits: Float32Array;
  /** `[seq, hidden]` pre-final-norm hidden states of this call's positions. */
  readonly hiddenPre: Float32Array;
  readonly cache: KvCache;
}

/** Additive mask value for a blocked pair (docs/model-package.md §4.2); large enough that softmax gives exactly 0 in float32. */
export const BLOCKED = -1e9;

function asFloat32(tensor: ort.Tensor | undefined, name: string, graph: string): Float32Array {
  if (!tensor || tensor.type !== "float32") throw new ModelLoadError(`${graph} returned no float32 output "${name}".`, { file: graph });
  return tensor.data as Float32Array;
}

/** Runs the vision graph. */
export async function runVision(
  session: ort.InferenceSession,
  manifest: ModelManifest,
  pixelValues: Float32Array,
  crops: number,
  pooling: Int32Array,
  options: { vitFeatures?: boolean } = {},
): Promise<VisionOutputs> {
  const { patchesPerCrop, patchValues } = manifest.architecture.vit;
  const rows = pooling.length / 4;
  const feeds = {
    pixel_values: new ort.Tensor("float32", pixelValues, [crops, patchesPerCrop, patchValues]),
    pooling: new ort.Tensor("int64", BigInt64Array.from(pooling, (value) => BigInt(value)), [rows, 4]),
  };
  const fetches = ["image_features", "gathered_vit_features", ...(options.vitFeatures ? ["vit_features"] : [])];
  const outputs = await session.run(feeds, fetches);
  const file = manifest.graphs.vision.path;
  const result = {
    imageFeatures: asFloat32(outputs.image_features, "image_features", file),
    gatheredVitFeatures: asFloat32(outputs.gathered_vit_features, "gathered_vit_features", file),
    vitFeatures: options.vitFeatures ? asFloat32(outputs.vit_features, "vit_features", file) : undefined,
  };
  const { hidden } = manifest.architecture.decoder;
  if (result.imageFeatures.length !== rows * hidden) {
    throw new ModelLoadError(`${file}: image_features has ${result.imageFeatures.length} values, expected [${rows}, ${hidden}]; graph and manifest disagree.`, { file });
  }
  return result;
}

/**
 * The prefill's additive mask `[1, 1, S, S]`: allowed(q, k) = k ≤ q or (tt[q] and tt[k]), so the
 * image block attends bidirectionally (spec §4.3; golden README §8.6).
 */
export function prefillMask(tokenTypes: Uint8Array): Float32Array {
  const length = tokenTypes.length;
  const mask = new Float32Array(length * length);
  for (let query = 0; query < length; query++) {
    const row = query * length;
    const imageQuery = tokenTypes[query] === 1;
    for (let key = query + 1; key < length; key++) {
      if (!(imageQuery && tokenTypes[key] === 1)) mask[row + key] = BLOCKED;
    }
  }
  return mask;
}

/** An empty cache (`past` = 0) for the prefill call. */
export function emptyCache(manifest: ModelManifest): KvCache {
  const { layers, kvHeads, headDim } = manifest.architecture.decoder;
  const tensors: Record<string, ort.Tensor> = {};
  for (let layer = 0; layer < layers; layer++) {
    tensors[`past_key_${layer}`] = new ort.Tensor("float32", new Float32Array(0), [1, kvHeads, 0, headDim]);
    tensors[`past_value_${layer}`] = new ort.Tensor("float32", new Float32Array(0), [1, kvHeads, 0, headDim]);
  }
  return { length: 0, tensors };
}

/**
 * Runs the decoder on `seq` new positions after `cache.length` cached ones. `mask` is the
 * `[seq, cache.length + seq]` additive mask (omit it for a decode step: all zeros).
 * The returned cache replaces `cache`, whose tensors are disposed.
 */
export async function runDecoder(
  session: ort.InferenceSession,
  manifest: ModelManifest,
  embeddings: Float32Array,
  cache: KvCache,
  mask?: Float32Array,
): Promise<DecoderOutputs> {
  const { layers, hidden } = manifest.architecture.decoder;
  const file = manifest.graphs.decoder.path;
  const seq = embeddings.length / hidden;
  const total = cache.length + seq;
  const positions = new BigInt64Array(seq);
  for (let index = 0; index < seq; index++) positions[index] = BigInt(cache.length + index);
  const feeds: Record<string, ort.Tensor> = {
    inputs_embeds: new ort.Tensor("float32", embeddings, [1, seq, hidden]),
    attention_mask: new ort.Tensor("float32", mask ?? new Float32Array(seq * total), [1, 1, seq, total]),
    position_ids: new ort.Tensor("int64", positions, [1, seq]),
  };
  for (let layer = 0; layer < layers; layer++) {
    feeds[`past_key_${layer}`] = cache.tensors[`past_key_${layer}`]!;
    feeds[`past_value_${layer}`] = cache.tensors[`past_value_${layer}`]!;
  }
  const outputs = await session.run(feeds);
  const tensors: Record<string, ort.Tensor> = {};
  for (let layer = 0; layer < layers; layer++) {
    for (const kind of ["key", "value"]) {
      const present = outputs[`present_${kind}_${layer}`];
      if (!present || present.dims[2] !== total) throw new ModelLoadError(`${file}: present_${kind}_${layer} does not hold ${total} positions; graph and manifest disagree.`, { file });
      tensors[`past_${kind}_${layer}`] = present;
    }
  }
  disposeCache(cache);
  return {
    logits: asFloat32(outputs.logits, "logits", file),
    hiddenPre: asFloat32(outputs.hidden_pre, "hidden_pre", file),
    cache: { length: total, tensors },
  };
}

/** Releases a cache's tensors. */
export function disposeCache(cache: KvCache): void {
  for (const tensor of Object.values(cache.tensors)) tensor.dispose();
}
