"""torch.onnx.export (opset 17) of vision.onnx and decoder.onnx, plus the fp16 / int8 weight rewrites."""
from __future__ import annotations

import os
from typing import Dict, List

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

from .model import DecoderGraph, MolmoPoint, VisionGraph

OPSET = 17
EXTERNAL_DATA_THRESHOLD = 1 << 30  # graphs with more weight bytes keep them in one `<graph>.onnx.data` file


def save_graph(model: onnx.ModelProto, path: str) -> None:
    """Save inline when small; otherwise with all weights in one external-data file next to the graph
    (protobuf cannot hold more than 2 GB)."""
    weight_bytes = sum(len(i.raw_data) for i in model.graph.initializer)
    data = os.path.basename(path) + ".data"
    if os.path.exists(path + ".data"):
        os.remove(path + ".data")
    if weight_bytes < EXTERNAL_DATA_THRESHOLD:
        onnx.save(model, path)
    else:
        onnx.save(model, path, save_as_external_data=True, all_tensors_to_one_file=True, location=data,
                  size_threshold=1024)


def _export(module, inputs, path: str, **kwargs) -> None:
    """torch.onnx.export into a scratch folder (torch writes one file per tensor for >2 GB models), then
    re-save as one graph (+ one data file)."""
    scratch = path + ".export"
    os.makedirs(scratch, exist_ok=True)
    try:
        target = os.path.join(scratch, os.path.basename(path))
        torch.onnx.export(module, inputs, target, opset_version=OPSET, do_constant_folding=True, **kwargs)
        save_graph(onnx.load(target), path)
    finally:
        import shutil
        shutil.rmtree(scratch, ignore_errors=True)


def io_spec(model: MolmoPoint) -> Dict[str, dict]:
    """Every graph input/output with dtype and shape (named dims), as the manifest lists them."""
    c = model.cfg
    v, d = c.vit, c.decoder
    vision = {
        "inputs": [("pixel_values", "float32", ["crops", v.patches_per_side ** 2, v.patch_values]),
                   ("pooling", "int64", ["rows", 4])],
        "outputs": [("image_features", "float32", ["rows", d.hidden]),
                    ("gathered_vit_features", "float32", ["rows", 4, v.feature_dim]),
                    ("vit_features", "float32", ["crops", v.patches_per_side ** 2, v.feature_dim])]}
    past = []
    present = []
    for i in range(d.layers):
        for kind in ("key", "value"):
            past.append((f"past_{kind}_{i}", "float32", [1, d.kv_heads, "past", d.head_dim]))
            present.append((f"present_{kind}_{i}", "float32", [1, d.kv_heads, "total", d.head_dim]))
    decoder = {
        "inputs": [("inputs_embeds", "float32", [1, "seq", d.hidden]),
                   ("attention_mask", "float32", [1, 1, "seq", "total"]),
                   ("position_ids", "int64", [1, "seq"])] + past,
        "outputs": [("logits", "float32", [1, d.vocab_rows]), ("hidden_pre", "float32", [1, "seq", d.hidden])]
                   + present}
    as_json = lambda items: [{"name": n, "dtype": t, "shape": s} for n, t, s in items]
    return {name: {"inputs": as_json(g["inputs"]), "outputs": as_json(g["outputs"])}
            for name, g in (("vision", vision), ("decoder", decoder))}


def _dynamic_axes(items: List[dict]) -> Dict[str, Dict[int, str]]:
    return {io["name"]: {i: dim for i, dim in enumerate(io["shape"]) if isinstance(dim, str)} for io in items}


def export_vision(model: MolmoPoint, path: str, crops: int = 2) -> None:
    spec = io_spec(model)["vision"]
    cfg = model.cfg.vit
    pixel_values = torch.zeros(crops, cfg.patches_per_side ** 2, cfg.patch_values)
    pooling = torch.arange(crops * 729 - 6, dtype=torch.int64).view(-1, 4)
    pooling[-1, 1:] = -1
    _export(VisionGraph(model).eval(), (pixel_values, pooling), path,
            input_names=[i["name"] for i in spec["inputs"]], output_names=[o["name"] for o in spec["outputs"]],
            dynamic_axes=_dynamic_axes(spec["inputs"] + spec["outputs"]))


def export_decoder(model: MolmoPoint, path: str, seq: int = 3, past: int = 2) -> None:
    spec = io_spec(model)["decoder"]
    d = model.cfg.decoder
    inputs = [torch.zeros(1, seq, d.hidden), torch.zeros(1, 1, seq, past + seq),
              torch.arange(past, past + seq).view(1, seq)]
    inputs += [torch.zeros(1, d.kv_heads, past, d.head_dim) for _ in range(2 * d.layers)]
    axes = _dynamic_axes(spec["inputs"] + spec["outputs"])
    for io in spec["outputs"]:
        if io["name"].startswith("present_"):
            axes[io["name"]] = {2: "total"}
    _export(DecoderGraph(model).eval(), tuple(inputs), path,
            input_names=[i["name"] for i in spec["inputs"]], output_names=[o["name"] for o in spec["outputs"]],
            dynamic_axes=axes)


def _big_float_initializers(graph: onnx.GraphProto, min_elements: int):
    for init in graph.initializer:
        if init.data_type == TensorProto.FLOAT and int(np.prod(init.dims)) >= min_elements:
            yield init


def weights_to_fp16(path: str, min_elements: int = 1024) -> int:
    """Store large float32 initialisers as float16, each followed by a Cast back to float32 (I/O and math stay
    float32). Returns the number of tensors converted."""
    model = onnx.load(path)
    graph = model.graph
    converted = 0
    casts = []
    for init in list(_big_float_initializers(graph, min_elements)):
        array = numpy_helper.to_array(init).astype(np.float16)
        original = init.name
        init.CopyFrom(numpy_helper.from_array(array, original + "_fp16"))
        casts.append(helper.make_node("Cast", [original + "_fp16"], [original], to=TensorProto.FLOAT,
                                      name=original + "_cast"))
        converted += 1
    for node in reversed(casts):
        graph.node.insert(0, node)
    save_graph(model, path)
    return converted


def matmul_weights_to_int8(path: str, min_elements: int = 1024) -> int:
    """Weight-only int8: every MatMul whose second input is a 2-D float32 initialiser [K, N] gets it as
    DequantizeLinear(int8 weights, per-column float32 scale, zero point 0, axis=1) (symmetric, scale = max|w|/127).
    Returns the number of MatMuls rewritten."""
    model = onnx.load(path)
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    rewritten, new_nodes = 0, []
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] not in inits:
            continue
        init = inits[node.input[1]]
        if init.data_type != TensorProto.FLOAT or len(init.dims) != 2 or int(np.prod(init.dims)) < min_elements:
            continue
        w = numpy_helper.to_array(init)
        scale = (np.abs(w).max(axis=0) / 127.0).astype(np.float32)
        scale[scale == 0] = 1.0
        q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        base = init.name
        graph.initializer.remove(init)
        graph.initializer.extend([numpy_helper.from_array(q, base + "_int8"),
                                  numpy_helper.from_array(scale, base + "_scale"),
                                  numpy_helper.from_array(np.zeros(w.shape[1], np.int8), base + "_zero")])
        new_nodes.append(helper.make_node("DequantizeLinear", [base + "_int8", base + "_scale", base + "_zero"],
                                          [base], axis=1, name=base + "_dequantize"))
        del inits[base]
        rewritten += 1
    for node in reversed(new_nodes):
        graph.node.insert(0, node)
    save_graph(model, path)
    return rewritten


def matmul_to_fp16(path: str, min_elements: int = 1024) -> int:
    """fp16 compute for the big products: every MatMul whose weight is a 2-D float32 initialiser gets the weight
    as float16 and its activation cast to float16, and its output cast back to float32 (norms, softmax, residuals
    and graph I/O stay float32). Returns the number of MatMuls rewritten."""
    model = onnx.load(path)
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    rewritten, nodes = 0, []
    for node in graph.node:
        weight = inits.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        if weight is None or weight.data_type != TensorProto.FLOAT or len(weight.dims) != 2 \
                or int(np.prod(weight.dims)) < min_elements:
            nodes.append(node)
            continue
        half = numpy_helper.from_array(numpy_helper.to_array(weight).astype(np.float16), weight.name + "_fp16")
        graph.initializer.remove(weight)
        graph.initializer.append(half)
        del inits[weight.name]
        activation, output = node.input[0], node.output[0]
        nodes.append(helper.make_node("Cast", [activation], [output + "_in16"], to=TensorProto.FLOAT16,
                                      name=node.name + "_cast_in"))
        nodes.append(helper.make_node("MatMul", [output + "_in16", half.name], [output + "_out16"], name=node.name))
        nodes.append(helper.make_node("Cast", [output + "_out16"], [output], to=TensorProto.FLOAT,
                                      name=node.name + "_cast_out"))
        rewritten += 1
    del graph.node[:]
    graph.node.extend(nodes)
    save_graph(model, path)
    return rewritten


def check_model(path: str) -> None:
    onnx.checker.check_model(path)  # by path: works for graphs with external data
