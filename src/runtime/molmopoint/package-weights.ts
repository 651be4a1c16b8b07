import { readFile } from "node:fs/promises";
import { ModelLoadError } from "../../core/errors.js";
import { createPointHeadConfig, type PointHeadConfig } from "../../grounding/decode/point-head-config.js";
import { POINT_HEAD_PARAMETER_NAMES, validatePointHeadWeights, type PointHeadWeights, type WeightTensor } from "../../grounding/decode/point-head.js";
import type { ModelPackage } from "../model-package/load-model-package.js";
import type { ModelManifest } from "../model-package/model-manifest.js";

/** Row lookup into the token-embedding table (`embeddings.bin`, `[vocabRows, hidden]`). */
export interface EmbeddingTable {
  readonly rows: number;
  readonly hidden: number;
  /** Row `tokenId` as float32 (float16 tables are widened on read). A fresh array for float16, a view for float32: do not modify it. */
  row(tokenId: number): Float32Array;
}

/** Widens one IEEE half-precision value to a JS number (exact). */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

async function readPackageFile(modelPackage: ModelPackage, file: string): Promise<Buffer> {
  try {
    return await readFile(modelPackage.resolve(file));
  } catch (error) {
    throw new ModelLoadError(`${modelPackage.resolve(file)} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); pull the package again.`, { file, cause: error });
  }
}

/** A typed-array view on `bytes` (copied when unaligned, since typed arrays need aligned offsets). */
function float32View(bytes: Buffer, offset: number, count: number): Float32Array {
  const start = bytes.byteOffset + offset;
  if (start % 4 === 0) return new Float32Array(bytes.buffer, start, count);
  return new Float32Array(bytes.buffer.slice(start, start + count * 4));
}

/**
 * Loads `weights.embeddings` fully into memory (8B fp16: about 1.2 GB).
 *
 * @throws ModelLoadError naming the file when its size is not `rows * hidden * bytesPerValue`.
 */
export async function loadEmbeddingTable(modelPackage: ModelPackage): Promise<EmbeddingTable> {
  const { path, dtype, shape } = modelPackage.manifest.weights.embeddings;
  const [rows, hidden] = shape;
  const bytes = await readPackageFile(modelPackage, path);
  const width = dtype === "float32" ? 4 : 2;
  if (bytes.length !== rows * hidden * width) {
    throw new ModelLoadError(`${path} has ${bytes.length} bytes; [${rows}, ${hidden}] ${dtype} needs ${rows * hidden * width}. The package is corrupt: pull it again.`, { file: path });
  }
  const check = (tokenId: number): void => {
    if (!Number.isInteger(tokenId) || tokenId < 0 || tokenId >= rows) throw new RangeError(`token id ${tokenId} is outside the embedding table (${rows} rows)`);
  };
  if (dtype === "float32") {
    const table = float32View(bytes, 0, rows * hidden);
    return { rows, hidden, row: (tokenId) => (check(tokenId), table.subarray(tokenId * hidden, (tokenId + 1) * hidden)) };
  }
  const table = new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  return {
    rows,
    hidden,
    row(tokenId) {
      check(tokenId);
      const output = new Float32Array(hidden);
      for (let index = 0; index < hidden; index++) output[index] = halfToFloat(table[tokenId * hidden + index]!);
      return output;
    },
  };
}

/**
 * Reads the point-head parameters from `weights.pointHead` (one raw float32 file indexed by the
 * manifest's tensor table) and checks their shapes against `config`.
 *
 * @throws ModelLoadError naming the file when a tensor is missing, out of bounds or mis-shaped.
 */
export async function loadPointHeadWeights(modelPackage: ModelPackage, config: PointHeadConfig): Promise<PointHeadWeights> {
  const { path, tensors } = modelPackage.manifest.weights.pointHead;
  const bytes = await readPackageFile(modelPackage, path);
  const byName = new Map(tensors.map((tensor) => [tensor.name, tensor]));
  const weights: Partial<Record<string, WeightTensor>> = {};
  for (const name of POINT_HEAD_PARAMETER_NAMES) {
    const entry = byName.get(name);
    if (!entry) throw new ModelLoadError(`${path}: manifest.weights.pointHead has no tensor ${name}; re-export the package.`, { file: path });
    const count = entry.shape.reduce((product, dimension) => product * dimension, 1);
    if (entry.bytes !== count * 4 || entry.offset + entry.bytes > bytes.length) {
      throw new ModelLoadError(`${path}: tensor ${name} [${entry.shape.join(", ")}] at offset ${entry.offset} (${entry.bytes} bytes) does not fit the ${bytes.length}-byte file; the package is corrupt.`, { file: path });
    }
    weights[name] = { data: float32View(bytes, entry.offset, count), shape: entry.shape };
  }
  try {
    validatePointHeadWeights(weights as PointHeadWeights, config);
  } catch (error) {
    throw new ModelLoadError(`${path}: ${(error as Error).message}`, { file: path, cause: error });
  }
  return weights as PointHeadWeights;
}

function grammarSwitch(value: string, on: readonly string[]): boolean {
  return on.includes(value);
}

/** The point-head config of a package: every id, size and variant from the manifest. */
export function pointHeadConfigFromManifest(manifest: ModelManifest): PointHeadConfig {
  const { pointHead, decoder, vit } = manifest.architecture;
  const { tokens } = manifest;
  return createPointHeadConfig({
    vocabularySize: tokens.pointBase,
    patchTokenId: tokens.patch,
    subpatchTokenId: tokens.subpatch,
    locationTokenId: tokens.location,
    eosTokenId: tokens.eos,
    hiddenSize: decoder.hidden,
    pointDimension: pointHead.dim,
    vitFeatureDimension: vit.featureDim,
    rmsNormEpsilon: pointHead.rmsEps,
    ropeTheta: pointHead.ropeTheta,
    ropeInverseFrequencies: Float32Array.from(pointHead.ropeInvFreq),
    patchLogitScale: pointHead.patchScoreScale === "inv_sqrt_num_patch_columns" ? "candidates" : "dimension",
    subpatchEmbedding: pointHead.subpatchEmbedding === "replace" ? "replace" : "add-token",
    locationInput: pointHead.locationInput === "raw" ? "raw" : "normalized",
    grammar: {
      // Upstream's mask_* options: "always" and "inference" apply at inference; anything else is off.
      sortedPatches: grammarSwitch(pointHead.grammar.maskPatches, ["always", "inference"]),
      sortedSubpatches: grammarSwitch(pointHead.grammar.maskSubpatches, ["always", "inference"]),
      preventRepeats: grammarSwitch(pointHead.grammar.maskRepeats, ["always", "inference"]),
    },
  });
}
