/**
 * The molmopoint-tiny golden: a full run of the published HF code at a tiny size whose special ids are
 * SHIFTED (PATCH 1035, V 1152), so every id, size and scale below comes from the config object.
 */
import { describe, expect, it } from "vitest";
import { readGoldenJson } from "../../../test/helpers/read-golden-json.js";
import { readNpyFloat32, readNpyIntegers } from "../../../test/helpers/read-npy.js";
import { tinyParameter, tinyRoot } from "../../../test/helpers/molmopoint-tiny-golden.js";
import { createPointHeadConfig } from "./point-head-config.js";
import { extendedScore, type ExtendedScores } from "./grounding-grammar.js";
import { POINT_HEAD_PARAMETER_NAMES, type PointHeadWeights } from "./point-head.js";
import { PointDecoder } from "./point-decoder.js";
import { tokensToPixels } from "./token-to-pixel.js";

const golden = readGoldenJson<{
  rope_inv_freq: { point_head: number[] };
  bounds: { vocab_size: number; no_more_points_token_id: number };
  point_cache: { patch_k_mask_true: number };
  points: { extract_image_points: [number, number, number, number][]; image_size_wh: [number, number]; canvas_grid_HgWg: [number, number] };
}>(`${tinyRoot}golden.json`);
const npy = (name: string): Float32Array => readNpyFloat32(`${tinyRoot}npy/${name}.npy`).data;

const config = createPointHeadConfig({
  vocabularySize: golden.bounds.vocab_size,
  patchTokenId: 1035,
  subpatchTokenId: 1036,
  locationTokenId: 1037,
  eosTokenId: 1021,
  hiddenSize: 64,
  pointDimension: 32,
  vitFeatureDimension: 64,
  ropeInverseFrequencies: Float32Array.from(golden.rope_inv_freq.point_head),
});
const hidden = 64;
const weights = Object.fromEntries(POINT_HEAD_PARAMETER_NAMES.map((name) => [name, tinyParameter(name)])) as unknown as PointHeadWeights;
const wte = tinyParameter("model.transformer.wte.embedding").data;
const wteNew = tinyParameter("model.transformer.wte.new_embedding").data;
const embeddingRow = (id: number): Float32Array =>
  id < 1024 ? wte.subarray(id * hidden, (id + 1) * hidden) : wteNew.subarray((id - 1024) * hidden, (id - 1023) * hidden);

const inputIds = readNpyIntegers(`${tinyRoot}npy/input_ids.npy`).data;
const imagePositions = inputIds.flatMap((id, position) => (id === 1030 || id === 1026 ? [position] : []));
const preLn = npy("prefill_hidden_pre_ln");
const imageHidden = new Float32Array(imagePositions.length * hidden);
imagePositions.forEach((position, row) => imageHidden.set(preLn.subarray(position * hidden, (position + 1) * hidden), row * hidden));

// As in point-decoder.test.ts: within a few float32 ulps of values |v| <= ~10; 2e-5 is the tiny README's
// suggestion (§9) with exact RoPE frequencies, sentinels exactly.
const TOLERANCE = 2e-5;
function maxError(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): number {
  let maximum = 0;
  const bad: string[] = [];
  for (let index = 0; index < expected.length; index++) {
    const [got, want] = [actual[index]!, expected[index]!];
    if (!Number.isFinite(want) || Math.abs(want) >= 1e4) {
      if (got !== want) bad.push(`[${index}] ${got} != ${want}`);
    } else {
      maximum = Math.max(maximum, Math.abs(got - want));
      if (!(Math.abs(got - want) <= TOLERANCE)) bad.push(`[${index}] ${got} vs ${want}`);
    }
  }
  expect(bad.slice(0, 5), label).toEqual([]);
  return maximum;
}

describe("molmopoint-tiny golden (shifted special ids, N = 955, V = 1152)", () => {
  const pooling = Int32Array.from(readNpyIntegers(`${tinyRoot}npy/image_token_pooling.npy`).data);
  const indexable = imagePositions.map((position) => (inputIds[position] === 1026 ? 1 : 0));
  const decoder = new PointDecoder({
    config,
    weights,
    pooling,
    indexable,
    imageHidden,
    imageFeatures0: npy("connector_out"),
    vitFeatures: npy("gathered_vit_features"),
  });

  it("prefill: image_pos_ids exact, patch keys within tolerance, 760 selectable keys", () => {
    expect(Array.from(decoder.positions)).toEqual(readNpyIntegers(`${tinyRoot}npy/point_image_pos_ids.npy`).data);
    expect(decoder.bounds.noMorePointsId).toBe(golden.bounds.no_more_points_token_id);
    expect(maxError(decoder.patchKeys.keys, npy("point_patch_k"), "patch keys")).toBeLessThanOrEqual(TOLERANCE);
    expect(decoder.patchKeys.mask.reduce((sum, value) => sum + value, 0)).toBe(golden.point_cache.patch_k_mask_true);
  });

  it("16 greedy steps under the golden's harness rule: same ids, logits, final scores, feedback embeddings, point", () => {
    const V = config.vocabularySize;
    const extended = npy("step_logits_ext");
    const final = npy("step_scores_final");
    const patch = npy("step_patch_logits");
    const subpatch = npy("step_subpatch_logits");
    const location = npy("step_location_logits");
    const nextEmbeds = npy("step_next_inputs_embeds");
    const nextPreLn = npy("step_next_pre_ln");
    const width = golden.bounds.vocab_size + 969;
    const stepHidden = (step: number): Float32Array =>
      step === 0 ? preLn.slice(996 * hidden, 997 * hidden) : nextPreLn.slice((step - 1) * hidden, step * hidden);
    const bounds = decoder.bounds;
    // README §6: point-forcing while < 2 triples exist, NMP-forcing afterwards, only after a text token.
    const harness = (scores: ExtendedScores, step: number, generated: readonly number[]): void => {
      const previous = generated.at(-1);
      if (step < 1 || previous === undefined || previous >= V || generated.includes(bounds.noMorePointsId)) return;
      const triples = generated.filter((id) => id >= bounds.locationStart && id < bounds.end).length;
      if (triples < 2 && scores.tail.some((value) => value > -1e4)) {
        scores.textBanned = true;
      } else if (triples >= 1 && extendedScore(scores, bounds.noMorePointsId) > -Infinity) {
        scores.textBanned = true;
        scores.tail.forEach((_, index) => {
          if (index !== bounds.noMorePointsId - V) scores.tail[index] = -Infinity;
        });
      }
    };
    const generated: number[] = [];
    const errors = { patch: 0, subpatch: 0, location: 0, scores: 0, embeds: 0 };
    for (let step = 0; step < 16; step++) {
      const row = extended.subarray(step * width, (step + 1) * width);
      const text = row.slice(0, V);
      // The extended vector lost the PATCH-token logit; upstream copied it into the argmax patch slot.
      const patchRow = patch.subarray(step * 956, (step + 1) * 956);
      if (step > 0) text[config.patchTokenId] = row[V + patchRow.indexOf(Math.max(...patchRow))]!;
      const result = decoder.step(text, step === 0 ? null : stepHidden(step), {
        choose: (scores) => {
          harness(scores, step, generated);
          errors.scores = Math.max(errors.scores, maxError(
            Array.from({ length: width }, (_, id) => extendedScore(scores, id)),
            final.subarray(step * width, (step + 1) * width),
            `step ${step} final scores`,
          ));
          let best = 0;
          for (let id = 1; id < width; id++) if (extendedScore(scores, id) > extendedScore(scores, best)) best = id;
          return best;
        },
      });
      generated.push(result.tokenId);
      if (step > 0) errors.patch = Math.max(errors.patch, maxError(result.pointLogits.patch!, patchRow, `step ${step} patch`));
      const subpatchRow = subpatch.subarray(step * 4, step * 4 + 4);
      if (Number.isNaN(subpatchRow[0])) expect(result.pointLogits.subpatch).toBeNull();
      else errors.subpatch = Math.max(errors.subpatch, maxError(result.pointLogits.subpatch!, subpatchRow, `step ${step} subpatch`));
      const locationRow = location.subarray(step * 9, step * 9 + 9);
      if (Number.isNaN(locationRow[0])) expect(result.pointLogits.location).toBeNull();
      else errors.location = Math.max(errors.location, maxError(result.pointLogits.location!, locationRow, `step ${step} location`));
      const embedding = decoder.nextInputEmbedding(result.next, embeddingRow);
      errors.embeds = Math.max(errors.embeds, maxError(embedding, nextEmbeds.subarray(step * hidden, (step + 1) * hidden), `step ${step} next embeds`));
    }
    expect(generated).toEqual(readNpyIntegers(`${tinyRoot}npy/generated_ids.npy`).data);
    console.info(`molmopoint-tiny: 16 steps; max |error| ${JSON.stringify(errors)}`);

    const [canvasHeight, canvasWidth] = golden.points.canvas_grid_HgWg;
    const [imageWidth, imageHeight] = golden.points.image_size_wh;
    const points = tokensToPixels(decoder.points, { width: imageWidth, height: imageHeight, gridWidth: canvasWidth, gridHeight: canvasHeight });
    expect(points.map(({ x, y }) => [x, y])).toEqual(golden.points.extract_image_points.map(([, , x, y]) => [x, y]));
    expect(decoder.points.map(({ patch: p, subpatch: s, location: l }) => [p, s, l])).toEqual([[636, 1, 3]]);
  });
});
