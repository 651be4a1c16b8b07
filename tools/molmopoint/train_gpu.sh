#!/usr/bin/env bash
# MolmoPoint-Nano on the GPU device, fed by several carries (tools/TRAINING-NANO.md, "GPU recipe").
#
#   bash tools/molmopoint/train_gpu.sh stash   # move the carried data/nano/parts/*.npz aside to $STASH, list it
#   bash tools/molmopoint/train_gpu.sh train   # stash too, then train on every $STASH/part-*.npz, validate on
#                                              # $STASH/val*.npz, mirror float16 weights + logs into $OUT
#
# The device tool carries <= 64 MiB per call (working tree included), so the data (nano_parts: WebP masters,
# ~52 MB per part) travels one part per call: the first calls only stash their part outside the repository
# (/tmp survives between calls while the machine stays warm: 30 s after each call), the last one carries the last
# part and trains. train.py decodes every master once onto the GPU and cuts the views there (nano_views).
# It saves every SAVE_SECONDS and after each save writes $OUT/model-fp16.pt, log.jsonl, args.json, so a run
# killed at the tool's time limit still returns weights; `timeout -s TERM` stops it first (SIGTERM: save, exit).
#
# CPU test of both modes (tiny; see TRAINING-NANO.md): PARTS_IN=data/nano/test-parts-in STASH=/tmp/nano-stash \
#   DEVICE=cpu BUDGET=20 ... bash tools/molmopoint/train_gpu.sh train
set -euo pipefail
MODE=${1:-train}
export PYTHONUNBUFFERED=1
OUT=${OUT:-/tmp/nano-out}
PY=${PY:-python3}
if [ "$PY" = python3 ] && ! python3 -c "import torch" 2>/dev/null; then PY=/usr/bin/python3; fi
PARTS_IN=${PARTS_IN:-data/nano/parts}   # where the carried parts land in the repository copy
STASH=${STASH:-/tmp/nano-parts}         # outside the repository: kept between calls on a warm machine
WORK=${WORK:-/tmp/nano-work}
mkdir -p "$OUT" "$STASH" "$WORK"
exec > >(tee -a "$OUT/train.log") 2>&1
start=$(date +%s)
echo "== $MODE $(date -u +%FT%TZ) $(hostname) uptime $(cut -d' ' -f1 /proc/uptime) s"
shopt -s nullglob
CARRIED=()
for f in "$PARTS_IN"/*.npz; do mv -f "$f" "$STASH/"; CARRIED+=("$STASH/$(basename "$f")"); done
echo "== stash $STASH:"; ls -la "$STASH"
# each call checks what it carried (one python, no torch import: ~1 s): the masters decode here (Pillow with
# WebP), so a bad part or a missing decoder shows on the first call, not the last
if [ ${#CARRIED[@]} -gt 0 ]; then
    $PY - "${CARRIED[@]}" <<'CHECK'
import io, json, sys
import numpy as np
from PIL import Image
for path in sys.argv[1:]:
    data = np.load(path)
    meta = json.loads(bytes(data["meta"]).decode("utf-8"))
    first = data["blob"][data["offsets"][0]:data["offsets"][1]].tobytes()
    print(path, len(meta["screens"]), "screens; first decodes to", np.asarray(Image.open(io.BytesIO(first))).shape)
CHECK
fi
[ "$MODE" = stash ] && exit 0
[ "$MODE" = train ] || { echo "usage: train_gpu.sh stash|train" >&2; exit 2; }

TRAIN=("$STASH"/part-*.npz)
VALS=("$STASH"/val*.npz)
[ ${#TRAIN[@]} -gt 0 ] || { echo "no $STASH/part-*.npz: carry data/nano/parts/part-K.npz" >&2; exit 1; }
VAL=${VAL:-${VALS[0]:-}}
[ -n "$VAL" ] || { echo "no $STASH/val*.npz: carry data/nano/parts/val2.npz" >&2; exit 1; }
echo "== training on ${#TRAIN[@]} part(s), validating on $VAL"
echo "== $($PY -c 'import sys, torch; print(sys.version.split()[0], "torch", torch.__version__, "cuda", torch.cuda.is_available())')"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true

BUDGET=${BUDGET:-420}              # seconds of training; then validation (~20 s) and the last save
STOP_AFTER=${STOP_AFTER:-$((BUDGET + 90))}   # SIGTERM (save, exit) if still running then: inside the tool's limit
DEVICE=${DEVICE:-auto}
BATCH=${BATCH:-16}                 # screens (views) per step
QUERIES=${QUERIES:-24}             # questions per view (message tree)
WORKERS=${WORKERS:-12}             # CPU workers: view sampling + token batches (pixels are made on the GPU)
PRESET=${PRESET:-v192x4-d256x4}
if [ -z "${OVERRIDE:-}" ]; then OVERRIDE='{}'; fi
LR=${LR:-2e-3}
CROPS=${CROPS:-6,8}                # crop budgets drawn per training view (TRAINING-NANO.md: ship 8, fall back 6)
VAL_CROPS=${VAL_CROPS:-6,8}
VAL_IMAGES=${VAL_IMAGES:-60}
CLOSING_NMP=${CLOSING_NMP:-1}      # weight of the closing no-more-points PATCH (0.25 + warm-up lost on the CPU)
POINTING_WARMUP=${POINTING_WARMUP:-0}
RESUME=${RESUME:-0}                # 1: continue $WORK/run/last.pt (same warm machine)
EXTRA=()
[ "$RESUME" = 1 ] && EXTRA+=(--resume)
[ -n "${INIT:-}" ] && EXTRA+=(--init "$INIT")   # e.g. a carried model-fp16.pt of an earlier session
# --foreground: the TERM goes to train.py alone (its DataLoader workers would die of it and abort the save)
timeout --foreground -k 30 -s TERM "$STOP_AFTER" $PY -m tools.molmopoint.train --train "${TRAIN[@]}" --val "$VAL" --out "$WORK/run" \
    --preset "$PRESET" --override "$OVERRIDE" --device "$DEVICE" --batch "$BATCH" --queries "$QUERIES" \
    --workers "$WORKERS" --threads 4 --decode-threads 16 --lr "$LR" --lr-vit "$LR" --lr-point "$LR" --warmup 50 \
    --crops "$CROPS" --val-crops "$VAL_CROPS" --closing-nmp-weight "$CLOSING_NMP" \
    --pointing-warmup "$POINTING_WARMUP" --steps 1000000 --time-budget "$BUDGET" --log-every 20 \
    --eval-every 1000000 --eval-seconds "${EVAL_SECONDS:-150}" --save-every 1000000 \
    --save-seconds "${SAVE_SECONDS:-60}" --mirror "$OUT" --val-images "$VAL_IMAGES" --val-queries 12 \
    ${EXTRA[@]+"${EXTRA[@]}"} || echo "== train.py exited with $? (124 = stopped by timeout after saving)"
echo "== done in $(( $(date +%s) - start )) s; $OUT:"; ls -la "$OUT"
