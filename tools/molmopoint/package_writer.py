"""Writes the non-ONNX files of a model package and its manifest.json (docs/model-package.md)."""
from __future__ import annotations

import hashlib
import json
import os
from typing import Dict, List, Optional

import numpy as np
import torch

from .hf_names import POINT_HEAD_HF_NAMES, to_hf_state
from .model import MolmoPoint

FORMAT = "groundpoint-model-package"
FORMAT_VERSION = 1
ALIGN = 64


def write_embeddings(model: MolmoPoint, path: str, dtype: str) -> dict:
    table = model.decoder.embed_tokens.detach().numpy()
    table = table.astype(np.float16 if dtype == "float16" else np.float32)
    table.astype(table.dtype.newbyteorder("<")).tofile(path)
    return {"path": os.path.basename(path), "dtype": dtype, "shape": list(table.shape)}


def write_point_head(model: MolmoPoint, path: str, hf_state: Optional[Dict[str, np.ndarray]] = None) -> dict:
    """One float32 blob of the HF-named point-head tensors, 64-byte aligned, indexed in the manifest."""
    hf_state = hf_state or to_hf_state(model)
    tensors, offset = [], 0
    with open(path, "wb") as f:
        for name in POINT_HEAD_HF_NAMES:
            data = np.ascontiguousarray(hf_state[name], dtype="<f4").tobytes()
            tensors.append({"name": name, "dtype": "float32", "shape": list(hf_state[name].shape),
                            "offset": offset, "bytes": len(data)})
            f.write(data)
            offset += len(data)
            pad = -offset % ALIGN
            f.write(b"\0" * pad)
            offset += pad
    return {"path": os.path.basename(path), "tensors": tensors}


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def architecture(model: MolmoPoint) -> dict:
    c = model.cfg
    v, k, d, p = c.vit, c.connector, c.decoder, c.point
    floats = lambda t: [float(x) for x in t.tolist()]
    return {
        "vit": {"width": v.width, "heads": v.heads, "headDim": v.head_dim, "mlp": v.mlp, "layersRun": v.layers_run,
                "featureBlocks": v.feature_blocks, "featureDim": v.feature_dim, "layerNormEps": v.layer_norm_eps,
                "activation": "gelu_tanh", "patchSize": v.patch_size, "cropSize": v.crop_size,
                "patchesPerCrop": v.patches_per_side ** 2, "patchValues": v.patch_values},
        "connector": {"heads": k.heads, "headDim": k.head_dim, "paddingMask": k.padding_mask,
                      "projectorHidden": k.projector_hidden, "outputDim": d.hidden},
        "decoder": {"layers": d.layers, "hidden": d.hidden, "heads": d.heads, "kvHeads": d.kv_heads,
                    "headDim": d.head_dim, "mlp": d.mlp, "ropeTheta": d.rope_theta, "rmsEps": d.rms_eps,
                    "ropeInvFreq": floats(model.decoder.inv_freq), "baseVocab": d.base_vocab,
                    "additionalVocab": d.additional_vocab, "vocabRows": d.vocab_rows},
        "pointHead": {"dim": p.dim, "ropeTheta": p.rope_theta, "ropeInvFreq": floats(model.point_head.inv_freq),
                      "rmsEps": p.rms_eps, "patchScoreScale": "inv_sqrt_num_patch_columns",
                      "subpatchScoreScale": "inv_sqrt_dim", "locationInput": p.location_input,
                      "subpatchEmbedding": p.subpatch_embedding, "imLowEmbedding": p.im_low_embedding,
                      "patchEmbedding": "add_image_feature0", "noMorePointsClass": True,
                      "subpatches": p.subpatches, "locations": p.locations, "locationCellFactor": 0.33,
                      "grammar": {"maskPatches": "always", "maskSubpatches": "inference",
                                  "maskRepeats": "inference"}},
    }


def preprocessing(model: MolmoPoint) -> dict:
    p = model.cfg.preprocessing
    return {"cropSize": p.crop_size, "patchSize": p.patch_size, "overlapMargins": list(p.overlap_margins),
            "pooling": list(p.pooling), "mean": list(p.mean), "std": list(p.std),
            "resize": "bilinear_uint8_no_antialias", "defaultMaxCrops": p.default_max_crops}


def tokens(model: MolmoPoint, user_prefix: str, user_suffix: str) -> dict:
    t = model.cfg.tokens
    return {"bos": t.bos, "eos": t.eos, "pad": t.pad, "imStart": t.im_start, "imEnd": t.im_end,
            "imPatch": t.im_patch, "imCol": t.im_col, "lowResImStart": t.low_res_im_start, "image": t.image,
            "imLow": t.im_low, "frameStart": t.frame_start, "frameEnd": t.frame_end, "patch": t.patch,
            "subpatch": t.subpatch, "location": t.location, "imageTokenTypes": t.image_token_types,
            "pointBase": model.cfg.point_base,
            "chat": {"userPrefix": user_prefix, "userSuffix": user_suffix,
                     "userPrefixIds": list(t.user_prefix_ids), "userSuffixIds": list(t.user_suffix_ids)},
            "maxNewTokens": t.max_new_tokens}


def write_manifest(folder: str, manifest: dict, file_names: List[str]) -> dict:
    manifest = dict(manifest)
    manifest["files"] = [{"path": n, "sha256": sha256_file(os.path.join(folder, n)),
                          "bytes": os.path.getsize(os.path.join(folder, n))} for n in sorted(file_names)]
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    return manifest
