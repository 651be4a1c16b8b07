/**
 * The step-by-step grounding-token decoder the model runtime drives: one {@link PointDecoder.step} per
 * LM forward (the prefill first). It mirrors what transformers' greedy `generate` does around
 * `MolmoPointForConditionalGeneration.forward`: point-head logits, extended-logit assembly, the logit
 * processor, argmax, and the `last_predicted_patch_id` carried to the next forward.
 */
import { InvalidInputError } from "../../core/errors.js";
import {
  extendedTokenBounds,
  SUBPATCHES_PER_PATCH,
  type ExtendedTokenBounds,
  type PointHeadConfig,
} from "./point-head-config.js";
import {
  applyPointGrammar,
  assembleExtendedScores,
  grammarContext,
  greedyChoice,
  type ExtendedScores,
  type PointHeadLogits,
} from "./grounding-grammar.js";
import { nextInputEmbedding, type NextInput } from "./feedback-embedding.js";
import {
  buildPatchKeys,
  imagePositionIds,
  locationLogits,
  normalizeHidden,
  patchLogits,
  subpatchLogits,
  validatePointHeadWeights,
  type PatchKeys,
  type PointHeadWeights,
} from "./point-head.js";
import { softmaxProbability } from "./point-head-math.js";

/** What the prefill provides, for all N pooling rows (all images of the prompt, in sequence order). */
export interface PointDecoderOptions {
  readonly config: PointHeadConfig;
  readonly weights: PointHeadWeights;
  /** `[N, 4]` pooling table (ViT patch ids, -1 = padding), flattened. */
  readonly pooling: Int32Array;
  /** `[N]`: nonzero for rows of `<im_patch>` tokens (selectable), zero for `<im_low>` (global crop) rows. */
  readonly indexable: ArrayLike<number>;
  /**
   * `[N, hiddenSize]` pre-final-norm hidden states at the image-token positions (pooling-row order). Used to
   * build the patch keys; omit it when `patchKeys` is given.
   */
  readonly imageHidden?: Float32Array;
  /**
   * `[N]` RoPE position of every row's key. Default: {@link imagePositionIds} of `indexable` (the index among
   * `<im_patch>` rows, -1 before the first), which is what HF computes for one image.
   */
  readonly imagePositionIds?: Int32Array;
  /** Precomputed keys (e.g. by an ONNX graph), same layout as {@link buildPatchKeys} returns. */
  readonly patchKeys?: PatchKeys;
  /** `[N, hiddenSize]` connector output per pooling row (`image_features0`), for PATCH feedback. */
  readonly imageFeatures0: Float32Array;
  /** `[N, 4, vitFeatureDimension]` ViT features gathered by the pooling table (`G`, zero at padding). */
  readonly vitFeatures: Float32Array;
  /** Stop after this many complete points. Default `Infinity` (stop at no-more-points or EOS only). */
  readonly maxPoints?: number;
}

/** The class of an emitted id. */
export type GroundingTokenKind = "text" | "patch" | "no-more-points" | "subpatch" | "location";

/** Why decoding may stop. */
export type StopReason = "eos" | "no-more-points" | "max-points";

/**
 * One collected point. `confidence = patchProbability * subpatchProbability * locationProbability`, each a
 * softmax probability of the chosen index: the patch among the N + 1 patch logits of the step that chose it
 * (masked rows count as zero, no-more-points included), the subpatch among its 4 logits (padding slots count
 * as zero), the location among its 9 logits. It does not include the probability of pointing at all.
 */
export interface DecodedPoint {
  readonly patch: number;
  readonly subpatch: number;
  readonly location: number;
  readonly patchProbability: number;
  readonly subpatchProbability: number;
  readonly locationProbability: number;
  readonly confidence: number;
}

/** The result of one {@link PointDecoder.step}. */
export interface DecodeStep {
  /** The chosen id in the extended vocabulary (text ids below V). */
  readonly tokenId: number;
  readonly kind: GroundingTokenKind;
  /** Patch, subpatch or location index for those kinds; null for text and no-more-points. */
  readonly index: number | null;
  /** The input of the next forward (execute it, or call {@link PointDecoder.nextInputEmbedding}). */
  readonly next: NextInput;
  /** True once decoding can stop (sticky): after EOS, no-more-points, or the `maxPoints`-th LOCATION. */
  readonly done: boolean;
  readonly stopReason: StopReason | null;
  /** A point completed by this token (a LOCATION), else null. */
  readonly point: DecodedPoint | null;
  /** The scores the choice was made on (after the grammar). */
  readonly scores: ExtendedScores;
  /** The point-head logits of this step. */
  readonly pointLogits: PointHeadLogits;
  /** Position the patch query was rotated by (0 = none). */
  readonly queryRotationPosition: number;
}

/** Options of one {@link PointDecoder.step}. */
export interface DecodeStepOptions {
  /** Picks the id from the processed scores. Default: greedy ({@link greedyChoice}). */
  readonly choose?: (scores: ExtendedScores) => number;
}

function requireLength(name: string, array: ArrayLike<number>, length: number, layout: string): void {
  if (array.length !== length) {
    throw new InvalidInputError(name, `PointDecoder: ${name} must be ${layout} = ${length} values, got ${array.length}.`);
  }
}

/** Drives MolmoPoint's grounding-token decoding one LM forward at a time. */
export class PointDecoder {
  /** The config it was built with. */
  readonly config: PointHeadConfig;
  /** Extended-id ranges for this prompt's N pooling rows. */
  readonly bounds: ExtendedTokenBounds;
  /** Rotated patch keys and the selectable mask, `[N + 1]` rows. */
  readonly patchKeys: PatchKeys;
  /** RoPE position of every pooling row (`image_pos_ids`). */
  readonly positions: Int32Array;
  /** Points after which decoding may stop (`Infinity` = no limit). */
  readonly maxPoints: number;
  private readonly weights: PointHeadWeights;
  private readonly pooling: Int32Array;
  private readonly imageFeatures0: Float32Array;
  private readonly vitFeatures: Float32Array;
  private readonly generated: number[] = [];
  private readonly collected: DecodedPoint[] = [];
  /** The token fed to the forward whose outputs the next step receives; null before the prefill step. */
  private inputToken: number | null = null;
  /** Upstream `last_predicted_patch_id`: the latest PATCH fed before the current input token, -1 for none. */
  private rotationPatch = -1;
  private pending: { patch: number; patchProbability: number; subpatch: number; subpatchProbability: number } | null = null;
  private stopReason: StopReason | null = null;

  constructor(options: PointDecoderOptions) {
    const { config } = options;
    validatePointHeadWeights(options.weights, config);
    if (options.pooling.length === 0 || options.pooling.length % SUBPATCHES_PER_PATCH !== 0) {
      throw new InvalidInputError("pooling", `PointDecoder: pooling must be a non-empty [N, 4] table, got ${options.pooling.length} values.`);
    }
    const rows = options.pooling.length / SUBPATCHES_PER_PATCH;
    requireLength("indexable", options.indexable, rows, "[N]");
    requireLength("imageFeatures0", options.imageFeatures0, rows * config.hiddenSize, "[N, hiddenSize]");
    requireLength("vitFeatures", options.vitFeatures, rows * SUBPATCHES_PER_PATCH * config.vitFeatureDimension, "[N, 4, vitFeatureDimension]");
    const maxPoints = options.maxPoints ?? Infinity;
    if (!(maxPoints === Infinity || (Number.isInteger(maxPoints) && maxPoints > 0))) {
      throw new InvalidInputError("maxPoints", `PointDecoder: maxPoints must be a positive integer or Infinity, got ${String(maxPoints)}.`);
    }
    this.config = config;
    this.weights = options.weights;
    this.pooling = options.pooling;
    this.imageFeatures0 = options.imageFeatures0;
    this.vitFeatures = options.vitFeatures;
    this.maxPoints = maxPoints;
    this.bounds = extendedTokenBounds(config, rows);
    if (options.imagePositionIds !== undefined) requireLength("imagePositionIds", options.imagePositionIds, rows, "[N]");
    this.positions = options.imagePositionIds ?? imagePositionIds(options.indexable);
    if (options.patchKeys !== undefined) {
      requireLength("patchKeys.keys", options.patchKeys.keys, (rows + 1) * config.pointDimension, "[N + 1, pointDimension]");
      requireLength("patchKeys.mask", options.patchKeys.mask, rows + 1, "[N + 1]");
      this.patchKeys = options.patchKeys;
    } else if (options.imageHidden !== undefined) {
      requireLength("imageHidden", options.imageHidden, rows * config.hiddenSize, "[N, hiddenSize]");
      this.patchKeys = buildPatchKeys(options.imageHidden, this.positions, options.indexable, options.weights, config);
    } else {
      throw new InvalidInputError("imageHidden", "PointDecoder: pass imageHidden (hidden states at the image tokens) or precomputed patchKeys.");
    }
  }

  /** Ids chosen so far. */
  get generatedIds(): readonly number[] {
    return this.generated;
  }

  /** Points completed so far, in emission order. */
  get points(): readonly DecodedPoint[] {
    return this.collected;
  }

  /**
   * One step. `textLogits` are the LM-head logits (`[V]`) of the forward just run (the prefill's last
   * position first); they are edited in place. `hidden` is that position's pre-final-norm state
   * (`[hiddenSize]`); it may be null at the prefill step, where no point logits exist.
   */
  step(textLogits: Float32Array, hidden: Float32Array | null, options: DecodeStepOptions = {}): DecodeStep {
    const { config, bounds } = this;
    const input = this.inputToken;
    let pointLogits: PointHeadLogits = { patch: null, subpatch: null, location: null };
    const queryRotationPosition = this.rotationPatch >= 0 ? Math.max(0, this.positions[this.rotationPatch]!) : 0;
    if (input !== null) {
      if (hidden === null || hidden.length !== config.hiddenSize) {
        throw new InvalidInputError(
          "hidden",
          `PointDecoder.step: hidden must be the pre-final-norm state of the current position (${config.hiddenSize} values) after the prefill step, got ${hidden === null ? "null" : hidden.length}.`,
        );
      }
      const normalized = normalizeHidden(hidden, 0, this.weights, config);
      const isPatchInput = input >= bounds.patchStart && input < bounds.noMorePointsId;
      const isSubpatchInput = input >= bounds.subpatchStart && input < bounds.locationStart;
      pointLogits = {
        patch: patchLogits(normalized, queryRotationPosition, this.patchKeys, this.weights, config),
        subpatch: isPatchInput
          ? subpatchLogits(normalized, input - bounds.patchStart, this.vitFeatures, this.pooling, this.weights, config)
          : null,
        location: isSubpatchInput ? locationLogits(hidden, 0, normalized, this.weights, config) : null,
      };
    }
    const scores = assembleExtendedScores(textLogits, pointLogits, bounds, config);
    applyPointGrammar(scores, grammarContext(this.generated, bounds), config);
    const tokenId = (options.choose ?? greedyChoice)(scores);
    if (!Number.isInteger(tokenId) || tokenId < 0 || tokenId >= bounds.end) {
      throw new InvalidInputError("choose", `PointDecoder.step: choose returned ${String(tokenId)}; it must be an id in [0, ${bounds.end}).`);
    }
    // Upstream updates last_predicted_patch_id after the forward that consumed a PATCH token.
    if (input !== null && input >= bounds.patchStart && input < bounds.noMorePointsId) {
      this.rotationPatch = input - bounds.patchStart;
    }
    const accepted = this.accept(tokenId, pointLogits);
    this.generated.push(tokenId);
    this.inputToken = tokenId;
    return { ...accepted, tokenId, scores, pointLogits, queryRotationPosition, done: this.stopReason !== null, stopReason: this.stopReason };
  }

  private accept(
    tokenId: number,
    logits: PointHeadLogits,
  ): { kind: GroundingTokenKind; index: number | null; next: NextInput; point: DecodedPoint | null } {
    const { config, bounds } = this;
    if (tokenId < bounds.patchStart) {
      if (tokenId === config.eosTokenId) this.stop("eos");
      return { kind: "text", index: null, next: { kind: "token", tokenId }, point: null };
    }
    if (tokenId < bounds.noMorePointsId) {
      const patch = tokenId - bounds.patchStart;
      const patchProbability = logits.patch === null ? 0 : softmaxProbability(logits.patch, patch);
      this.pending = { patch, patchProbability, subpatch: -1, subpatchProbability: 0 };
      return { kind: "patch", index: patch, next: { kind: "patch", tokenId: config.patchTokenId, patch }, point: null };
    }
    if (tokenId === bounds.noMorePointsId) {
      this.stop("no-more-points");
      return { kind: "no-more-points", index: null, next: { kind: "token", tokenId: config.patchTokenId }, point: null };
    }
    if (tokenId < bounds.locationStart) {
      const subpatch = tokenId - bounds.subpatchStart;
      // The grammar only allows a SUBPATCH right after a PATCH, so a pending patch exists unless `choose` broke it.
      const patch = this.pending?.patch ?? this.rotationPatch;
      if (this.pending !== null) {
        this.pending.subpatch = subpatch;
        this.pending.subpatchProbability = logits.subpatch === null ? 0 : softmaxProbability(logits.subpatch, subpatch);
      }
      const addTokenId = config.subpatchEmbedding === "add-token" ? config.subpatchTokenId : null;
      return { kind: "subpatch", index: subpatch, next: { kind: "subpatch", patch, subpatch, addTokenId }, point: null };
    }
    const location = tokenId - bounds.locationStart;
    let point: DecodedPoint | null = null;
    if (this.pending !== null && this.pending.subpatch >= 0) {
      const locationProbability = logits.location === null ? 0 : softmaxProbability(logits.location, location);
      const { patch, subpatch, patchProbability, subpatchProbability } = this.pending;
      point = {
        patch,
        subpatch,
        location,
        patchProbability,
        subpatchProbability,
        locationProbability,
        confidence: patchProbability * subpatchProbability * locationProbability,
      };
      this.collected.push(point);
      if (this.collected.length >= this.maxPoints) this.stop("max-points");
    }
    this.pending = null;
    return { kind: "location", index: location, next: { kind: "token", tokenId: config.locationTokenId }, point };
  }

  private stop(reason: StopReason): void {
    this.stopReason ??= reason;
  }

  /** The `[hiddenSize]` input embedding for `next`, given a lookup of token-embedding rows. */
  nextInputEmbedding(next: NextInput, embeddingRow: (tokenId: number) => Float32Array): Float32Array {
    return nextInputEmbedding(next, {
      config: this.config,
      weights: this.weights,
      imageFeatures0: this.imageFeatures0,
      vitFeatures: this.vitFeatures,
      embeddingRow,
    });
  }
}
