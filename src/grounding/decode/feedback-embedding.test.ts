import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../core/errors.js";
import { loadPointHeadWeights, loadSetup, tinyGoldenConfig } from "../../../test/helpers/point-head-golden.js";
import { nextInputEmbedding, type FeedbackSources } from "./feedback-embedding.js";
import { locationLogits, normalizeHidden, vitPatchEmbedding } from "./point-head.js";

const setup = loadSetup("setup_1920x1080_mc8");
const weights = loadPointHeadWeights();
const sources = (overrides: Partial<FeedbackSources> = {}): FeedbackSources => ({
  config: tinyGoldenConfig(),
  weights,
  imageFeatures0: setup.imageFeatures0,
  vitFeatures: setup.vitFeatures,
  embeddingRow: (id) => setup.wteRows.get(id)!,
  ...overrides,
});

describe("nextInputEmbedding (the feedback rules)", () => {
  const wte = (id: number): number[] => Array.from(setup.wteRows.get(id)!);
  it("token: a copy of the wte row, not the row itself", () => {
    const embedding = nextInputEmbedding({ kind: "token", tokenId: 151949 }, sources());
    expect(Array.from(embedding)).toEqual(wte(151949));
    expect(embedding).not.toBe(setup.wteRows.get(151949));
  });
  it("patch: wte[PATCH] + image_features0[p] in float32", () => {
    const embedding = nextInputEmbedding({ kind: "patch", tokenId: 151947, patch: 418 }, sources());
    const feature = setup.imageFeatures0.subarray(418 * 64, 419 * 64);
    expect(Array.from(embedding)).toEqual(wte(151947).map((value, index) => Math.fround(value + feature[index]!)));
  });
  it.each([
    ["replace (HF)", null],
    ["add-token (training code)", 151948],
  ] as const)("subpatch, %s", (_name, addTokenId) => {
    const embedding = nextInputEmbedding({ kind: "subpatch", patch: 418, subpatch: 1, addTokenId }, sources());
    const vit = vitPatchEmbedding(setup.vitFeatures, 418, 1, weights, tinyGoldenConfig());
    const expected = addTokenId === null ? Array.from(vit) : wte(addTokenId).map((value, index) => Math.fround(value + vit[index]!));
    expect(Array.from(embedding)).toEqual(expected);
  });
  it("rejects an embedding row of the wrong width", () => {
    const call = () => nextInputEmbedding({ kind: "token", tokenId: 5 }, sources({ embeddingRow: () => new Float32Array(63) }));
    expect(call).toThrow(InvalidInputError);
    expect(call).toThrow(/embeddingRow\(5\) returned 63 values; it must return one wte row of hiddenSize = 64/);
  });
});

describe("locationInput", () => {
  it("raw (HF) reads h, normalized (training loss) reads x_norm(h); they differ", () => {
    const hidden = setup.hImage.slice(300 * 64, 301 * 64);
    const config = tinyGoldenConfig();
    const normalized = normalizeHidden(hidden, 0, weights, config);
    const raw = locationLogits(hidden, 0, normalized, weights, config);
    const fromNorm = locationLogits(hidden, 0, normalized, weights, tinyGoldenConfig({ locationInput: "normalized" }));
    expect(Array.from(fromNorm)).toEqual(Array.from(locationLogits(normalized, 0, normalized, weights, config)));
    expect(Array.from(raw)).not.toEqual(Array.from(fromNorm));
  });
});
