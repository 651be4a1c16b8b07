"""SigLIP-style ViT and the attention-pooling connector (MOLMOPOINT_SPEC.md §3)."""
from __future__ import annotations

import math
from typing import List, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from .config import ConnectorConfig, VitConfig


class VitAttention(nn.Module):
    def __init__(self, width: int, heads: int, head_dim: int):
        super().__init__()
        self.heads, self.head_dim = heads, head_dim
        inner = heads * head_dim
        self.q = nn.Linear(width, inner)
        self.k = nn.Linear(width, inner)
        self.v = nn.Linear(width, inner)
        self.o = nn.Linear(inner, width)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, t, _ = x.shape
        q = self.q(x).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = self.k(x).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        v = self.v(x).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim)
        out = torch.matmul(scores.softmax(dim=-1), v)
        return self.o(out.transpose(1, 2).reshape(b, t, self.heads * self.head_dim))


class VitBlock(nn.Module):
    """Pre-LN block: x += attn(LN(x)); x += mlp(LN(x)); gelu with tanh approximation."""

    def __init__(self, cfg: VitConfig):
        super().__init__()
        self.attention_norm = nn.LayerNorm(cfg.width, eps=cfg.layer_norm_eps)
        self.attention = VitAttention(cfg.width, cfg.heads, cfg.head_dim)
        self.ffn_norm = nn.LayerNorm(cfg.width, eps=cfg.layer_norm_eps)
        self.fc1 = nn.Linear(cfg.width, cfg.mlp)
        self.fc2 = nn.Linear(cfg.mlp, cfg.width)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attention(self.attention_norm(x))
        return x + self.fc2(F.gelu(self.fc1(self.ffn_norm(x)), approximate="tanh"))


class VisionTransformer(nn.Module):
    """Only blocks 0..max(feature_blocks) are instantiated; no final LayerNorm."""

    def __init__(self, cfg: VitConfig):
        super().__init__()
        self.cfg = cfg
        self.patch_embedding = nn.Linear(cfg.patch_values, cfg.width)
        self.positional_embedding = nn.Parameter(torch.zeros(cfg.patches_per_side ** 2, cfg.width))
        self.blocks = nn.ModuleList([VitBlock(cfg) for _ in range(cfg.layers_run)])

    def forward(self, pixel_values: torch.Tensor, return_blocks: bool = False):
        """pixel_values [crops, 729, 588] -> features [crops, 729, feature_dim] (+ every block output)."""
        x = self.patch_embedding(pixel_values) + self.positional_embedding
        outputs: List[torch.Tensor] = []
        for block in self.blocks:
            x = block(x)
            outputs.append(x)
        features = torch.cat([outputs[i] for i in self.cfg.feature_blocks], dim=-1)
        return (features, outputs) if return_blocks else features


def gather_pooled(vit_features: torch.Tensor, pooling: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    """G[r, j] = flat features[pooling[r, j]], zero where pooling is -1 (spec §3.2). Returns (G, valid)."""
    flat = vit_features.reshape(-1, vit_features.shape[-1])
    valid = pooling >= 0
    gathered = flat[pooling.clamp(min=0)]
    return gathered * valid.unsqueeze(-1).to(gathered.dtype), valid


class Connector(nn.Module):
    """Attention pooling (query = mean of the valid slots, padding masked) + SwiGLU projector (spec §3.3)."""

    def __init__(self, cfg: ConnectorConfig, feature_dim: int, out_dim: int):
        super().__init__()
        self.cfg = cfg
        inner = cfg.heads * cfg.head_dim
        self.wq = nn.Linear(feature_dim, inner)
        self.wk = nn.Linear(feature_dim, inner)
        self.wv = nn.Linear(feature_dim, inner)
        self.w1 = nn.Linear(inner, cfg.projector_hidden, bias=False)
        self.w3 = nn.Linear(inner, cfg.projector_hidden, bias=False)
        self.w2 = nn.Linear(cfg.projector_hidden, out_dim, bias=False)

    def forward(self, gathered: torch.Tensor, valid: torch.Tensor) -> torch.Tensor:
        rows, slots, _ = gathered.shape
        heads, head_dim = self.cfg.heads, self.cfg.head_dim
        count = valid.sum(dim=-1, keepdim=True).clamp(min=1).to(gathered.dtype)
        query = gathered.sum(dim=1) / count
        q = self.wq(query).view(rows, heads, 1, head_dim)
        k = self.wk(gathered).view(rows, slots, heads, head_dim).transpose(1, 2)
        v = self.wv(gathered).view(rows, slots, heads, head_dim).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(head_dim)  # [rows, heads, 1, slots]
        if self.cfg.padding_mask:
            scores = scores.masked_fill(~valid.view(rows, 1, 1, slots), float("-inf"))
        pooled = torch.matmul(scores.softmax(dim=-1), v).reshape(rows, heads * head_dim)
        return self.w2(F.silu(self.w1(pooled)) * self.w3(pooled))
