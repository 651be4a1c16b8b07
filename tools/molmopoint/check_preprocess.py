"""Check the numpy pre-processing (preprocess.py) against the goldens.

    nice -n 10 /usr/bin/python3 -m tools.molmopoint.check_preprocess [--all]

* ../shared/golden/molmo2 pre-processing cases: tiling, pooling table, subpatch mapping, image-token count and the
  sha256 of pixel_values (torch 2.11 arithmetic). Without --all only images up to 1.4 MP (the 4K and phone cases
  need a few GB of float64 temporaries).
* ../shared/golden/molmopoint-tiny: the 800x450 test image rebuilt from its formula -> pixel_values_u8 and pooling.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys

import numpy as np
from PIL import Image

from .config import molmopoint_gui_8b, tiny_golden
from .preprocess import preprocess

SHARED = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "golden"))


def golden_tiny_image() -> np.ndarray:
    """README §4 of the molmopoint-tiny golden."""
    y, x = np.mgrid[0:450, 0:800]
    image = np.zeros((450, 800, 3), np.uint8)
    image[..., 0] = (x + y) % 256
    image[..., 1] = ((2 * x) % 256) ^ (y % 256)
    image[..., 2] = np.where(((x // 40) + (y // 30)) % 2 == 0, 220, 40)
    image[300:340, 560:680] = (200, 30, 30)
    image[20:60, 40:360] = (255, 255, 255)
    return image


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true")
    args = parser.parse_args(argv)
    failures = 0
    folder = os.path.join(SHARED, "molmo2")
    with open(os.path.join(folder, "preprocessing", "cases.json")) as f:
        cases = json.load(f)["cases"]
    cfg = molmopoint_gui_8b()
    for case in cases:
        if not args.all and case["width"] * case["height"] > 1_400_000:
            continue
        path = case["image"] if case["image"].startswith("images") else os.path.join("images", case["image"])
        rgb = np.asarray(Image.open(os.path.join(folder, path)).convert("RGB"))
        pre = preprocess(rgb, case["max_crops"], cfg)
        tables = os.path.join(folder, case["tables"])
        checks = {
            "tiling": list(pre.tiling) == [case["tiling_rows"], case["tiling_cols"]],
            "pooling": np.array_equal(np.load(os.path.join(tables, "pooling.npy")), pre.pooling),
            "mapping": np.array_equal(np.load(os.path.join(tables, "subpatch_mapping.npy")), pre.subpatch_mapping),
            "tokens": len(pre.image_tokens) == case["n_image_block_tokens"],
            "pixel_values sha256": hashlib.sha256(pre.pixel_values.astype("<f4").tobytes()).hexdigest()
            == case["runtimes"]["torch2.11"]["pixel_values_sha256"],
        }
        bad = [k for k, ok in checks.items() if not ok]
        failures += len(bad)
        print(f"{case['case']}: {'ok' if not bad else 'FAIL ' + ', '.join(bad)}")
    tiny = os.path.join(SHARED, "molmopoint-tiny", "npy")
    pre = preprocess(golden_tiny_image(), 8, tiny_golden())
    same_pixels = np.array_equal(pre.pixel_values_u8, np.load(os.path.join(tiny, "pixel_values_u8.npy")))
    same_pooling = np.array_equal(pre.pooling, np.load(os.path.join(tiny, "image_token_pooling.npy")))
    same_tokens = pre.image_tokens == np.load(os.path.join(tiny, "input_ids.npy"))[1:983].tolist()
    print(f"molmopoint-tiny 800x450: pixel_values_u8 {same_pixels}, pooling {same_pooling}, image tokens {same_tokens}")
    failures += (not same_pixels) + (not same_pooling) + (not same_tokens)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
