/**
 * The runtime grounder on the tiny random package: stops right after the requested point's
 * LOCATION (or at no-more-points), never at the full token budget; returns per-stage timings and
 * the point in original-image pixels with a confidence; cancels with AbortError between steps.
 * The random weights never choose to point on their own, so the stopping tests drive the decode
 * loop with the references' point-forcing harness (test/runtime/reference-harness.ts), whose
 * ids the reference test has already matched.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortError, InvalidInputError } from "../../src/core/errors.js";
import { preprocessImage } from "../../src/grounding/preprocess/preprocess-image.js";
import { decodeImage } from "../../src/image/decode-image.js";
import { MolmoPointGrounder } from "../../src/runtime/molmopoint/molmopoint-grounder.js";
import { MolmoPointModel } from "../../src/runtime/molmopoint/molmopoint-model.js";
import { buildPromptIds } from "../../src/runtime/tokenizer/prompt-tokenizer.js";
import type { RgbImage } from "../../src/core/image.js";
import { readReferenceCases, tinyPackageDirectory, tinyReferenceDirectory } from "./reference-cases.js";
import { harnessChoose, type HarnessAction } from "./reference-harness.js";

const packageDirectory = tinyPackageDirectory;
const referenceDirectory = tinyReferenceDirectory;
const screen = (await readReferenceCases())[0]!;

describe("MolmoPoint grounder on the tiny package", () => {
  let model: MolmoPointModel;
  let grounder: MolmoPointGrounder;
  let image: RgbImage;
  let inputs: { image: { pixelValues: Float32Array; crops: number; pooling: Int32Array }; ids: Int32Array; tokenTypes: Uint8Array };

  beforeAll(async () => {
    model = await MolmoPointModel.load(packageDirectory, { intraOpThreads: 1 });
    grounder = new MolmoPointGrounder(model);
    image = await decodeImage(join(referenceDirectory, screen.image));
    const { tokens } = model.manifest;
    const preprocessed = preprocessImage(image, {
      maxCrops: screen.maxCrops,
      tokenIds: { imageStart: tokens.imStart, imageEnd: tokens.imEnd, imagePatch: tokens.imPatch, imageColumn: tokens.imCol, lowResImageStart: tokens.lowResImStart, imageLow: tokens.imLow },
    });
    const prompt = buildPromptIds(tokens, preprocessed.imageTokenIds, model.tokenizer.encode(screen.instruction));
    inputs = { image: { pixelValues: preprocessed.pixelValues, crops: preprocessed.crops, pooling: preprocessed.pooling }, ids: prompt.ids, tokenTypes: prompt.tokenTypes };
  });
  afterAll(async () => {
    await grounder?.dispose();
    await grounder?.dispose();
  });

  it("stops right after the first point's LOCATION (maxPoints 1): 4 ids, not the 16-token budget", async () => {
    const actions: HarnessAction[] = [];
    const trace = await model.generate(inputs.image, inputs.ids, inputs.tokenTypes, { choose: harnessChoose(actions), maxNewTokens: 128 });
    expect(trace.generatedIds).toEqual(screen.generatedIds.slice(0, 4));
    expect(trace.stopReason).toBe("max-points");
    expect(trace.points).toHaveLength(1);
    expect(trace.timings.decodeSteps).toBe(3);
    const [point] = trace.points;
    expect(point!.confidence).toBeGreaterThan(0);
    expect(point!.confidence).toBeLessThanOrEqual(1);
    expect(point!.confidence).toBeCloseTo(point!.patchProbability * point!.subpatchProbability * point!.locationProbability, 12);
  });

  it("with maxPoints 2 it goes on and stops at no-more-points", async () => {
    const trace = await model.generate(inputs.image, inputs.ids, inputs.tokenTypes, { choose: harnessChoose([]), maxPoints: 2, maxNewTokens: 128 });
    expect(trace.generatedIds).toEqual(screen.generatedIds.slice(0, 6));
    expect(trace.stopReason).toBe("no-more-points");
    expect(trace.points).toHaveLength(1);
  });

  it("cancels between decode steps with AbortError", async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await model
      .generate(inputs.image, inputs.ids, inputs.tokenTypes, {
        maxNewTokens: 16,
        stopAt: "eos",
        signal: controller.signal,
        onStep: ({ step }) => {
          seen.push(step);
          if (step === 2) controller.abort(new Error("user cancelled"));
        },
      })
      .catch((caught: unknown) => caught);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(seen).toEqual([0, 1, 2]);
    // The model stays usable after a cancelled call.
    const again = await model.generate(inputs.image, inputs.ids, inputs.tokenTypes, { choose: harnessChoose([]) });
    expect(again.generatedIds).toEqual(screen.generatedIds.slice(0, 4));
  });

  it("locate: an already-aborted signal throws AbortError before any work", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(grounder.locate(image, screen.instruction, { signal: controller.signal })).rejects.toSatisfy((error: unknown) => AbortError.isInstance(error));
  });

  it("locate without forcing: the random model never points, so notFound with every stage timed", async () => {
    const result = await grounder.locate(image, screen.instruction, { maxCrops: screen.maxCrops });
    expect(result.points).toEqual([]);
    expect(result.notFound).toBe(true);
    expect(["eos", "max-new-tokens"]).toContain(result.stopReason);
    expect(result.generatedIds.length).toBeLessThanOrEqual(model.manifest.tokens.maxNewTokens);
    expect(result.generatedIds.every((id) => id < model.manifest.tokens.pointBase)).toBe(true);
    expect(Object.keys(result.timings).sort()).toEqual(["decode", "prefill", "preprocess", "total", "vision"]);
    expect(result.timings.total).toBeGreaterThanOrEqual(result.timings.vision! + result.timings.prefill! + result.timings.decode!);
    expect(result.pixelsPerCell.x).toBeGreaterThan(0);
  });

  it("generate rejects a prompt that does not match the pooling table", async () => {
    const shorter = inputs.image.pooling.subarray(4);
    await expect(model.generate({ ...inputs.image, pooling: shorter }, inputs.ids, inputs.tokenTypes)).rejects.toSatisfy(
      (error: unknown) => InvalidInputError.isInstance(error) && error.message.includes("build both from one preprocessImage result"),
    );
    await expect(model.generate(inputs.image, inputs.ids, inputs.tokenTypes.subarray(1))).rejects.toSatisfy((error: unknown) => InvalidInputError.isInstance(error) && error.parameter === "tokenTypes");
  });

  it("locate rejects an empty instruction and a bad maxPoints", async () => {
    await expect(grounder.locate(image, "  ")).rejects.toSatisfy((error: unknown) => InvalidInputError.isInstance(error) && error.parameter === "instruction");
    await expect(grounder.locate(image, "Save", { maxPoints: 0 })).rejects.toSatisfy((error: unknown) => InvalidInputError.isInstance(error) && error.parameter === "maxPoints");
    await expect(grounder.locate(image, "Save", { maxNewTokens: 0 })).rejects.toSatisfy((error: unknown) => InvalidInputError.isInstance(error) && error.parameter === "maxNewTokens");
    await expect(grounder.locate(image, "Save", { maxCrops: 0 })).rejects.toSatisfy((error: unknown) => InvalidInputError.isInstance(error) && error.parameter === "maxCrops");
  });
});
