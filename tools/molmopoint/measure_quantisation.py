"""Export one mid-size random decoder (154 M parameters) as fp32, fp16-storage and int8 graphs for
`node tools/measure-decoder-step.mjs` (file size, session RSS, decode-step time, logit error).

    PYTHONPATH=. nice -n 10 /usr/bin/python3 -m tools.molmopoint.measure_quantisation /tmp/quant
    for v in fp32 fp16 fp16-matmul int8; do nice -n 10 node tools/measure-decoder-step.mjs /tmp/quant/$v.onnx; done

Needs ~3 GB RAM and ~1.1 GB disk; about 5 minutes on 2 shared cores.
"""
import os
import shutil
import sys

import torch

from . import onnx_export
from .config import DecoderConfig, tiny_random
from .model import MolmoPoint


def main(folder: str) -> None:
    torch.set_num_threads(2)
    os.makedirs(folder, exist_ok=True)
    cfg = tiny_random()
    cfg.decoder = DecoderConfig(layers=8, hidden=1024, heads=8, kv_heads=2, head_dim=128, mlp=4096,
                                base_vocab=32000, additional_vocab=128)
    torch.manual_seed(0)
    model = MolmoPoint(cfg).eval()
    with torch.no_grad():
        for name, parameter in model.decoder.named_parameters():
            if name.endswith("norm.weight"):
                parameter.fill_(1)
            else:
                parameter.normal_(0, 0.02)
        onnx_export.export_decoder(model, os.path.join(folder, "fp32.onnx"))
    for variant, rewrite in (("int8", onnx_export.matmul_weights_to_int8), ("fp16", onnx_export.weights_to_fp16),
                             ("fp16-matmul", onnx_export.matmul_to_fp16)):
        path = os.path.join(folder, f"{variant}.onnx")
        shutil.copyfile(os.path.join(folder, "fp32.onnx"), path)
        print(variant, "rewrote", rewrite(path), "tensors")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/quant")
