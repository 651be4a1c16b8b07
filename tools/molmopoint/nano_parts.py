"""Pack synthetic GUI screens as resolution-agnostic "masters" in parts that each fit one device-tool carry.

    nice -n 10 /usr/bin/python3 -m tools.molmopoint.nano_parts --synth data/synth/nano-train2 \
        --out-dir data/nano/parts --prefix part [--max-side 1920 --quality 85 --max-mb 52 --jobs 2 --limit N]

Unlike `nano_pack` (one canvas per screen at one crop budget), a part stores each screen ONCE, downscaled only
as far as `--max-side` (longer side, px), as lossy WebP (2.5x smaller than JPEG at the same quality on GUI screens:
39 kB vs 94 kB per screen at 1920 px, q85). The training machine decodes every part once into uint8 tensors and
cuts any view from them (`nano_views`): the whole screen at any crop budget (the first pass), or a sub-region at
a higher resolution (what zoom refine feeds the model). The master is made with the runtime's own filter (bilinear,
no antialias: `resize_separable`), so a view cut from it is a bilinear resample of a bilinear resample; a
view's canvas is never more than `nano_views.MAX_UPSCALE` x the master's pixels.

Why 1920 px: a 768-px zoom-refine window becomes a 2x2 tiling (644 px canvas, 0.84x), so a master must keep
>= 0.84x of the native pixels for zoom views to be sharp: true for every screen up to 2286 px wide; 4K screens
(0.5x) get zoom windows grown until the upscale is <= MAX_UPSCALE. Full-screen views need at most 1176 px
(8 crops, 2x4), far below 1920.

File format (`np.load(path)`, no pickle): `blob` uint8 = WebP bytes back to back, `offsets` int64 [screens+1],
`meta` uint8 = UTF-8 JSON {"version": 2, "kind": "masters", "format": "webp", "maxSide", "quality", "screens":
[{id, family, width, height (native px), masterWidth, masterHeight, elements: [{box (native px), role, text,
label, instructions}], negatives}]}. Parts are cut before `--max-mb` (MB = 1e6 bytes): the device tool carries
64 MiB per call including the working tree (~6.5 MB tracked), so 52 MB leaves room for a small validation file.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
import zlib

import numpy as np
from PIL import Image

from .nano_pack import read_records
from .preprocess import _axis

PARTS_VERSION = 2


def master_size(width: int, height: int, max_side: int):
    scale = min(1.0, max_side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def resize_separable(image: np.ndarray, out_h: int, out_w: int) -> np.ndarray:
    """The runtime's filter (bilinear, no antialias, half-pixel centres; the indices and weights of
    `preprocess._axis`) in float32 numpy, rows first: 5x less CPU than torch 1.13's interpolate on a 4K screen;
    differs from `preprocess.resize_u8` by at most 1 level (float32 order of operations)."""
    y0, y1, ly0, ly1 = _axis(image.shape[0], out_h)
    x0, x1, lx0, lx1 = _axis(image.shape[1], out_w)
    rows = image[y0].astype(np.float32) * ly0[:, None, None] + image[y1].astype(np.float32) * ly1[:, None, None]
    out = rows[:, x0] * lx0[None, :, None] + rows[:, x1] * lx1[None, :, None]
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def pack_master(folder: str, record: dict, max_side: int, quality: int, cache: str = ""):
    """-> (meta, WebP bytes). With `cache`, the WebP of a screen is kept in <cache>/<id>-s<side>-q<quality>.webp
    and reused (the packing is the slow part here: ~0.3 s of CPU per screen; assembling parts from it is not)."""
    cached = os.path.join(cache, f"{record['id']}-s{max_side}-q{quality}.webp") if cache else ""
    if cached and os.path.exists(cached):
        with open(cached, "rb") as f:
            data = f.read()
        return screen_meta(record, record["width"], record["height"], *Image.open(io.BytesIO(data)).size), data
    source = Image.open(os.path.join(folder, record["image"]))
    width, height = source.size
    if source.format == "JPEG" and max(width, height) >= 1.2 * max_side:
        # HiDPI-sized screens: decode at 1/2 (DCT scaling, a 2x2 average, which is what bilinear without
        # antialias does at exactly 2x): 4x less decoding and usually no resize (packing CPU is the bottleneck)
        source.draft("RGB", (width // 2, height // 2))
    image = np.asarray(source.convert("RGB"))
    mw, mh = master_size(image.shape[1], image.shape[0], max_side)
    master = image if image.shape[:2] == (mh, mw) else resize_separable(image, mh, mw)
    out = io.BytesIO()
    # method 2: 2.5x faster to encode than method 4 for 4 % more bytes (measured on 12 screens here)
    Image.fromarray(master).save(out, format="WEBP", quality=quality, method=2)
    if cached:
        with open(cached + ".tmp", "wb") as f:
            f.write(out.getvalue())
        os.replace(cached + ".tmp", cached)
    return screen_meta(record, width, height, mw, mh), out.getvalue()


def screen_meta(record: dict, width: int, height: int, master_width: int, master_height: int) -> dict:
    return {"id": record["id"], "family": record.get("family", ""), "width": width, "height": height,
            "masterWidth": master_width, "masterHeight": master_height,
            "elements": [{"box": e["box"], "role": e.get("role", ""), "text": e.get("text", ""),
                          "label": e.get("label", ""), "instructions": e["instructions"]}
                         for e in record["elements"] if e.get("instructions")],
            "negatives": record.get("negatives", [])}


def _pack_star(job):
    return pack_master(*job)


def write_part(path: str, screens, chunks, settings: dict) -> None:
    offsets = np.zeros(len(chunks) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(c) for c in chunks])
    meta = {"version": PARTS_VERSION, "kind": "masters", "format": "webp", **settings, "screens": screens}
    # compressed: the metadata (instructions, negatives) is ~7.6 kB of JSON per screen, 16 % of a part; zlib
    # takes it to a fifth (the WebP blob does not shrink, and inflating it on load costs well under a second)
    np.savez_compressed(path, blob=np.frombuffer(b"".join(chunks), dtype=np.uint8), offsets=offsets,
                        meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8))


def fill_cache(args) -> int:
    """Pack the screens of every shard but the newest (which the generator may still be writing) into the cache."""
    import glob
    os.makedirs(args.cache, exist_ok=True)
    done = 0
    for folder in args.synth:
        shards = sorted(glob.glob(os.path.join(folder, "shard-*.jsonl")))[:-1]
        for shard in shards[args.worker::args.workers]:
            with open(shard) as f:
                for line in f:
                    if line.strip():
                        pack_master(folder, json.loads(line), args.max_side, args.quality, args.cache)
                        done += 1
    print(f"cache {args.cache}: {done} screens of {sum(1 for _ in os.scandir(args.cache))} files")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synth", nargs="+", required=True, help="tools/synth output folder(s)")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--prefix", default="part", help="files <out-dir>/<prefix>-K.npz, K = 0, 1, ...")
    parser.add_argument("--max-side", type=int, default=1920)
    parser.add_argument("--quality", type=int, default=85)
    parser.add_argument("--max-mb", type=float, default=52.0, help="cut a new part before one would exceed this")
    parser.add_argument("--limit", type=int, default=0, help="at most this many screens (0 = all)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--cache", default="", help="keep/reuse each screen's WebP here (data/nano/cache)")
    parser.add_argument("--worker", type=int, default=0, help="with --cache-only: this worker's share of the shards")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--cache-only", action="store_true",
                        help="only fill the cache from complete shards (every shard but the newest), write no part")
    args = parser.parse_args(argv)
    if args.cache_only:
        return fill_cache(args)
    records = list(read_records(args.synth))
    if args.limit:
        records = records[:args.limit]
    if not records:
        print(f"no screens found in {args.synth}", file=sys.stderr)
        return 1
    os.makedirs(args.out_dir, exist_ok=True)
    settings = {"maxSide": args.max_side, "quality": args.quality,
                "sources": [os.path.abspath(s) for s in args.synth]}
    if args.cache:
        os.makedirs(args.cache, exist_ok=True)
    work = [(folder, record, args.max_side, args.quality, args.cache) for folder, record in records]
    if args.jobs > 1:
        import multiprocessing
        results = multiprocessing.get_context("fork").Pool(args.jobs).imap(_pack_star, work, chunksize=4)
    else:
        results = map(_pack_star, work)
    started, written, total_bytes = time.time(), [], 0
    screens, chunks, size = [], [], 0
    overhead = 64  # bytes per screen besides its compressed JSON (offsets, separators), counted against the cap

    def flush():
        path = os.path.join(args.out_dir, f"{args.prefix}-{len(written)}.npz")
        write_part(path, screens, chunks, settings)
        written.append((path, len(screens), os.path.getsize(path)))
        print(f"wrote {path}: {len(screens)} screens, {os.path.getsize(path) / 1e6:.1f} MB", flush=True)

    for n, (meta, data) in enumerate(results, 1):
        meta_bytes = len(zlib.compress(json.dumps(meta).encode("utf-8"))) + overhead  # over: file-wide is better
        if screens and (size + len(data) + meta_bytes) / 1e6 > args.max_mb:
            flush()
            screens, chunks, size = [], [], 0
        screens.append(meta)
        chunks.append(data)
        size += len(data) + meta_bytes
        total_bytes += len(data)
        if n % 100 == 0:
            rate = n / (time.time() - started)
            print(f"{n}/{len(work)} screens, {total_bytes / n / 1e3:.1f} kB/screen, {rate:.2f} screens/s", flush=True)
    flush()
    count = sum(w[1] for w in written)
    print(f"{count} screens in {len(written)} part(s) of <= {args.max_mb} MB, "
          f"{sum(w[2] for w in written) / 1e6:.1f} MB, {total_bytes / count / 1e3:.1f} kB/screen of WebP, "
          f"in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
