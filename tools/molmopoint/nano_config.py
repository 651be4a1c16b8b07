"""MolmoPoint-Nano: the embedded model's configuration (sizes for 2 CPU cores) and its size candidates.

Token layout = the tiny random test model's (byte-level vocabulary: byte b = id b, chat specials <|endoftext|> 256,
<|im_start|> 257, <|im_end|> 258, image/point block at 384..397, 128 additional rows -> vocabRows 512), so that the
package tokenizer is the byte-level `tokenizer.json` that `export` already writes and @huggingface/tokenizers loads.
Everything else is the MolmoPoint architecture at a small size; the package contract is unchanged.

    /usr/bin/python3 -m tools.molmopoint.nano_config            # prints the candidates and their parameter counts
"""
from __future__ import annotations

from typing import Dict

from .config import (ConnectorConfig, DecoderConfig, MolmoPointConfig, PointHeadConfig, PreprocessingConfig,
                     VitConfig, _shifted_tokens)


def nano(vit_width: int = 192, vit_layers: int = 4, vit_mlp: int = 768, vit_head_dim: int = 64,
         feature_blocks=(-1, -3), dec_hidden: int = 256, dec_layers: int = 4, dec_mlp: int = 768,
         dec_head_dim: int = 64, dec_kv_heads: int = 2, connector_hidden: int = 512, point_dim: int = 128,
         max_crops: int = 8, max_new_tokens: int = 8) -> MolmoPointConfig:
    """A nano config. `feature_blocks` counts from the end like HF's `vit_layers` (-1 = last block run)."""
    return MolmoPointConfig(
        vit=VitConfig(width=vit_width, heads=vit_width // vit_head_dim, head_dim=vit_head_dim, mlp=vit_mlp,
                      layers_in_config=vit_layers, vit_layers=list(feature_blocks)),
        connector=ConnectorConfig(heads=vit_width // vit_head_dim, head_dim=vit_head_dim,
                                  projector_hidden=connector_hidden),
        decoder=DecoderConfig(layers=dec_layers, hidden=dec_hidden, heads=dec_hidden // dec_head_dim,
                              kv_heads=dec_kv_heads, head_dim=dec_head_dim, mlp=dec_mlp,
                              base_vocab=384, additional_vocab=128),
        point=PointHeadConfig(dim=point_dim),
        preprocessing=PreprocessingConfig(default_max_crops=max_crops),
        tokens=_shifted_tokens(384, dict(bos=258, eos=258, pad=256, chat_im_start=257,
                                         user_prefix_ids=[257] + list(b"user\n"),
                                         user_suffix_ids=[258, 10, 257] + list(b"assistant\n")),
                               max_new_tokens=max_new_tokens),
    )


# Size candidates measured by `nano_size` (tools/TRAINING-NANO.md, "Sizing"). vit = width x layers (mlp),
# dec = hidden x layers (mlp).
CANDIDATES: Dict[str, dict] = {
    "v128x4-d256x4": dict(vit_width=128, vit_layers=4, vit_mlp=512),
    "v192x4-d256x4": dict(vit_width=192, vit_layers=4, vit_mlp=768),
    "v192x6m2-d256x4": dict(vit_width=192, vit_layers=6, vit_mlp=384, feature_blocks=(-1, -4)),
    "v256x6-d256x4": dict(vit_width=256, vit_layers=6, vit_mlp=1024, feature_blocks=(-1, -4)),
    "v192x4-d384x6": dict(vit_width=192, vit_layers=4, vit_mlp=768, dec_hidden=384, dec_layers=6, dec_mlp=1152),
}

# The chosen default (see tools/TRAINING-NANO.md for the measurements behind it).
DEFAULT = "v192x4-d256x4"


def nano_preset(name: str = DEFAULT, **overrides) -> MolmoPointConfig:
    if name not in CANDIDATES:
        raise KeyError(f"unknown nano preset {name!r}; known: {', '.join(CANDIDATES)}")
    return nano(**{**CANDIDATES[name], **overrides})


def count_parameters(cfg: MolmoPointConfig) -> Dict[str, int]:
    from .model import MolmoPoint
    model = MolmoPoint(cfg)
    parts = {"vit": model.vit, "connector": model.connector, "decoder": model.decoder,
             "point": model.point_head, "build_vit_embedding": model.build_vit_embedding}
    counts = {k: sum(p.numel() for p in m.parameters()) for k, m in parts.items()}
    counts["total"] = sum(counts.values())
    return counts


def vit_gflop_per_crop(cfg: MolmoPointConfig) -> float:
    v, t = cfg.vit, 729
    inner = v.heads * v.head_dim
    per_layer = 2 * t * (4 * v.width * inner + 2 * v.width * v.mlp) + 4 * t * t * inner
    return (2 * t * v.patch_values * v.width + per_layer * v.layers_run) / 1e9


if __name__ == "__main__":
    for name in CANDIDATES:
        cfg = nano_preset(name)
        c = count_parameters(cfg)
        print(f"{name:18s} params {c['total'] / 1e6:6.2f} M (vit {c['vit'] / 1e6:.2f}, decoder {c['decoder'] / 1e6:.2f})"
              f"  ViT {vit_gflop_per_crop(cfg):.2f} GFLOP/crop")
