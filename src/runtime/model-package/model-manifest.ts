/**
 * The `manifest.json` schema of a model package (`docs/model-package.md`, formatVersion 1). Every
 * size, token id and constant the runtime uses comes from here. Unknown fields are ignored, so
 * packages that add new optional fields (backwards compatible per the doc) still load.
 */
import { z } from "zod";

/** The only `format` string this runtime reads. */
export const MODEL_PACKAGE_FORMAT = "groundpoint-model-package";
/** The `formatVersion` this runtime reads. */
export const MODEL_PACKAGE_FORMAT_VERSION = 1;

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();
const tokenId = nonNegativeInt;
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "lowercase hex SHA-256 (64 digits)");
/** A package-relative path: no absolute paths, no `..`, no backslashes (packages travel between OSes). */
const relativePath = z
  .string()
  .min(1)
  .refine((path) => !path.startsWith("/") && !path.includes("\\") && !path.split("/").includes("..") && !path.split("/").includes("."), {
    message: "a relative path inside the package without '..' or '\\'",
  });

const tensorDtype = z.enum(["float32", "float16", "int64", "bool"]);
const graphIo = z.object({
  name: z.string().min(1),
  dtype: tensorDtype,
  shape: z.array(z.union([nonNegativeInt, z.string().min(1)])),
});
const graph = z.object({
  path: relativePath,
  opset: positiveInt.optional(),
  inputs: z.array(graphIo).min(1),
  outputs: z.array(graphIo).min(1),
});

const vit = z.object({
  width: positiveInt,
  heads: positiveInt,
  headDim: positiveInt,
  mlp: positiveInt,
  layersRun: positiveInt,
  featureBlocks: z.array(nonNegativeInt).min(1),
  featureDim: positiveInt,
  layerNormEps: z.number().positive(),
  activation: z.string(),
  patchSize: positiveInt,
  cropSize: positiveInt,
  patchesPerCrop: positiveInt,
  patchValues: positiveInt,
});

const connector = z.object({
  heads: positiveInt,
  headDim: positiveInt,
  paddingMask: z.boolean(),
  projectorHidden: positiveInt,
  outputDim: positiveInt,
});

const decoder = z.object({
  layers: positiveInt,
  hidden: positiveInt,
  heads: positiveInt,
  kvHeads: positiveInt,
  headDim: positiveInt,
  mlp: positiveInt,
  ropeTheta: z.number().positive(),
  rmsEps: z.number().positive(),
  ropeInvFreq: z.array(z.number()).optional(),
  baseVocab: positiveInt,
  additionalVocab: nonNegativeInt,
  vocabRows: positiveInt,
});

const pointHead = z.object({
  dim: positiveInt,
  ropeTheta: z.number().positive(),
  ropeInvFreq: z.array(z.number()).min(1),
  rmsEps: z.number().positive(),
  patchScoreScale: z.enum(["inv_sqrt_num_patch_columns", "inv_sqrt_dim"]),
  subpatchScoreScale: z.enum(["inv_sqrt_dim"]),
  locationInput: z.enum(["raw", "normed"]),
  subpatchEmbedding: z.enum(["replace", "add"]),
  imLowEmbedding: z.enum(["own", "im_patch"]),
  patchEmbedding: z.enum(["add_image_feature0"]),
  noMorePointsClass: z.boolean(),
  subpatches: positiveInt,
  locations: positiveInt,
  locationCellFactor: z.number().positive(),
  grammar: z.object({
    maskPatches: z.string(),
    maskSubpatches: z.string(),
    maskRepeats: z.string(),
  }),
});

const preprocessing = z.object({
  cropSize: positiveInt,
  patchSize: positiveInt,
  overlapMargins: z.tuple([nonNegativeInt, nonNegativeInt]),
  pooling: z.tuple([positiveInt, positiveInt]),
  mean: z.tuple([z.number(), z.number(), z.number()]),
  std: z.tuple([z.number(), z.number(), z.number()]),
  resize: z.string(),
  defaultMaxCrops: positiveInt,
});

const tokens = z.object({
  bos: tokenId,
  eos: tokenId,
  pad: tokenId,
  imStart: tokenId,
  imEnd: tokenId,
  imPatch: tokenId,
  imCol: tokenId,
  lowResImStart: tokenId,
  image: tokenId,
  imLow: tokenId,
  frameStart: tokenId,
  frameEnd: tokenId,
  patch: tokenId,
  subpatch: tokenId,
  location: tokenId,
  imageTokenTypes: z.array(tokenId).min(1),
  pointBase: positiveInt,
  chat: z.object({
    userPrefix: z.string(),
    userSuffix: z.string(),
    userPrefixIds: z.array(tokenId),
    userSuffixIds: z.array(tokenId),
  }),
  maxNewTokens: positiveInt,
});

const weightTensor = z.object({
  name: z.string().min(1),
  dtype: z.literal("float32"),
  shape: z.array(positiveInt),
  offset: nonNegativeInt,
  bytes: nonNegativeInt,
});

const packageFile = z.object({ path: relativePath, sha256: sha256Hex, bytes: nonNegativeInt });

/** Schema of `manifest.json`; see `docs/model-package.md` §2. */
export const modelManifestSchema = z.object({
  format: z.literal(MODEL_PACKAGE_FORMAT),
  formatVersion: z.literal(MODEL_PACKAGE_FORMAT_VERSION),
  name: z.string().regex(/^[a-z0-9._-]+$/, "lowercase letters, digits, '.', '_' and '-'"),
  version: z.string().min(1),
  description: z.string().optional(),
  license: z.string().optional(),
  source: z.object({ kind: z.string(), detail: z.string().optional() }).optional(),
  architecture: z.object({ vit, connector, decoder, pointHead }),
  preprocessing,
  tokens,
  graphs: z.object({ vision: graph, decoder: graph }),
  weights: z.object({
    embeddings: z.object({ path: relativePath, dtype: z.enum(["float32", "float16"]), shape: z.tuple([positiveInt, positiveInt]) }),
    pointHead: z.object({ path: relativePath, tensors: z.array(weightTensor).min(1) }),
  }),
  tokenizer: z.object({ path: relativePath, configPath: relativePath.optional() }),
  quantization: z.object({ weights: z.enum(["fp32", "fp16"]), decoderInt8: z.boolean() }).optional(),
  files: z.array(packageFile).min(1),
});

/** A validated `manifest.json`. */
export type ModelManifest = z.infer<typeof modelManifestSchema>;
/** One entry of `manifest.files`. */
export type ModelPackageFile = ModelManifest["files"][number];
/** One graph input or output as the manifest declares it. */
export type GraphIo = z.infer<typeof graphIo>;
