#!/usr/bin/env bash
# MolmoPoint-Nano: one-command training run for the GPU device (also runs on a CPU with small settings).
# Packs the carried synthetic screens on the machine's cores, trains for a time budget, validates, saves,
# exports a model package, and leaves everything worth keeping under $OUT:
#   $OUT/model-fp16.pt (float16 weights + config), $OUT/log.jsonl, $OUT/args.json, $OUT/train.log (4 files; the
#   device tool returns at most 8 files of <= 16 MiB). Export here afterwards:
#   /usr/bin/python3 -m tools.molmopoint.nano_export package model-fp16.pt DIR --save-fp32 model.pt
#
# Device tool (repository root; data/ is git-ignored, so it must be carried):
#   run(command="PYTHONUNBUFFERED=1 bash tools/molmopoint/train_gpu.sh", timeout_s=560,
#       carry=["data/synth/nano-train", "data/synth/nano-val"])
# CPU test of the same path (tiny): DEVICE=cpu BUDGET=20 TRAIN_LIMIT=6 VAL_LIMIT=2 BATCH=1 QUERIES=4 WORKERS=0 \
#   VAL_IMAGES=2 CROPS=2 OVERRIDE='{"vit_layers":2,"feature_blocks":[-1,-2],"dec_layers":2}' OUT=/tmp/nano-gpu-test \
#   nice -n 10 bash tools/molmopoint/train_gpu.sh
set -euo pipefail
export PYTHONUNBUFFERED=1
OUT=${OUT:-/tmp/nano-out}
PY=${PY:-python3}
if [ "$PY" = python3 ] && ! python3 -c "import torch" 2>/dev/null; then PY=/usr/bin/python3; fi
TRAIN_SYNTH=${TRAIN_SYNTH:-data/synth/nano-train}
VAL_SYNTH=${VAL_SYNTH:-data/synth/nano-val}
CROPS=${CROPS:-8}                  # crop budget of the packed images (the package's defaultMaxCrops is 8)
BUDGET=${BUDGET:-300}              # seconds of training (the rest: packing ~1 min, validation, save, export)
DEVICE=${DEVICE:-auto}
BATCH=${BATCH:-16}                 # screens per step
QUERIES=${QUERIES:-24}             # questions per screen (message tree)
WORKERS=${WORKERS:-12}
JOBS=${JOBS:-$(nproc)}
PRESET=${PRESET:-v192x4-d256x4}
if [ -z "${OVERRIDE:-}" ]; then OVERRIDE='{}'; fi
LR=${LR:-2e-3}
VAL_IMAGES=${VAL_IMAGES:-40}
TRAIN_LIMIT=${TRAIN_LIMIT:-0}
VAL_LIMIT=${VAL_LIMIT:-0}
WORK=${WORK:-/tmp/nano-work}
mkdir -p "$OUT" "$WORK"
exec > >(tee -a "$OUT/train.log") 2>&1
echo "== $(date -u +%FT%TZ) $(hostname) python $($PY -c 'import sys, torch; print(sys.version.split()[0], "torch", torch.__version__, "cuda", torch.cuda.is_available())')"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
start=$(date +%s)
$PY -m tools.molmopoint.nano_pack --synth $TRAIN_SYNTH --max-crops "$CROPS" --jobs "$JOBS" --limit "$TRAIN_LIMIT" \
    --out "$WORK/train.npz"
$PY -m tools.molmopoint.nano_pack --synth $VAL_SYNTH --max-crops "$CROPS" --jobs "$JOBS" --limit "$VAL_LIMIT" \
    --out "$WORK/val.npz"
echo "== packed in $(( $(date +%s) - start )) s"
$PY -m tools.molmopoint.train --train "$WORK/train.npz" --val "$WORK/val.npz" --out "$WORK/run" \
    --preset "$PRESET" --override "$OVERRIDE" --device "$DEVICE" --batch "$BATCH" --queries "$QUERIES" \
    --workers "$WORKERS" --threads 4 --lr "$LR" --lr-vit "$LR" --lr-point "$LR" --warmup 50 \
    --steps 100000 --time-budget "$BUDGET" --log-every 20 --eval-every 100000 --eval-seconds "${EVAL_SECONDS:-100}" \
    --save-every 100000 --val-images "$VAL_IMAGES" --val-queries 12
# what comes back through the device tool: at most 8 files of <= 16 MiB, so float16 weights + logs
$PY -m tools.molmopoint.nano_export half "$WORK/run/model.pt" "$OUT/model-fp16.pt"
cp "$WORK/run/log.jsonl" "$WORK/run/args.json" "$OUT/"
if [ "${EXPORT_THERE:-0}" = 1 ]; then  # a package is 7 files: only for a machine whose files you can keep
    timeout "${EXPORT_TIMEOUT:-120}" $PY -m tools.molmopoint.nano_export package "$OUT/model-fp16.pt" "$OUT/package" \
        || echo "export failed or timed out: export model-fp16.pt here with nano_export package"
fi
echo "== done in $(( $(date +%s) - start )) s; $OUT:"; ls -la "$OUT" "$OUT/package" 2>/dev/null || true
