import { afterAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../core/errors.js";
import { goldenRoot, readNpy } from "../../../test/helpers/read-npy.js";
import {
  loadPointHeadWeights,
  loadScenario,
  loadSetup,
  SCENARIO_NAMES,
  tinyGoldenConfig,
  type PointHeadSetup,
  type Scenario,
} from "../../../test/helpers/point-head-golden.js";
import { assembleExtendedScores, extendedScore } from "./grounding-grammar.js";
import { PointDecoder, type DecodeStep } from "./point-decoder.js";
import { MASKED_PATCH_LOGIT, SMALL_LOGIT } from "./point-head.js";
import { tokensToPixels } from "./token-to-pixel.js";

// Logits and embeddings: README §7 suggests 1e-4 absolute or relative; the goldens' float64 recomputation
// is within 4.5e-7 relative of torch. Our float32 emulation (double accumulation, float32 rounding where
// torch rounds) stays within a few float32 ulps of values of magnitude <= ~20, so 2e-5 (the tiny golden's
// suggestion with exact RoPE frequencies) leaves ~10x margin while catching any real formula error
// (a wrong scale, rotation or norm moves values by >= 1e-2). Sentinels (-1e8, -1e5, -inf) must be exact.
const TOLERANCE = 2e-5;
const SENTINELS = new Set([MASKED_PATCH_LOGIT, SMALL_LOGIT, -Infinity]);

/** Compares float arrays: sentinels exactly, everything else within TOLERANCE; returns the max finite error. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): number {
  expect(actual.length, label).toBe(expected.length);
  let maximum = 0;
  const mismatches: string[] = [];
  for (let index = 0; index < expected.length; index++) {
    const want = expected[index]!;
    const got = actual[index]!;
    if (SENTINELS.has(want) || SENTINELS.has(got)) {
      if (got !== want) mismatches.push(`[${index}] ${got} != ${want}`);
    } else {
      const error = Math.abs(got - want);
      maximum = Math.max(maximum, error);
      if (!(error <= TOLERANCE)) mismatches.push(`[${index}] ${got} vs ${want} (|error| ${error})`);
    }
  }
  expect(mismatches.slice(0, 5), label).toEqual([]);
  return maximum;
}

function gridOf(setup: PointHeadSetup): { width: number; height: number; gridWidth: number; gridHeight: number } {
  const mapping = readNpy(`${goldenRoot}molmo2/${setup.tables}subpatch_mapping.npy`);
  return { width: setup.width, height: setup.height, gridHeight: mapping.shape[0]!, gridWidth: mapping.shape[1]! };
}

function textLogitsOf(scenario: Scenario, step: number): Float32Array {
  const text = new Float32Array(scenario.ext.V).fill(scenario.textLogitBase);
  for (const [id, value] of Object.entries(scenario.steps[step]!.text_logit_overrides)) text[Number(id)] = value;
  return text;
}

function decoderFor(setup: PointHeadSetup, maxPoints?: number): PointDecoder {
  return new PointDecoder({
    config: tinyGoldenConfig(),
    weights: loadPointHeadWeights(),
    pooling: setup.pooling,
    indexable: setup.imagePositionIds.map((_, row) => (row >= 196 ? 1 : 0)),
    imageHidden: setup.hImage,
    imageFeatures0: setup.imageFeatures0,
    vitFeatures: setup.vitFeatures,
    ...(maxPoints === undefined ? {} : { maxPoints }),
  });
}

const observed = { patchLogits: 0, tails: 0, subpatchLogits: 0, locationLogits: 0, inputsEmbeds: 0, steps: 0 };

describe.each(SCENARIO_NAMES)("%s, step by step against the upstream forward + logit processor", (scenarioName) => {
  const scenario = loadScenario(scenarioName);
  const setup = loadSetup(scenario.setupName);
  const hidden = 64;
  const columns = scenario.rows + 1;
  const tailLength = scenario.rows + 14;

  it("emits the same ids, with the same point-head logits, tails, feedback embeddings and points", () => {
    const decoder = decoderFor(setup);
    expect(decoder.bounds.noMorePointsId).toBe(scenario.ext.no_more_points);
    expect(decoder.bounds.end).toBe(scenario.ext.ext_logits_length);
    let previous: DecodeStep | null = null;
    for (const [index, golden] of scenario.steps.entries()) {
      const label = `${scenarioName} step ${index}`;
      // The feedback rule for this step's input token (NaN row at the prefill step).
      if (previous !== null) {
        const embedding = decoder.nextInputEmbedding(previous.next, (id) => setup.wteRows.get(id)!);
        const error = expectClose(embedding, scenario.inputsEmbeds.subarray(index * hidden, (index + 1) * hidden), `${label} inputs_embeds`);
        observed.inputsEmbeds = Math.max(observed.inputsEmbeds, error);
      }
      const text = textLogitsOf(scenario, index);
      const step = decoder.step(text, index === 0 ? null : scenario.hPre.slice(index * hidden, (index + 1) * hidden));
      observed.steps++;

      expect(step.tokenId, label).toBe(golden.emitted_token);
      expect(step.scores.argmaxPatch, label).toBe(golden.argmax_patch ?? -1);
      // null = no rotation, the same numbers as rotating by 0 (upstream clamps -1 to 0).
      expect(step.queryRotationPosition, label).toBe(golden.query_rotation_position ?? 0);
      if (golden.argmax_patch === null) {
        expect(step.pointLogits.patch, label).toBeNull();
      } else {
        const error = expectClose(step.pointLogits.patch!, scenario.patchLogits.subarray(index * columns, (index + 1) * columns), `${label} patch logits`);
        observed.patchLogits = Math.max(observed.patchLogits, error);
      }
      for (const [key, actual, expected] of [
        ["subpatchLogits", step.pointLogits.subpatch, golden.subpatch_logits],
        ["locationLogits", step.pointLogits.location, golden.location_logits],
      ] as const) {
        if (expected === null) expect(actual, `${label} ${key}`).toBeNull();
        else observed[key] = Math.max(observed[key], expectClose(actual!, expected, `${label} ${key}`));
      }

      // Raw tail: re-assemble from the same inputs (the step's own scores are already processed).
      const raw = assembleExtendedScores(textLogitsOf(scenario, index), step.pointLogits, decoder.bounds, decoder.config);
      const tailSlice = (array: Float32Array): Float32Array => array.subarray(index * tailLength, (index + 1) * tailLength);
      observed.tails = Math.max(observed.tails, expectClose(raw.tail, tailSlice(scenario.tailRaw), `${label} raw tail`));
      observed.tails = Math.max(observed.tails, expectClose(step.scores.tail, tailSlice(scenario.tailProcessed), `${label} processed tail`));
      for (const [id, value] of Object.entries(golden.processed_scores_at_text_ids)) {
        expect(extendedScore(step.scores, Number(id)), `${label} text id ${id}`).toBe(value === "-inf" ? -Infinity : value);
      }
      previous = step;
    }
    expect(decoder.generatedIds).toEqual(scenario.generatedIds);

    const decoded = tokensToPixels(decoder.points, gridOf(setup));
    expect(decoded.map(({ x, y }) => ({ x, y }))).toEqual(scenario.points.map(({ x, y }) => ({ x, y })));
    for (const point of decoder.points) {
      expect(point.confidence).toBeCloseTo(point.patchProbability * point.subpatchProbability * point.locationProbability, 15);
      expect(point.confidence).toBeGreaterThan(0);
      expect(point.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe("stopping", () => {
  const scenario = loadScenario("scenario2_three_points");
  const setup = loadSetup(scenario.setupName);

  function run(maxPoints: number | undefined): DecodeStep[] {
    const decoder = decoderFor(setup, maxPoints);
    return scenario.steps.map((_, index) =>
      decoder.step(textLogitsOf(scenario, index), index === 0 ? null : scenario.hPre.slice(index * 64, (index + 1) * 64)),
    );
  }

  it.each([
    // generated: text, P S L "1", P S L "2", P S L "3", NMP, text, EOS
    [1, 3, "max-points"],
    [2, 7, "max-points"],
    [3, 11, "max-points"],
    [undefined, 13, "no-more-points"],
  ] as const)("maxPoints %s: done first at step %i (%s), and stays done", (maxPoints, firstDone, reason) => {
    const steps = run(maxPoints);
    expect(steps.findIndex((step) => step.done)).toBe(firstDone);
    expect(steps[firstDone]!.stopReason).toBe(reason);
    expect(steps.slice(firstDone).every((step) => step.done && step.stopReason === reason)).toBe(true);
  });

  it("stops at EOS when nothing else stopped it", () => {
    const eosScenario = loadScenario("scenario4_padding_and_order_mask");
    const decoder = decoderFor(loadSetup(eosScenario.setupName), 5);
    const steps = eosScenario.steps.map((_, index) =>
      decoder.step(textLogitsOf(eosScenario, index), index === 0 ? null : eosScenario.hPre.slice(index * 64, (index + 1) * 64)),
    );
    expect(steps.at(-1)!.kind).toBe("text");
    expect(steps.at(-1)!.stopReason).toBe("eos");
    expect(steps.slice(0, -1).some((step) => step.done)).toBe(false);
  });

  it("describes the next input of every kind", () => {
    const steps = run(undefined);
    expect(steps.slice(0, 6).map((step) => [step.kind, step.index, step.next])).toEqual([
      ["text", null, { kind: "token", tokenId: 1000 }],
      ["patch", 418, { kind: "patch", tokenId: 151947, patch: 418 }],
      ["subpatch", 1, { kind: "subpatch", patch: 418, subpatch: 1, addTokenId: null }],
      ["location", 2, { kind: "token", tokenId: 151949 }],
      ["text", null, { kind: "token", tokenId: 16 }],
      ["patch", 418, { kind: "patch", tokenId: 151947, patch: 418 }],
    ]);
    expect(steps[13]!.next).toEqual({ kind: "token", tokenId: 151947 });
  });

  it("asks for wte[SUBPATCH] + build_vit_embedding under the training-code rule", () => {
    const decoder = new PointDecoder({
      config: tinyGoldenConfig({ subpatchEmbedding: "add-token" }),
      weights: loadPointHeadWeights(),
      pooling: setup.pooling,
      indexable: setup.imagePositionIds.map((_, row) => (row >= 196 ? 1 : 0)),
      imageHidden: setup.hImage,
      imageFeatures0: setup.imageFeatures0,
      vitFeatures: setup.vitFeatures,
    });
    const steps = [0, 1, 2].map((index) =>
      decoder.step(textLogitsOf(scenario, index), index === 0 ? null : scenario.hPre.slice(index * 64, (index + 1) * 64)),
    );
    expect(steps[2]!.next).toEqual({ kind: "subpatch", patch: 418, subpatch: 1, addTokenId: 151948 });
  });
});

describe("PointDecoder input checks", () => {
  const setup = loadSetup("setup_800x600_mc8");
  const base = {
    config: tinyGoldenConfig(),
    weights: loadPointHeadWeights(),
    pooling: setup.pooling,
    indexable: setup.imagePositionIds.map((_, row) => (row >= 196 ? 1 : 0)),
    imageHidden: setup.hImage,
    imageFeatures0: setup.imageFeatures0,
    vitFeatures: setup.vitFeatures,
  };
  it.each([
    [{ pooling: setup.pooling.subarray(1) }, /pooling must be a non-empty \[N, 4\] table/],
    [{ imageFeatures0: setup.imageFeatures0.subarray(64) }, /imageFeatures0 must be \[N, hiddenSize\] = 61120 values/],
    [{ vitFeatures: new Float32Array(3) }, /vitFeatures must be \[N, 4, vitFeatureDimension\]/],
    [{ imageHidden: undefined }, /pass imageHidden .* or precomputed patchKeys/],
    [{ maxPoints: 0 }, /maxPoints must be a positive integer or Infinity/],
    [{ imagePositionIds: new Int32Array(5) }, /imagePositionIds must be \[N\] = 955 values/],
  ] as const)("rejects %#", (override, message) => {
    expect(() => new PointDecoder({ ...base, ...override })).toThrow(InvalidInputError);
    expect(() => new PointDecoder({ ...base, ...override })).toThrow(message);
  });

  it("rejects wrong-sized logits and a missing hidden state after the prefill", () => {
    const decoder = new PointDecoder(base);
    expect(() => decoder.step(new Float32Array(10), null)).toThrow(/text logits must have vocabularySize = 152064 entries/);
    decoder.step(new Float32Array(152064), null);
    expect(() => decoder.step(new Float32Array(152064), null)).toThrow(/hidden must be the pre-final-norm state .* \(64 values\)/);
    expect(() => decoder.step(new Float32Array(152064), new Float32Array(64), { choose: () => 10 ** 7 })).toThrow(/choose returned 10000000/);
  });

  it("uses given image position ids for the key rotation", () => {
    const shifted = new PointDecoder({ ...base, imagePositionIds: setup.imagePositionIds.map((position) => position + 1) });
    const reference = new PointDecoder(base);
    expect(shifted.positions[196]).toBe(1);
    expect(Array.from(shifted.patchKeys.keys.subarray(196 * 32, 197 * 32))).not.toEqual(Array.from(reference.patchKeys.keys.subarray(196 * 32, 197 * 32)));
  });

  it("accepts precomputed patch keys in place of the image hidden states", () => {
    const scenario = loadScenario("scenario4_padding_and_order_mask");
    const reference = new PointDecoder(base);
    const { imageHidden: _unused, ...withoutHidden } = base;
    const decoder = new PointDecoder({ ...withoutHidden, patchKeys: reference.patchKeys });
    const ids = scenario.steps.map((_, index) =>
      decoder.step(textLogitsOf(scenario, index), index === 0 ? null : scenario.hPre.slice(index * 64, (index + 1) * 64)).tokenId,
    );
    expect(ids).toEqual(scenario.generatedIds);
  });
});

afterAll(() => {
  // Measured errors, for the record (the per-value checks above enforce TOLERANCE).
  console.info(`point-head goldens: ${observed.steps} steps; max |error| ${JSON.stringify(observed)}`);
});
