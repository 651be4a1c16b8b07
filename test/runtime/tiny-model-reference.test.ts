/**
 * The TS runtime reproduces the frozen PyTorch references of the tiny random package
 * (`test/fixtures/tiny-model/reference/`, made by tools/molmopoint/make_fixtures.py from our own
 * PyTorch definition): for each case — PNG decode, Molmo2 pre-processing, tokenizer, prompt,
 * vision graph, prefill, point cache, 16 decode steps under the references' point-forcing harness —
 * identical ids and points, and float values within tolerance.
 *
 * Tolerances: the references are float32 PyTorch on CPU and the package is that model's fp32
 * ONNX export, so differences come only from kernel summation order. The golden README §9 measured
 * such differences at ≤ 1.2e-6 for states and logits of the same architecture; we allow 5e-5 for
 * states/logits and 2e-5 for image features and point-head scores (README §9's recommendations),
 * which stays far below the smallest decision margin of these cases (checked: every id identical).
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assembleExtendedScores, materializeExtendedScores } from "../../src/grounding/decode/grounding-grammar.js";
import { tokenToPixel } from "../../src/grounding/decode/token-to-pixel.js";
import { preprocessImage } from "../../src/grounding/preprocess/preprocess-image.js";
import { decodeImage } from "../../src/image/decode-image.js";
import { MolmoPointGrounder } from "../../src/runtime/molmopoint/molmopoint-grounder.js";
import { MolmoPointModel, type GenerationStepRecord } from "../../src/runtime/molmopoint/molmopoint-model.js";
import { buildPromptIds } from "../../src/runtime/tokenizer/prompt-tokenizer.js";
import { readNpy } from "../helpers/read-npy.js";
import { compareWithSentinels, maxAbsoluteError } from "./compare-arrays.js";
import { readReferenceCases, tinyPackageDirectory, tinyReferenceDirectory } from "./reference-cases.js";
import { harnessChoose, type HarnessAction } from "./reference-harness.js";

const packageDirectory = tinyPackageDirectory;
const referenceDirectory = tinyReferenceDirectory;
const cases = await readReferenceCases();

const TOLERANCE = { features: 2e-5, states: 5e-5, logits: 5e-5, pointHead: 2e-5 } as const;

describe("tiny random model vs frozen PyTorch references", () => {
  let model: MolmoPointModel;
  const errors: Record<string, Record<string, number>> = {};
  beforeAll(async () => {
    model = await MolmoPointModel.load(packageDirectory, { intraOpThreads: 1 });
  });
  afterAll(async () => {
    await model?.dispose();
    console.log("tiny-model references, max abs errors:", JSON.stringify(errors));
  });

  it.each(cases.map((testCase) => [testCase.image, testCase] as const))("%s", async (name, testCase) => {
    const stem = name.replace(/\.png$/, "");
    const reference = (array: string) => readNpy(join(referenceDirectory, `${stem}.${array}.npy`));
    const f32 = (array: string) => reference(array).data as Float32Array;
    const ints = (array: string) => Array.from(reference(array).data as BigInt64Array, Number);
    const { tokens } = model.manifest;

    const image = await decodeImage(join(referenceDirectory, name));
    expect([image.width, image.height]).toEqual([testCase.width, testCase.height]);
    const instructionIds = model.tokenizer.encode(testCase.instruction);
    expect(instructionIds).toEqual(testCase.instructionIds);
    const preprocessed = preprocessImage(image, {
      maxCrops: testCase.maxCrops,
      tokenIds: { imageStart: tokens.imStart, imageEnd: tokens.imEnd, imagePatch: tokens.imPatch, imageColumn: tokens.imCol, lowResImageStart: tokens.lowResImStart, imageLow: tokens.imLow },
    });
    const pixelBytes = Buffer.from(preprocessed.pixelValues.buffer, preprocessed.pixelValues.byteOffset, preprocessed.pixelValues.byteLength);
    expect(createHash("sha256").update(pixelBytes).digest("hex")).toBe(testCase.pixelValuesF32Sha256);
    expect(Array.from(preprocessed.pooling)).toEqual(ints("pooling"));
    const prompt = buildPromptIds(tokens, preprocessed.imageTokenIds, instructionIds);
    expect(Array.from(prompt.ids)).toEqual(ints("prompt_ids"));

    const actions: HarnessAction[] = [];
    const choose = harnessChoose(actions);
    const finalScores: Float32Array[] = [];
    const steps: GenerationStepRecord[] = [];
    const trace = await model.generate({ pixelValues: preprocessed.pixelValues, crops: preprocessed.crops, pooling: preprocessed.pooling }, prompt.ids, prompt.tokenTypes, {
      maxNewTokens: 16,
      stopAt: "eos",
      choose: (scores, generated) => {
        const chosen = choose(scores, generated);
        finalScores.push(materializeExtendedScores(scores));
        return chosen;
      },
      onStep: (record) => steps.push(record),
    });

    // Decisions: identical ids, harness actions and points.
    expect(trace.generatedIds).toEqual(testCase.generatedIds);
    expect(trace.generatedIds).toEqual(ints("generated_ids"));
    expect(actions).toEqual(testCase.steps.map((step) => step.harness));
    const grid = { width: image.width, height: image.height, gridWidth: preprocessed.gridWidth, gridHeight: preprocessed.gridHeight };
    const points = trace.points.map((point) => ({ patch: point.patch, subpatch: point.subpatch, location: point.location, ...tokenToPixel(point, grid)! }));
    expect(points).toHaveLength(testCase.points.length);
    points.forEach((point, index) => {
      const want = testCase.points[index]!;
      expect({ patch: point.patch, subpatch: point.subpatch, location: point.location }).toEqual({ patch: want.patch, subpatch: want.subpatch, location: want.location });
      expect(point.x).toBeCloseTo(want.x, 9);
      expect(point.y).toBeCloseTo(want.y, 9);
    });

    // Values.
    const hidden = model.embeddings.hidden;
    const found: Record<string, number> = {
      imageFeatures: maxAbsoluteError(trace.vision.imageFeatures, f32("image_features")),
      patchKeys: maxAbsoluteError(trace.decoder.patchKeys.keys, f32("patch_keys")),
      prefillHiddenLast: maxAbsoluteError(trace.prefillHidden.subarray(trace.prefillHidden.length - hidden), f32("prefill_hidden_pre_last")),
      prefillLogits: maxAbsoluteError(trace.prefillLogits, f32("prefill_logits")),
      stepExtendedLogits: 0,
      stepProcessedScores: 0,
      stepPatchScores: 0,
      stepFedEmbeddings: 0,
      stepHiddenPre: 0,
    };
    const extended = reference("step_logits_ext");
    const width = extended.shape[1]!;
    const patchScores = f32("step_patch_scores");
    const patchWidth = reference("step_patch_scores").shape[1]!;
    expect(steps).toHaveLength(16);
    for (const record of steps) {
      const { step, result } = record;
      const rebuilt = materializeExtendedScores(assembleExtendedScores(Float32Array.from(record.textLogits), result.pointLogits, result.scores.bounds, model.pointHeadConfig));
      const ext = compareWithSentinels(rebuilt, (extended.data as Float32Array).subarray(step * width, (step + 1) * width));
      expect(ext.lengthMismatch || ext.sentinelMismatches > 0, `step ${step} extended-logit sentinels`).toBe(false);
      found.stepExtendedLogits = Math.max(found.stepExtendedLogits!, ext.maxError);
      const final = compareWithSentinels(finalScores[step]!, f32("step_scores_final").subarray(step * width, (step + 1) * width));
      expect(final.sentinelMismatches, `step ${step} processed-score sentinels`).toBe(0);
      found.stepProcessedScores = Math.max(found.stepProcessedScores!, final.maxError);
      if (result.pointLogits.patch) {
        const patch = compareWithSentinels(result.pointLogits.patch, patchScores.subarray(step * patchWidth, (step + 1) * patchWidth));
        expect(patch.sentinelMismatches).toBe(0);
        found.stepPatchScores = Math.max(found.stepPatchScores!, patch.maxError);
      }
      if (step < 15) {
        const fed = trace.decoder.nextInputEmbedding(result.next, (id) => model.embeddings.row(id));
        found.stepFedEmbeddings = Math.max(found.stepFedEmbeddings!, maxAbsoluteError(fed, f32("step_next_inputs_embeds").subarray(step * hidden, (step + 1) * hidden)));
        found.stepHiddenPre = Math.max(found.stepHiddenPre!, maxAbsoluteError(steps[step + 1]!.hidden!, f32("step_next_hidden_pre").subarray(step * hidden, (step + 1) * hidden)));
      }
    }
    errors[stem] = found;
    expect(found.imageFeatures).toBeLessThanOrEqual(TOLERANCE.features);
    expect(found.patchKeys).toBeLessThanOrEqual(TOLERANCE.pointHead);
    expect(found.prefillHiddenLast).toBeLessThanOrEqual(TOLERANCE.states);
    expect(found.prefillLogits).toBeLessThanOrEqual(TOLERANCE.logits);
    expect(found.stepExtendedLogits).toBeLessThanOrEqual(TOLERANCE.logits);
    expect(found.stepProcessedScores).toBeLessThanOrEqual(TOLERANCE.logits);
    expect(found.stepPatchScores).toBeLessThanOrEqual(TOLERANCE.pointHead);
    expect(found.stepFedEmbeddings).toBeLessThanOrEqual(TOLERANCE.features);
    expect(found.stepHiddenPre).toBeLessThanOrEqual(TOLERANCE.states);
  });

  it.each(cases.map((testCase) => [testCase.image, testCase] as const))("locate(%s) without forcing: the reference's ids, no point, notFound", async (name, testCase) => {
    const grounder = new MolmoPointGrounder(model);
    const image = await decodeImage(join(referenceDirectory, name));
    const result = await grounder.locate(image, testCase.instruction, { maxCrops: testCase.maxCrops });
    expect(result.generatedIds).toEqual(testCase.withoutHarness.generatedIds);
    expect(result.points).toEqual([]);
    expect(result.notFound).toBe(true);
    expect(result.stopReason).toBe("max-new-tokens");
  });
});
