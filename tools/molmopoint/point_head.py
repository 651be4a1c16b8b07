"""Point head: patch / subpatch / location scores and the SUBPATCH input embedding (spec §5, golden README §8)."""
from __future__ import annotations

import math
from typing import Optional

import torch
from torch import nn

from .config import PointHeadConfig
from .decoder import RMSNorm, rope_cos_sin, rope_inv_freq, rotate_half

MASKED_PATCH = -1e8      # score of a non-selectable (global-crop) patch key
MASKED_SUBPATCH = -1e5   # score of a padded pooling slot


class PointHead(nn.Module):
    def __init__(self, cfg: PointHeadConfig, hidden: int, feature_dim: int):
        super().__init__()
        self.cfg = cfg
        self.x_norm = RMSNorm(hidden, cfg.rms_eps)
        self.patch_q = nn.Linear(hidden, cfg.dim)
        self.patch_k = nn.Linear(hidden, cfg.dim)
        self.subpatch_q = nn.Linear(hidden, cfg.dim)
        self.subpatch_k = nn.Linear(feature_dim, cfg.dim)
        self.no_point_key = nn.Parameter(torch.zeros(cfg.dim))
        self.subpatch_loc_k = nn.Linear(hidden, cfg.locations)
        self.register_buffer("inv_freq", rope_inv_freq(cfg.dim, cfg.rope_theta, cfg.rope_inv_freq),
                             persistent=False)

    def rotate(self, x: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        cos, sin = rope_cos_sin(positions, self.inv_freq)
        return x * cos + rotate_half(x) * sin

    def patch_keys(self, h_image: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        """h_image [N, d] pre-norm states at image tokens, positions [N] -> keys [N+1, dim] (row N = NMP)."""
        keys = self.rotate(self.patch_k(self.x_norm(h_image)), positions)
        return torch.cat([keys, self.no_point_key.unsqueeze(0)], dim=0)

    def patch_scores(self, h: torch.Tensor, rotation_position, keys: torch.Tensor,
                     key_mask: torch.Tensor) -> torch.Tensor:
        """h [..., d] -> [..., N+1] scores q.k / sqrt(N+1) (golden README §8.2), masked keys -1e8.
        rotation_position: int or tensor [...] (position of the previous patch; 0 when none)."""
        q = self.rotate(self.patch_q(self.x_norm(h)), torch.as_tensor(rotation_position))
        scores = torch.matmul(q, keys.t()) / math.sqrt(keys.shape[0])
        return torch.where(key_mask, scores, torch.full_like(scores, MASKED_PATCH))

    def subpatch_keys(self, gathered: torch.Tensor) -> torch.Tensor:
        return self.subpatch_k(gathered)

    def subpatch_scores(self, h: torch.Tensor, keys_of_patch: torch.Tensor, valid: torch.Tensor) -> torch.Tensor:
        """h [..., d], keys_of_patch [..., 4, dim], valid [..., 4] -> [..., 4]; padded slots -1e5."""
        q = self.subpatch_q(self.x_norm(h)).unsqueeze(-1)
        scores = torch.matmul(keys_of_patch, q).squeeze(-1) / math.sqrt(self.cfg.dim)
        return torch.where(valid, scores, torch.full_like(scores, MASKED_SUBPATCH))

    def location_scores(self, h: torch.Tensor) -> torch.Tensor:
        return self.subpatch_loc_k(h if self.cfg.location_input == "raw" else self.x_norm(h))
