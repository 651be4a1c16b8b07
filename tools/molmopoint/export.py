"""Turn a MolmoPoint model into a groundpoint model package (docs/model-package.md).

    # the shared tiny golden (closed-form weights) -> test/fixtures/molmopoint-tiny-golden
    /usr/bin/python3 -m tools.molmopoint.export --golden ../shared/golden/molmopoint-tiny --out DIR
    # the seeded random tiny test model -> test/fixtures/tiny-model
    /usr/bin/python3 -m tools.molmopoint.export --random-seed 0 --out DIR
    # a downloaded MolmoPoint-GUI-8B checkpoint (safetensors, HF names)
    /usr/bin/python3 -m tools.molmopoint.export --checkpoint DIR --out DIR [--dtype fp32|fp16|fp16-matmul] [--int8]
    # our own trained model (export.save_trained(model, FILE) in the training script)
    /usr/bin/python3 -m tools.molmopoint.export --trained FILE --out DIR --name molmopoint-nano --version 0.1.0

`--verify DIR` also writes ONNX inputs and the PyTorch outputs there, for `npx tsx tools/check-onnx.ts DIR`.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys

import numpy as np
import torch

from . import onnx_export, package_writer
from .config import molmopoint_gui_8b, tiny_golden, tiny_random
from .hf_names import hf_parameter_shapes, load_hf_weights
from .model import MolmoPoint
from .tokenizer_builder import byte_level_tokenizer, special_tokens, tokenizer_config

USER_PREFIX, USER_SUFFIX = "<|im_start|>user\n", "<|im_end|>\n<|im_start|>assistant\n"


def random_model(seed: int, cfg=None) -> MolmoPoint:
    """Seeded uniform weights in [-1/8, 1/8) (norm gains 1 + that), by published name, through the HF loader."""
    cfg = cfg or tiny_random()
    generator = torch.Generator().manual_seed(seed)
    state = {}
    for name, shape in sorted(hf_parameter_shapes(cfg).items()):
        value = (torch.rand(shape, generator=generator) - 0.5) / 4
        if name.endswith("norm.weight") or name.endswith("ln_f.weight"):
            value = value + 1
        state[name] = value.numpy()
    model = MolmoPoint(cfg)
    load_hf_weights(model, state)
    return model.eval()


BASES = {"gui-8b": molmopoint_gui_8b, "tiny-golden": tiny_golden, "tiny-random": tiny_random}


def save_trained(model: MolmoPoint, path: str) -> None:
    """What a training script saves for `export --trained FILE`: our config and our parameter names."""
    torch.save({"config": model.cfg.to_dict(), "state_dict": model.state_dict()}, path)


def load_trained(path: str) -> MolmoPoint:
    """Loads a `save_trained` file, or its float16 copy (`nano_export half`), as a float32 model."""
    saved = torch.load(path, map_location="cpu")
    from .config import MolmoPointConfig
    model = MolmoPoint(MolmoPointConfig.from_dict(saved["config"]))
    model.load_state_dict({k: (v.float() if v.is_floating_point() else v) for k, v in saved["state_dict"].items()},
                          strict=True)
    return model.eval()


class skipped_init:
    """Skip the random initialisation of Linear / LayerNorm (minutes of CPU for 8.7 B parameters)."""

    def __enter__(self):
        self.saved = torch.nn.Linear.reset_parameters, torch.nn.LayerNorm.reset_parameters
        torch.nn.Linear.reset_parameters = lambda module: None
        torch.nn.LayerNorm.reset_parameters = lambda module: None
        return self

    def __exit__(self, *exc):
        torch.nn.Linear.reset_parameters, torch.nn.LayerNorm.reset_parameters = self.saved
        return False


def checkpoint_config(folder: str, base: str):
    """Sizes and special ids from the checkpoint's config.json (refusing unimplemented flags); the rest from
    the `base` preset. Without a config.json: the preset alone."""
    path = os.path.join(folder, "config.json")
    if not os.path.exists(path):
        return BASES[base]()
    from .hf_config import config_from_hf
    with open(path) as f:
        return config_from_hf(json.load(f), BASES[base]())


def write_tokenizer(model: MolmoPoint, out: str, checkpoint: str = None) -> list:
    names = ["tokenizer.json", "tokenizer_config.json"]
    if checkpoint:
        if not os.path.exists(os.path.join(checkpoint, names[0])):
            raise FileNotFoundError(f"{checkpoint} has no tokenizer.json (download it with the weights)")
        names = [n for n in names if os.path.exists(os.path.join(checkpoint, n))]
        for n in names:
            shutil.copyfile(os.path.join(checkpoint, n), os.path.join(out, n))
        return names
    t = model.cfg.tokens
    chat = {"<|endoftext|>": t.pad, "<|im_start|>": t.chat_im_start, "<|im_end|>": t.eos}
    specials = special_tokens(model.cfg, chat)
    with open(os.path.join(out, names[0]), "w") as f:
        json.dump(byte_level_tokenizer(specials), f, ensure_ascii=False)
    with open(os.path.join(out, names[1]), "w") as f:
        json.dump(tokenizer_config(specials, "<|im_end|>", "<|endoftext|>"), f, indent=1)
    return names


def export_package(model: MolmoPoint, out: str, name: str, version: str, description: str, source: dict,
                   dtype: str = "fp32", int8: bool = False, checkpoint: str = None) -> dict:
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(2)
    files = []
    vision, decoder = os.path.join(out, "vision.onnx"), os.path.join(out, "decoder.onnx")
    with torch.no_grad():
        onnx_export.export_vision(model, vision)
        onnx_export.export_decoder(model, decoder)
    if int8:  # first: it rewrites float32 MatMul weights, which fp16 storage would hide behind Casts
        onnx_export.matmul_weights_to_int8(decoder)
    if dtype == "fp16":
        onnx_export.weights_to_fp16(vision)
        onnx_export.weights_to_fp16(decoder)
    elif dtype == "fp16-matmul":
        onnx_export.matmul_to_fp16(vision)
        if not int8:
            onnx_export.matmul_to_fp16(decoder)
    for path in (vision, decoder):
        onnx_export.check_model(path)
    files += [os.path.basename(p) for p in (vision, decoder)]
    files += [n for n in os.listdir(out) if n.endswith(".onnx.data")]
    embeddings = package_writer.write_embeddings(model, os.path.join(out, "embeddings.bin"),
                                                 "float32" if dtype == "fp32" else "float16")
    point_head = package_writer.write_point_head(model, os.path.join(out, "point_head.bin"))
    tokenizer_files = write_tokenizer(model, out, checkpoint)
    files += ["embeddings.bin", "point_head.bin"] + tokenizer_files
    specs = onnx_export.io_spec(model)
    manifest = {
        "format": package_writer.FORMAT, "formatVersion": package_writer.FORMAT_VERSION,
        "name": name, "version": version, "description": description, "license": "Apache-2.0", "source": source,
        "architecture": package_writer.architecture(model), "preprocessing": package_writer.preprocessing(model),
        "tokens": package_writer.tokens(model, USER_PREFIX, USER_SUFFIX),
        "graphs": {g: {"path": f"{g}.onnx", "opset": onnx_export.OPSET, **specs[g]} for g in ("vision", "decoder")},
        "weights": {"embeddings": embeddings, "pointHead": point_head},
        "tokenizer": {"path": "tokenizer.json", **({"configPath": "tokenizer_config.json"}
                                                     if "tokenizer_config.json" in tokenizer_files else {})},
        "quantization": {"weights": "fp32" if dtype == "fp32" else "fp16", "decoderInt8": int8,
                         "matmulFp16": dtype == "fp16-matmul"},
    }
    return package_writer.write_manifest(out, manifest, files)


def write_verify_data(model: MolmoPoint, folder: str, seed: int = 1, crops: int = 2) -> None:
    """Random inputs for both graphs and the PyTorch outputs (prefill with past 0, then one step with past)."""
    os.makedirs(folder, exist_ok=True)
    g = torch.Generator().manual_seed(seed)
    cfg = model.cfg
    pixel_values = torch.rand(crops, 729, cfg.vit.patch_values, generator=g) * 2 - 1
    pooling = torch.randint(0, crops * 729, (300, 4), generator=g)
    pooling[::7, 1] = -1
    pooling[::5, 3] = -1
    d = cfg.decoder
    s = 40
    embeds = torch.randn(1, s, d.hidden, generator=g) * 0.5
    token_type = torch.zeros(s, dtype=torch.int64)
    token_type[3:20] = 1
    from .decoder import prefill_mask
    mask = prefill_mask(token_type)
    positions = torch.arange(s).view(1, s)
    step_embeds = torch.randn(1, 1, d.hidden, generator=g) * 0.5
    with torch.no_grad():
        image_features, gathered, vit_features = model.encode_images(pixel_values, pooling)
        logits, hidden, presents, _ = model.decoder(embeds, mask, positions, None)
        step_logits, step_hidden, step_presents, _ = model.decoder(
            step_embeds, torch.zeros(1, 1, 1, s + 1), torch.tensor([[s]]), presents)
    arrays = {"vision_in_pixel_values": pixel_values, "vision_in_pooling": pooling,
              "vision_out_image_features": image_features, "vision_out_gathered_vit_features": gathered,
              "vision_out_vit_features": vit_features,
              "prefill_in_inputs_embeds": embeds, "prefill_in_attention_mask": mask,
              "prefill_in_position_ids": positions, "prefill_out_logits": logits, "prefill_out_hidden_pre": hidden,
              "step_in_inputs_embeds": step_embeds, "step_in_attention_mask": torch.zeros(1, 1, 1, s + 1),
              "step_in_position_ids": torch.tensor([[s]]), "step_out_logits": step_logits,
              "step_out_hidden_pre": step_hidden}
    for i, (k, v) in enumerate(presents):
        arrays[f"prefill_out_present_key_{i}"], arrays[f"prefill_out_present_value_{i}"] = k, v
        arrays[f"step_in_past_key_{i}"], arrays[f"step_in_past_value_{i}"] = k, v
        arrays[f"prefill_in_past_key_{i}"] = torch.zeros(1, d.kv_heads, 0, d.head_dim)
        arrays[f"prefill_in_past_value_{i}"] = torch.zeros(1, d.kv_heads, 0, d.head_dim)
    for i, (k, v) in enumerate(step_presents):
        arrays[f"step_out_present_key_{i}"], arrays[f"step_out_present_value_{i}"] = k, v
    for k, v in arrays.items():
        np.save(os.path.join(folder, k + ".npy"), v.numpy())


def write_golden_verify_data(model: MolmoPoint, golden_dir: str, folder: str) -> None:
    """ONNX inputs from the shared golden and the golden's own arrays as expected outputs (not PyTorch):
    vision on the golden crops; decoder prefill on the golden embeddings; the first decode step."""
    from .check_tiny_golden import golden_inputs
    from .decoder import prefill_mask
    os.makedirs(folder, exist_ok=True)
    npy, pixel_values, pooling, input_ids = golden_inputs(golden_dir)
    token_type = torch.from_numpy(npy("token_type_ids"))
    s = token_type.shape[0]
    step_embeds = npy("step_next_inputs_embeds")[0].reshape(1, 1, -1)
    arrays = {"vision_in_pixel_values": pixel_values, "vision_in_pooling": pooling,
              "vision_out_image_features": npy("connector_out"),
              "vision_out_gathered_vit_features": npy("gathered_vit_features"),
              "vision_out_vit_features": npy("vit_features_selected"),
              "prefill_in_inputs_embeds": npy("prefill_inputs_embeds")[None],
              "prefill_in_attention_mask": prefill_mask(token_type).numpy(),
              "prefill_in_position_ids": np.arange(s, dtype=np.int64)[None],
              "prefill_out_logits": npy("prefill_lm_logits_raw_derived")[None],
              "prefill_out_hidden_pre": npy("prefill_hidden_pre_ln")[None],
              "step_in_inputs_embeds": step_embeds.astype(np.float32),
              "step_in_attention_mask": np.zeros((1, 1, 1, s + 1), np.float32),
              "step_in_position_ids": np.array([[s]], dtype=np.int64),
              "step_out_hidden_pre": npy("step_next_pre_ln")[0].reshape(1, 1, -1)}
    with torch.no_grad():  # the step's KV cache comes from our PyTorch prefill (which matches the golden)
        _, _, presents, _ = model.decoder(torch.from_numpy(arrays["prefill_in_inputs_embeds"]),
                                          torch.from_numpy(arrays["prefill_in_attention_mask"]),
                                          torch.from_numpy(arrays["prefill_in_position_ids"]), None)
    for i, (k, v) in enumerate(presents):
        arrays[f"step_in_past_key_{i}"], arrays[f"step_in_past_value_{i}"] = k.numpy(), v.numpy()
        empty = np.zeros((1, k.shape[1], 0, k.shape[3]), np.float32)
        arrays[f"prefill_in_past_key_{i}"], arrays[f"prefill_in_past_value_{i}"] = empty, empty
    for k, v in arrays.items():
        np.save(os.path.join(folder, k + ".npy"), v)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Export a MolmoPoint model package")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--golden", help="folder of ../shared/golden/molmopoint-tiny (closed-form weights)")
    source.add_argument("--random-seed", type=int, help="seeded random tiny test model (config tiny_random)")
    source.add_argument("--checkpoint", help="MolmoPoint-GUI-8B safetensors folder (HF parameter names)")
    source.add_argument("--trained", help="a file written by export.save_trained (our own trained model)")
    parser.add_argument("--name", help="package name (default per source)")
    parser.add_argument("--version", dest="package_version", default="1.0.0")
    parser.add_argument("--description", help="package description")
    parser.add_argument("--out", required=True)
    parser.add_argument("--base", choices=sorted(BASES), default="gui-8b",
                        help="with --checkpoint: preset for what config.json lacks (BOS/EOS/PAD, chat ids, crops)")
    parser.add_argument("--dtype", choices=["fp32", "fp16", "fp16-matmul"], default="fp32",
                        help="fp16: weights stored fp16, computed fp32; fp16-matmul: MatMuls computed in fp16")
    parser.add_argument("--int8", action="store_true", help="weight-only int8 for the decoder MatMuls")
    parser.add_argument("--verify", help="also write ONNX-vs-PyTorch check data here")
    parser.add_argument("--verify-golden", help="with --golden: write ONNX inputs + the golden's arrays here")
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    if args.golden:
        from .check_tiny_golden import build_golden_model
        model = build_golden_model(args.golden)
        meta = dict(name="molmopoint-tiny-golden", version="1.0.0",
                    description="The tiny MolmoPoint of ../shared/golden/molmopoint-tiny (closed-form weights, "
                                "README §3); reproduces that golden end to end.",
                    source={"kind": "closed-form", "detail": "golden molmopoint-tiny README §3"})
    elif args.random_seed is not None:
        model = random_model(args.random_seed)
        meta = dict(name="molmopoint-tiny-random", version="1.0.0",
                    description="Small random MolmoPoint-architecture model for runtime tests (not trained).",
                    source={"kind": "random-seed", "detail": f"tools.molmopoint.export --random-seed "
                                                             f"{args.random_seed}"})
    elif args.trained:
        model = load_trained(args.trained)
        meta = dict(name="molmopoint-trained", version=args.package_version,
                    description="A MolmoPoint-architecture model trained with tools/molmopoint",
                    source={"kind": "trained", "detail": os.path.basename(args.trained)})
    else:
        from .safetensors_io import Checkpoint
        with skipped_init():  # every parameter is overwritten (load_hf_weights checks that none is left)
            model = MolmoPoint(checkpoint_config(args.checkpoint, args.base))
        unused = load_hf_weights(model, Checkpoint(args.checkpoint))
        print(f"loaded; {len(unused)} checkpoint tensors unused (ViT blocks after the last feature block)")
        meta = dict(name="molmopoint-gui-8b", version="1.0.0",
                    description="Ai2 MolmoPoint-GUI-8B (Apache-2.0), converted by tools.molmopoint.export",
                    source={"kind": "checkpoint", "detail": os.path.abspath(args.checkpoint)})
    if args.name:
        meta["name"] = args.name
    if args.description:
        meta["description"] = args.description
    manifest = export_package(model.eval(), args.out, dtype=args.dtype, int8=args.int8,
                              checkpoint=args.checkpoint, **meta)
    total = sum(f["bytes"] for f in manifest["files"])
    print(f"wrote {args.out}: {len(manifest['files'])} files, {total / 1e6:.2f} MB")
    if args.verify:
        write_verify_data(model, args.verify)
    if args.verify_golden:
        if not args.golden:
            parser.error("--verify-golden needs --golden")
        write_golden_verify_data(model, args.golden, args.verify_golden)
    return 0


if __name__ == "__main__":
    sys.exit(main())
