/**
 * Grounding-token decoding (pure): MolmoPoint's point head, the extended-logit grammar, the feedback
 * rules and the mapping from (patch, subpatch, location) to image pixels. The runtime drives
 * {@link PointDecoder} one LM forward at a time.
 */
export {
  createPointHeadConfig,
  extendedTokenBounds,
  rotaryInverseFrequencies,
  MOLMOPOINT_8B_IDS,
  SUBPATCHES_PER_PATCH,
  LOCATIONS_PER_SUBPATCH,
  type PointHeadConfig,
  type PointHeadConfigOptions,
  type PointGrammarOptions,
  type PatchLogitScale,
  type SubpatchEmbeddingRule,
  type LocationInput,
  type ExtendedTokenBounds,
} from "./point-head-config.js";
export {
  POINT_HEAD_PARAMETER_NAMES,
  MASKED_PATCH_LOGIT,
  SMALL_LOGIT,
  expectedPointHeadShapes,
  validatePointHeadWeights,
  imagePositionIds,
  buildPatchKeys,
  type PointHeadParameterName,
  type PointHeadWeights,
  type WeightTensor,
  type PatchKeys,
} from "./point-head.js";
export {
  extendedScore,
  greedyChoice,
  materializeExtendedScores,
  type ExtendedScores,
  type PointHeadLogits,
} from "./grounding-grammar.js";
export { nextInputEmbedding, type NextInput, type FeedbackSources } from "./feedback-embedding.js";
export {
  PointDecoder,
  type PointDecoderOptions,
  type DecodeStep,
  type DecodeStepOptions,
  type DecodedPoint,
  type GroundingTokenKind,
  type StopReason,
} from "./point-decoder.js";
export {
  tokenToPixel,
  tokensToPixels,
  pixelToTokens,
  GLOBAL_POOLING_ROWS,
  type PointTokens,
  type PointingGrid,
  type TokenPoint,
} from "./token-to-pixel.js";
