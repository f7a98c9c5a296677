#!/bin/bash
# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
# Seconds per training epoch, aecv-train against PyTorch (samples/train_torch.py) on the same
# recipes, measured in one run and interleaved (aecv, PyTorch 1 thread, PyTorch 2 threads, again
# ROUNDS times) so both sides see the same machine. Reports the fastest epoch of each side (the
# host may be shared: a slow epoch says more about the neighbours than about the code), the ratio
# and the best validation loss. Needs python3-torch, libopenblas0-pthread, libtcmalloc-minimal4.
#   samples/compare_training.sh [BUILD_DIR] [PRESET...]     (defaults: build/release; the 5 recipes)
#   ROUNDS=3 EPOCHS=3 samples/compare_training.sh build/release stacked vae
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build/release}
shift || true
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(stacked denoise-gaussian denoise-dropout vae conv)
rounds=${ROUNDS:-3}
epochs=${EPOCHS:-3}
train="$build/training/aecv-train"
tcmalloc=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
[ -x "$train" ] || { echo "error: no $train; build first (cmake --build --preset release)" >&2; exit 1; }
[ -e "$tcmalloc" ] || { echo "error: $tcmalloc missing; apt-get install libtcmalloc-minimal4" >&2; exit 1; }
/usr/bin/python3 -c "import torch" 2>/dev/null || { echo "error: no PyTorch; apt-get install python3-torch libopenblas0-pthread" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf "%-17s %9s %9s %8s %12s %12s\n" preset aecv PyTorch ratio "aecv loss" "PyTorch loss"
for preset in "${presets[@]}"; do
    : > "$work/aecv" && : > "$work/torch" && : > "$work/aecv_loss" && : > "$work/torch_loss"
    for ((round = 1; round <= rounds; ++round)); do
        "$train" --preset "$preset" --epochs "$epochs" --out "$work/m.onnx" --report "$work/r" > "$work/log" 2>&1
        tail -n +2 "$work/r/loss.csv" | cut -d, -f4 >> "$work/aecv"
        tail -n +2 "$work/r/loss.csv" | cut -d, -f3 >> "$work/aecv_loss"
        for threads in 1 2; do
            LD_PRELOAD=$tcmalloc /usr/bin/python3 "$here/train_torch.py" --preset "$preset" --epochs "$epochs" \
                --threads "$threads" > "$work/log" 2>&1
            sed -n 's/^epoch .*val_loss \([0-9.]*\)  \([0-9.]*\)s$/\2/p' "$work/log" >> "$work/torch"
            sed -n 's/^epoch .*val_loss \([0-9.]*\)  \([0-9.]*\)s$/\1/p' "$work/log" >> "$work/torch_loss"
        done
    done
    a=$(sort -g "$work/aecv" | head -1)
    t=$(sort -g "$work/torch" | head -1)
    printf "%-17s %8.2fs %8.2fs %7.2fx %12.4f %12.4f\n" "$preset" "$a" "$t" "$(awk "BEGIN { print $t / $a }")" \
        "$(sort -g "$work/aecv_loss" | head -1)" "$(sort -g "$work/torch_loss" | head -1)"
done
