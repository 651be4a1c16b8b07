"""MolmoPoint-Nano training data: packed screens (nano_pack) -> model inputs, point targets and message-tree batches.

One training example = one screen with K queries (instructions). The image block is encoded once; every query is
a segment `userPrefix + instruction + userSuffix + answer` that attends to BOS + the image block and causally to
itself only, with positions continuing from the image block as if it were the only question (the "message tree"
of TRAINING.md: the image is encoded once for many questions).

Answer (token inputs -> targets), with ANSWER_START = byte '<' (a text token: the runtime has no patch logits at the
prefill step, so the first generated token is always text; MolmoPoint's own answer starts `<points coords="`):

    positive:  ... suffix  '<'          PATCH(p)     SUBPATCH(p,s)  LOCATION          PATCH(NMP)
    targets:   LM '<'      LM PATCH     subpatch s   location l     LM PATCH          LM EOS
                           patch p                                  patch NMP
                           (rot 0)                                  (rot pos(p), patches < p masked)
    negative:  ... suffix  '<'          PATCH(NMP)
    targets:   LM '<'      LM PATCH     LM EOS
                           patch NMP

Point target of a box (spec §5.7, inverse): the box centre in canvas-grid units (gx = cx / W * Wg), ViT patch
(row, col) = floor, token p = 196 + (row//2)*tw + col//2, subpatch s = 2*(row%2) + col%2,
location l = 3*floor(3*fx) + floor(3*fy) (column-major) with fx, fy the position inside the patch.
"""
from __future__ import annotations

import io
import json
import math
import random
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from PIL import Image

from .config import MolmoPointConfig
from .preprocess import CROP, MARGIN, PATCH, STEP_PATCHES, STEP_PX, arange_for_pooling, crop_to_patches

ANSWER_START = ord("<")
PAD_SEGMENT = -2          # segment ids: -1 = BOS + image block, k = question k, -2 = padding
GLOBAL_ROWS = 196
MAX_INSTRUCTION_BYTES = 120


# ----------------------------------------------------------------------------------------------- geometry

@dataclass
class Geometry:
    rows: int
    cols: int

    @property
    def hg(self) -> int:
        return self.rows * STEP_PATCHES + 2 * MARGIN

    @property
    def wg(self) -> int:
        return self.cols * STEP_PATCHES + 2 * MARGIN

    @property
    def th(self) -> int:
        return (self.hg + 1) // 2

    @property
    def tw(self) -> int:
        return (self.wg + 1) // 2

    @property
    def n_rows(self) -> int:
        return GLOBAL_ROWS + self.th * self.tw


def point_target(box: Sequence[float], width: int, height: int, geo: Geometry) -> Tuple[int, int, int]:
    """Box [x1, y1, x2, y2] in image px -> (pooling row p, subpatch s, location l) of its centre."""
    cx, cy = (box[0] + box[2]) / 2.0, (box[1] + box[3]) / 2.0
    gx = min(max(cx / width * geo.wg, 0.0), geo.wg - 1e-6)
    gy = min(max(cy / height * geo.hg, 0.0), geo.hg - 1e-6)
    col, row = int(math.floor(gx)), int(math.floor(gy))
    lx, ly = min(int((gx - col) * 3), 2), min(int((gy - row) * 3), 2)
    p = GLOBAL_ROWS + (row // 2) * geo.tw + col // 2
    return p, 2 * (row % 2) + col % 2, 3 * lx + ly


def decode_point(p: int, s: int, l: int, width: int, height: int, geo: Geometry,
                 cell_factor: float = 0.33) -> Optional[Tuple[float, float]]:
    """(p, s, l) -> image px as the runtime decodes it (spec §5.7); None for a padding slot / global row."""
    if p < GLOBAL_ROWS or p >= geo.n_rows:
        return None
    ty, tx = divmod(p - GLOBAL_ROWS, geo.tw)
    row, col = 2 * ty + s // 2, 2 * tx + s % 2
    if row >= geo.hg or col >= geo.wg:
        return None
    x = (col + (l // 3 + 0.5) * cell_factor) / geo.wg * width
    y = (row + (l % 3 + 0.5) * cell_factor) / geo.hg * height
    return x, y


def inside(point: Optional[Tuple[float, float]], box: Sequence[float]) -> bool:
    return point is not None and box[0] <= point[0] < box[2] and box[1] <= point[1] < box[3]


_LAYOUTS: Dict[tuple, tuple] = {}


def image_layout(geo: Geometry, cfg: MolmoPointConfig):
    """-> (pooling [N, 4], image-token ids) of a tiling: they depend on the tiling only (cached; do not modify)."""
    t = cfg.tokens
    key = (geo.rows, geo.cols, t.low_res_im_start, t.im_low, t.im_end, t.im_start, t.im_patch, t.im_col)
    if key not in _LAYOUTS:
        n = CROP // PATCH
        mapping = np.full((geo.hg, geo.wg), -1, dtype=np.int64)
        for i in range(geo.rows):
            for j in range(geo.cols):
                k = 1 + i * geo.cols + j
                py0, py1 = (0 if i == 0 else MARGIN), (n if i == geo.rows - 1 else n - MARGIN)
                px0, px1 = (0 if j == 0 else MARGIN), (n if j == geo.cols - 1 else n - MARGIN)
                ids = k * n * n + np.arange(n * n).reshape(n, n)
                mapping[i * STEP_PATCHES + py0:i * STEP_PATCHES + py1,
                        j * STEP_PATCHES + px0:j * STEP_PATCHES + px1] = ids[py0:py1, px0:px1]
        pooling = np.concatenate([arange_for_pooling(np.arange(n * n).reshape(n, n)), arange_for_pooling(mapping)])
        tokens = [t.low_res_im_start] + [t.im_low] * GLOBAL_ROWS + [t.im_end, t.im_start]
        for _ in range(geo.th):
            tokens += [t.im_patch] * geo.tw + [t.im_col]
        tokens.append(t.im_end)
        _LAYOUTS[key] = (pooling, tokens)
    return _LAYOUTS[key]


def image_inputs(canvas: np.ndarray, global_crop: np.ndarray, geo: Geometry, cfg: MolmoPointConfig):
    """Canvas + global crop (uint8, already resized) -> (pixel_values u8 [crops,729,588], pooling [N,4],
    image-token ids). Same layout as preprocess.preprocess (which it reproduces exactly from the same pixels)."""
    crops = [global_crop] + [canvas[i * STEP_PX:i * STEP_PX + CROP, j * STEP_PX:j * STEP_PX + CROP]
                             for i in range(geo.rows) for j in range(geo.cols)]
    pooling, tokens = image_layout(geo, cfg)
    return np.stack([crop_to_patches(c) for c in crops]), pooling, list(tokens)


# ----------------------------------------------------------------------------------------------- packed file

class PackedScreens:
    def __init__(self, path: str):
        data = np.load(path)
        self.path = path
        self.blob = data["blob"]
        self.offsets = data["offsets"]
        self.meta = json.loads(bytes(data["meta"]).decode("utf-8"))
        self.screens: List[dict] = self.meta["screens"]
        self.max_crops = self.meta["maxCrops"]

    def __len__(self) -> int:
        return len(self.screens)

    def _jpeg(self, k: int) -> np.ndarray:
        raw = self.blob[self.offsets[k]:self.offsets[k + 1]].tobytes()
        return np.asarray(Image.open(io.BytesIO(raw)).convert("RGB"))

    def images(self, i: int) -> Tuple[np.ndarray, np.ndarray]:
        return self._jpeg(2 * i), self._jpeg(2 * i + 1)


def chance_rates(screens: List[dict]) -> Dict[str, float]:
    """Point-in-box rate of a uniformly random point, and of 'the centre of a random element of the screen'."""
    area, pick = [], []
    for s in screens:
        boxes = [e["box"] for e in s["elements"]]
        for b in boxes:
            area.append((b[2] - b[0]) * (b[3] - b[1]) / (s["width"] * s["height"]))
            centres = [((c[0] + c[2]) / 2, (c[1] + c[3]) / 2) for c in boxes]
            pick.append(sum(inside(c, b) for c in centres) / len(centres))
    return {"uniform_point": float(np.mean(area)), "random_element_centre": float(np.mean(pick))}


# ----------------------------------------------------------------------------------------------- queries

@dataclass
class Query:
    """One segment: prompt ids, fed answer items, and targets at positions relative to the segment start."""
    prompt: List[int]
    answer: List[tuple]                      # ('tok', id) | ('patch', p) | ('nmp',) | ('sub', p, s) | ('loc',)
    lm: List[Tuple[int, int]] = field(default_factory=list)                 # (rel pos, token id)
    patch: List[Tuple[int, int, int, int]] = field(default_factory=list)    # (rel pos, target col, rot row, min p)
    subpatch: List[Tuple[int, int, int]] = field(default_factory=list)      # (rel pos, p, s)
    location: List[Tuple[int, int]] = field(default_factory=list)           # (rel pos, l)
    box: Optional[List[float]] = None       # None = negative
    element: int = -1                       # index of the element in the screen (-1 = negative)
    text: str = ""


def prompt_ids(cfg: MolmoPointConfig, instruction: str) -> List[int]:
    t = cfg.tokens
    text = instruction.encode("utf-8")[:MAX_INSTRUCTION_BYTES]
    return list(t.user_prefix_ids) + list(text) + list(t.user_suffix_ids)


def training_query(cfg: MolmoPointConfig, instruction: str, target: Optional[Tuple[int, int, int]], n_rows: int,
                   box=None, element: int = -1) -> Query:
    t = cfg.tokens
    prompt = prompt_ids(cfg, instruction)
    L = len(prompt)
    if target is None:
        return Query(prompt, [("tok", ANSWER_START), ("nmp",)],
                     lm=[(L - 1, ANSWER_START), (L, t.patch), (L + 1, t.eos)], patch=[(L, n_rows, -1, 0)],
                     box=None, element=element, text=instruction)
    p, s, l = target
    return Query(prompt, [("tok", ANSWER_START), ("patch", p), ("sub", p, s), ("loc",), ("nmp",)],
                 lm=[(L - 1, ANSWER_START), (L, t.patch), (L + 3, t.patch), (L + 4, t.eos)],
                 patch=[(L, p, -1, 0), (L + 3, n_rows, p, p)], subpatch=[(L + 1, p, s)], location=[(L + 2, l)],
                 box=box, element=element, text=instruction)


def sample_queries(cfg: MolmoPointConfig, screen: dict, geo: Geometry, rng: random.Random, k: int,
                   negative_fraction: float) -> List[Query]:
    """K queries: distinct elements (one random instruction each) + negatives (absent things -> NMP)."""
    elements = screen["elements"]
    n_neg = min(len(screen["negatives"]), max(1, round(k * negative_fraction))) if negative_fraction > 0 else 0
    n_pos = min(len(elements), k - n_neg)
    queries = []
    for i in rng.sample(range(len(elements)), n_pos):
        e = elements[i]
        target = point_target(e["box"], screen["width"], screen["height"], geo)
        queries.append(training_query(cfg, rng.choice(e["instructions"]), target, geo.n_rows, e["box"], i))
    for text in rng.sample(screen["negatives"], n_neg):
        queries.append(training_query(cfg, text, None, geo.n_rows))
    # sorted order of points (TRAINING.md): segments are independent here (one point each); shuffle them
    rng.shuffle(queries)
    return queries


# ----------------------------------------------------------------------------------------------- batches

def attention_mask(segment: torch.Tensor, token_type: torch.Tensor, blocked: float = -1e9) -> torch.Tensor:
    """[B,S] segment ids + image-token types -> additive [B,1,S,S] mask, built on the tensors' device.
    allowed(q,k) = (k <= q and (seg[k] == seg[q] or seg[k] == -1)) or (tt[q] and tt[k]): the image block is
    bidirectional (spec §4.3) and every question sees BOS + the image block and itself only. Padding rows see
    the padding before them (no all-blocked row, so no NaN)."""
    s = segment.shape[1]
    idx = torch.arange(s, device=segment.device)
    causal = (idx.view(1, -1) <= idx.view(-1, 1)).unsqueeze(0)
    same = segment.unsqueeze(2) == segment.unsqueeze(1)
    prefix = (segment == -1).unsqueeze(1)
    allowed = (causal & (same | prefix)) | (token_type.unsqueeze(2) & token_type.unsqueeze(1))
    mask = torch.zeros(allowed.shape, device=segment.device)
    return mask.masked_fill_(~allowed, blocked).unsqueeze(1)


@dataclass
class Example:
    pixel_values: Optional[np.ndarray]   # u8 [crops, 729, 588]; None = rendered on the device (nano_views)
    pooling: np.ndarray        # [N, 4]
    image_tokens: List[int]
    queries: List[Query]
    geo: Geometry
    screen: dict


def make_example(cfg: MolmoPointConfig, packed: PackedScreens, i: int, rng: random.Random, k: int,
                 negative_fraction: float) -> Example:
    screen = packed.screens[i]
    geo = Geometry(*screen["tiling"])
    canvas, global_crop = packed.images(i)
    pixel_values, pooling, tokens = image_inputs(canvas, global_crop, geo, cfg)
    return Example(pixel_values, pooling, tokens, sample_queries(cfg, screen, geo, rng, k, negative_fraction),
                   geo, screen)


def collate(cfg: MolmoPointConfig, examples: List[Example]) -> Dict[str, torch.Tensor]:
    """Examples -> one padded batch. Flat indices: image rows and crops are concatenated over the batch."""
    t = cfg.tokens
    image_types = set(t.image_token_types)
    seqs, crop_base, row_base = [], 0, 0
    pixel_values, pooling = [], []
    lm, patch, sub, loc = [], [], [], []
    row_offsets, image_row_pos = [], []
    for b, ex in enumerate(examples):
        ids = [t.bos] + ex.image_tokens
        img_len = len(ids)
        seg = [-1] * img_len
        pos = list(range(img_len))
        feat = [-1] * img_len
        subrow = [-1] * img_len
        is_row = [i for i, x in enumerate(ids) if x in (t.im_low, t.im_patch)]
        n = ex.pooling.shape[0]
        assert len(is_row) == n, (len(is_row), n)
        for r, i in enumerate(is_row):
            feat[i] = row_base + r
        image_row_pos.append(is_row)
        for qi, q in enumerate(ex.queries):
            start = len(ids)
            items = [("tok", x) for x in q.prompt] + q.answer
            for j, item in enumerate(items):
                kind = item[0]
                if kind == "tok":
                    ids.append(item[1]); feat.append(-1); subrow.append(-1)
                elif kind == "patch":
                    ids.append(t.patch); feat.append(row_base + item[1]); subrow.append(-1)
                elif kind == "nmp":
                    ids.append(t.patch); feat.append(-1); subrow.append(-1)
                elif kind == "sub":
                    ids.append(t.subpatch); feat.append(-1); subrow.append((row_base + item[1]) * 4 + item[2])
                elif kind == "loc":
                    ids.append(t.location); feat.append(-1); subrow.append(-1)
                seg.append(qi)
                pos.append(img_len + j)
            lm += [(b, start + r, tok) for r, tok in q.lm]
            patch += [(b, start + r, col, rot, lo, qi) for r, col, rot, lo in q.patch]
            sub += [(b, start + r, row_base + p, s, qi) for r, p, s in q.subpatch]
            loc += [(b, start + r, l, qi) for r, l in q.location]
        seqs.append((ids, seg, pos, feat, subrow, img_len))
        if ex.pixel_values is not None:
            pixel_values.append(ex.pixel_values)
        pool = ex.pooling.copy()
        pool[pool >= 0] += crop_base * 729
        pooling.append(pool)
        row_offsets.append(row_base)
        crop_base += 1 + ex.geo.rows * ex.geo.cols
        row_base += n
    B, S = len(examples), max(len(s[0]) for s in seqs)
    ids_t = torch.full((B, S), t.pad, dtype=torch.long)
    pos_t = torch.zeros((B, S), dtype=torch.long)
    feat_t = torch.full((B, S), -1, dtype=torch.long)
    sub_t = torch.full((B, S), -1, dtype=torch.long)
    seg_t = torch.full((B, S), PAD_SEGMENT, dtype=torch.long)
    tt_t = torch.zeros((B, S), dtype=torch.bool)
    for b, (ids, seg, pos, feat, subrow, img_len) in enumerate(seqs):
        s = len(ids)
        ids_t[b, :s] = torch.tensor(ids)
        pos_t[b, :s] = torch.tensor(pos)
        feat_t[b, :s] = torch.tensor(feat)
        sub_t[b, :s] = torch.tensor(subrow)
        seg_t[b, :s] = torch.tensor(seg)
        tt_t[b, :s] = torch.tensor([x in image_types for x in ids])
    if pixel_values and len(pixel_values) != len(examples):
        raise ValueError("collate: either every example has pixel_values or none (rendered on the device)")
    pv = torch.from_numpy(np.concatenate(pixel_values)) if pixel_values else None
    as_t = lambda rows, width: torch.tensor(rows, dtype=torch.long).view(-1, width)
    return {
        "pixel_values_u8": pv, "pooling": torch.from_numpy(np.concatenate(pooling)),
        "ids": ids_t, "positions": pos_t, "feat_row": feat_t, "sub_row": sub_t, "segment": seg_t, "token_type": tt_t,
        "row_offsets": torch.tensor(row_offsets + [row_base]),
        "image_row_pos": [torch.tensor(r) for r in image_row_pos],
        "lm": as_t(lm, 3), "patch": as_t(patch, 6), "sub": as_t(sub, 5), "loc": as_t(loc, 4),
    }
