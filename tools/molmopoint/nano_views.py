"""Training views of packed master screens (nano_parts): the whole screen or a sub-region, at a crop budget, with
the boxes, targets and negatives the view implies, rendered on the training device.

Inference sees two kinds of image, and training draws both:
* the first pass: the whole screenshot at the package's crop budget (`full`);
* zoom refine (src/agent/zoom-refine.ts): a 768-px window of the native screenshot around the first point,
  clamped to the screen (`windowAround`), at the same crop budget (`zoom`: the window is centred on a random
  element's centre moved by the first pass's error, N(0, size/6) px, so the target may be cut off or absent);
* plus random sub-regions (`region`, 40-100 % of each side) that multiply the data with new scales and offsets.

What a cut does to an element (boxes in master px, clipped to the window):
* at least MIN_VISIBLE (60 %) of its area inside: a positive, aimed at the centre of its visible part (a click
  there lands on the element);
* entirely outside: its non-positional instructions may serve as negatives (answer: no-more-points), unless a
  visible element shows the same text or label (then the instruction could name that one);
* partly inside but under 60 %: dropped (neither: its text may be cut, and pointing at a sliver is no answer).
Positional instructions ("... at the top left", "... in the middle of the screen") describe the whole screen: they
stay positives when their element is visible (zoom refine asks the same instruction on the crop) but never become
negatives. The screen's own negatives (things on no part of the screen) stay negatives in every view.

Pixels: the window of the master is resized with the runtime's filter (bilinear, no antialias, rounded to uint8)
to the tiling's canvas and to the 378 x 378 global crop, on the device (GPU), then mild photometric jitter
(saturation, contrast, brightness, channel gains; the same for canvas and global crop), then cut into patch
vectors exactly as `nano_data.image_inputs` does. A view's canvas is at most MAX_UPSCALE x the master's pixels:
windows that would need more are grown.
"""
from __future__ import annotations

import io
import json
import math
import random
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from . import nano_data as nd
from .preprocess import CROP, PATCH, STEP_PX, TOTAL_MARGIN_PX, select_tiling

ZOOM_CROP = 768          # ZOOM_REFINE_DEFAULTS.cropSize (src/agent/zoom-refine.ts)
MIN_VISIBLE = 0.6
MAX_UPSCALE = 1.5
POSITIONAL = re.compile(r"(in the middle of the screen|on the (left|right)|at the (top|bottom)( (left|right))?)$")


# ----------------------------------------------------------------------------------------------- files

class MasterScreens:
    """One or more nano_parts files as one list of screens; `decode(i)` -> master uint8 [h, w, 3]."""

    def __init__(self, paths: Sequence[str]):
        self.paths = list(paths)
        self.screens: List[dict] = []
        self._where: List[Tuple[int, int]] = []
        self._blobs, self._offsets = [], []
        for k, path in enumerate(self.paths):
            data = np.load(path)
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            if meta.get("kind") != "masters":
                raise ValueError(f"{path} is not a nano_parts file (kind {meta.get('kind')!r}); "
                                 f"pack it with tools.molmopoint.nano_parts")
            self._blobs.append(data["blob"])
            self._offsets.append(data["offsets"])
            for i, screen in enumerate(meta["screens"]):
                screen["scale"] = screen["masterWidth"] / screen["width"]
                self.screens.append(screen)
                self._where.append((k, i))

    def __len__(self) -> int:
        return len(self.screens)

    def encoded(self, i: int) -> bytes:
        k, j = self._where[i]
        return self._blobs[k][self._offsets[k][j]:self._offsets[k][j + 1]].tobytes()

    def decode(self, i: int) -> np.ndarray:
        return np.array(Image.open(io.BytesIO(self.encoded(i))).convert("RGB"))  # writable: torch.from_numpy

    def decode_all(self, device, threads: int = 8) -> List[torch.Tensor]:
        """Every master as a uint8 [h, w, 3] tensor on `device` (decoded once; PIL releases the GIL)."""
        with ThreadPoolExecutor(max(1, threads)) as pool:
            return [torch.from_numpy(a).to(device) for a in pool.map(self.decode, range(len(self)))]


def is_masters(path: str) -> bool:
    # the head of the JSON first (nano_parts.write_part puts "kind" second): parsing a part's whole metadata
    # (~10 MB) takes ~1 s, and MasterScreens parses it again right after; a file whose head lacks "kind" is parsed
    meta = np.load(path)["meta"]
    head = bytes(meta[:64])
    if b'"kind"' in head:
        return b'"kind": "masters"' in head
    return json.loads(bytes(meta).decode("utf-8")).get("kind") == "masters"


# ----------------------------------------------------------------------------------------------- views

@dataclass
class View:
    screen: int
    window: Tuple[int, int, int, int]      # master px, x0, y0, x1, y1 (exclusive)
    geo: nd.Geometry
    kind: str                              # full | zoom | region
    jitter: Optional[Tuple[float, float, float, float, float, float]] = None  # sat, contrast, bright, gains


def canvas_size(geo: nd.Geometry) -> Tuple[int, int]:
    return geo.rows * STEP_PX + TOTAL_MARGIN_PX, geo.cols * STEP_PX + TOTAL_MARGIN_PX


def tiling_of(screen: dict, window, max_crops: int) -> nd.Geometry:
    """The tiling the runtime picks for this window: select_tiling on its size in NATIVE px."""
    x0, y0, x1, y1 = window
    if (x0, y0, x1, y1) == (0, 0, screen["masterWidth"], screen["masterHeight"]):
        h, w = screen["height"], screen["width"]
    else:
        h, w = round((y1 - y0) / screen["scale"]), round((x1 - x0) / screen["scale"])
    return nd.Geometry(*select_tiling(h, w, max_crops))


def _clamp_window(cx: float, cy: float, w: int, h: int, mw: int, mh: int):
    w, h = min(w, mw), min(h, mh)
    x0 = min(max(int(round(cx - w / 2)), 0), mw - w)
    y0 = min(max(int(round(cy - h / 2)), 0), mh - h)
    return x0, y0, x0 + w, y0 + h


def sample_view(screen: dict, index: int, rng: random.Random, crops: Sequence[int], p_full: float = 0.5,
                p_zoom: float = 0.3, jitter: bool = True) -> View:
    mw, mh, s = screen["masterWidth"], screen["masterHeight"], screen["scale"]
    max_crops = rng.choice(list(crops))
    u = rng.random()
    elements = screen["elements"]
    window, kind = (0, 0, mw, mh), "full"
    if u >= p_full and elements:
        if u < p_full + p_zoom:
            kind = "zoom"
            size = ZOOM_CROP if rng.random() < 0.5 else rng.uniform(512, 1280)   # native px
            box = rng.choice(elements)["box"]
            cx = ((box[0] + box[2]) / 2 + rng.gauss(0, size / 6)) * s
            cy = ((box[1] + box[3]) / 2 + rng.gauss(0, size / 6)) * s
            window = _clamp_window(cx, cy, int(round(size * s)), int(round(size * s)), mw, mh)
        else:
            kind = "region"
            w, h = int(round(mw * rng.uniform(0.4, 1.0))), int(round(mh * rng.uniform(0.4, 1.0)))
            window = _clamp_window(rng.uniform(w / 2, mw - w / 2), rng.uniform(h / 2, mh - h / 2), w, h, mw, mh)
        for _ in range(3):   # grow a window whose canvas would upscale the master more than MAX_UPSCALE
            geo = tiling_of(screen, window, max_crops)
            ch, cw = canvas_size(geo)
            x0, y0, x1, y1 = window
            need_w, need_h = math.ceil(cw / MAX_UPSCALE), math.ceil(ch / MAX_UPSCALE)
            if x1 - x0 >= min(need_w, mw) and y1 - y0 >= min(need_h, mh):
                break
            window = _clamp_window((x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, need_w), max(y1 - y0, need_h), mw, mh)
    geo = tiling_of(screen, window, max_crops)
    params = None
    if jitter:
        params = (rng.uniform(0.8, 1.2), rng.uniform(0.85, 1.15), rng.uniform(-16, 16),
                  rng.uniform(0.95, 1.05), rng.uniform(0.95, 1.05), rng.uniform(0.95, 1.05))
    return View(index, window, geo, kind, params)


def full_view(screen: dict, index: int, max_crops: int) -> View:
    window = (0, 0, screen["masterWidth"], screen["masterHeight"])
    return View(index, window, tiling_of(screen, window, max_crops), "full")


def view_screen(screen: dict, view: View, rng: random.Random) -> dict:
    """The screen as the view sees it: size and boxes in window px (master scale), the visible elements
    (>= MIN_VISIBLE of their area, boxes clipped), and negatives: the screen's + those of elements cut away."""
    x0, y0, x1, y1 = view.window
    s = screen["scale"]
    if view.kind == "full":
        return {**screen, "tiling": [view.geo.rows, view.geo.cols]}
    visible, outside = [], []
    for e in screen["elements"]:
        b = [v * s for v in e["box"]]
        cut = [max(b[0], x0), max(b[1], y0), min(b[2], x1), min(b[3], y1)]
        area = max(b[2] - b[0], 1e-6) * max(b[3] - b[1], 1e-6)
        inter = max(0.0, cut[2] - cut[0]) * max(0.0, cut[3] - cut[1])
        if inter >= MIN_VISIBLE * area and inter > 0:
            visible.append({**e, "box": [cut[0] - x0, cut[1] - y0, cut[2] - x0, cut[3] - y0]})
        elif inter <= 0:
            outside.append(e)
    shown = {v.strip().lower() for e in visible for v in (e.get("text", ""), e.get("label", "")) if v.strip()}
    derived = []
    for e in outside:
        if {v.strip().lower() for v in (e.get("text", ""), e.get("label", "")) if v.strip()} & shown:
            continue
        options = [t for t in e["instructions"] if not POSITIONAL.search(t)]
        if options:
            derived.append(rng.choice(options))
    return {"id": screen["id"], "width": x1 - x0, "height": y1 - y0, "tiling": [view.geo.rows, view.geo.cols],
            "elements": visible, "negatives": list(screen["negatives"]) + derived, "derivedNegatives": len(derived)}


def view_example(cfg, screen: dict, view: View, rng: random.Random, k: int, negative_fraction: float) -> nd.Example:
    """An Example without pixels (`render` makes them on the device): queries, pooling, image tokens."""
    seen = view_screen(screen, view, rng)
    pooling, tokens = nd.image_layout(view.geo, cfg)
    queries = nd.sample_queries(cfg, seen, view.geo, rng, k, negative_fraction)
    return nd.Example(None, pooling, tokens, queries, view.geo, seen)


# ----------------------------------------------------------------------------------------------- pixels

def render_view(master: torch.Tensor, view: View) -> Tuple[torch.Tensor, torch.Tensor]:
    """master uint8 [h, w, 3] (any device) -> (canvas uint8 [CH, CW, 3], global crop uint8 [378, 378, 3])."""
    x0, y0, x1, y1 = view.window
    region = master[y0:y1, x0:x1].permute(2, 0, 1).unsqueeze(0).float()
    ch, cw = canvas_size(view.geo)
    out = []
    for size in ((ch, cw), (CROP, CROP)):
        same = tuple(region.shape[2:]) == size
        out.append(region if same else F.interpolate(region, size=size, mode="bilinear", align_corners=False))
    canvas, global_crop = out
    if view.jitter is not None:
        sat, contrast, bright, *gains = view.jitter
        weights = torch.tensor([0.299, 0.587, 0.114], device=region.device).view(1, 3, 1, 1)
        gain = torch.tensor(gains, device=region.device).view(1, 3, 1, 1)
        mean = global_crop.mean()
        jittered = []
        for x in (canvas.round(), global_crop.round()):   # the resize's uint8 first, as the runtime has it
            gray = (x * weights).sum(1, keepdim=True)
            x = gray + (x - gray) * sat
            x = (x - mean) * contrast + mean + bright
            jittered.append(x * gain)
        canvas, global_crop = jittered
    to_u8 = lambda x: x.round().clamp(0, 255).to(torch.uint8)[0].permute(1, 2, 0)
    return to_u8(canvas), to_u8(global_crop)


def to_patches(canvas: torch.Tensor, global_crop: torch.Tensor, geo: nd.Geometry) -> torch.Tensor:
    """-> uint8 [1 + rows*cols, 729, 588], the layout of nano_data.image_inputs (global crop first)."""
    crops = [global_crop] + [canvas[i * STEP_PX:i * STEP_PX + CROP, j * STEP_PX:j * STEP_PX + CROP]
                             for i in range(geo.rows) for j in range(geo.cols)]
    n = CROP // PATCH
    x = torch.stack(crops).reshape(len(crops), n, PATCH, n, PATCH, 3).permute(0, 1, 3, 2, 4, 5)
    return x.reshape(len(crops), n * n, PATCH * PATCH * 3)


def render(masters: List[torch.Tensor], views: List[View]) -> torch.Tensor:
    """The pixel_values of a batch of views (concatenated crops, in order), on the masters' device."""
    return torch.cat([to_patches(*render_view(masters[v.screen], v), v.geo) for v in views])


class FullViews:
    """A MasterScreens as nano_data.PackedScreens at one crop budget (whole screens, no jitter): what
    `train.evaluate` and `nano_data.make_example` read. Pixels rendered on the CPU from the master."""

    def __init__(self, masters: MasterScreens, max_crops: int):
        self.masters, self.max_crops = masters, max_crops
        self.views = [full_view(s, i, max_crops) for i, s in enumerate(masters.screens)]
        self.screens = [{**s, "tiling": [v.geo.rows, v.geo.cols]} for s, v in zip(masters.screens, self.views)]

    def __len__(self) -> int:
        return len(self.screens)

    def images(self, i: int):
        canvas, global_crop = render_view(torch.from_numpy(self.masters.decode(i)), self.views[i])
        return canvas.numpy(), global_crop.numpy()
