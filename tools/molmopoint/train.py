"""Train MolmoPoint-Nano from scratch on packed synthetic GUI screens (nano_parts masters, or nano_pack canvases).

    nice -n 10 /usr/bin/python3 -m tools.molmopoint.train --train data/nano/train-c2.npz --val data/nano/val-c2.npz \
        --out checkpoints/nano/smoke --preset v192x4-d256x4 --steps 300 [--resume] [--export DIR]

Everything of TRAINING.md's recipe that applies to one point per question: message-tree batches (one image
encoding, K questions as independent segments), teacher forcing of PATCH/SUBPATCH inputs, losses = LM CE on the
answer's text tokens + patch CE over the image-token scores with the no-more-points column + subpatch CE (4) +
location CE (9), all summed and divided by the number of LM targets; negatives train the NMP answer; the second
PATCH after a point is masked below the chosen patch (sorted order) and must answer NMP; three LR groups (ViT,
pointing = connector + point head + SUBPATCH embedding, LLM) with a separate grad-norm clip for the pointing group;
AdamW, linear warmup + cosine; bf16 autocast (CPU or CUDA); checkpoints every K steps + `--resume`; validation
(inference emulation: argmax patch -> fed back -> subpatch -> fed back -> location -> pixel; point inside the box;
NMP rate on negatives) every K steps into `<out>/log.jsonl`.

Runs unchanged on a CUDA machine (`--device auto` picks cuda; `--time-budget` stops training in time to validate,
save and export). See tools/TRAINING-NANO.md.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import signal
import sys
import time
from typing import Dict, List, Optional

import numpy as np
import torch
import torch.nn.functional as F

from . import nano_data as nd
from . import nano_views as nv
from .export import export_package, load_trained, save_trained
from .model import MolmoPoint
from .nano_config import CANDIDATES, nano_preset
from .vision import gather_pooled

MASKED = -1e8


# ----------------------------------------------------------------------------------------------- model

def init_weights(model: MolmoPoint, seed: int) -> None:
    """From-scratch initialisation (the module defaults leave embeddings, LM head and NMP key at zero)."""
    torch.manual_seed(seed)
    std = 0.02
    torch.nn.init.normal_(model.decoder.embed_tokens, std=std)
    torch.nn.init.normal_(model.decoder.lm_head, std=std)
    torch.nn.init.normal_(model.vit.positional_embedding, std=std)
    torch.nn.init.normal_(model.point_head.no_point_key, std=std)
    for name, module in model.named_modules():
        if isinstance(module, torch.nn.Linear):
            torch.nn.init.normal_(module.weight, std=std)
            if module.bias is not None:
                torch.nn.init.zeros_(module.bias)
    # residual output projections scaled down (GPT-2 style) for a stable start
    for block in model.vit.blocks:
        block.attention.o.weight.data.mul_(1 / math.sqrt(2 * len(model.vit.blocks)))
        block.fc2.weight.data.mul_(1 / math.sqrt(2 * len(model.vit.blocks)))
    for layer in model.decoder.layers:
        layer.self_attn.o_proj.weight.data.mul_(1 / math.sqrt(2 * len(model.decoder.layers)))
        layer.down.weight.data.mul_(1 / math.sqrt(2 * len(model.decoder.layers)))


def param_groups(model: MolmoPoint, lr: float, lr_vit: float, lr_point: float, wd: float):
    groups = {"vit": [], "point": [], "llm": []}
    for name, p in model.named_parameters():
        group = "vit" if name.startswith("vit.") else (
            "point" if name.startswith(("connector.", "point_head.", "build_vit_embedding.")) else "llm")
        groups[group].append((name, p))
    out = []
    for group, items in groups.items():
        decay = [p for n, p in items if p.ndim == 2 and "embed" not in n and "positional" not in n]
        no_decay = [p for n, p in items if not (p.ndim == 2 and "embed" not in n and "positional" not in n)]
        base = {"vit": lr_vit, "point": lr_point, "llm": lr}[group]
        out.append({"params": decay, "weight_decay": wd, "base_lr": base, "group": group})
        out.append({"params": no_decay, "weight_decay": 0.0, "base_lr": base, "group": group})
    return out


def lr_factor(step: int, warmup: int, total: int, floor: float = 0.1, time_progress: float = 0.0) -> float:
    """Linear warmup, then cosine to `floor`; progress = the larger of step progress and time progress
    (with --time-budget the schedule ends when the budget does)."""
    if step < warmup:
        return (step + 1) / warmup
    progress = min(1.0, max((step - warmup) / max(1, total - warmup), time_progress))
    return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress))


# ----------------------------------------------------------------------------------------------- forward

def encode(model: MolmoPoint, batch, device):
    pv = batch["pixel_values_u8"].to(device, non_blocking=True)
    pv = (pv.float() / 255.0 - 0.5) / 0.5
    pooling = batch["pooling"].to(device)
    vit = model.vit(pv)
    gathered, valid = gather_pooled(vit, pooling)
    return model.connector(gathered, valid), gathered, valid


def forward(model: MolmoPoint, batch, device, vision=None):
    """-> hidden_pre [B,S,D], (image_features, G, valid)."""
    feats, gathered, valid = vision if vision is not None else encode(model, batch, device)
    ids = batch["ids"].to(device)
    emb = model.decoder.embed(ids)
    feat_row = batch["feat_row"].to(device)
    has = feat_row >= 0
    add = torch.zeros_like(emb)
    add[has] = feats[feat_row[has]].to(add.dtype)
    emb = emb + add
    sub_row = batch["sub_row"].to(device)
    sub = sub_row >= 0
    if bool(sub.any()):
        flat = gathered.reshape(-1, gathered.shape[-1])
        rep = torch.zeros_like(emb)
        rep[sub] = model.build_vit_embedding(flat[sub_row[sub]]).to(rep.dtype)
        if model.cfg.point.subpatch_embedding == "add":
            rep = rep + emb
        emb = torch.where(sub.unsqueeze(-1), rep, emb)
    mask = nd.attention_mask(batch["segment"].to(device), batch["token_type"].to(device))
    _, hidden, _, _ = model.decoder(emb, mask, batch["positions"].to(device), None)
    return hidden, (feats, gathered, valid)


def heads(model: MolmoPoint, batch, hidden, vision, device, nmp_weights=(1.0, 1.0)) -> Dict[str, torch.Tensor]:
    """Logit-level outputs at every target entry: losses (summed) and argmax predictions.
    nmp_weights = (closing, negative): loss weights of the patch entries whose target is no-more-points, the
    closing PATCH after a point and the answer of a negative (every other entry weighs 1)."""
    _, gathered, valid = vision
    head = model.point_head
    out: Dict[str, torch.Tensor] = {}
    lm = batch["lm"].to(device)
    if len(lm):
        logits = model.decoder.lm_logits(hidden[lm[:, 0], lm[:, 1]]).float()
        out["lm_loss"] = F.cross_entropy(logits, lm[:, 2], reduction="sum")
        out["lm_pred"] = logits.argmax(-1)
        out["lm_n"] = torch.tensor(len(lm))
    patch = batch["patch"].to(device)
    losses, preds, nmp_col = [], torch.zeros(len(patch), dtype=torch.long, device=device), \
        torch.zeros(len(patch), dtype=torch.long, device=device)
    image_preds = torch.zeros(len(patch), dtype=torch.long, device=device)   # argmax without the NMP column
    offsets = batch["row_offsets"]
    for b in range(len(batch["image_row_pos"])):
        sel = (patch[:, 0] == b).nonzero().view(-1)
        if len(sel) == 0:
            continue
        n = int(offsets[b + 1] - offsets[b])
        rows = batch["image_row_pos"][b].to(device)
        image_pos = torch.arange(n, device=device) - nd.GLOBAL_ROWS
        image_pos[:nd.GLOBAL_ROWS] = -1
        keys = head.patch_keys(hidden[b, rows], image_pos)
        key_mask = torch.ones(n + 1, dtype=torch.bool, device=device)
        key_mask[:nd.GLOBAL_ROWS] = False
        entries = patch[sel]
        rot = torch.where(entries[:, 3] >= 0, entries[:, 3] - nd.GLOBAL_ROWS, torch.zeros_like(entries[:, 3]))
        scores = head.patch_scores(hidden[b, entries[:, 1]], rot, keys, key_mask).float()
        cols = torch.arange(n + 1, device=device).view(1, -1)
        order = (cols < entries[:, 4].view(-1, 1)) & (cols < n)
        scores = scores.masked_fill(order, MASKED)
        closing, negative = nmp_weights
        weight = torch.where(entries[:, 3] >= 0, torch.full_like(scores[:, 0], closing),
                             torch.where(entries[:, 2] == n, torch.full_like(scores[:, 0], negative),
                                         torch.ones_like(scores[:, 0])))
        losses.append((F.cross_entropy(scores, entries[:, 2], reduction="none") * weight).sum())
        preds[sel] = scores.argmax(-1)
        image_preds[sel] = scores[:, :n].argmax(-1)
        nmp_col[sel] = n
    if len(patch):
        out["patch_loss"] = torch.stack(losses).sum()
        out["patch_pred"], out["patch_nmp_col"], out["patch_image_pred"] = preds, nmp_col, image_preds
    sub = batch["sub"].to(device)
    if len(sub):
        rows = sub[:, 2]
        keys = head.subpatch_keys(gathered[rows])
        scores = head.subpatch_scores(hidden[sub[:, 0], sub[:, 1]], keys, valid[rows]).float()
        out["sub_loss"] = F.cross_entropy(scores, sub[:, 3], reduction="sum")
        out["sub_pred"] = scores.argmax(-1)
    loc = batch["loc"].to(device)
    if len(loc):
        scores = head.location_scores(hidden[loc[:, 0], loc[:, 1]]).float()
        out["loc_loss"] = F.cross_entropy(scores, loc[:, 2], reduction="sum")
        out["loc_pred"] = scores.argmax(-1)
    return out


# ----------------------------------------------------------------------------------------------- data

class TrainStream(torch.utils.data.IterableDataset):
    """Endless random screens -> collated batches (workers each get their own seed)."""

    def __init__(self, cfg, paths: List[str], batch: int, queries: int, negative_fraction: float, seed: int):
        self.cfg, self.paths, self.batch, self.queries = cfg, paths, batch, queries
        self.negative_fraction, self.seed = negative_fraction, seed

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        rng = random.Random(self.seed * 1000 + (info.id if info else 0))
        packs = [nd.PackedScreens(p) for p in self.paths]
        index = [(k, i) for k, pack in enumerate(packs) for i in range(len(pack))]
        while True:
            picks = [rng.choice(index) for _ in range(self.batch)]
            examples = [nd.make_example(self.cfg, packs[k], i, rng, self.queries, self.negative_fraction)
                        for k, i in picks]
            yield nd.collate(self.cfg, examples)


class ViewStream(torch.utils.data.IterableDataset):
    """Endless random views of master screens (nano_views) -> collated batches WITHOUT pixels plus their views;
    the training process renders the pixels on its device from the masters decoded there once."""

    def __init__(self, cfg, screens: List[dict], batch: int, queries: int, negative_fraction: float, seed: int,
                 crops: List[int], p_full: float, p_zoom: float, jitter: bool):
        self.cfg, self.screens, self.batch, self.queries = cfg, screens, batch, queries
        self.negative_fraction, self.seed, self.crops = negative_fraction, seed, crops
        self.p_full, self.p_zoom, self.jitter = p_full, p_zoom, jitter

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        rng = random.Random(self.seed * 1000 + (info.id if info else 0))
        while True:
            views, examples = [], []
            for i in (rng.randrange(len(self.screens)) for _ in range(self.batch)):
                screen = self.screens[i]
                view = nv.sample_view(screen, i, rng, self.crops, self.p_full, self.p_zoom, self.jitter)
                views.append(view)
                examples.append(nv.view_example(self.cfg, screen, view, rng, self.queries, self.negative_fraction))
            batch = nd.collate(self.cfg, examples)
            batch["views"] = views
            yield batch


# ----------------------------------------------------------------------------------------------- validation

def _probe(cfg, instruction: str, answer: List[tuple], n_rows: int, kind: str, rel: int, p: int = 0):
    q = nd.Query(nd.prompt_ids(cfg, instruction), answer)
    L = len(q.prompt)
    if kind == "patch":
        q.lm = [(L - 1, nd.ANSWER_START), (L, cfg.tokens.patch)]
        q.patch = [(L, n_rows, -1, 0)]
    elif kind == "sub":
        q.subpatch = [(L + 1, p, 0)]
    else:
        q.location = [(L + 2, 0)]
    return q


@torch.no_grad()
def evaluate(model: MolmoPoint, packed: nd.PackedScreens, device, images: int, queries: int, autocast,
             batch_images: int = 2) -> Dict[str, float]:
    """Greedy inference emulation on held-out screens: argmax patch (NMP column included; LM decision reported
    separately) -> PATCH fed back -> argmax subpatch -> SUBPATCH fed back -> argmax location -> pixel."""
    model.eval()
    cfg = model.cfg
    stats = dict(pos=0, hit=0, pointed=0, neg=0, neg_nmp=0, lm_ok=0, lm_n=0, oracle=0, patch_ok=0, image_ok=0)
    order = list(range(min(images, len(packed))))
    for start in range(0, len(order), batch_images):
        examples = []
        for i in order[start:start + batch_images]:
            rng = random.Random(1000 + i)   # the same questions at every evaluation
            examples.append(nd.make_example(cfg, packed, i, rng, queries, 0.25))
        base = nd.collate(cfg, examples)
        with autocast():
            vision = encode(model, base, device)
        # pass 1: patch choice after the answer start
        for ex in examples:
            ex.truth = ex.queries
            ex.queries = [_probe(cfg, q.text, [("tok", nd.ANSWER_START)], ex.geo.n_rows, "patch", 0)
                          for q in ex.truth]
        batch = nd.collate(cfg, examples)
        with autocast():
            hidden, _ = forward(model, batch, device, vision)
            out = heads(model, batch, hidden, vision, device)
        patch_pred = out["patch_pred"].cpu().tolist()
        image_pred = out["patch_image_pred"].cpu().tolist()
        lm_pred = out["lm_pred"].cpu().view(-1, 2).tolist()
        k = 0
        chosen = []
        for ex in examples:
            for q in ex.truth:
                p = patch_pred[k]
                stats["lm_n"] += 1
                stats["lm_ok"] += int(lm_pred[k] == [nd.ANSWER_START, cfg.tokens.patch])
                pointed = p != ex.geo.n_rows
                if q.box is None:
                    stats["neg"] += 1
                    stats["neg_nmp"] += int(not pointed)
                else:
                    stats["pos"] += 1
                    stats["pointed"] += int(pointed)
                    target = nd.point_target(q.box, ex.screen["width"], ex.screen["height"], ex.geo)
                    stats["oracle"] += int(nd.inside(nd.decode_point(*target, ex.screen["width"], ex.screen["height"],
                                                                     ex.geo), q.box))
                    stats["patch_ok"] += int(p == target[0])
                    stats["image_ok"] += int(image_pred[k] == target[0])
                chosen.append(p if (pointed and q.box is not None) else None)
                k += 1
        # pass 2 and 3 for the positives that pointed
        picks = {}
        for step in ("sub", "loc"):
            k = 0
            for ex in examples:
                ex.queries, ex.keys = [], []
                for q in ex.truth:
                    p = chosen[k]
                    if p is not None:
                        answer = [("tok", nd.ANSWER_START), ("patch", p)]
                        if step == "loc":
                            answer.append(("sub", p, picks[k]))
                        ex.queries.append(_probe(cfg, q.text, answer, ex.geo.n_rows, step, 0, p))
                        ex.keys.append(k)
                    k += 1
            if not any(ex.queries for ex in examples):
                break
            for ex in examples:
                if not ex.queries:  # keep the batch shape simple: a dummy probe on screens without pointers
                    ex.queries = [_probe(cfg, "x", [("tok", nd.ANSWER_START), ("patch", nd.GLOBAL_ROWS),
                                                    ("sub", nd.GLOBAL_ROWS, 0)],
                                         ex.geo.n_rows, step, 0, nd.GLOBAL_ROWS)]
                    ex.keys = [None]
            batch = nd.collate(cfg, examples)
            with autocast():
                hidden, _ = forward(model, batch, device, vision)
                out = heads(model, batch, hidden, vision, device)
            pred = out["sub_pred" if step == "sub" else "loc_pred"].cpu().tolist()
            j = 0
            for ex in examples:
                for key in ex.keys:
                    if key is not None:
                        picks_step = pred[j]
                        if step == "sub":
                            picks[key] = picks_step
                        else:
                            picks[key] = (picks[key], picks_step)
                    j += 1
        k = 0
        for ex in examples:
            for q in ex.truth:
                if chosen[k] is not None and isinstance(picks.get(k), tuple):
                    s, l = picks[k]
                    point = nd.decode_point(chosen[k], s, l, ex.screen["width"], ex.screen["height"], ex.geo)
                    stats["hit"] += int(nd.inside(point, q.box))
                k += 1
    model.train()
    pos, neg = max(stats["pos"], 1), max(stats["neg"], 1)
    return {"point_in_box": stats["hit"] / pos, "pointed_rate": stats["pointed"] / pos,
            "patch_exact": stats["patch_ok"] / pos, "patch_exact_without_nmp": stats["image_ok"] / pos,
            "nmp_on_negatives": stats["neg_nmp"] / neg,
            "lm_answer_ok": stats["lm_ok"] / max(stats["lm_n"], 1), "oracle_point_in_box": stats["oracle"] / pos,
            "positives": stats["pos"], "negatives": stats["neg"]}


# ----------------------------------------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", nargs="+", required=True, help="nano_parts (or nano_pack) .npz files")
    ap.add_argument("--val", required=True, help="packed held-out .npz")
    ap.add_argument("--out", required=True, help="run folder: last.pt, model.pt, log.jsonl")
    ap.add_argument("--preset", default="v192x4-d256x4", choices=sorted(CANDIDATES))
    ap.add_argument("--override", default="{}", help='JSON overrides of nano(), e.g. {"vit_layers": 2}')
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--batch", type=int, default=2, help="screens per step")
    ap.add_argument("--queries", type=int, default=16, help="questions per screen (message tree)")
    ap.add_argument("--negative-fraction", type=float, default=0.2)
    ap.add_argument("--closing-nmp-weight", type=float, default=1.0,
                    help="loss weight of the closing no-more-points PATCH after each point (half of all patch targets)")
    ap.add_argument("--negative-nmp-weight", type=float, default=1.0, help="loss weight of a negative's NMP answer")
    ap.add_argument("--pointing-warmup", type=int, default=0,
                    help="for this many steps, every no-more-points patch target weighs 0 (pointing-only start)")
    ap.add_argument("--lr", type=float, default=1e-3, help="LLM group")
    ap.add_argument("--lr-vit", type=float, default=1e-3)
    ap.add_argument("--lr-point", type=float, default=1e-3, help="pointing = connector + point head")
    ap.add_argument("--wd", type=float, default=0.05)
    ap.add_argument("--warmup", type=int, default=30)
    ap.add_argument("--clip", type=float, default=1.0)
    ap.add_argument("--clip-point", type=float, default=1.0)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--bf16", default="auto", choices=["auto", "on", "off"])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--eval-every", type=int, default=100)
    ap.add_argument("--eval-seconds", type=float, default=0, help="also validate every this many seconds")
    ap.add_argument("--save-every", type=int, default=100)
    ap.add_argument("--log-every", type=int, default=10)
    ap.add_argument("--val-images", type=int, default=20)
    ap.add_argument("--val-queries", type=int, default=12)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--resume", action="store_true", help="continue from <out>/last.pt")
    ap.add_argument("--stop-after", type=int, default=0, help="stop at this step (the schedule still follows --steps)")
    ap.add_argument("--time-budget", type=float, default=0, help="seconds of training, then validate/save/export")
    ap.add_argument("--export", help="write a model package here at the end")
    ap.add_argument("--crops", default="6,8", help="nano_parts training files: crop budgets drawn per view")
    ap.add_argument("--val-crops", default="6", help="nano_parts validation file: crop budget(s) validated at")
    ap.add_argument("--p-full", type=float, default=0.5, help="views: share of whole screens (first pass)")
    ap.add_argument("--p-zoom", type=float, default=0.3, help="views: share of zoom-refine windows (rest: regions)")
    ap.add_argument("--no-jitter", action="store_true", help="views: no photometric jitter")
    ap.add_argument("--decode-threads", type=int, default=8)
    ap.add_argument("--save-seconds", type=float, default=0, help="also save every this many seconds")
    ap.add_argument("--mirror", help="after every save: float16 weights + log.jsonl + args.json here (e.g. $OUT)")
    ap.add_argument("--init", help="start from these weights (model.pt or a float16 copy); fresh optimizer")
    ap.add_argument("--name", default="molmopoint-nano")
    ap.add_argument("--version", default="0.0.1")
    args = ap.parse_args(argv)

    started = time.time()
    torch.set_num_threads(args.threads)
    device = torch.device("cuda" if args.device == "auto" and torch.cuda.is_available() else
                          ("cpu" if args.device == "auto" else args.device))
    use_bf16 = args.bf16 == "on" or (args.bf16 == "auto")
    autocast = (lambda: torch.autocast(device.type, dtype=torch.bfloat16)) if use_bf16 else \
        (lambda: torch.autocast(device.type, enabled=False))
    os.makedirs(args.out, exist_ok=True)
    cfg = nano_preset(args.preset, **json.loads(args.override))
    model = MolmoPoint(cfg)
    init_weights(model, args.seed)
    model.to(device)
    optimizer = torch.optim.AdamW(param_groups(model, args.lr, args.lr_vit, args.lr_point, args.wd),
                                  betas=(0.9, 0.95), eps=1e-8)
    step = 0
    last = os.path.join(args.out, "last.pt")
    if args.resume and os.path.exists(last):
        state = torch.load(last, map_location="cpu")
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        step = state["step"]
        print(f"resumed from {last} at step {step}", flush=True)
    elif args.init:
        initial = load_trained(args.init)
        if initial.cfg.to_dict() != cfg.to_dict():
            raise SystemExit(f"--init {args.init}: its config differs from --preset/--override; pass the same ones")
        model.load_state_dict(initial.state_dict())
        print(f"initialised from {args.init}", flush=True)
    with open(os.path.join(args.out, "args.json"), "w") as f:
        json.dump({**vars(args), "config": cfg.to_dict()}, f, indent=1)

    view_mode = all(nv.is_masters(p) for p in args.train)
    if not view_mode and any(nv.is_masters(p) for p in args.train):
        raise SystemExit("--train: mix of nano_pack and nano_parts files; pack them all with nano_parts")
    if nv.is_masters(args.val):
        val_masters = nv.MasterScreens([args.val])
        vals = [(c, nv.FullViews(val_masters, c)) for c in (int(x) for x in args.val_crops.split(","))]
    else:
        vals = [(None, nd.PackedScreens(args.val))]
    val = vals[0][1]
    n_params = sum(p.numel() for p in model.parameters())
    print(f"device {device} bf16 {use_bf16} params {n_params / 1e6:.2f} M; train {args.train} val {args.val} "
          f"({len(val)} screens, crops {[c for c, _ in vals] if view_mode else val.max_crops}); "
          f"chance {nd.chance_rates(val.screens)}", flush=True)
    masters = None
    if view_mode:
        t0 = time.time()
        train_screens = nv.MasterScreens(args.train)
        masters = train_screens.decode_all(device, args.decode_threads)
        gb = sum(m.numel() for m in masters) / 2 ** 30
        print(f"decoded {len(masters)} master screens onto {device} in {time.time() - t0:.1f} s ({gb:.1f} GiB); "
              f"views: crops {args.crops}, full {args.p_full}, zoom {args.p_zoom}, jitter {not args.no_jitter}",
              flush=True)
        stream = ViewStream(cfg, train_screens.screens, args.batch, args.queries, args.negative_fraction,
                            args.seed + step, [int(x) for x in args.crops.split(",")], args.p_full, args.p_zoom,
                            not args.no_jitter)
        del train_screens   # the workers need the metadata only
    else:
        stream = TrainStream(cfg, args.train, args.batch, args.queries, args.negative_fraction, args.seed + step)
    loader = torch.utils.data.DataLoader(stream, batch_size=None, num_workers=args.workers,
                                         pin_memory=device.type == "cuda",
                                         persistent_workers=args.workers > 0)
    log = open(os.path.join(args.out, "log.jsonl"), "a")
    point_params = [p for g in optimizer.param_groups if g["group"] == "point" for p in g["params"]]
    other_params = [p for g in optimizer.param_groups if g["group"] != "point" for p in g["params"]]

    last_save = [time.time()]
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append("SIGTERM"))

    def save():
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step,
                    "config": cfg.to_dict(), "args": vars(args)}, last + ".tmp")
        os.replace(last + ".tmp", last)
        cpu_model = MolmoPoint(cfg)
        cpu_model.load_state_dict({k: v.detach().cpu() for k, v in model.state_dict().items()})
        save_trained(cpu_model, os.path.join(args.out, "model.pt"))
        if args.mirror:
            os.makedirs(args.mirror, exist_ok=True)
            half_state = {k: (v.half() if v.is_floating_point() else v) for k, v in cpu_model.state_dict().items()}
            target = os.path.join(args.mirror, "model-fp16.pt")
            torch.save({"config": cfg.to_dict(), "state_dict": half_state, "dtype": "float16", "step": step},
                       target + ".tmp")
            os.replace(target + ".tmp", target)
            log.flush()
            for name in ("log.jsonl", "args.json"):
                shutil.copyfile(os.path.join(args.out, name), os.path.join(args.mirror, name))
        last_save[0] = time.time()

    def validate():
        t0 = time.time()
        for crops, packed in vals:
            metrics = evaluate(model, packed, device, args.val_images, args.val_queries, autocast)
            record = {"step": step, "kind": "val", **({"crops": crops} if crops else {}), **metrics,
                      "seconds": round(time.time() - t0, 1)}
            print(json.dumps(record), flush=True)
            log.write(json.dumps(record) + "\n")
            log.flush()

    model.train()
    sums, t_log = {}, time.time()
    train_started = time.time()
    last_eval = [train_started]
    data_iter = iter(loader)
    while step < (min(args.steps, args.stop_after) if args.stop_after else args.steps):
        if args.time_budget and time.time() - train_started > args.time_budget:
            print(f"time budget {args.time_budget} s reached at step {step}", flush=True)
            break
        if stop:
            break
        try:
            batch = next(data_iter)
            if masters is not None:
                batch["pixel_values_u8"] = nv.render(masters, batch["views"])
            elapsed = time.time() - train_started
            factor = lr_factor(step, args.warmup, args.steps,
                               time_progress=elapsed / args.time_budget if args.time_budget else 0.0)
            for g in optimizer.param_groups:
                g["lr"] = g["base_lr"] * factor
            with autocast():
                hidden, vision = forward(model, batch, device)
                warm = step < args.pointing_warmup
                out = heads(model, batch, hidden, vision, device,
                            nmp_weights=(0.0, 0.0) if warm else (args.closing_nmp_weight, args.negative_nmp_weight))
            n_lm = max(int(out["lm_n"]), 1)
            parts = {k: out[k] for k in ("lm_loss", "patch_loss", "sub_loss", "loc_loss") if k in out}
            loss = sum(parts.values()) / n_lm
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            gn_point = torch.nn.utils.clip_grad_norm_(point_params, args.clip_point)
            gn_other = torch.nn.utils.clip_grad_norm_(other_params, args.clip)
            optimizer.step()
            step += 1
            # running stats: per-term mean loss per entry and teacher-forced accuracies
            patch = batch["patch"]
            stats = {"loss": float(loss), "gn_point": float(gn_point), "gn_other": float(gn_other)}
            if "patch_pred" in out:
                pp = out["patch_pred"].cpu()
                nmp = out["patch_nmp_col"].cpu()
                is_neg_target = patch[:, 2] == nmp
                stats["patch_acc"] = float((pp == patch[:, 2]).float().mean())
                stats["patch_ce"] = float(out["patch_loss"]) / len(patch)
                first = patch[:, 3] < 0
                pos_first = first & ~is_neg_target
                if pos_first.any():
                    stats["first_point_acc"] = float((pp[pos_first] == patch[pos_first, 2]).float().mean())
                    stats["first_point_pointed"] = float((pp[pos_first] != nmp[pos_first]).float().mean())
                    image_pred = out["patch_image_pred"].cpu()
                    stats["first_point_acc_without_nmp"] = float(
                        (image_pred[pos_first] == patch[pos_first, 2]).float().mean())
            if "sub_pred" in out:
                stats["sub_acc"] = float((out["sub_pred"].cpu() == batch["sub"][:, 3]).float().mean())
            if "loc_pred" in out:
                stats["loc_acc"] = float((out["loc_pred"].cpu() == batch["loc"][:, 2]).float().mean())
            stats["lm_ce"] = float(out["lm_loss"]) / n_lm
            for k, v in stats.items():
                sums.setdefault(k, []).append(v)
            if step % args.log_every == 0:
                record = {"step": step, "kind": "train", "lr": optimizer.param_groups[0]["lr"],
                          "sec_per_step": round((time.time() - t_log) / args.log_every, 3),
                          **{k: round(float(np.mean(v)), 4) for k, v in sums.items()}}
                print(json.dumps(record), flush=True)
                log.write(json.dumps(record) + "\n")
                log.flush()
                sums, t_log = {}, time.time()
            if step % args.save_every == 0 or (args.save_seconds and time.time() - last_save[0] > args.save_seconds):
                save()
            if step % args.eval_every == 0 or (args.eval_seconds and time.time() - last_eval[0] > args.eval_seconds):
                validate()
                last_eval[0] = time.time()
        except RuntimeError:
            if stop:   # a DataLoader worker was signalled too (SIGTERM to the process group): save below
                break
            raise
    save()
    if stop:   # killed (the device's time limit): the weights are saved and mirrored; no validation
        print(f"{stop[0]}: saved at step {step}, stopping", flush=True)
        return 0
    if step % args.eval_every != 0:
        validate()
        save()   # mirror the final validation records too
    if args.export:
        try:
            trained = load_trained(os.path.join(args.out, "model.pt"))
            manifest = export_package(trained, args.export, name=args.name, version=args.version,
                                      description=f"MolmoPoint-Nano ({args.preset}), trained from scratch on "
                                                  f"synthetic GUI screens for {step} steps (tools/molmopoint/train.py)",
                                      source={"kind": "trained", "detail": f"tools.molmopoint.train step {step}"})
            print(f"exported {args.export}: {sum(f['bytes'] for f in manifest['files']) / 1e6:.1f} MB", flush=True)
        except Exception as error:  # the checkpoint is saved: export it later with `export --trained`
            print(f"export failed ({type(error).__name__}: {error}); run: python3 -m tools.molmopoint.export "
                  f"--trained {os.path.join(args.out, 'model.pt')} --out DIR", flush=True)
    print(f"done at step {step} in {time.time() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
