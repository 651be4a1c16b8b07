"""Checks loading by published name from sharded safetensors, without the real 8B weights.

    nice -n 10 /usr/bin/python3 -m tools.molmopoint.check_checkpoint_loading

1. The golden's closed-form state (175 tensors, the published HF names and fused att_proj / ff_proj layout) is
   written as a 3-shard safetensors checkpoint with an index, read back through our memory-mapped reader, and
   loaded into MolmoPoint: every parameter must equal the direct load (the golden check proves that the
   split order of the fused tensors is right, because the golden came from the upstream fused weights).
2. BF16 and F16 tensors decode to the expected float32 values.
3. A checkpoint with a tensor missing, or with a wrong shape, fails with an error naming the tensor.
4. The MolmoPoint-GUI-8B config's published-name table: tensor count and parameter totals vs the spec (§1).
"""
from __future__ import annotations

import os
import sys
import tempfile

import numpy as np
import torch

from .closed_form import closed_form_state
from .config import molmopoint_gui_8b, tiny_golden
from .hf_names import hf_parameter_shapes, load_hf_weights
from .model import MolmoPoint
from .safetensors_io import Checkpoint, write_safetensors, write_sharded


def main() -> int:
    torch.set_num_threads(2)
    failures = []
    cfg = tiny_golden()
    state = closed_form_state(hf_parameter_shapes(cfg))
    direct = MolmoPoint(cfg)
    load_hf_weights(direct, state)
    with tempfile.TemporaryDirectory() as folder:
        write_sharded(folder, state, shards=3)
        checkpoint = Checkpoint(folder)
        loaded = MolmoPoint(cfg)
        unused = load_hf_weights(loaded, checkpoint)
        same = all(torch.equal(a, b) for a, b in zip(direct.state_dict().values(), loaded.state_dict().values()))
        print(f"1. sharded safetensors ({len(checkpoint)} tensors, 3 shards): parameters identical: {same}; "
              f"unused {unused}")
        failures += [] if same and not unused else ["sharded load"]

        values = np.array([1.0, -2.5, 3.140625, 0.0078125], np.float32)
        bf16 = (values.view(np.uint32) >> 16).astype(np.uint16)
        path = os.path.join(folder, "dtypes.safetensors")
        write_safetensors(path, {"f16": values.astype(np.float16), "f32": values})
        from .safetensors_io import SafetensorsFile
        st = SafetensorsFile(path)
        ok16 = np.array_equal(st.get("f16").astype(np.float32), values)
        import json, struct  # a hand-written BF16 file: our writer has no BF16 dtype
        header = json.dumps({"b": {"dtype": "BF16", "shape": [4], "data_offsets": [0, 8]}}).encode()
        with open(path, "wb") as f:
            f.write(struct.pack("<Q", len(header)) + header + bf16.tobytes())
        okbf = np.array_equal(SafetensorsFile(path).get("b"), values)
        print(f"2. F16 decode exact: {ok16}; BF16 decode exact: {okbf}")
        failures += [] if ok16 and okbf else ["dtype decode"]

    broken = dict(state)
    del broken["model.transformer.blocks.1.mlp.ff_proj.weight"]
    try:
        load_hf_weights(MolmoPoint(cfg), broken)
        failures.append("missing tensor accepted")
    except KeyError as error:
        print(f"3. missing tensor -> {error}")
    broken = dict(state)
    broken["model.transformer.blocks.0.self_attn.att_proj.weight"] = np.zeros((120, 64), np.float32)
    try:
        load_hf_weights(MolmoPoint(cfg), broken)
        failures.append("wrong shape accepted")
    except ValueError as error:
        print(f"   wrong shape -> {error}")

    failures += check_export_from_checkpoint(state)

    big = hf_parameter_shapes(molmopoint_gui_8b())
    count = lambda prefix: sum(int(np.prod(s)) for n, s in big.items() if n.startswith(prefix))
    total = sum(int(np.prod(s)) for s in big.values())
    llm = count("model.transformer.") + count("lm_head.")
    print(f"4. MolmoPoint-GUI-8B: {len(big)} tensors, {total / 1e9:.3f} B parameters "
          f"(LLM {llm / 1e9:.3f} B, ViT {count('model.vit.') / 1e9:.3f} B, connector {count('model.connector.') / 1e9:.3f} B, "
          f"point head + build_vit_embedding {(count('model.point_predictor.') + count('model.build_vit_embedding.')) / 1e9:.4f} B); "
          f"fp32 {total * 4 / 1e9:.1f} GB")
    for name in ("model.transformer.blocks.0.self_attn.att_proj.weight", "model.transformer.blocks.0.mlp.ff_proj.weight",
                 "model.transformer.wte.embedding", "model.transformer.wte.new_embedding",
                 "model.connector.image_pooling_2d.wq.weight", "model.point_predictor.subpatch_k.weight",
                 "model.build_vit_embedding.weight"):
        print(f"   {name} {big[name]}")
    if abs(total / 1e9 - 8.68) > 0.01:
        failures.append("8B parameter total differs from the spec's 8.68 B")
    print("FAIL: " + ", ".join(failures) if failures else "all ok")
    return 1 if failures else 0


def check_export_from_checkpoint(state) -> list:
    """5. `export --checkpoint` on a synthetic HF folder (shards + index + the golden's config.json + tokenizer)
    must give the committed golden package: identical weight files and ONNX initialisers, except the RoPE
    frequencies (computed here by float32 pow, exact golden values in the fixture)."""
    import json
    import onnx
    from onnx import numpy_helper
    from .export import main as export_main
    root = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
    fixture = os.path.join(root, "test", "fixtures", "molmopoint-tiny-golden")
    golden = os.path.normpath(os.path.join(root, "..", "shared", "golden", "molmopoint-tiny", "golden.json"))
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        checkpoint, out = os.path.join(folder, "hf"), os.path.join(folder, "package")
        os.makedirs(checkpoint)
        write_sharded(checkpoint, state, shards=2)
        with open(golden) as f, open(os.path.join(checkpoint, "config.json"), "w") as g:
            json.dump(json.load(f)["config"], g)
        for name in ("tokenizer.json", "tokenizer_config.json"):
            with open(os.path.join(fixture, name), "rb") as f, open(os.path.join(checkpoint, name), "wb") as g:
                g.write(f.read())
        export_main(["--checkpoint", checkpoint, "--base", "tiny-golden", "--out", out])
        ours, theirs = (json.load(open(os.path.join(d, "manifest.json"))) for d in (out, fixture))
        digest = lambda m: {f["path"]: f["sha256"] for f in m["files"]}
        same_files = [p for p, h in digest(ours).items() if digest(theirs).get(p) == h]
        print(f"5. export --checkpoint (synthetic HF folder): files identical to the fixture: {sorted(same_files)}")
        for graph in ("vision.onnx", "decoder.onnx"):
            a = {i.name: numpy_helper.to_array(i) for i in onnx.load(os.path.join(out, graph)).graph.initializer}
            b = {i.name: numpy_helper.to_array(i) for i in onnx.load(os.path.join(fixture, graph)).graph.initializer}
            differing = [n for n in a if n not in b or a[n].shape != b[n].shape or not np.array_equal(a[n], b[n])]
            detail = ", ".join(f"{n} (max |diff| {np.max(np.abs(a[n] - b[n])):.2g})" for n in differing if n in b)
            print(f"   {graph}: {len(a)} initialisers, differing: {detail or 'none'}")
            if any(a[n].size > 16 for n in differing):
                failures.append(f"{graph} weights differ")
        if ours["architecture"] != theirs["architecture"] and \
                {k: v for k, v in ours["architecture"]["decoder"].items() if k != "ropeInvFreq"} != \
                {k: v for k, v in theirs["architecture"]["decoder"].items() if k != "ropeInvFreq"}:
            failures.append("architecture in the manifest differs")
        if ours["tokens"] != theirs["tokens"]:
            failures.append("tokens in the manifest differ")
        for name in ("embeddings.bin", "point_head.bin", "vision.onnx", "tokenizer.json"):
            if name not in same_files:
                failures.append(f"{name} differs")
    return failures


if __name__ == "__main__":
    sys.exit(main())
