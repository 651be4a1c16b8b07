/**
 * Feeding an emitted token back in: which input embedding the next decoder forward gets (the
 * point-embedding block of `MolmoPointModel.forward`). The decoder returns a {@link NextInput}
 * descriptor; the runtime either executes it itself (e.g. in an ONNX graph) or calls
 * {@link nextInputEmbedding} with a callback that returns rows of the token-embedding table `wte`.
 */
import { InvalidInputError } from "../../core/errors.js";
import type { PointHeadConfig } from "./point-head-config.js";
import { vitPatchEmbedding, type PointHeadWeights } from "./point-head.js";

/**
 * The input of the next forward.
 * - `"token"`: `wte[tokenId]` (text ids; LOCATION → the LOCATION token; no-more-points → the PATCH token).
 * - `"patch"`: `wte[tokenId] + imageFeatures0[patch]` (tokenId = the PATCH token).
 * - `"subpatch"`: `build_vit_embedding(G[patch, subpatch])`, plus `wte[addTokenId]` when `addTokenId` is not
 *   null (the training-code variant, `subpatchEmbedding: "add-token"`).
 */
export type NextInput =
  | { readonly kind: "token"; readonly tokenId: number }
  | { readonly kind: "patch"; readonly tokenId: number; readonly patch: number }
  | { readonly kind: "subpatch"; readonly patch: number; readonly subpatch: number; readonly addTokenId: number | null };

/** What {@link nextInputEmbedding} reads besides the descriptor. */
export interface FeedbackSources {
  readonly config: PointHeadConfig;
  readonly weights: PointHeadWeights;
  /** `[N, hiddenSize]` connector output per pooling row (`image_features0`). */
  readonly imageFeatures0: Float32Array;
  /** `[N, 4, vitFeatureDimension]` ViT features gathered by the pooling table (`G`). */
  readonly vitFeatures: Float32Array;
  /** Returns row `tokenId` of the token-embedding table (`hiddenSize` values); it is not modified. */
  readonly embeddingRow: (tokenId: number) => Float32Array;
}

function checkedRow(sources: FeedbackSources, tokenId: number): Float32Array {
  const row = sources.embeddingRow(tokenId);
  if (row.length !== sources.config.hiddenSize) {
    throw new InvalidInputError(
      "embeddingRow",
      `grounding decode: embeddingRow(${tokenId}) returned ${row.length} values; it must return one wte row of hiddenSize = ${sources.config.hiddenSize}.`,
    );
  }
  return row;
}

/** Computes the `[hiddenSize]` input embedding a {@link NextInput} describes (float32 sums, as upstream). */
export function nextInputEmbedding(next: NextInput, sources: FeedbackSources): Float32Array {
  const hidden = sources.config.hiddenSize;
  switch (next.kind) {
    case "token":
      return Float32Array.from(checkedRow(sources, next.tokenId));
    case "patch": {
      const row = checkedRow(sources, next.tokenId);
      const output = new Float32Array(hidden);
      const offset = next.patch * hidden;
      for (let index = 0; index < hidden; index++) {
        output[index] = Math.fround(row[index]! + sources.imageFeatures0[offset + index]!);
      }
      return output;
    }
    case "subpatch": {
      const output = vitPatchEmbedding(sources.vitFeatures, next.patch, next.subpatch, sources.weights, sources.config);
      if (next.addTokenId !== null) {
        const row = checkedRow(sources, next.addTokenId);
        for (let index = 0; index < hidden; index++) output[index] = Math.fround(row[index]! + output[index]!);
      }
      return output;
    }
  }
}
