"""Self-checks of the MolmoPoint-Nano data path (seconds; no data files needed).

    /usr/bin/python3 -m tools.molmopoint.nano_check

1. `nano_data.image_inputs` from a canvas made by `preprocess.resize_u8` = `preprocess.preprocess` (pixels, pooling,
   image tokens) for several screen sizes and crop budgets.
2. The message-tree mask of a batch with ONE question equals the plain prefill mask (`decoder.prefill_mask`) of the
   same sequence; with two questions, question 2 never sees question 1 and both see the whole image block.
3. Point targets: the decoded point of every target lies in its grid cell, within 1/3 patch of the box centre.
4. Teacher forcing: the model's hidden states for a question are identical whether it is alone in the sequence or
   packed with other questions (same positions, masked from each other).
5. Views (nano_views): on a synthetic master whose elements are solid colour boxes, 400 random views (full, zoom,
   region; 4-6 crops; no jitter): the pixel of every positive's decoded target point in the rendered canvas has its
   element's colour; every derived negative's element lies entirely outside the window; elements that are partly
   inside but under 60 % are neither; positional instructions never become negatives; the device patch layout
   (`render`) equals `nano_data.image_inputs` of the same canvas; jitter keeps the view's geometry.
"""
from __future__ import annotations

import math
import random
import sys

import numpy as np
import torch

from . import nano_data as nd
from .decoder import prefill_mask
from .model import MolmoPoint
from .nano_config import nano
from .preprocess import CROP, STEP_PX, TOTAL_MARGIN_PX, preprocess, resize_u8, select_tiling
from .reference_decode import token_types


def check_inputs(cfg) -> None:
    rng = np.random.default_rng(0)
    for (h, w), crops in [((1080, 1920), 8), ((600, 800), 4), ((1218, 563), 8), ((900, 1440), 2), ((400, 640), 1)]:
        image = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
        ref = preprocess(image, crops, cfg)
        rows, cols = select_tiling(h, w, crops)
        canvas = resize_u8(image, rows * STEP_PX + TOTAL_MARGIN_PX, cols * STEP_PX + TOTAL_MARGIN_PX)
        geo = nd.Geometry(rows, cols)
        pv, pooling, tokens = nd.image_inputs(canvas, resize_u8(image, CROP, CROP), geo, cfg)
        assert np.array_equal(pv, ref.pixel_values_u8) and np.array_equal(pooling, ref.pooling)
        assert tokens == ref.image_tokens and pooling.shape[0] == geo.n_rows
    print("1. image_inputs == preprocess.preprocess (5 sizes)")


def _example(cfg, texts, rng):
    geo = nd.Geometry(1, 2)
    canvas = rng.integers(0, 256, (STEP_PX + TOTAL_MARGIN_PX, 2 * STEP_PX + TOTAL_MARGIN_PX, 3), dtype=np.uint8)
    pv, pooling, tokens = nd.image_inputs(canvas, canvas[:CROP, :CROP], geo, cfg)
    queries = [nd.training_query(cfg, t, None if i % 2 else (300 + 7 * i, i % 4, i % 9), geo.n_rows, [0, 0, 9, 9])
               for i, t in enumerate(texts)]
    return nd.Example(pv, pooling, tokens, queries, geo, {"width": 640, "height": 400})


def check_mask(cfg) -> None:
    rng = np.random.default_rng(1)
    one = nd.collate(cfg, [_example(cfg, ["Save button"], rng)])
    mask = nd.attention_mask(one["segment"], one["token_type"])
    ids = one["ids"][0].numpy()
    tt = torch.from_numpy(token_types(cfg, ids))
    assert torch.equal(mask, prefill_mask(tt)), "one question: mask != prefill mask"
    two = nd.collate(cfg, [_example(cfg, ["Save button", "the Cancel link"], rng)])
    m = nd.attention_mask(two["segment"], two["token_type"])[0, 0] == 0
    seg = two["segment"][0]
    q1, q2 = (seg == 0).nonzero().view(-1), (seg == 1).nonzero().view(-1)
    image = (seg == -1).nonzero().view(-1)
    assert not m[q2][:, q1].any() and not m[q1][:, q2].any()
    assert m[q1][:, image].all() and m[q2][:, image].all()
    assert torch.equal(two["positions"][0, q1[:5]], two["positions"][0, q2[:5]])
    print("2. message-tree mask: 1 question == prefill mask; 2 questions isolated, both see the image block")


def check_targets() -> None:
    rng = random.Random(0)
    worst = 0.0
    for _ in range(2000):
        rows, cols = rng.randint(1, 5), rng.randint(1, 8)
        geo = nd.Geometry(rows, cols)
        w, h = rng.randint(300, 4000), rng.randint(300, 3000)
        x1, y1 = rng.uniform(0, w - 2), rng.uniform(0, h - 2)
        box = [x1, y1, rng.uniform(x1 + 1, w), rng.uniform(y1 + 1, h)]
        p, s, l = nd.point_target(box, w, h, geo)
        x, y = nd.decode_point(p, s, l, w, h, geo)
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        worst = max(worst, abs(x - cx) / (w / geo.wg), abs(y - cy) / (h / geo.hg))
    assert worst <= 1 / 3 + 1e-6, worst
    print(f"3. targets: decoded point within {worst:.3f} patch of the box centre (<= 1/3)")


def check_packing_invariance(cfg) -> None:
    from .train import forward, init_weights
    torch.manual_seed(0)
    model = MolmoPoint(cfg)
    init_weights(model, 0)
    model.eval()
    rng = np.random.default_rng(2)
    ex = _example(cfg, ["Save button", "the Cancel link", "Open settings"], rng)
    both = nd.collate(cfg, [ex])
    alone_ex = nd.Example(ex.pixel_values, ex.pooling, ex.image_tokens, [ex.queries[2]], ex.geo, ex.screen)
    alone = nd.collate(cfg, [alone_ex])
    with torch.no_grad():
        h_both, _ = forward(model, both, torch.device("cpu"))
        h_alone, _ = forward(model, alone, torch.device("cpu"))
    seg = both["segment"][0]
    a = h_both[0, seg == 2]
    b = h_alone[0, alone["segment"][0] == 0]
    err = float((a - b).abs().max())
    assert err < 1e-4, err
    print(f"4. a question packed with others == the question alone (max |diff| {err:.1e})")


def _colour_screen(rng: random.Random):
    """A native 1800x1000 screen at master scale 0.8 with 24 non-overlapping solid boxes of distinct colours."""
    w, h, scale = 1800, 1000, 0.8
    mw, mh = round(w * scale), round(h * scale)
    master = np.zeros((mh, mw, 3), dtype=np.uint8)
    elements, taken = [], []
    while len(elements) < 24:
        bw, bh = rng.uniform(120, 320), rng.uniform(90, 200)
        x1, y1 = rng.uniform(0, w - bw), rng.uniform(0, h - bh)
        box = [x1, y1, x1 + bw, y1 + bh]
        if any(box[0] < t[2] + 8 and t[0] < box[2] + 8 and box[1] < t[3] + 8 and t[1] < box[3] + 8 for t in taken):
            continue
        taken.append(box)
        k = len(elements)
        colour = (40 + 9 * k, 255 - 9 * k, (97 * k) % 256)
        master[math.ceil(box[1] * scale):int(box[3] * scale), math.ceil(box[0] * scale):int(box[2] * scale)] = colour
        elements.append({"box": box, "role": "button", "text": f"item {k}", "label": "",
                         "instructions": [f"item {k} button", f"the item {k} button at the top left"],
                         "colour": colour})
    screen = {"id": "colours", "width": w, "height": h, "masterWidth": mw, "masterHeight": mh, "scale": mw / w,
              "elements": elements, "negatives": ["the Quit button"]}
    return screen, master


def check_views(cfg) -> None:
    from . import nano_views as nv
    rng = random.Random(5)
    screen, master = _colour_screen(rng)
    master_t = torch.from_numpy(master)
    positives = negatives = dropped = 0
    kinds = {}
    for trial in range(400):
        view = nv.sample_view(screen, 0, rng, crops=(4, 5, 6), jitter=False)
        kinds[view.kind] = kinds.get(view.kind, 0) + 1
        seen = nv.view_screen(screen, view, rng)
        canvas, global_crop = nv.render_view(master_t, view)
        ch, cw = nv.canvas_size(view.geo)
        assert tuple(canvas.shape) == (ch, cw, 3) and tuple(global_crop.shape) == (CROP, CROP, 3)
        x0, y0, x1, y1 = view.window
        assert (seen["width"], seen["height"]) == (x1 - x0, y1 - y0) or view.kind == "full"
        width, height = seen["width"], seen["height"]
        if view.kind == "full":
            width, height = screen["width"], screen["height"]
        for e in seen["elements"]:
            p, s, l = nd.point_target(e["box"], width, height, view.geo)
            x, y = nd.decode_point(p, s, l, width, height, view.geo)
            assert nd.inside((x, y), e["box"]), (e["box"], x, y)
            px = canvas[int(y / height * ch), int(x / width * cw)].tolist()
            assert px == list(e["colour"]), (view, e["text"], px, e["colour"])
            positives += 1
        visible = {e["text"] for e in seen["elements"]}
        derived = seen["negatives"][1:] if view.kind != "full" else []
        for text in derived:
            assert "top left" not in text, text
            e = next(e for e in screen["elements"] if text in e["instructions"])
            b = [v * screen["scale"] for v in e["box"]]
            assert b[2] <= x0 or b[0] >= x1 or b[3] <= y0 or b[1] >= y1, (text, b, view.window)
            negatives += 1
        if view.kind != "full":
            for e in screen["elements"]:
                b = [v * screen["scale"] for v in e["box"]]
                inter = max(0, min(b[2], x1) - max(b[0], x0)) * max(0, min(b[3], y1) - max(b[1], y0))
                if 0 < inter < nv.MIN_VISIBLE * (b[2] - b[0]) * (b[3] - b[1]):
                    assert e["text"] not in visible and not any(t in derived for t in e["instructions"])
                    dropped += 1
        if trial < 20:   # device patch layout == the reference layout of the same canvas
            ref, _, _ = nd.image_inputs(canvas.numpy(), global_crop.numpy(), view.geo, cfg)
            assert np.array_equal(nv.render([master_t], [view]).numpy(), ref)
            jittered = nv.View(view.screen, view.window, view.geo, view.kind, (1.1, 0.9, 5.0, 1.02, 0.98, 1.0))
            assert nv.render([master_t], [jittered]).shape == ref.shape
    assert positives > 1000 and negatives > 100 and dropped > 50, (positives, negatives, dropped)
    print(f"5. views {kinds}: {positives} positive targets on their element's colour, {negatives} derived negatives "
          f"outside the window, {dropped} partly cut elements dropped")


def main() -> int:
    torch.set_num_threads(2)
    cfg = nano(vit_width=64, vit_layers=2, vit_mlp=128, vit_head_dim=32, feature_blocks=(-1, -2), dec_hidden=64,
               dec_layers=2, dec_head_dim=16,
               dec_mlp=128, connector_hidden=64, point_dim=32)
    check_inputs(cfg)
    check_mask(cfg)
    check_targets()
    check_packing_invariance(cfg)
    check_views(cfg)
    print("all nano checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
