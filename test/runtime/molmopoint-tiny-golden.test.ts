/**
 * The TS runtime running the export of `../shared/golden/molmopoint-tiny/` (the published
 * implementation at a tiny size with closed-form weights; package
 * `test/fixtures/molmopoint-tiny-golden`) reproduces it stage by stage. Tolerances are the
 * golden README §9's: its CPU-vs-GPU float32 differences were ≤ 7.6e-6 (ViT), 3e-7 (connector),
 * 1.2e-6 (states), 1e-6 (logits); the thresholds leave about 10× room for a different float32
 * summation order in onnxruntime's kernels and stay orders of magnitude below every decision
 * margin (smallest: 0.0027 patch-score units at step 1).
 *
 * Stages the graphs do not expose, so not compared here: the ViT input after patch embedding and
 * each ViT block separately (`vit_block0_in_crop0`, `vit_block_outputs_crop0`: the vision graph
 * returns only the concatenated feature blocks), each decoder layer's output
 * (`prefill_llm_layer0_out`; layer 1's output equals `hidden_pre`, which is compared), and the
 * post-final-norm states (`prefill_hidden_post_ln`: the final norm and LM head are inside the
 * decoder graph; their product, the logits, is compared). The subpatch keys (`point_subpatch_k`)
 * are computed on demand for the chosen patch only; they are checked through the subpatch logits.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleExtendedScores, materializeExtendedScores } from "../../src/grounding/decode/grounding-grammar.js";
import { tokenToPixel } from "../../src/grounding/decode/token-to-pixel.js";
import { preprocessImage } from "../../src/grounding/preprocess/preprocess-image.js";
import { decodeImage } from "../../src/image/decode-image.js";
import { MolmoPointModel, type GenerationStepRecord, type GenerationTrace } from "../../src/runtime/molmopoint/molmopoint-model.js";
import { readNpy, readNpyIntegers } from "../helpers/read-npy.js";
import { compareWithSentinels, maxAbsoluteError, normalizeU8 } from "./compare-arrays.js";
import { harnessChoose, type HarnessAction } from "./reference-harness.js";

const goldenDirectory = join(import.meta.dirname, "../../../shared/golden/molmopoint-tiny");
const packageDirectory = join(import.meta.dirname, "../fixtures/molmopoint-tiny-golden");
const npy = (name: string) => readNpy(join(goldenDirectory, "npy", `${name}.npy`));
const f32 = (name: string) => npy(name).data as Float32Array;
const int = (name: string) => Array.from(npy(name).data as BigInt64Array, Number);

/** golden README §9: ViT outputs 1e-4; connector and embeddings 2e-5; states and logits 5e-5; point-head keys and scores 2e-5. */
const TOLERANCE = { vit: 1e-4, connector: 2e-5, embeddings: 2e-5, states: 5e-5, logits: 5e-5, pointHead: 2e-5 } as const;

describe("molmopoint-tiny golden through the TS runtime", () => {
  let model: MolmoPointModel;
  let trace: GenerationTrace;
  const steps: GenerationStepRecord[] = [];
  const actions: HarnessAction[] = [];
  const finalScores: Float32Array[] = [];
  const errors: Record<string, number> = {};

  beforeAll(async () => {
    model = await MolmoPointModel.load(packageDirectory, { intraOpThreads: 1 });
    const pooling = Int32Array.from(int("image_token_pooling"));
    const pixels = npy("pixel_values_u8");
    const choose = harnessChoose(actions);
    trace = await model.generate(
      { pixelValues: normalizeU8(pixels.data as Uint8Array), crops: pixels.shape[0]!, pooling },
      Int32Array.from(int("input_ids")),
      Uint8Array.from(int("token_type_ids")),
      {
        maxNewTokens: 16,
        stopAt: "eos",
        maxPoints: 2,
        keepVitFeatures: true,
        choose: (scores, generated) => {
          const chosen = choose(scores, generated);
          finalScores.push(materializeExtendedScores(scores));
          return chosen;
        },
        onStep: (record) => steps.push(record),
      },
    );
  });
  afterAll(async () => {
    await model?.dispose();
    console.log("molmopoint-tiny golden, max abs errors:", JSON.stringify(errors));
  });

  it("the runtime's own inputs from test_image.png equal the golden's: pixels, pooling table, image block", async () => {
    const image = await decodeImage(join(goldenDirectory, "test_image.png"));
    const { tokens } = model.manifest;
    const preprocessed = preprocessImage(image, {
      maxCrops: model.manifest.preprocessing.defaultMaxCrops,
      tokenIds: { imageStart: tokens.imStart, imageEnd: tokens.imEnd, imagePatch: tokens.imPatch, imageColumn: tokens.imCol, lowResImageStart: tokens.lowResImStart, imageLow: tokens.imLow },
    });
    expect(preprocessed.maxCrops).toBe(8);
    // Identical float32 inputs to the ViT (README §9: "pixels: identical uint8 values").
    expect(maxAbsoluteError(preprocessed.pixelValues, normalizeU8(npy("pixel_values_u8").data as Uint8Array))).toBe(0);
    expect(Array.from(preprocessed.pooling)).toEqual(int("image_token_pooling"));
    const inputIds = int("input_ids");
    expect(Array.from(preprocessed.imageTokenIds)).toEqual(inputIds.slice(1, 1 + preprocessed.imageTokenIds.length));
  });

  it("vision graph: selected ViT features, gathered features, connector output", () => {
    errors.vitFeatures = maxAbsoluteError(trace.vision.vitFeatures!, f32("vit_features_selected"));
    errors.gatheredVitFeatures = maxAbsoluteError(trace.vision.gatheredVitFeatures, f32("gathered_vit_features"));
    errors.connector = maxAbsoluteError(trace.vision.imageFeatures, f32("connector_out"));
    expect(errors.vitFeatures).toBeLessThanOrEqual(TOLERANCE.vit);
    expect(errors.gatheredVitFeatures).toBeLessThanOrEqual(TOLERANCE.vit);
    expect(errors.connector).toBeLessThanOrEqual(TOLERANCE.connector);
  });

  it("prefill: input embeddings, pre-norm states, last-position logits", () => {
    errors.prefillEmbeddings = maxAbsoluteError(trace.prefillEmbeddings, f32("prefill_inputs_embeds"));
    errors.prefillHiddenPre = maxAbsoluteError(trace.prefillHidden, f32("prefill_hidden_pre_ln"));
    errors.prefillLogits = maxAbsoluteError(trace.prefillLogits, f32("prefill_lm_logits_raw_derived"));
    expect(errors.prefillEmbeddings).toBeLessThanOrEqual(TOLERANCE.embeddings);
    expect(errors.prefillHiddenPre).toBeLessThanOrEqual(TOLERANCE.states);
    expect(errors.prefillLogits).toBeLessThanOrEqual(TOLERANCE.logits);
  });

  it("point cache: rotated patch keys, selectable mask, key positions", () => {
    const { patchKeys, positions } = trace.decoder;
    errors.patchKeys = maxAbsoluteError(patchKeys.keys, f32("point_patch_k"));
    expect(errors.patchKeys).toBeLessThanOrEqual(TOLERANCE.pointHead);
    expect(Array.from(patchKeys.mask, Number)).toEqual(Array.from(readNpyIntegers(join(goldenDirectory, "npy/point_patch_k_mask.npy")).data));
    expect(Array.from(positions)).toEqual(int("point_image_pos_ids"));
  });

  it("generates the golden's 16 ids with the same harness actions", () => {
    expect(trace.generatedIds).toEqual(int("generated_ids"));
    expect(actions.slice(0, 6)).toEqual(["none", "point-forcing", "none", "none", "none", "nmp-forcing"]);
    expect(trace.stopReason).toBe("max-new-tokens");
  });

  it("every decode step: extended logits, point-head logits, processed scores, fed embeddings, next states", () => {
    const extended = npy("step_logits_ext");
    const width = extended.shape[1]!;
    const patchLogits = f32("step_patch_logits");
    const subpatchLogits = f32("step_subpatch_logits");
    const locationLogits = f32("step_location_logits");
    const scoresFinal = f32("step_scores_final");
    const nextEmbeds = f32("step_next_inputs_embeds");
    const nextPreLn = f32("step_next_pre_ln");
    const hidden = model.embeddings.hidden;
    const worst = { extended: 0, point: 0, final: 0, embeds: 0, states: 0 };
    expect(steps).toHaveLength(16);
    for (const record of steps) {
      const { step, result } = record;
      const bounds = result.scores.bounds;
      const rebuilt = materializeExtendedScores(assembleExtendedScores(Float32Array.from(record.textLogits), result.pointLogits, bounds, model.pointHeadConfig));
      const ext = compareWithSentinels(rebuilt, (extended.data as Float32Array).subarray(step * width, (step + 1) * width));
      expect(ext.sentinelMismatches, `step ${step} sentinels`).toBe(0);
      expect(ext.lengthMismatch).toBe(false);
      worst.extended = Math.max(worst.extended, ext.maxError);
      const final = compareWithSentinels(finalScores[step]!, scoresFinal.subarray(step * width, (step + 1) * width));
      expect(final.sentinelMismatches, `step ${step} processed-score sentinels`).toBe(0);
      worst.final = Math.max(worst.final, final.maxError);
      const patchRow = patchLogits.subarray(step * 956, (step + 1) * 956);
      if (step === 0) expect(result.pointLogits.patch).toBeNull();
      else worst.point = Math.max(worst.point, compareWithSentinels(result.pointLogits.patch!, patchRow).maxError);
      const subRow = subpatchLogits.subarray(step * 4, step * 4 + 4);
      const locRow = locationLogits.subarray(step * 9, step * 9 + 9);
      expect(result.pointLogits.subpatch === null, `step ${step} subpatch logits present`).toBe(Number.isNaN(subRow[0]));
      expect(result.pointLogits.location === null, `step ${step} location logits present`).toBe(Number.isNaN(locRow[0]));
      if (result.pointLogits.subpatch) worst.point = Math.max(worst.point, maxAbsoluteError(result.pointLogits.subpatch, subRow));
      if (result.pointLogits.location) worst.point = Math.max(worst.point, maxAbsoluteError(result.pointLogits.location, locRow));
      if (step < 15) {
        const fed = trace.decoder.nextInputEmbedding(result.next, (id) => model.embeddings.row(id));
        worst.embeds = Math.max(worst.embeds, maxAbsoluteError(fed, nextEmbeds.subarray(step * hidden, (step + 1) * hidden)));
        worst.states = Math.max(worst.states, maxAbsoluteError(steps[step + 1]!.hidden!, nextPreLn.subarray(step * hidden, (step + 1) * hidden)));
      }
    }
    Object.assign(errors, { stepExtendedLogits: worst.extended, stepPointLogits: worst.point, stepProcessedScores: worst.final, stepFedEmbeddings: worst.embeds, stepHiddenPre: worst.states });
    expect(worst.extended).toBeLessThanOrEqual(TOLERANCE.logits);
    expect(worst.final).toBeLessThanOrEqual(TOLERANCE.logits);
    expect(worst.point).toBeLessThanOrEqual(TOLERANCE.pointHead);
    expect(worst.embeds).toBeLessThanOrEqual(TOLERANCE.embeddings);
    expect(worst.states).toBeLessThanOrEqual(TOLERANCE.states);
  });

  it("without the harness: the golden's decode_without_harness ids (1096, then 116 × 15)", async () => {
    const golden = JSON.parse(await readFile(join(goldenDirectory, "golden.json"), "utf8")) as { decode_without_harness: { generated_ids: number[] } };
    const pixels = npy("pixel_values_u8");
    const plain = await model.generate(
      { pixelValues: normalizeU8(pixels.data as Uint8Array), crops: pixels.shape[0]!, pooling: Int32Array.from(int("image_token_pooling")) },
      Int32Array.from(int("input_ids")),
      Uint8Array.from(int("token_type_ids")),
      { maxNewTokens: 16, stopAt: "eos" },
    );
    expect(plain.generatedIds).toEqual(golden.decode_without_harness.generated_ids);
    expect(plain.points).toEqual([]);
  });

  it("decodes the point (289.169, 255.962) in the 800×450 image", () => {
    expect(trace.points.map(({ patch, subpatch, location }) => ({ patch, subpatch, location }))).toEqual([{ patch: 636, subpatch: 1, location: 3 }]);
    const point = tokenToPixel(trace.points[0]!, { width: 800, height: 450, gridWidth: 65, gridHeight: 46 });
    // Pure double arithmetic in the same order as upstream: equal to ~1e-9 (README §9).
    expect(point!.x).toBeCloseTo(289.1692307692308, 9);
    expect(point!.y).toBeCloseTo(255.9619565217391, 9);
  });
});
