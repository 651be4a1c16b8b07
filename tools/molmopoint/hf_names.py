"""Published (Hugging Face) parameter names of MolmoPoint and how they map onto our modules.

The HF checkpoint fuses q/k/v into `att_proj` ([q heads*hd | kv*hd | kv*hd] rows) and up/gate into `ff_proj`
(first half = up, second half = gate), and splits each vocabulary table into base rows + 128 new rows
(MOLMOPOINT_SPEC.md §4.1). `hf_parameter_shapes` lists the published names for a config; `load_hf_weights` fills a
MolmoPoint from any name -> array mapping (a safetensors Checkpoint, a dict); `to_hf_state` is the inverse.
"""
from __future__ import annotations

from typing import Dict, List, Mapping, Tuple

import numpy as np
import torch

from .config import MolmoPointConfig

# (ours, hf) pairs that are a plain copy; `{i}` is a block index
_VIT_BLOCK = [("attention_norm.weight", "attention_norm.weight"), ("attention_norm.bias", "attention_norm.bias"),
              ("ffn_norm.weight", "ffn_norm.weight"), ("ffn_norm.bias", "ffn_norm.bias"),
              ("fc1.weight", "feed_forward.w1.weight"), ("fc1.bias", "feed_forward.w1.bias"),
              ("fc2.weight", "feed_forward.w2.weight"), ("fc2.bias", "feed_forward.w2.bias")] + [
    (f"attention.{x}.{p}", f"attention.w{x}.{p}") for x in "qkvo" for p in ("weight", "bias")]
_POINT = ["x_norm.weight", "patch_q.weight", "patch_q.bias", "patch_k.weight", "patch_k.bias",
          "subpatch_q.weight", "subpatch_q.bias", "subpatch_k.weight", "subpatch_k.bias",
          "subpatch_loc_k.weight", "subpatch_loc_k.bias"]

POINT_HEAD_HF_NAMES = [f"model.point_predictor.{n}" for n in _POINT[:9]] + [
    "model.point_predictor.add_no_point_class_embed.vector",
    "model.point_predictor.subpatch_loc_k.weight", "model.point_predictor.subpatch_loc_k.bias",
    "model.build_vit_embedding.weight", "model.build_vit_embedding.bias"]


def _copies(cfg: MolmoPointConfig) -> List[Tuple[str, str]]:
    pairs = [("vit.patch_embedding.weight", "model.vit.patch_embedding.weight"),
             ("vit.patch_embedding.bias", "model.vit.patch_embedding.bias"),
             ("vit.positional_embedding", "model.vit.positional_embedding")]
    for i in range(cfg.vit.layers_run):
        pairs += [(f"vit.blocks.{i}.{o}", f"model.vit.transformer.resblocks.{i}.{h}") for o, h in _VIT_BLOCK]
    for x in "qkv":
        pairs += [(f"connector.w{x}.{p}", f"model.connector.image_pooling_2d.w{x}.{p}") for p in ("weight", "bias")]
    pairs += [(f"connector.w{n}.weight", f"model.connector.image_projector.w{n}.weight") for n in "123"]
    for i in range(cfg.decoder.layers):
        b, o = f"model.transformer.blocks.{i}", f"decoder.layers.{i}"
        pairs += [(f"{o}.self_attn.q_norm.weight", f"{b}.self_attn.q_norm.weight"),
                  (f"{o}.self_attn.k_norm.weight", f"{b}.self_attn.k_norm.weight"),
                  (f"{o}.self_attn.o_proj.weight", f"{b}.self_attn.attn_out.weight"),
                  (f"{o}.attn_norm.weight", f"{b}.attn_norm.weight"), (f"{o}.ff_norm.weight", f"{b}.ff_norm.weight"),
                  (f"{o}.down.weight", f"{b}.mlp.ff_out.weight")]
    pairs.append(("decoder.final_norm.weight", "model.transformer.ln_f.weight"))
    pairs += [(f"point_head.{n}", f"model.point_predictor.{n}") for n in _POINT]
    pairs += [("point_head.no_point_key", "model.point_predictor.add_no_point_class_embed.vector"),
              ("build_vit_embedding.weight", "model.build_vit_embedding.weight"),
              ("build_vit_embedding.bias", "model.build_vit_embedding.bias")]
    return pairs


def _splits(cfg: MolmoPointConfig) -> List[Tuple[str, List[Tuple[str, int, int]]]]:
    """(hf name, [(our name, row begin, row end)]) for fused or split-by-rows tensors."""
    d = cfg.decoder
    q, kv, out = d.heads * d.head_dim, d.kv_heads * d.head_dim, []
    for i in range(d.layers):
        b, o = f"model.transformer.blocks.{i}", f"decoder.layers.{i}"
        out.append((f"{b}.self_attn.att_proj.weight", [(f"{o}.self_attn.q_proj.weight", 0, q),
                                                       (f"{o}.self_attn.k_proj.weight", q, q + kv),
                                                       (f"{o}.self_attn.v_proj.weight", q + kv, q + 2 * kv)]))
        out.append((f"{b}.mlp.ff_proj.weight", [(f"{o}.up.weight", 0, d.mlp), (f"{o}.gate.weight", d.mlp, 2 * d.mlp)]))
    for hf_base, hf_new, ours in (("model.transformer.wte.embedding", "model.transformer.wte.new_embedding",
                                   "decoder.embed_tokens"),
                                  ("lm_head.output_embeddings", "lm_head.new_output_embeddings", "decoder.lm_head")):
        out.append((hf_base, [(ours, 0, d.base_vocab)]))
        out.append((hf_new, [(ours, d.base_vocab, d.vocab_rows)]))
    return out


def hf_parameter_shapes(cfg: MolmoPointConfig) -> Dict[str, Tuple[int, ...]]:
    """Published name -> shape, for the blocks this config runs (HF instantiates the same subset)."""
    ours = _shapes_arithmetic(cfg)
    shapes = {hf: ours[o] for o, hf in _copies(cfg)}
    for hf, parts in _splits(cfg):
        first = ours[parts[0][0]]
        rows = sum(e - b for _, b, e in parts) if len(parts) > 1 else parts[0][2] - parts[0][1]
        shapes[hf] = (rows,) + tuple(first[1:])
    return shapes


def _shapes_arithmetic(cfg: MolmoPointConfig) -> Dict[str, Tuple[int, ...]]:
    v, c, d, p = cfg.vit, cfg.connector, cfg.decoder, cfg.point
    s: Dict[str, Tuple[int, ...]] = {
        "vit.patch_embedding.weight": (v.width, v.patch_values), "vit.patch_embedding.bias": (v.width,),
        "vit.positional_embedding": (v.patches_per_side ** 2, v.width)}
    inner = v.heads * v.head_dim
    for i in range(v.layers_run):
        b = f"vit.blocks.{i}."
        for n in ("attention_norm", "ffn_norm"):
            s[b + n + ".weight"] = s[b + n + ".bias"] = (v.width,)
        for x in "qkv":
            s[b + f"attention.{x}.weight"], s[b + f"attention.{x}.bias"] = (inner, v.width), (inner,)
        s[b + "attention.o.weight"], s[b + "attention.o.bias"] = (v.width, inner), (v.width,)
        s[b + "fc1.weight"], s[b + "fc1.bias"] = (v.mlp, v.width), (v.mlp,)
        s[b + "fc2.weight"], s[b + "fc2.bias"] = (v.width, v.mlp), (v.width,)
    ci = c.heads * c.head_dim
    for x in "qkv":
        s[f"connector.w{x}.weight"], s[f"connector.w{x}.bias"] = (ci, v.feature_dim), (ci,)
    s["connector.w1.weight"] = s["connector.w3.weight"] = (c.projector_hidden, ci)
    s["connector.w2.weight"] = (d.hidden, c.projector_hidden)
    s["decoder.embed_tokens"] = s["decoder.lm_head"] = (d.vocab_rows, d.hidden)
    for i in range(d.layers):
        b = f"decoder.layers.{i}."
        s[b + "self_attn.q_proj.weight"] = (d.heads * d.head_dim, d.hidden)
        s[b + "self_attn.k_proj.weight"] = s[b + "self_attn.v_proj.weight"] = (d.kv_heads * d.head_dim, d.hidden)
        s[b + "self_attn.o_proj.weight"] = (d.hidden, d.heads * d.head_dim)
        s[b + "self_attn.q_norm.weight"] = s[b + "self_attn.k_norm.weight"] = (d.head_dim,)
        s[b + "attn_norm.weight"] = s[b + "ff_norm.weight"] = (d.hidden,)
        s[b + "up.weight"] = s[b + "gate.weight"] = (d.mlp, d.hidden)
        s[b + "down.weight"] = (d.hidden, d.mlp)
    s["decoder.final_norm.weight"] = (d.hidden,)
    s["point_head.x_norm.weight"] = (d.hidden,)
    for n in ("patch_q", "patch_k", "subpatch_q"):
        s[f"point_head.{n}.weight"], s[f"point_head.{n}.bias"] = (p.dim, d.hidden), (p.dim,)
    s["point_head.subpatch_k.weight"], s["point_head.subpatch_k.bias"] = (p.dim, v.feature_dim), (p.dim,)
    s["point_head.no_point_key"] = (p.dim,)
    s["point_head.subpatch_loc_k.weight"], s["point_head.subpatch_loc_k.bias"] = (p.locations, d.hidden), (p.locations,)
    s["build_vit_embedding.weight"], s["build_vit_embedding.bias"] = (d.hidden, v.feature_dim), (d.hidden,)
    return s


def load_hf_weights(model, hf: Mapping[str, np.ndarray], strict: bool = True) -> List[str]:
    """Copy published-name tensors into `model` (in place). Returns the HF names that were not used
    (e.g. ViT blocks after the last feature block). Raises on a missing tensor or a shape mismatch."""
    cfg = model.cfg
    params = dict(model.named_parameters())
    assigned = set()

    def put(ours: str, value: np.ndarray, rows: Tuple[int, int] = None):
        target = params[ours]
        tensor = torch.from_numpy(np.array(value, dtype=np.float32))  # a copy: checkpoint maps are read-only
        with torch.no_grad():
            if rows is None:
                if tuple(tensor.shape) != tuple(target.shape):
                    raise ValueError(f"{ours}: checkpoint shape {tuple(tensor.shape)} != {tuple(target.shape)}")
                target.copy_(tensor)
            else:
                if tensor.shape[0] != rows[1] - rows[0] or tuple(tensor.shape[1:]) != tuple(target.shape[1:]):
                    raise ValueError(f"{ours}[{rows[0]}:{rows[1]}]: checkpoint shape {tuple(tensor.shape)}")
                target[rows[0]:rows[1]].copy_(tensor)
        assigned.add(ours)

    used = set()
    for ours, hf_name in _copies(cfg):
        if hf_name not in hf:
            raise KeyError(f"checkpoint lacks {hf_name}")
        put(ours, hf[hf_name])
        used.add(hf_name)
    for hf_name, parts in _splits(cfg):
        if hf_name not in hf:
            raise KeyError(f"checkpoint lacks {hf_name}")
        value = hf[hf_name]
        if len(parts) == 1:
            put(parts[0][0], value, (parts[0][1], parts[0][2]))
        else:
            expected = sum(e - b for _, b, e in parts)
            if value.shape[0] != expected:
                raise ValueError(f"{hf_name}: {value.shape[0]} rows, config expects {expected}")
            for ours, b, e in parts:
                put(ours, value[b:e])
        used.add(hf_name)
    missing = sorted(set(params) - assigned)
    if missing:
        raise KeyError(f"parameters not filled from the checkpoint: {missing[:5]}")
    unused = sorted(set(hf) - used)
    if strict:
        unexpected = [n for n in unused if ".vit.transformer.resblocks." not in n]
        if unexpected:
            raise KeyError(f"checkpoint tensors not understood: {unexpected[:5]}")
    return unused


def to_hf_state(model) -> Dict[str, np.ndarray]:
    """Our parameters under the published names (fused tensors re-fused)."""
    ours = {n: p.detach().cpu().numpy() for n, p in model.named_parameters()}
    out = {hf: ours[o] for o, hf in _copies(model.cfg)}
    for hf_name, parts in _splits(model.cfg):
        if len(parts) == 1:
            o, b, e = parts[0]
            out[hf_name] = ours[o][b:e]
        else:
            out[hf_name] = np.concatenate([ours[o] for o, _, _ in parts], axis=0)
    return out
