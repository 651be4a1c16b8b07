"""Reproduce ../shared/golden/molmopoint-tiny with our PyTorch definition and report max errors per stage.

    nice -n 10 /usr/bin/python3 -m tools.molmopoint.check_tiny_golden [--golden DIR] [--json OUT]

Weights: the golden's closed-form rule by published name (hashes checked against parameters.tsv), loaded through
the same name mapping (fused att_proj / ff_proj splitting) as a real checkpoint. Tolerances: golden README §9.
Exit status 1 when any stage is out of tolerance or any decision differs.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys

import numpy as np
import torch

from .closed_form import closed_form_state
from .config import tiny_golden
from .hf_names import hf_parameter_shapes, load_hf_weights
from .model import MolmoPoint
from .reference_decode import ReferenceDecoder

DEFAULT_GOLDEN = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "golden", "molmopoint-tiny")


def build_golden_model(golden_dir: str) -> MolmoPoint:
    with open(os.path.join(golden_dir, "golden.json")) as f:
        rope = json.load(f)["rope_inv_freq"]
    cfg = tiny_golden(rope["llm"], rope["point_head"])
    state = closed_form_state(hf_parameter_shapes(cfg))
    with open(os.path.join(golden_dir, "parameters.tsv")) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            digest = hashlib.sha256(state[row["name"]].tobytes()).hexdigest()
            if digest != row["sha256_float32_le"]:
                raise ValueError(f"closed-form weight {row['name']} does not match parameters.tsv")
    model = MolmoPoint(cfg)
    load_hf_weights(model, state)
    return model.eval()


def golden_inputs(golden_dir: str):
    npy = lambda name: np.load(os.path.join(golden_dir, "npy", name + ".npy"))
    u8 = npy("pixel_values_u8")
    pixel_values = ((u8.astype(np.float32) / np.float32(255)) - np.float32(0.5)) / np.float32(0.5)
    return npy, pixel_values.astype(np.float32), npy("image_token_pooling").astype(np.int64), npy("input_ids")


def finite_max_error(ours: np.ndarray, ref: np.ndarray) -> float:
    """Max |diff| over entries finite in the reference; sentinel/non-finite entries must be equal exactly."""
    ours, ref = np.asarray(ours, dtype=np.float64), np.asarray(ref, dtype=np.float64)
    if ours.shape != ref.shape:
        raise ValueError(f"shape {ours.shape} != {ref.shape}")
    sentinel = ~np.isfinite(ref) | np.isin(ref, [-1e5, -1e8])
    if not np.array_equal(ours[sentinel], ref[sentinel], equal_nan=True):
        return float("inf")
    both = ~sentinel & ~np.isnan(ref)
    return float(np.max(np.abs(ours[both] - ref[both]))) if both.any() else 0.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", default=os.path.normpath(DEFAULT_GOLDEN))
    parser.add_argument("--json", help="write the error table here")
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    model = build_golden_model(args.golden)
    npy, pixel_values, pooling, input_ids = golden_inputs(args.golden)
    rec = ReferenceDecoder(model).run(input_ids, pixel_values, pooling, max_new_tokens=16, harness=True)

    with torch.no_grad():
        _, blocks = model.vit(torch.from_numpy(pixel_values[:1]), return_blocks=True)
    steps = rec["steps"]
    stack = lambda key: np.stack([s[key] if s[key] is not None else np.full_like(_shape_of(steps, key), np.nan)
                                  for s in steps])
    n_steps = len(steps)
    results = []

    def check(stage, ours, ref, tol):
        err = finite_max_error(ours, ref)
        results.append({"stage": stage, "max_abs_error": err, "tolerance": tol, "ok": err <= tol})

    t = lambda x: x.detach().numpy() if isinstance(x, torch.Tensor) else x
    check("vit block 0..7 outputs (crop 0)", np.stack([t(b[0]) for b in blocks]), npy("vit_block_outputs_crop0"), 1e-4)
    check("vit features selected [7,729,64]", t(rec["vit_features"]), npy("vit_features_selected"), 1e-4)
    check("gathered vit features [955,4,64]", t(rec["gathered"]), npy("gathered_vit_features"), 1e-4)
    check("connector output [955,64]", t(rec["image_features"]), npy("connector_out"), 2e-5)
    check("prefill inputs_embeds", t(rec["prefill_inputs_embeds"]), npy("prefill_inputs_embeds"), 2e-5)
    check("prefill layer 0 output", t(rec["prefill_layers"][0]), npy("prefill_llm_layer0_out"), 5e-5)
    check("prefill layer 1 output", t(rec["prefill_layers"][1]), npy("prefill_llm_layer1_out"), 5e-5)
    check("prefill hidden pre-norm", t(rec["prefill_hidden_pre"]), npy("prefill_hidden_pre_ln"), 5e-5)
    with torch.no_grad():
        post = model.decoder.final_norm(rec["prefill_hidden_pre"])
    check("prefill hidden post-norm", t(post), npy("prefill_hidden_post_ln"), 5e-5)
    check("prefill plain logits (last pos)", t(rec["prefill_logits"]), npy("prefill_lm_logits_raw_derived"), 5e-5)
    check("prefill extended logits", steps[0]["ext"], npy("prefill_logits_ext"), 5e-5)
    check("patch keys [956,32]", t(rec["patch_keys"]), npy("point_patch_k"), 2e-5)
    mask_ok = np.array_equal(t(rec["patch_key_mask"]).astype(np.uint8), npy("point_patch_k_mask").astype(np.uint8))
    results.append({"stage": "patch key mask", "max_abs_error": 0.0 if mask_ok else float("inf"), "tolerance": 0,
                    "ok": mask_ok})
    check("image pos ids", t(rec["image_pos"]), npy("point_image_pos_ids"), 0)
    check("subpatch keys [955,4,32]", t(rec["subpatch_keys"]), npy("point_subpatch_k"), 2e-5)
    check("step extended logits [16,2121]", stack("ext"), npy("step_logits_ext")[:n_steps], 5e-5)
    check("step final scores (grammar+harness)", stack("scores"), npy("step_scores_final")[:n_steps], 5e-5)
    check("step patch scores [16,956]", stack("patch_scores"), npy("step_patch_logits")[:n_steps], 2e-5)
    check("step subpatch scores", stack("subpatch_scores"), npy("step_subpatch_logits")[:n_steps], 2e-5)
    check("step location scores", stack("location_scores"), npy("step_location_logits")[:n_steps], 2e-5)
    fed = [s for s in steps if "next_inputs_embeds" in s]
    check("step next inputs_embeds", np.stack([s["next_inputs_embeds"] for s in fed]),
          npy("step_next_inputs_embeds")[:len(fed)], 2e-5)
    check("step next pre-norm state", np.stack([s["next_hidden_pre"] for s in fed]),
          npy("step_next_pre_ln")[:len(fed)], 5e-5)
    ids_ok = rec["generated"] == npy("generated_ids").tolist()
    results.append({"stage": "generated ids (16)", "max_abs_error": 0.0 if ids_ok else float("inf"),
                    "tolerance": 0, "ok": ids_ok, "ours": rec["generated"]})

    from .grammar import extract_points
    points = extract_points(rec["generated"], rec["bounds"], pooling, npy("subpatch_mapping"), 800, 450)
    want = (289.1692307692308, 255.9619565217391)
    point_err = max(abs(points[0]["x"] - want[0]), abs(points[0]["y"] - want[1])) if points else float("inf")
    results.append({"stage": "final point (289.169, 255.962)", "max_abs_error": point_err, "tolerance": 1e-9,
                    "ok": point_err <= 1e-9, "ours": points})

    width = max(len(r["stage"]) for r in results)
    for r in results:
        print(f"{r['stage']:<{width}}  max|err| {r['max_abs_error']:.3g}  (tol {r['tolerance']:g})  "
              f"{'ok' if r['ok'] else 'FAIL'}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1, default=str)
    return 0 if all(r["ok"] for r in results) else 1


def _shape_of(steps, key):
    for s in steps:
        if s[key] is not None:
            return s[key]
    raise ValueError(key)


if __name__ == "__main__":
    sys.exit(main())
