"""Regenerate the committed test fixtures (deterministic; about 1 minute on 2 cores).

    nice -n 10 /usr/bin/python3 -m tools.molmopoint.make_fixtures [--golden ../shared/golden/molmopoint-tiny]

* test/fixtures/molmopoint-tiny-golden/  package of the shared golden's model (closed-form weights)
* test/fixtures/tiny-model/              package of the seeded random model (export --random-seed 0)
* test/fixtures/tiny-model/reference/    frozen PyTorch outputs of that model on 3 screenshots x instructions
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys

import numpy as np
import torch
from PIL import Image, ImageDraw

from .export import export_package, random_model
from .grammar import extract_points
from .preprocess import preprocess
from .reference_decode import ReferenceDecoder
from .tokenizer_builder import encode_text

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "test", "fixtures")
RANDOM_SEED = 0

# (file, width, height, max_crops, instruction)
CASES = [("screen_640x400.png", 640, 400, 4, "Click the Save button"),
         ("phone_360x640.png", 360, 640, 4, "search field"),
         ("dialog_378x378.png", 378, 378, 4, "Close")]


def draw_screen(width: int, height: int, seed: int) -> Image.Image:
    """A flat GUI-like picture: header bar, panels and labelled buttons (PIL's default bitmap font)."""
    rng = np.random.default_rng(seed)
    image = Image.new("RGB", (width, height), (242, 244, 247))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 36], fill=(40, 60, 110))
    draw.text((10, 12), "groundpoint test", fill=(255, 255, 255))
    labels = ["Save", "Open", "Close", "Search", "Cancel", "OK", "Settings", "Help"]
    for index, label in enumerate(labels):
        x = int(rng.integers(8, max(9, width - 110)))
        y = int(rng.integers(48, max(49, height - 40)))
        color = tuple(int(c) for c in rng.integers(60, 220, 3))
        draw.rectangle([x, y, x + 96, y + 28], fill=color, outline=(20, 20, 20))
        draw.text((x + 10, y + 9), label, fill=(255, 255, 255) if sum(color) < 380 else (0, 0, 0))
    return image


def run_case(model, folder: str, name: str, width: int, height: int, max_crops: int, instruction: str,
             seed: int) -> dict:
    cfg = model.cfg
    image = draw_screen(width, height, seed)
    image.save(os.path.join(folder, name), optimize=True)
    rgb = np.asarray(Image.open(os.path.join(folder, name)).convert("RGB"))
    pre = preprocess(rgb, max_crops, cfg)
    t = cfg.tokens
    instruction_ids = encode_text(instruction)
    prompt = np.array([t.bos] + pre.image_tokens + t.user_prefix_ids + instruction_ids + t.user_suffix_ids,
                      dtype=np.int64)
    rec = ReferenceDecoder(model).run(prompt, pre.pixel_values, pre.pooling, max_new_tokens=t.max_new_tokens,
                                      harness=True)
    bounds = rec["bounds"]
    plain = ReferenceDecoder(model).run(prompt, pre.pixel_values, pre.pooling, max_new_tokens=t.max_new_tokens,
                                        harness=False)
    points = extract_points(rec["generated"], bounds, pre.pooling, pre.subpatch_mapping, width, height)
    stem = os.path.splitext(name)[0]
    steps = rec["steps"]
    arrays = {
        "pooling": pre.pooling.astype(np.int64),
        "subpatch_mapping": pre.subpatch_mapping.astype(np.int64),
        "prompt_ids": prompt,
        "image_features": rec["image_features"].numpy(),
        "prefill_hidden_pre_last": rec["prefill_hidden_pre"][-1].numpy(),
        "prefill_logits": rec["prefill_logits"].numpy(),
        "patch_keys": rec["patch_keys"].numpy(),
        "step_logits_ext": np.stack([s["ext"] for s in steps]),
        "step_scores_final": np.stack([s["scores"] for s in steps]),
        "step_patch_scores": np.stack([s["patch_scores"] if s["patch_scores"] is not None
                                       else np.full(bounds.N + 1, np.nan, np.float32) for s in steps]),
        "step_next_inputs_embeds": np.stack([s.get("next_inputs_embeds", np.full(cfg.decoder.hidden, np.nan,
                                                                                np.float32)) for s in steps]),
        "step_next_hidden_pre": np.stack([s.get("next_hidden_pre", np.full(cfg.decoder.hidden, np.nan,
                                                                           np.float32)) for s in steps]),
        "generated_ids": np.array(rec["generated"], dtype=np.int64),
    }
    files = {}
    for key, value in arrays.items():
        file = f"{stem}.{key}.npy"
        np.save(os.path.join(folder, file), value.astype(value.dtype.newbyteorder("<")))
        files[key] = file
    finite = lambda x: None if x is None else [float(v) for v in x]
    return {
        "image": name, "width": width, "height": height, "maxCrops": max_crops, "instruction": instruction,
        "instructionIds": instruction_ids, "tiling": list(pre.tiling), "th": pre.th, "tw": pre.tw,
        "nPoolingRows": int(pre.pooling.shape[0]), "promptLength": int(len(prompt)),
        "pixelValuesU8Sha256": hashlib.sha256(pre.pixel_values_u8.tobytes()).hexdigest(),
        "pixelValuesF32Sha256": hashlib.sha256(pre.pixel_values.astype("<f4").tobytes()).hexdigest(),
        "bounds": {"V": bounds.V, "N": bounds.N, "nmp": bounds.nmp, "subpatch0": bounds.subpatch0,
                   "location0": bounds.location0, "size": bounds.size},
        "generatedIds": rec["generated"],
        "generatedKinds": [list(bounds.kind(i)) for i in rec["generated"]],
        "points": points,
        "withoutHarness": {"generatedIds": plain["generated"],
                           "points": extract_points(plain["generated"], bounds, pre.pooling, pre.subpatch_mapping,
                                                    width, height)},
        "steps": [{"step": s["step"], "chosen": s["chosen"], "harness": s["harness"],
                   "rotationPatch": s["rotation_patch"],
                   "chosenExtLogit": float(s["ext"][s["chosen"]]),
                   "patchArgmax": None if s["patch_scores"] is None else int(np.argmax(s["patch_scores"])),
                   "subpatchScores": finite(s["subpatch_scores"]), "locationScores": finite(s["location_scores"]),
                   "top5": [[int(i), float(s["scores"][i])] for i in np.argsort(-s["scores"], kind="stable")[:5]]}
                  for s in steps],
        "arrays": files,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--golden", default=os.path.normpath(os.path.join(ROOT, "..", "shared", "golden",
                                                                          "molmopoint-tiny")))
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    from .check_tiny_golden import build_golden_model
    golden_out = os.path.join(FIXTURES, "molmopoint-tiny-golden")
    shutil.rmtree(golden_out, ignore_errors=True)
    export_package(build_golden_model(args.golden), golden_out, name="molmopoint-tiny-golden", version="1.0.0",
                   description="The tiny MolmoPoint of ../shared/golden/molmopoint-tiny (closed-form weights, "
                               "README §3); reproduces that golden end to end.",
                   source={"kind": "closed-form", "detail": "golden molmopoint-tiny README §3"})

    tiny_out = os.path.join(FIXTURES, "tiny-model")
    readme_path = os.path.join(tiny_out, "reference", "README.md")
    readme = open(readme_path).read() if os.path.exists(readme_path) else None  # hand-written: keep it
    shutil.rmtree(tiny_out, ignore_errors=True)
    model = random_model(RANDOM_SEED)
    export_package(model, tiny_out, name="molmopoint-tiny-random", version="1.0.0",
                   description="Small random MolmoPoint-architecture model for runtime tests (not trained).",
                   source={"kind": "random-seed", "detail": f"tools.molmopoint.export --random-seed {RANDOM_SEED}"})
    reference = os.path.join(tiny_out, "reference")
    os.makedirs(reference)
    if readme is not None:
        with open(readme_path, "w") as f:
            f.write(readme)
    cases = [run_case(model, reference, *case, seed=index) for index, case in enumerate(CASES)]
    with open(os.path.join(reference, "cases.json"), "w") as f:
        json.dump({"model": "test/fixtures/tiny-model (molmopoint-tiny-random)",
                   "generator": "nice -n 10 /usr/bin/python3 -m tools.molmopoint.make_fixtures",
                   "decoding": "greedy; extended logits -> grammar -> point-forcing harness of "
                               "../shared/golden/molmopoint-tiny README §6 -> argmax (first index on ties); "
                               "16 new tokens or EOS",
                   "cases": cases}, f, indent=1)
    for case in cases:
        print(case["image"], case["tiling"], "N", case["nPoolingRows"], "ids", case["generatedIds"],
              "points", [(round(p["x"], 3), round(p["y"], 3)) for p in case["points"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
