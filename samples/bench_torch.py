#!/usr/bin/python3
# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
# The same networks as aecv-bench, in PyTorch (Debian's python3-torch), for a side-by-side
# comparison on one machine. Run it as aecv-bench is run, with tcmalloc preloaded:
#   LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 samples/bench_torch.py
import argparse
import statistics
import time

import torch
from torch import nn


def reference_denoiser():
    """The reference denoiser of aecv-bench (aecv-model create reference-denoiser)."""
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(),
        nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(64, 64, 3, stride=2, padding=1), nn.ReLU(),
        nn.ConvTranspose2d(64, 64, 4, stride=2, padding=1), nn.ReLU(),
        nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(32, 3, 3, padding=1), nn.Sigmoid())


def stacked():
    """aecv-train --preset stacked: dense 784-100-30-100-784, SELU, sigmoid."""
    return nn.Sequential(nn.Linear(784, 100), nn.SELU(), nn.Linear(100, 30), nn.SELU(),
                         nn.Linear(30, 100), nn.SELU(), nn.Linear(100, 784), nn.Sigmoid())


def median_ms(model, x, runs, warmup):
    with torch.no_grad():
        for _ in range(warmup):
            model(x)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    model = reference_denoiser().eval()
    for w, h in [(640, 480), (1920, 1080)]:
        ms = median_ms(model, torch.rand(1, 3, h, w), args.runs, args.warmup)
        print(f"reference-denoiser {w}x{h}: {ms:.2f} ms")
    ms = median_ms(stacked().eval(), torch.rand(256, 784), args.runs * 20, args.warmup * 10)
    print(f"stacked 784-100-30-100-784 batch 256: {ms:.3f} ms")


if __name__ == "__main__":
    main()
