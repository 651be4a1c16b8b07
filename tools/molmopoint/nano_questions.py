"""Per-question PyTorch validation emulation (train.evaluate's decode, one screen at a time), written as JSONL so
the TS runtime can be run on exactly the same questions and compared token by token.

  /usr/bin/python3 -m tools.molmopoint.nano_questions --model M.pt --val VAL.npz --synth SYNTH --source packed|exact --out F
"""
import argparse
import json
import os
import random
import time

import numpy as np
import torch
from PIL import Image

from tools.molmopoint import nano_data as nd
from tools.molmopoint import train as tr
from tools.molmopoint.export import load_trained
from tools.molmopoint.preprocess import preprocess


def run_one(model, cfg, ex):
    vision_batch = nd.collate(cfg, [ex])
    vision = tr.encode(model, vision_batch, "cpu")
    truth = ex.queries
    ex.queries = [tr._probe(cfg, q.text, [("tok", nd.ANSWER_START)], ex.geo.n_rows, "patch", 0) for q in truth]
    batch = nd.collate(cfg, [ex])
    hidden, _ = tr.forward(model, batch, "cpu", vision)
    out = tr.heads(model, batch, hidden, vision, "cpu")
    patch_pred = out["patch_pred"].tolist()
    lm_pred = out["lm_pred"].view(-1, 2).tolist()
    chosen = [p if p != ex.geo.n_rows else None for p in patch_pred]
    picks = {}
    for step in ("sub", "loc"):
        ex.queries, keys = [], []
        for k, q in enumerate(truth):
            p = chosen[k]
            if p is None:
                continue
            answer = [("tok", nd.ANSWER_START), ("patch", p)]
            if step == "loc":
                answer.append(("sub", p, picks[k]))
            ex.queries.append(tr._probe(cfg, q.text, answer, ex.geo.n_rows, step, 0, p))
            keys.append(k)
        if not keys:
            break
        batch = nd.collate(cfg, [ex])
        hidden, _ = tr.forward(model, batch, "cpu", vision)
        out = tr.heads(model, batch, hidden, vision, "cpu")
        pred = out["sub_pred" if step == "sub" else "loc_pred"].tolist()
        for j, k in enumerate(keys):
            picks[k] = pred[j] if step == "sub" else (picks[k], pred[j])
    rows = []
    for k, q in enumerate(truth):
        p = chosen[k]
        record = {"instruction": q.text, "box": q.box, "lm": lm_pred[k], "nmpIndex": ex.geo.n_rows,
                  "patch": p, "subpatch": None, "location": None, "point": None}
        if p is not None and isinstance(picks.get(k), tuple):
            s, l = picks[k]
            record.update(subpatch=s, location=l,
                          point=nd.decode_point(p, s, l, ex.screen["width"], ex.screen["height"], ex.geo))
        if q.box is not None:
            record["hit"] = nd.inside(record["point"], q.box)
        rows.append(record)
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--val", required=True)
    ap.add_argument("--synth", required=True)
    ap.add_argument("--source", choices=["packed", "exact"], default="packed")
    ap.add_argument("--images", type=int, default=40)
    ap.add_argument("--queries", type=int, default=12)
    ap.add_argument("--out", required=True)
    ap.add_argument("--questions-only", action="store_true", help="write the questions (screen, instruction, box) only")
    args = ap.parse_args()
    torch.set_num_threads(2)
    model = load_trained(args.model)
    cfg = model.cfg
    packed = nd.PackedScreens(args.val)
    hit = pos = neg = nmp = 0
    started = time.time()
    with open(args.out, "w") as f, torch.no_grad():
        for i in range(min(args.images, len(packed))):
            rng = random.Random(1000 + i)   # train.evaluate's questions
            ex = nd.make_example(cfg, packed, i, rng, args.queries, 0.25)
            if args.source == "exact":
                image = np.asarray(Image.open(os.path.join(args.synth, "images", ex.screen["id"] + ".jpg")).convert("RGB"))
                pre = preprocess(image, packed.max_crops, cfg)
                assert pre.tiling == (ex.geo.rows, ex.geo.cols)
                ex.pixel_values, ex.pooling, ex.image_tokens = pre.pixel_values_u8, pre.pooling, pre.image_tokens
            if args.questions_only:
                for q in ex.queries:
                    f.write(json.dumps({"screen": ex.screen["id"], "instruction": q.text, "box": q.box}) + "\n")
                continue
            for record in run_one(model, cfg, ex):
                record["screen"] = ex.screen["id"]
                f.write(json.dumps(record) + "\n")
                if record["box"] is None:
                    neg += 1
                    nmp += record["patch"] is None
                else:
                    pos += 1
                    hit += record["hit"]
            print(f"{i + 1} screens: point in box {hit}/{pos}, NMP on negatives {nmp}/{neg} "
                  f"({time.time() - started:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
