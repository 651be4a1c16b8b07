/**
 * Everything model-specific about grounding-token decoding lives in one config object: special
 * token ids, the first dynamic id V, dimensions, the patch-score scale rule and the variants where
 * the published code paths disagree. Nothing in `src/grounding/decode/` hard-codes a token id, so
 * the same code runs the 8B export, the nano model and the tiny test model (whose ids are shifted).
 */
import { InvalidInputError } from "../../core/errors.js";

/**
 * How patch scores `q · k` are scaled before the argmax.
 * - `"candidates"`: divide by `sqrt(N + 1)` (N pooling rows plus the no-more-points column). This is what
 *   the published HF code computes (`dots / sqrt(dots.shape[-1])`) and what both goldens contain.
 * - `"dimension"`: divide by `sqrt(pointDimension)`, as the molmo2 point_head golden README claims; its own
 *   data contradicts that claim (see `point-head.test.ts`), so use it only for a model trained that way.
 */
export type PatchLogitScale = "candidates" | "dimension";

/**
 * Input embedding of a SUBPATCH token.
 * - `"replace"`: `build_vit_embedding(G[patch, s])` replaces the token embedding (HF, mlx and Qualcomm ports).
 * - `"add-token"`: `wte[subpatchTokenId] + build_vit_embedding(G[patch, s])` (the original training code).
 */
export type SubpatchEmbeddingRule = "replace" | "add-token";

/**
 * Which hidden state feeds the location head.
 * - `"raw"`: the pre-final-norm state `h` (HF and the original inference code).
 * - `"normalized"`: `x_norm(h)` (what the training loss used; the Qualcomm port does this).
 */
export type LocationInput = "raw" | "normalized";

/** Grammar switches of MolmoPoint's logit processor (`mask_patches`, `mask_subpatches`, `mask_repeats`). */
export interface PointGrammarOptions {
  /** Ban patch ids below the last completed point's patch. Default true (`mask_patches="always"`). */
  readonly sortedPatches: boolean;
  /** Subpatches of a re-chosen patch must not go below the previous one. Default true. */
  readonly sortedSubpatches: boolean;
  /** With sorted subpatches: forbid an exact repeat of the previous (patch, subpatch). Default true. */
  readonly preventRepeats: boolean;
}

/** Model constants of the grounding-token decoder. Build one with {@link createPointHeadConfig}. */
export interface PointHeadConfig {
  /** Id of `<POINT_0>`, the first dynamic point id (= text vocabulary size incl. additional rows). 8B: 152064. */
  readonly vocabularySize: number;
  /** Input-side PATCH token `<|token_index|>`. 8B: 151947. */
  readonly patchTokenId: number;
  /** Input-side SUBPATCH token `<|vit_index|>`. 8B: 151948. */
  readonly subpatchTokenId: number;
  /** Input-side LOCATION token `<|vit_loc|>`. 8B: 151949. */
  readonly locationTokenId: number;
  /** End of sequence `<|im_end|>`. 8B: 151645. */
  readonly eosTokenId: number;
  /** LLM hidden size. 8B: 4096. */
  readonly hiddenSize: number;
  /** Point-head width `patch_embed_dim`. 8B: 512. */
  readonly pointDimension: number;
  /** Width of the concatenated ViT features G. 8B: 2304. */
  readonly vitFeatureDimension: number;
  /** Epsilon of the `x_norm` RMSNorm. Default 1e-6. */
  readonly rmsNormEpsilon: number;
  /** Theta of the point head's 1-D rotary embedding. Default 50000. */
  readonly ropeTheta: number;
  /**
   * The rotary inverse frequencies as torch stores them (float32, `pointDimension / 2` values). Default:
   * computed by {@link rotaryInverseFrequencies}, which emulates torch's float32 formula; a model package
   * should carry the exported buffer, since torch's float32 `pow` can differ by one ulp.
   */
  readonly ropeInverseFrequencies: Float32Array;
  /** Default `"candidates"` (divide by `sqrt(N + 1)`). */
  readonly patchLogitScale: PatchLogitScale;
  /** Default `"replace"` (HF). */
  readonly subpatchEmbedding: SubpatchEmbeddingRule;
  /** Default `"raw"` (HF). */
  readonly locationInput: LocationInput;
  /** Default: all three true (the MolmoPoint-GUI-8B settings). */
  readonly grammar: PointGrammarOptions;
}

/** Number of ViT patches pooled into one image token (2 × 2). */
export const SUBPATCHES_PER_PATCH = 4;
/** Number of location cells inside one ViT patch (3 × 3, column-major). */
export const LOCATIONS_PER_SUBPATCH = 9;

/** Options of {@link createPointHeadConfig}: the required ids and sizes plus any default to override. */
export type PointHeadConfigOptions = Pick<
  PointHeadConfig,
  | "vocabularySize"
  | "patchTokenId"
  | "subpatchTokenId"
  | "locationTokenId"
  | "eosTokenId"
  | "hiddenSize"
  | "pointDimension"
  | "vitFeatureDimension"
> &
  Partial<Omit<PointHeadConfig, "grammar">> & { readonly grammar?: Partial<PointGrammarOptions> };

/**
 * The rotary inverse frequencies `1 / theta^(2i / dimension)` the way torch computes them in float32
 * (as MolmoPoint's `MolmoPointPatchRope.__init__`): exponent rounded to float32, float32 power, float32
 * reciprocal. Reproduces every value recorded in the tiny golden (dimensions 32 and 16).
 */
export function rotaryInverseFrequencies(theta: number, dimension: number): Float32Array {
  const frequencies = new Float32Array(dimension / 2);
  for (let index = 0; index < frequencies.length; index++) {
    const exponent = Math.fround((2 * index) / dimension);
    frequencies[index] = Math.fround(1 / Math.fround(Math.pow(theta, exponent)));
  }
  return frequencies;
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new InvalidInputError(name, `point-head config: ${name} must be a positive integer, got ${String(value)}.`);
  }
}

/**
 * Builds and validates a {@link PointHeadConfig}. Defaults: `rmsNormEpsilon` 1e-6, `ropeTheta` 50000,
 * `ropeInverseFrequencies` computed, `patchLogitScale` "candidates", `subpatchEmbedding` "replace",
 * `locationInput` "raw", grammar all on. Throws {@link InvalidInputError} for impossible values.
 */
export function createPointHeadConfig(options: PointHeadConfigOptions): PointHeadConfig {
  for (const name of [
    "vocabularySize",
    "patchTokenId",
    "subpatchTokenId",
    "locationTokenId",
    "eosTokenId",
    "hiddenSize",
    "pointDimension",
    "vitFeatureDimension",
  ] as const) {
    requirePositiveInteger(name, options[name]);
  }
  if (options.pointDimension % 2 !== 0) {
    throw new InvalidInputError(
      "pointDimension",
      `point-head config: pointDimension must be even for the rotate-half RoPE, got ${options.pointDimension}.`,
    );
  }
  for (const name of ["patchTokenId", "subpatchTokenId", "locationTokenId", "eosTokenId"] as const) {
    if (options[name] >= options.vocabularySize) {
      throw new InvalidInputError(
        name,
        `point-head config: ${name} ${options[name]} must be a text id below vocabularySize ${options.vocabularySize}.`,
      );
    }
  }
  const ropeTheta = options.ropeTheta ?? 50000;
  const ropeInverseFrequencies =
    options.ropeInverseFrequencies ?? rotaryInverseFrequencies(ropeTheta, options.pointDimension);
  if (ropeInverseFrequencies.length !== options.pointDimension / 2) {
    throw new InvalidInputError(
      "ropeInverseFrequencies",
      `point-head config: ropeInverseFrequencies needs pointDimension / 2 = ${options.pointDimension / 2} values, got ${ropeInverseFrequencies.length}.`,
    );
  }
  const rmsNormEpsilon = options.rmsNormEpsilon ?? 1e-6;
  if (!(rmsNormEpsilon > 0)) {
    throw new InvalidInputError("rmsNormEpsilon", `point-head config: rmsNormEpsilon must be > 0, got ${rmsNormEpsilon}.`);
  }
  return {
    vocabularySize: options.vocabularySize,
    patchTokenId: options.patchTokenId,
    subpatchTokenId: options.subpatchTokenId,
    locationTokenId: options.locationTokenId,
    eosTokenId: options.eosTokenId,
    hiddenSize: options.hiddenSize,
    pointDimension: options.pointDimension,
    vitFeatureDimension: options.vitFeatureDimension,
    rmsNormEpsilon,
    ropeTheta,
    ropeInverseFrequencies,
    patchLogitScale: options.patchLogitScale ?? "candidates",
    subpatchEmbedding: options.subpatchEmbedding ?? "replace",
    locationInput: options.locationInput ?? "raw",
    grammar: {
      sortedPatches: options.grammar?.sortedPatches ?? true,
      sortedSubpatches: options.grammar?.sortedSubpatches ?? true,
      preventRepeats: options.grammar?.preventRepeats ?? true,
    },
  };
}

/** Token ids and sizes of MolmoPoint-GUI-8B (spec §1, §5.2), as a starting point for {@link createPointHeadConfig}. */
export const MOLMOPOINT_8B_IDS = {
  vocabularySize: 152064,
  patchTokenId: 151947,
  subpatchTokenId: 151948,
  locationTokenId: 151949,
  eosTokenId: 151645,
  hiddenSize: 4096,
  pointDimension: 512,
  vitFeatureDimension: 2304,
} as const satisfies PointHeadConfigOptions;

/**
 * Id ranges of the extended vocabulary for an image with `patchCount` pooling rows (MolmoPoint's
 * `GeneratedTokenBounds`, with the no-more-points class on): `[0, V)` text, `V + p` PATCH p, `V + N` NMP,
 * `V + N + 1 + s` SUBPATCH s, `V + N + 5 + l` LOCATION l.
 */
export interface ExtendedTokenBounds {
  readonly vocabularySize: number;
  /** N, the number of pooling rows (all images together). */
  readonly patchCount: number;
  readonly patchStart: number;
  readonly noMorePointsId: number;
  readonly subpatchStart: number;
  readonly locationStart: number;
  /** One past the last extended id = length of the extended logit vector. */
  readonly end: number;
  /** Length of the part from V on: N + 1 + 4 + 9. */
  readonly tailLength: number;
}

/** The extended-vocabulary bounds for `patchCount` pooling rows under `config`. */
export function extendedTokenBounds(config: PointHeadConfig, patchCount: number): ExtendedTokenBounds {
  requirePositiveInteger("patchCount", patchCount);
  const patchStart = config.vocabularySize;
  const noMorePointsId = patchStart + patchCount;
  const subpatchStart = noMorePointsId + 1;
  const locationStart = subpatchStart + SUBPATCHES_PER_PATCH;
  const end = locationStart + LOCATIONS_PER_SUBPATCH;
  return {
    vocabularySize: config.vocabularySize,
    patchCount,
    patchStart,
    noMorePointsId,
    subpatchStart,
    locationStart,
    end,
    tailLength: end - patchStart,
  };
}
