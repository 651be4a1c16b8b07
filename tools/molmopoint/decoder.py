"""Qwen3-style decoder: RMSNorm, per-head q/k RMSNorm, NeoX RoPE, GQA, SwiGLU, untied LM head (spec §4)."""
from __future__ import annotations

import math
from typing import List, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from .config import DecoderConfig


def rope_inv_freq(dim: int, theta: float, exact: Optional[List[float]] = None) -> torch.Tensor:
    """Float32 inverse frequencies; `exact` (from a golden or manifest) wins over recomputation."""
    if exact is not None:
        return torch.tensor(exact, dtype=torch.float32)
    return 1.0 / (theta ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


def rope_cos_sin(positions: torch.Tensor, inv_freq: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    """positions [...] -> cos, sin [..., dim] in float32 (angles duplicated, NeoX layout)."""
    freqs = positions.to(torch.float32).unsqueeze(-1) * inv_freq
    emb = torch.cat([freqs, freqs], dim=-1)
    return emb.cos(), emb.sin()


class RMSNorm(nn.Module):
    def __init__(self, dim: int, eps: float):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # float32 throughout (the reference normalises in float32 and casts back: a no-op here)
        variance = x.pow(2).mean(-1, keepdim=True)
        return self.weight * (x * torch.rsqrt(variance + self.eps))


class DecoderAttention(nn.Module):
    def __init__(self, cfg: DecoderConfig):
        super().__init__()
        self.cfg = cfg
        self.q_proj = nn.Linear(cfg.hidden, cfg.heads * cfg.head_dim, bias=False)
        self.k_proj = nn.Linear(cfg.hidden, cfg.kv_heads * cfg.head_dim, bias=False)
        self.v_proj = nn.Linear(cfg.hidden, cfg.kv_heads * cfg.head_dim, bias=False)
        self.o_proj = nn.Linear(cfg.heads * cfg.head_dim, cfg.hidden, bias=False)
        self.q_norm = RMSNorm(cfg.head_dim, cfg.rms_eps)
        self.k_norm = RMSNorm(cfg.head_dim, cfg.rms_eps)

    def forward(self, x, cos, sin, mask, past: Optional[Tuple[torch.Tensor, torch.Tensor]]):
        cfg = self.cfg
        b, s, _ = x.shape
        q = self.q_norm(self.q_proj(x).view(b, s, cfg.heads, cfg.head_dim)).transpose(1, 2)
        k = self.k_norm(self.k_proj(x).view(b, s, cfg.kv_heads, cfg.head_dim)).transpose(1, 2)
        v = self.v_proj(x).view(b, s, cfg.kv_heads, cfg.head_dim).transpose(1, 2)
        cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)  # [b, 1, s, d]
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if past is not None:
            k = torch.cat([past[0], k], dim=2)
            v = torch.cat([past[1], v], dim=2)
        present = (k, v)
        # GQA without repeat_interleave (exports cleanly): query head h uses kv head h // group
        group = cfg.heads // cfg.kv_heads
        q = q.reshape(b, cfg.kv_heads, group, s, cfg.head_dim)
        scores = torch.matmul(q, k.unsqueeze(2).transpose(-1, -2)) / math.sqrt(cfg.head_dim) + mask.unsqueeze(1)
        out = torch.matmul(scores.softmax(dim=-1), v.unsqueeze(2)).reshape(b, cfg.heads, s, cfg.head_dim)
        return self.o_proj(out.transpose(1, 2).reshape(b, s, cfg.heads * cfg.head_dim)), present


class DecoderLayer(nn.Module):
    def __init__(self, cfg: DecoderConfig):
        super().__init__()
        self.attn_norm = RMSNorm(cfg.hidden, cfg.rms_eps)
        self.self_attn = DecoderAttention(cfg)
        self.ff_norm = RMSNorm(cfg.hidden, cfg.rms_eps)
        self.up = nn.Linear(cfg.hidden, cfg.mlp, bias=False)
        self.gate = nn.Linear(cfg.hidden, cfg.mlp, bias=False)
        self.down = nn.Linear(cfg.mlp, cfg.hidden, bias=False)

    def forward(self, x, cos, sin, mask, past):
        attn, present = self.self_attn(self.attn_norm(x), cos, sin, mask, past)
        x = x + attn
        h = self.ff_norm(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h)), present


class Decoder(nn.Module):
    """Takes embeddings (the runtime builds them), returns last-position logits and pre-final-norm states."""

    def __init__(self, cfg: DecoderConfig):
        super().__init__()
        self.cfg = cfg
        self.embed_tokens = nn.Parameter(torch.zeros(cfg.vocab_rows, cfg.hidden))
        self.layers = nn.ModuleList([DecoderLayer(cfg) for _ in range(cfg.layers)])
        self.final_norm = RMSNorm(cfg.hidden, cfg.rms_eps)
        self.lm_head = nn.Parameter(torch.zeros(cfg.vocab_rows, cfg.hidden))
        self.register_buffer("inv_freq", rope_inv_freq(cfg.head_dim, cfg.rope_theta, cfg.rope_inv_freq),
                             persistent=False)

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        return self.embed_tokens[ids]

    def lm_logits(self, hidden_pre: torch.Tensor) -> torch.Tensor:
        return torch.matmul(self.final_norm(hidden_pre), self.lm_head.t())

    def forward(self, inputs_embeds, attention_mask, position_ids, past=None, return_layers: bool = False,
                all_logits: bool = False):
        """inputs_embeds [b,s,d], additive attention_mask [b,1,s,t], position_ids [b,s], past: list of (k, v).

        Returns (logits [b, vocab] of the last position, or [b, s, vocab] with all_logits), hidden_pre [b,s,d],
        presents, layer outputs (when return_layers).
        """
        cos, sin = rope_cos_sin(position_ids, self.inv_freq)
        x = inputs_embeds
        presents, layer_outputs = [], []
        for i, layer in enumerate(self.layers):
            x, present = layer(x, cos, sin, attention_mask, None if past is None else past[i])
            presents.append(present)
            if return_layers:
                layer_outputs.append(x)
        logits = self.lm_logits(x if all_logits else x[:, -1, :])
        return logits, x, presents, layer_outputs


def prefill_mask(token_type: torch.Tensor, blocked: float = -1e9) -> torch.Tensor:
    """Additive [1,1,S,S] mask: allowed(q,k) = k <= q or (tt[q] and tt[k]) (spec §4.3)."""
    s = token_type.shape[0]
    causal = torch.ones(s, s, dtype=torch.bool).tril()
    image = token_type.bool()
    allowed = causal | (image.unsqueeze(1) & image.unsqueeze(0))
    return torch.where(allowed, torch.zeros(()), torch.full((), blocked)).view(1, 1, s, s)
