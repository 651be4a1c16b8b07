/**
 * MolmoPoint's point head (`PointPredictor` in `modeling_molmo_point.py`) and the model-level
 * `build_vit_embedding`, on Float32Arrays: patch keys at prefill, patch / subpatch / location logits per
 * decode step, and the SUBPATCH input embedding. Weights are named like the HF checkpoint parameters so
 * the runtime can fill them from ONNX initializers or `.npy` files by name.
 */
import { InvalidInputError } from "../../core/errors.js";
import {
  LOCATIONS_PER_SUBPATCH,
  SUBPATCHES_PER_PATCH,
  type PointHeadConfig,
} from "./point-head-config.js";
import { dotRows, linearRow, rmsNormRow, rotateRowInPlace } from "./point-head-math.js";

/** A float32 tensor, row-major. */
export interface WeightTensor {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/** The HF parameter names the point head needs. */
export const POINT_HEAD_PARAMETER_NAMES = [
  "model.point_predictor.x_norm.weight",
  "model.point_predictor.patch_q.weight",
  "model.point_predictor.patch_q.bias",
  "model.point_predictor.patch_k.weight",
  "model.point_predictor.patch_k.bias",
  "model.point_predictor.subpatch_q.weight",
  "model.point_predictor.subpatch_q.bias",
  "model.point_predictor.subpatch_k.weight",
  "model.point_predictor.subpatch_k.bias",
  "model.point_predictor.add_no_point_class_embed.vector",
  "model.point_predictor.subpatch_loc_k.weight",
  "model.point_predictor.subpatch_loc_k.bias",
  "model.build_vit_embedding.weight",
  "model.build_vit_embedding.bias",
] as const;

/** One of {@link POINT_HEAD_PARAMETER_NAMES}. */
export type PointHeadParameterName = (typeof POINT_HEAD_PARAMETER_NAMES)[number];

/** The point-head parameters, keyed by HF name. Linear weights are `[out, in]` (`x @ W.T + b`). */
export type PointHeadWeights = Readonly<Record<PointHeadParameterName, WeightTensor>>;

/** The shape each parameter must have under `config`. */
export function expectedPointHeadShapes(config: PointHeadConfig): Record<PointHeadParameterName, number[]> {
  const { hiddenSize: hidden, pointDimension: point, vitFeatureDimension: vit } = config;
  return {
    "model.point_predictor.x_norm.weight": [hidden],
    "model.point_predictor.patch_q.weight": [point, hidden],
    "model.point_predictor.patch_q.bias": [point],
    "model.point_predictor.patch_k.weight": [point, hidden],
    "model.point_predictor.patch_k.bias": [point],
    "model.point_predictor.subpatch_q.weight": [point, hidden],
    "model.point_predictor.subpatch_q.bias": [point],
    "model.point_predictor.subpatch_k.weight": [point, vit],
    "model.point_predictor.subpatch_k.bias": [point],
    "model.point_predictor.add_no_point_class_embed.vector": [point],
    "model.point_predictor.subpatch_loc_k.weight": [LOCATIONS_PER_SUBPATCH, hidden],
    "model.point_predictor.subpatch_loc_k.bias": [LOCATIONS_PER_SUBPATCH],
    "model.build_vit_embedding.weight": [hidden, vit],
    "model.build_vit_embedding.bias": [hidden],
  };
}

/** Throws {@link InvalidInputError} naming the first missing or mis-shaped parameter. */
export function validatePointHeadWeights(weights: PointHeadWeights, config: PointHeadConfig): void {
  const expected = expectedPointHeadShapes(config);
  for (const name of POINT_HEAD_PARAMETER_NAMES) {
    const tensor = weights[name] as WeightTensor | undefined;
    const shape = expected[name];
    if (tensor === undefined) {
      throw new InvalidInputError("weights", `point head: parameter ${name} is missing; pass all ${POINT_HEAD_PARAMETER_NAMES.length} point-head parameters.`);
    }
    const size = shape.reduce((product, dimension) => product * dimension, 1);
    const sameShape = tensor.shape.length === shape.length && tensor.shape.every((dimension, index) => dimension === shape[index]);
    if (!sameShape || tensor.data.length !== size) {
      throw new InvalidInputError(
        "weights",
        `point head: parameter ${name} has shape [${tensor.shape.join(", ")}] (${tensor.data.length} values); the config (hidden ${config.hiddenSize}, point ${config.pointDimension}, vit ${config.vitFeatureDimension}) needs [${shape.join(", ")}].`,
      );
    }
  }
}

/** The keys of the patch choice, cached at prefill (MolmoPoint's `ImageCache.patch_k` / `patch_k_mask`). */
export interface PatchKeys {
  /** `[N + 1, pointDimension]`: rotated keys of the N pooling rows, then the unrotated no-more-points vector. */
  readonly keys: Float32Array;
  /** `[N + 1]`: 1 where the row may be chosen (high-res `<im_patch>` rows and no-more-points), 0 otherwise. */
  readonly mask: Uint8Array;
}

/**
 * RoPE positions of the pooling rows as HF computes `image_pos_ids`: the index of the row among the
 * indexable (`<im_patch>`) rows, i.e. a running count minus one; the 196 global rows of a single image
 * get -1. `indexable[r]` is nonzero for `<im_patch>` rows.
 */
export function imagePositionIds(indexable: ArrayLike<number>): Int32Array {
  const positions = new Int32Array(indexable.length);
  let count = 0;
  for (let row = 0; row < indexable.length; row++) {
    if (indexable[row]) count++;
    positions[row] = count - 1;
  }
  return positions;
}

/** `x_norm(h)` of one hidden row (the RMSNorm of the point head). */
export function normalizeHidden(
  hidden: Float32Array,
  offset: number,
  weights: PointHeadWeights,
  config: PointHeadConfig,
  output = new Float32Array(config.hiddenSize),
): Float32Array {
  rmsNormRow(hidden, offset, config.hiddenSize, weights["model.point_predictor.x_norm.weight"].data, config.rmsNormEpsilon, output);
  return output;
}

/**
 * Patch keys at prefill, as `PointPredictor.forward` without an image cache: `K[r] = RoPE(patch_k(x_norm(h_r)),
 * pos_r)`, the learned no-more-points vector appended unrotated, mask = indexable rows plus no-more-points.
 * `imageHidden` is `[N, hiddenSize]`, the pre-final-norm states at the image-token positions in pooling-row order.
 */
export function buildPatchKeys(
  imageHidden: Float32Array,
  positions: Int32Array,
  indexable: ArrayLike<number>,
  weights: PointHeadWeights,
  config: PointHeadConfig,
): PatchKeys {
  const rowCount = positions.length;
  const { hiddenSize: hidden, pointDimension: point } = config;
  const keys = new Float32Array((rowCount + 1) * point);
  const mask = new Uint8Array(rowCount + 1);
  const normalized = new Float32Array(hidden);
  const weight = weights["model.point_predictor.patch_k.weight"].data;
  const bias = weights["model.point_predictor.patch_k.bias"].data;
  for (let row = 0; row < rowCount; row++) {
    normalizeHidden(imageHidden, row * hidden, weights, config, normalized);
    linearRow(normalized, 0, weight, bias, hidden, point, keys, row * point);
    rotateRowInPlace(keys, row * point, positions[row]!, config.ropeInverseFrequencies);
    mask[row] = indexable[row] ? 1 : 0;
  }
  keys.set(weights["model.point_predictor.add_no_point_class_embed.vector"].data, rowCount * point);
  mask[rowCount] = 1;
  return { keys, mask };
}

/** Masked patch scores are this value (`torch.where(valid, dots, -100000000)`). */
export const MASKED_PATCH_LOGIT = -1e8;
/** Padded subpatch slots, absent logits and the PATCH/SUBPATCH/LOCATION text ids get this value. */
export const SMALL_LOGIT = -1e5;

/**
 * Patch logits of one decode step (`PointPredictor.forward` with a cache): `q = RoPE(patch_q(x_norm(h)),
 * rotationPosition)`, `P[r] = q · K[r] / scale` with scale `sqrt(N + 1)` ("candidates") or
 * `sqrt(pointDimension)` ("dimension"), masked rows `-1e8`. Returns `[N + 1]`, last = no-more-points.
 */
export function patchLogits(
  normalizedHidden: Float32Array,
  rotationPosition: number,
  patchKeys: PatchKeys,
  weights: PointHeadWeights,
  config: PointHeadConfig,
): Float32Array {
  const { hiddenSize: hidden, pointDimension: point } = config;
  const query = new Float32Array(point);
  linearRow(
    normalizedHidden,
    0,
    weights["model.point_predictor.patch_q.weight"].data,
    weights["model.point_predictor.patch_q.bias"].data,
    hidden,
    point,
    query,
  );
  rotateRowInPlace(query, 0, rotationPosition, config.ropeInverseFrequencies);
  const candidates = patchKeys.mask.length;
  const scale = Math.fround(Math.sqrt(config.patchLogitScale === "candidates" ? candidates : point));
  const logits = new Float32Array(candidates);
  for (let row = 0; row < candidates; row++) {
    logits[row] = patchKeys.mask[row]
      ? Math.fround(Math.fround(dotRows(query, 0, patchKeys.keys, row * point, point)) / scale)
      : MASKED_PATCH_LOGIT;
  }
  return logits;
}

/**
 * Subpatch logits when the step's input token is PATCH `patch`: `subpatch_q(x_norm(h)) · subpatch_k(G[patch, s])
 * / sqrt(pointDimension)`, `-1e5` where `pooling[patch, s] < 0`. The keys are computed for this one patch only
 * (upstream caches `subpatch_k` for all rows; the values are the same). `vitFeatures` is `[N, 4, vitDim]`.
 */
export function subpatchLogits(
  normalizedHidden: Float32Array,
  patch: number,
  vitFeatures: Float32Array,
  pooling: Int32Array,
  weights: PointHeadWeights,
  config: PointHeadConfig,
): Float32Array {
  const { hiddenSize: hidden, pointDimension: point, vitFeatureDimension: vit } = config;
  const query = new Float32Array(point);
  linearRow(
    normalizedHidden,
    0,
    weights["model.point_predictor.subpatch_q.weight"].data,
    weights["model.point_predictor.subpatch_q.bias"].data,
    hidden,
    point,
    query,
  );
  const key = new Float32Array(point);
  const scale = Math.fround(Math.sqrt(point));
  const logits = new Float32Array(SUBPATCHES_PER_PATCH);
  for (let slot = 0; slot < SUBPATCHES_PER_PATCH; slot++) {
    linearRow(
      vitFeatures,
      (patch * SUBPATCHES_PER_PATCH + slot) * vit,
      weights["model.point_predictor.subpatch_k.weight"].data,
      weights["model.point_predictor.subpatch_k.bias"].data,
      vit,
      point,
      key,
    );
    logits[slot] =
      pooling[patch * SUBPATCHES_PER_PATCH + slot]! >= 0
        ? Math.fround(Math.fround(dotRows(query, 0, key, 0, point)) / scale)
        : SMALL_LOGIT;
  }
  return logits;
}

/**
 * Location logits when the step's input token is a SUBPATCH: `subpatch_loc_k(h)` on the raw pre-norm
 * state (`locationInput: "raw"`, HF) or on `x_norm(h)` (`"normalized"`, the training loss). Returns `[9]`.
 */
export function locationLogits(
  hidden: Float32Array,
  hiddenOffset: number,
  normalizedHidden: Float32Array,
  weights: PointHeadWeights,
  config: PointHeadConfig,
): Float32Array {
  const logits = new Float32Array(LOCATIONS_PER_SUBPATCH);
  const raw = config.locationInput === "raw";
  linearRow(
    raw ? hidden : normalizedHidden,
    raw ? hiddenOffset : 0,
    weights["model.point_predictor.subpatch_loc_k.weight"].data,
    weights["model.point_predictor.subpatch_loc_k.bias"].data,
    config.hiddenSize,
    LOCATIONS_PER_SUBPATCH,
    logits,
  );
  return logits;
}

/** `build_vit_embedding(G[patch, subpatch])`: the `[hiddenSize]` embedding of a chosen ViT patch. */
export function vitPatchEmbedding(
  vitFeatures: Float32Array,
  patch: number,
  subpatch: number,
  weights: PointHeadWeights,
  config: PointHeadConfig,
): Float32Array {
  const output = new Float32Array(config.hiddenSize);
  linearRow(
    vitFeatures,
    (patch * SUBPATCHES_PER_PATCH + subpatch) * config.vitFeatureDimension,
    weights["model.build_vit_embedding.weight"].data,
    weights["model.build_vit_embedding.bias"].data,
    config.vitFeatureDimension,
    config.hiddenSize,
    output,
  );
  return output;
}
