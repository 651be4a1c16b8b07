"""Export MolmoPoint-Nano size candidates with random weights, for timing in onnxruntime-node.

    nice -n 10 /usr/bin/python3 -m tools.molmopoint.nano_size --out data/nano-size [--only NAME ...]
    npx tsx bench/nano-size.bench.ts data/nano-size/*      # vision / prefill / decode step per crop budget

Random weights give the same latency as trained ones (dense graphs, no data-dependent control flow).
"""
from __future__ import annotations

import argparse
import os
import sys

import torch

from .export import export_package, random_model
from .nano_config import CANDIDATES, count_parameters, nano_preset, vit_gflop_per_crop


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="data/nano-size")
    parser.add_argument("--only", nargs="*", help="candidate names (default all)")
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    for name in args.only or list(CANDIDATES):
        cfg = nano_preset(name)
        model = random_model(0, cfg)
        folder = os.path.join(args.out, name)
        manifest = export_package(model, folder, name=f"nano-size-{name.lower()}", version="0.0.0",
                                  description=f"MolmoPoint-Nano size candidate {name} (random weights, timing only)",
                                  source={"kind": "random-seed", "detail": f"tools.molmopoint.nano_size {name}"})
        size = sum(f["bytes"] for f in manifest["files"])
        print(f"{name}: {count_parameters(cfg)['total'] / 1e6:.2f} M params, ViT {vit_gflop_per_crop(cfg):.2f} "
              f"GFLOP/crop, package {size / 1e6:.1f} MB -> {folder}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
