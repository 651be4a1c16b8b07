"""Self-checks of the MolmoPoint-Nano data path (seconds; no data files needed).

    /usr/bin/python3 -m tools.molmopoint.nano_check

1. `nano_data.image_inputs` from a canvas made by `preprocess.resize_u8` = `preprocess.preprocess` (pixels, pooling,
   image tokens) for several screen sizes and crop budgets.
2. The message-tree mask of a batch with ONE question equals the plain prefill mask (`decoder.prefill_mask`) of the
   same sequence; with two questions, question 2 never sees question 1 and both see the whole image block.
3. Point targets: the decoded point of every target lies in its grid cell, within 1/3 patch of the box centre.
4. Teacher forcing: the model's hidden states for a question are identical whether it is alone in the sequence or
   packed with other questions (same positions, masked from each other).
"""
from __future__ import annotations

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


def main() -> int:
    torch.set_num_threads(2)
    cfg = nano(vit_width=64, vit_layers=2, vit_mlp=128, vit_head_dim=32, feature_blocks=(-1, -2), dec_hidden=64,
               dec_layers=2, dec_head_dim=16,
               dec_mlp=128, connector_hidden=64, point_dim=32)
    check_inputs(cfg)
    check_mask(cfg)
    check_targets()
    check_packing_invariance(cfg)
    print("all nano checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
