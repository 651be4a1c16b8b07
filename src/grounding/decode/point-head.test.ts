import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../core/errors.js";
import { readGoldenJson } from "../../../test/helpers/read-golden-json.js";
import { goldenRoot } from "../../../test/helpers/read-npy.js";
import { loadPointHeadWeights, loadScenario, loadSetup, tinyGoldenConfig } from "../../../test/helpers/point-head-golden.js";
import { createPointHeadConfig, MOLMOPOINT_8B_IDS, rotaryInverseFrequencies } from "./point-head-config.js";
import { buildPatchKeys, imagePositionIds, normalizeHidden, patchLogits, validatePointHeadWeights } from "./point-head.js";

// The goldens' own float64 recomputation differs from torch's float32 by <= 4.5e-7 relative (README §7).
// Our float32 emulation differs from torch by the order of a few float32 ulps of the values (|v| <= ~5),
// so 2e-5 absolute is ~30 ulps of margin and still 5x tighter than the README's suggested 1e-4.
const KEY_TOLERANCE = 2e-5;

function maxAbsDifference(actual: Float32Array, expected: Float32Array): number {
  let maximum = 0;
  for (let index = 0; index < expected.length; index++) maximum = Math.max(maximum, Math.abs(actual[index]! - expected[index]!));
  return maximum;
}

describe("rotary inverse frequencies", () => {
  const recorded = readGoldenJson<{ rope_inv_freq: { point_head: number[]; llm: number[] } }>(
    `${goldenRoot}molmopoint-tiny/golden.json`,
  ).rope_inv_freq;
  it.each([
    ["point head (theta 5e4, dim 32)", 50000, 32, recorded.point_head],
    ["LLM (theta 1e6, dim 16)", 1e6, 16, recorded.llm],
  ] as const)("%s: equal to torch's float32 buffer, bit for bit", (_name, theta, dimension, values) => {
    expect(Array.from(rotaryInverseFrequencies(theta, dimension))).toEqual(values);
  });
});

describe.each(["setup_1920x1080_mc8", "setup_800x600_mc8"])("prefill state of %s", (setupName) => {
  const setup = loadSetup(setupName);
  const weights = loadPointHeadWeights();
  const config = tinyGoldenConfig();
  const indexable = setup.imagePositionIds.map((_, row) => (row >= 196 ? 1 : 0));

  it("image_pos_ids: -1 for the 196 global rows, r - 196 for high-res rows (exact)", () => {
    expect(Array.from(imagePositionIds(indexable))).toEqual(Array.from(setup.imagePositionIds));
  });

  it(`rotated patch keys within ${KEY_TOLERANCE}, NMP row bit-exact, key mask exact`, () => {
    const { keys, mask } = buildPatchKeys(setup.hImage, setup.imagePositionIds, indexable, weights, config);
    expect(Array.from(mask)).toEqual(Array.from(setup.patchKeyMask));
    expect(keys.length).toBe(setup.patchKeysRotated.length);
    expect(maxAbsDifference(keys, setup.patchKeysRotated)).toBeLessThanOrEqual(KEY_TOLERANCE);
    const nmpStart = setup.rows * config.pointDimension;
    expect(Array.from(keys.subarray(nmpStart))).toEqual(Array.from(setup.patchKeysRotated.subarray(nmpStart)));
  });
});

describe("patch-logit scale (finding: both goldens divide by sqrt(N + 1), not sqrt(pointDimension))", () => {
  // The molmo2 point_head README §6.1 says "norm_logits on (divide by sqrt(32))"; its arrays say otherwise.
  // The HF code divides `dots` by sqrt(dots.shape[-1]) = sqrt(N + 1); sqrt(32) is only the subpatch scale.
  const setup = loadSetup("setup_1920x1080_mc8");
  const scenario = loadScenario("scenario1_single_point");
  const weights = loadPointHeadWeights();
  const indexable = setup.imagePositionIds.map((_, row) => (row >= 196 ? 1 : 0));
  const columns = setup.rows + 1;
  const expected = scenario.patchLogits.subarray(columns, 2 * columns); // step 1, unrotated query
  const hidden = scenario.hPre.subarray(64, 128);

  it.each([
    ["candidates", true],
    ["dimension", false],
  ] as const)("scale %s reproduces the golden: %s", (patchLogitScale, reproduces) => {
    const config = tinyGoldenConfig({ patchLogitScale });
    const keys = buildPatchKeys(setup.hImage, setup.imagePositionIds, indexable, weights, config);
    const logits = patchLogits(normalizeHidden(hidden, 0, weights, config), 0, keys, weights, config);
    const difference = maxAbsDifference(logits, expected);
    if (reproduces) expect(difference).toBeLessThanOrEqual(KEY_TOLERANCE);
    else expect(difference).toBeGreaterThan(1);
  });
});

describe("bad weights and config", () => {
  const weights = loadPointHeadWeights();
  it("accepts the golden weights for the tiny config", () => {
    expect(() => validatePointHeadWeights(weights, tinyGoldenConfig())).not.toThrow();
  });
  it("names a mis-shaped parameter and the shape the config needs", () => {
    expect(() => validatePointHeadWeights(weights, tinyGoldenConfig({ pointDimension: 16, ropeInverseFrequencies: new Float32Array(8) }))).toThrow(
      /model\.point_predictor\.patch_q\.weight has shape \[32, 64\].*needs \[16, 64\]/,
    );
  });
  it("names a missing parameter", () => {
    const { ["model.build_vit_embedding.bias"]: _dropped, ...rest } = weights;
    expect(() => validatePointHeadWeights(rest as typeof weights, tinyGoldenConfig())).toThrow(/model\.build_vit_embedding\.bias is missing/);
  });
  it.each([
    [{ pointDimension: 31 }, /pointDimension must be even/],
    [{ hiddenSize: 0 }, /hiddenSize must be a positive integer/],
    [{ patchTokenId: 152064 }, /patchTokenId 152064 must be a text id below vocabularySize/],
    [{ ropeInverseFrequencies: new Float32Array(3) }, /needs pointDimension \/ 2 = 16 values/],
  ] as const)("createPointHeadConfig rejects %j", (override, message) => {
    expect(() => createPointHeadConfig({ ...MOLMOPOINT_8B_IDS, hiddenSize: 64, pointDimension: 32, vitFeatureDimension: 48, ...override })).toThrow(InvalidInputError);
    expect(() => createPointHeadConfig({ ...MOLMOPOINT_8B_IDS, hiddenSize: 64, pointDimension: 32, vitFeatureDimension: 48, ...override })).toThrow(message);
  });
});
