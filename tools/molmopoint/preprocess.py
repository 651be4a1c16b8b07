"""MolmoPoint image pre-processing in numpy (spec §2), for reference fixtures made in Python.

Tiling as MolmoPoint's select_tiling (HF variant, no clamp), the uint8 bilinear resize with torch 2.11's exact
arithmetic (../shared/golden/molmo2 README §5), crops -> patch vectors, subpatch mapping, 2x2 pooling table and the
image-token block. Checked against the molmo2 golden's hashes by `check_preprocess.py`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Tuple

import numpy as np

from .config import MolmoPointConfig

CROP, PATCH, MARGIN = 378, 14, 4
STEP_PATCHES = CROP // PATCH - 2 * MARGIN     # 19
STEP_PX = STEP_PATCHES * PATCH                # 266
TOTAL_MARGIN_PX = 2 * MARGIN * PATCH          # 112


def select_tiling(height: int, width: int, max_crops: int) -> Tuple[int, int]:
    """(rows, cols) as MolmoPoint's select_tiling on (H-112, W-112) with 266 px per step."""
    tilings = sorted(((i, j) for i in range(1, max_crops + 1) for j in range(1, max_crops + 1)
                      if i * j <= max_crops), key=lambda t: (t[0] * t[1], t[0]))
    candidates = np.array(tilings, dtype=np.float64) * STEP_PX
    scales = np.min(candidates / np.array([height - TOTAL_MARGIN_PX, width - TOTAL_MARGIN_PX], np.float64), axis=1)
    if np.all(scales < 1):
        return tilings[int(np.argmax(scales))]
    scales = np.where(scales < 1, 1e9, scales)
    return tilings[int(np.argmin(scales))]


def _axis(n: int, m: int):
    d = np.arange(m)
    if n == m:
        return d, d, np.ones(m, np.float32), np.zeros(m, np.float32)
    scale = np.float32(n / m)
    c = (np.float64(scale) * (d + 0.5) - 0.5).astype(np.float32).astype(np.float64)
    c = np.maximum(c, 0.0)
    i0 = np.floor(c).astype(np.int64)
    i1 = np.where(i0 < n - 1, i0 + 1, i0)
    l1 = np.clip((c - i0).astype(np.float32), 0, 1)
    l0 = (1.0 - l1.astype(np.float64)).astype(np.float32)
    return i0, i1, l0, l1


def resize_u8(image: np.ndarray, out_h: int, out_w: int) -> np.ndarray:
    """HxWx3 uint8 -> out_h x out_w x 3 uint8, bilinear, no antialias, torch 2.11 rounding."""
    h, w = image.shape[:2]
    y0, y1, ly0, ly1 = _axis(h, out_h)
    x0, x1, lx0, lx1 = _axis(w, out_w)
    f = image.astype(np.float64)
    f32 = lambda a: a.astype(np.float32).astype(np.float64)
    lx0, lx1 = lx0[None, :, None].astype(np.float64), lx1[None, :, None].astype(np.float64)
    ly0, ly1 = ly0[:, None, None].astype(np.float64), ly1[:, None, None].astype(np.float64)
    rows0, rows1 = f[y0], f[y1]
    top = f32(rows0[:, x0] * lx0 + f32(rows0[:, x1] * lx1))
    bot = f32(rows1[:, x0] * lx0 + f32(rows1[:, x1] * lx1))
    v = f32(top * ly0 + f32(bot * ly1))
    return np.clip(np.round(v), 0, 255).astype(np.uint8)


def crop_to_patches(crop: np.ndarray) -> np.ndarray:
    """378x378x3 -> [729, 588], patch index py*27+px, value order (dy, dx, channel)."""
    n = CROP // PATCH
    return crop.reshape(n, PATCH, n, PATCH, 3).transpose(0, 2, 1, 3, 4).reshape(n * n, PATCH * PATCH * 3)


def arange_for_pooling(grid: np.ndarray) -> np.ndarray:
    """Pad to even size with -1 (bottom/right), then 2x2 blocks in raster order: [TL, TR, BL, BR]."""
    h, w = grid.shape
    padded = np.full((h + h % 2, w + w % 2), -1, dtype=np.int64)
    padded[:h, :w] = grid
    th, tw = padded.shape[0] // 2, padded.shape[1] // 2
    return padded.reshape(th, 2, tw, 2).transpose(0, 2, 1, 3).reshape(th * tw, 4)


@dataclass
class Preprocessed:
    pixel_values_u8: np.ndarray   # [crops, 729, 588]
    pooling: np.ndarray           # [N, 4] int64
    subpatch_mapping: np.ndarray  # [Hg, Wg]
    image_tokens: List[int]
    tiling: Tuple[int, int]
    th: int
    tw: int

    @property
    def pixel_values(self) -> np.ndarray:
        return ((self.pixel_values_u8.astype(np.float32) / np.float32(255)) - np.float32(0.5)) / np.float32(0.5)


def preprocess(image: np.ndarray, max_crops: int, cfg: MolmoPointConfig) -> Preprocessed:
    height, width = image.shape[:2]
    rows, cols = select_tiling(height, width, max_crops)
    canvas = resize_u8(image, rows * STEP_PX + TOTAL_MARGIN_PX, cols * STEP_PX + TOTAL_MARGIN_PX)
    crops = [resize_u8(image, CROP, CROP)]
    n = CROP // PATCH
    hg, wg = rows * STEP_PATCHES + 2 * MARGIN, cols * STEP_PATCHES + 2 * MARGIN
    mapping = np.full((hg, wg), -1, dtype=np.int64)
    for i in range(rows):
        for j in range(cols):
            k = len(crops)
            crops.append(canvas[i * STEP_PX:i * STEP_PX + CROP, j * STEP_PX:j * STEP_PX + CROP])
            py0, py1 = (0 if i == 0 else MARGIN), (n if i == rows - 1 else n - MARGIN)
            px0, px1 = (0 if j == 0 else MARGIN), (n if j == cols - 1 else n - MARGIN)
            ids = k * n * n + np.arange(n * n).reshape(n, n)
            mapping[i * STEP_PATCHES + py0:i * STEP_PATCHES + py1, j * STEP_PATCHES + px0:j * STEP_PATCHES + px1] = \
                ids[py0:py1, px0:px1]
    assert (mapping >= 0).all()
    pooling = np.concatenate([arange_for_pooling(np.arange(n * n).reshape(n, n)), arange_for_pooling(mapping)])
    th, tw = (hg + 1) // 2, (wg + 1) // 2
    t = cfg.tokens
    tokens = [t.low_res_im_start] + [t.im_low] * (((n + 1) // 2) ** 2) + [t.im_end, t.im_start]
    for _ in range(th):
        tokens += [t.im_patch] * tw + [t.im_col]
    tokens.append(t.im_end)
    pixel_values = np.stack([crop_to_patches(c) for c in crops])
    return Preprocessed(pixel_values, pooling, mapping, tokens, (rows, cols), th, tw)
