"""Move a trained MolmoPoint-Nano between machines and export it as a model package.

    # on the GPU machine: a float16 copy small enough to come back through the device tool (files <= 16 MiB)
    python3 -m tools.molmopoint.nano_export half RUN/model.pt $OUT/model-fp16.pt
    # here (torch 1.13, CPU): float16 file -> float32 model.pt (export.save_trained) -> model package
    /usr/bin/python3 -m tools.molmopoint.nano_export package model-fp16.pt OUT_DIR [--name N --version V]

`package` also works on torch >= 2.9 (whose torch.onnx.export defaults to the dynamo exporter, which cannot take
our `dynamic_axes`): it forces the TorchScript exporter there (`dynamo=False`).
"""
from __future__ import annotations

import argparse
import functools
import os
import sys

import torch

from .export import export_package, load_trained, save_trained


def half(src: str, dst: str) -> None:
    saved = torch.load(src, map_location="cpu")
    state = {k: (v.half() if v.is_floating_point() else v) for k, v in saved["state_dict"].items()}
    torch.save({"config": saved["config"], "state_dict": state, "dtype": "float16"}, dst)
    print(f"wrote {dst}: {os.path.getsize(dst) / 1e6:.1f} MB")


def _torchscript_exporter() -> None:
    major, minor = (int(x) for x in torch.__version__.split(".")[:2])
    if (major, minor) >= (2, 9):
        torch.onnx.export = functools.partial(torch.onnx.export, dynamo=False)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    h = sub.add_parser("half")
    h.add_argument("src")
    h.add_argument("dst")
    p = sub.add_parser("package")
    p.add_argument("src", help="model.pt or model-fp16.pt")
    p.add_argument("out")
    p.add_argument("--name", default="molmopoint-nano")
    p.add_argument("--version", default="0.0.1")
    p.add_argument("--description", default="MolmoPoint-Nano, trained from scratch on synthetic GUI screens "
                                            "(tools/molmopoint/train.py)")
    p.add_argument("--save-fp32", help="also write the float32 export.save_trained file here")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    if args.command == "half":
        half(args.src, args.dst)
        return 0
    model = load_trained(args.src)
    if args.save_fp32:
        save_trained(model, args.save_fp32)
    _torchscript_exporter()
    manifest = export_package(model, args.out, name=args.name, version=args.version, description=args.description,
                              source={"kind": "trained", "detail": os.path.basename(args.src)})
    print(f"wrote {args.out}: {len(manifest['files'])} files, {sum(f['bytes'] for f in manifest['files']) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
