/**
 * Loads the point-head goldens of `../shared/golden/molmo2/point_head/` (README §6) for decode tests:
 * the seeded weights by HF name, the two setups and the four scenarios.
 */
import { readGoldenJson } from "./read-golden-json.js";
import { goldenRoot, readNpyFloat32, readNpyIntegers } from "./read-npy.js";
import { createPointHeadConfig, MOLMOPOINT_8B_IDS, type PointHeadConfig } from "../../src/grounding/decode/point-head-config.js";
import { POINT_HEAD_PARAMETER_NAMES, type PointHeadWeights, type WeightTensor } from "../../src/grounding/decode/point-head.js";

export const pointHeadRoot = `${goldenRoot}molmo2/point_head/`;

/** The molmo2 point_head golden's tiny sizes (README §6.1: hidden 64, point 32, ViT 48) with the real token ids. */
export function tinyGoldenConfig(overrides: Partial<PointHeadConfig> = {}): PointHeadConfig {
  return createPointHeadConfig({ ...MOLMOPOINT_8B_IDS, hiddenSize: 64, pointDimension: 32, vitFeatureDimension: 48, ...overrides });
}

/** The tiny seeded weights (`weights/<HF name>.npy`). */
export function loadPointHeadWeights(): PointHeadWeights {
  const entries = POINT_HEAD_PARAMETER_NAMES.map((name): [string, WeightTensor] => {
    const array = readNpyFloat32(`${pointHeadRoot}weights/${name}.npy`);
    return [name, { data: array.data, shape: array.shape }];
  });
  return Object.fromEntries(entries) as PointHeadWeights;
}

export interface PointHeadSetup {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly maxCrops: number;
  readonly rows: number;
  readonly tables: string;
  readonly pooling: Int32Array;
  readonly hImage: Float32Array;
  readonly vitFeatures: Float32Array;
  readonly imageFeatures0: Float32Array;
  readonly imagePositionIds: Int32Array;
  readonly patchKeysRotated: Float32Array;
  readonly patchKeyMask: Uint8Array;
  readonly promptIds: Int32Array;
  /** Token-embedding rows by id (the 9 rows the feedback needs). */
  readonly wteRows: ReadonlyMap<number, Float32Array>;
}

export function loadSetup(name: string): PointHeadSetup {
  const folder = `${pointHeadRoot}${name}/`;
  const json = readGoldenJson<{ width: number; height: number; max_crops: number; N: number; tables: string }>(`${folder}setup.json`);
  const rowIds = readNpyIntegers(`${folder}wte_row_ids.npy`).data;
  const rows = readNpyFloat32(`${folder}wte_rows.npy`);
  const hidden = rows.shape[1]!;
  const wteRows = new Map(rowIds.map((id, index) => [id, rows.data.slice(index * hidden, (index + 1) * hidden)]));
  const mask = readNpyIntegers(`${folder}patch_key_mask.npy`).data;
  return {
    name,
    width: json.width,
    height: json.height,
    maxCrops: json.max_crops,
    rows: json.N,
    tables: json.tables,
    pooling: Int32Array.from(readNpyIntegers(`${goldenRoot}molmo2/${json.tables}pooling.npy`).data),
    hImage: readNpyFloat32(`${folder}h_img.npy`).data,
    vitFeatures: readNpyFloat32(`${folder}G.npy`).data,
    imageFeatures0: readNpyFloat32(`${folder}image_features0.npy`).data,
    imagePositionIds: Int32Array.from(readNpyIntegers(`${folder}image_pos_ids.npy`).data),
    patchKeysRotated: readNpyFloat32(`${folder}patch_keys_rotated.npy`).data,
    patchKeyMask: Uint8Array.from(mask),
    promptIds: Int32Array.from(readNpyIntegers(`${folder}prompt_ids.npy`).data),
    wteRows,
  };
}

export interface ScenarioStep {
  step: number;
  input_token: number | null;
  text_logit_overrides: Record<string, number>;
  argmax_patch: number | null;
  query_rotation_position: number | null;
  last_predicted_patch_id_in: number | null;
  subpatch_logits: number[] | null;
  location_logits: number[] | null;
  processed_scores_at_text_ids: Record<string, number | "-inf">;
  emitted_token: number;
  emitted_kind: string;
}

export interface Scenario {
  readonly name: string;
  readonly setupName: string;
  readonly textLogitBase: number;
  readonly rows: number;
  readonly ext: { V: number; no_more_points: number; subpatch_start: number; location_start: number; ext_logits_length: number };
  readonly steps: ScenarioStep[];
  readonly generatedIds: number[];
  readonly points: { object_id: number; image: number; x: number; y: number }[];
  /** `[S, hidden]` row i = pre-final-norm state whose outputs step i decides. */
  readonly hPre: Float32Array;
  /** `[S, N + 1]`, NaN row at step 0. */
  readonly patchLogits: Float32Array;
  readonly tailRaw: Float32Array;
  readonly tailProcessed: Float32Array;
  /** `[S, hidden]`, NaN row at step 0. */
  readonly inputsEmbeds: Float32Array;
}

export function loadScenario(name: string): Scenario {
  const folder = `${pointHeadRoot}${name}/`;
  const json = readGoldenJson<{
    shared_inputs: string;
    text_logit_base: number;
    N: number;
    ext_vocab: Scenario["ext"];
    steps: ScenarioStep[];
    generated_ids: number[];
    points: Scenario["points"];
  }>(`${folder}scenario.json`);
  return {
    name,
    setupName: json.shared_inputs.replace(/^point_head\//, "").replace(/\/$/, ""),
    textLogitBase: json.text_logit_base,
    rows: json.N,
    ext: json.ext_vocab,
    steps: json.steps,
    generatedIds: json.generated_ids,
    points: json.points,
    hPre: readNpyFloat32(`${folder}step_h_pre.npy`).data,
    patchLogits: readNpyFloat32(`${folder}step_patch_logits.npy`).data,
    tailRaw: readNpyFloat32(`${folder}step_ext_tail_raw.npy`).data,
    tailProcessed: readNpyFloat32(`${folder}step_ext_tail_processed.npy`).data,
    inputsEmbeds: readNpyFloat32(`${folder}step_inputs_embeds.npy`).data,
  };
}

/** The four scenario folders. */
export const SCENARIO_NAMES = [
  "scenario1_single_point",
  "scenario2_three_points",
  "scenario3_no_more_points_first",
  "scenario4_padding_and_order_mask",
] as const;
