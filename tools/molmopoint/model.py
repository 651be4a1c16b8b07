"""The whole MolmoPoint architecture as one trainable nn.Module, built from a MolmoPointConfig."""
from __future__ import annotations

from typing import Tuple

import torch
from torch import nn

from .config import MolmoPointConfig
from .decoder import Decoder
from .point_head import PointHead
from .vision import Connector, VisionTransformer, gather_pooled


class MolmoPoint(nn.Module):
    def __init__(self, cfg: MolmoPointConfig):
        super().__init__()
        self.cfg = cfg
        self.vit = VisionTransformer(cfg.vit)
        self.connector = Connector(cfg.connector, cfg.vit.feature_dim, cfg.decoder.hidden)
        self.decoder = Decoder(cfg.decoder)
        self.point_head = PointHead(cfg.point, cfg.decoder.hidden, cfg.vit.feature_dim)
        # HF `model.build_vit_embedding`: input embedding of a SUBPATCH token from G[p, s]
        self.build_vit_embedding = nn.Linear(cfg.vit.feature_dim, cfg.decoder.hidden)

    def encode_images(self, pixel_values: torch.Tensor, pooling: torch.Tensor
                      ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """pixel_values [crops,729,588], pooling [N,4] -> (image_features [N,D], G [N,4,F], vit_features)."""
        vit_features = self.vit(pixel_values)
        gathered, valid = gather_pooled(vit_features, pooling)
        return self.connector(gathered, valid), gathered, vit_features


class VisionGraph(nn.Module):
    """What vision.onnx computes (docs/model-package.md §4.1)."""

    def __init__(self, model: MolmoPoint):
        super().__init__()
        self.model = model

    def forward(self, pixel_values, pooling):
        return self.model.encode_images(pixel_values, pooling)


class DecoderGraph(nn.Module):
    """What decoder.onnx computes (docs/model-package.md §4.2); past/present flattened k0, v0, k1, v1, ..."""

    def __init__(self, model: MolmoPoint):
        super().__init__()
        self.decoder = model.decoder

    def forward(self, inputs_embeds, attention_mask, position_ids, *past_flat):
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(len(past_flat) // 2)]
        logits, hidden_pre, presents, _ = self.decoder(inputs_embeds, attention_mask, position_ids, past)
        flat = []
        for k, v in presents:
            flat += [k, v]
        return (logits, hidden_pre, *flat)
