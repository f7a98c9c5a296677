#!/usr/bin/python3
# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
# The reference recipes of aecv-train (--preset stacked, conv, denoise-gaussian, denoise-dropout,
# vae) in PyTorch (Debian's python3-torch), for a side-by-side speed comparison on one machine:
# same data split (Fashion-MNIST: first 55,000 training images train, last 5,000 validate), same
# networks, Glorot-uniform weights and zero biases, losses (BCE on clamped probabilities, + KL/784
# for the VAE), optimizers (Keras defaults), batch sizes and epochs. Seconds per epoch include the
# validation pass, as aecv-train's do. Run it with tcmalloc preloaded, as aecv-bench is run:
#   LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 samples/train_torch.py --preset stacked
import argparse
import gzip
import os
import statistics
import time

# Debian's PyTorch calls OpenBLAS (pthreads) beside its own OpenMP threads: two pools on two
# cores. One OpenBLAS thread is its best setting here (stacked: 1.6 s per epoch, against 4.1 with
# two and 6.5 unset). Set before numpy and torch load it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import torch
from torch import nn

DATA = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"


def load_images(path, limit):
    with gzip.open(path, "rb") as f:
        data = f.read()
    n = int.from_bytes(data[4:8], "big")
    images = np.frombuffer(data, dtype=np.uint8, offset=16).reshape(n, 1, 28, 28)
    images = torch.from_numpy(images.astype(np.float32) / 255.0)
    train, valid = images[:55000], images[55000:]
    if limit:
        train, valid = train[:limit], valid[:limit]
    return train, valid


def dense_stack(sizes, last):
    layers = [nn.Flatten()]
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers += [nn.Linear(a, b), last if i == len(sizes) - 2 else nn.SELU()]
    return nn.Sequential(*layers, nn.Unflatten(1, (1, 28, 28)))


def conv_ae():
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.SELU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.SELU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.SELU(), nn.MaxPool2d(2),
        nn.ConvTranspose2d(64, 32, 3, stride=2), nn.SELU(),                                # 3 -> 7
        nn.ConvTranspose2d(32, 16, 3, stride=2, padding=1, output_padding=1), nn.SELU(),   # 7 -> 14
        nn.ConvTranspose2d(16, 1, 3, stride=2, padding=1, output_padding=1), nn.Sigmoid())  # 14 -> 28


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Flatten(), nn.Linear(784, 150), nn.SELU(), nn.Linear(150, 100), nn.SELU())
        self.mean, self.log_var = nn.Linear(100, 10), nn.Linear(100, 10)
        self.decoder = nn.Sequential(nn.Linear(10, 100), nn.SELU(), nn.Linear(100, 150), nn.SELU(),
                                     nn.Linear(150, 784), nn.Sigmoid(), nn.Unflatten(1, (1, 28, 28)))

    def forward(self, x):
        h = self.encoder(x)
        mean, log_var = self.mean(h), self.log_var(h)
        z = mean + torch.exp(log_var / 2) * torch.randn_like(mean)
        self.kl = -0.5 * torch.sum(1 + log_var - mean * mean - torch.exp(log_var), dim=1).mean() / 784
        return self.decoder(z)


def bce(p, t):
    p = p.clamp(1e-7, 1 - 1e-7)
    return -(t * torch.log(p) + (1 - t) * torch.log(1 - p)).mean()


RECIPES = {  # model, optimizer, learning rate, batch, epochs, corruption
    "stacked": (lambda: dense_stack([784, 100, 30, 100, 784], nn.Sigmoid()), "sgd", 1.5, 32, 20, None),
    "conv": (conv_ae, "sgd", 1.0, 32, 5, None),
    "denoise-gaussian": (lambda: dense_stack([784, 100, 30, 100, 784], nn.Sigmoid()), "sgd", 1.0, 32, 10, "gaussian"),
    "denoise-dropout": (lambda: dense_stack([784, 100, 30, 100, 784], nn.Sigmoid()), "sgd", 1.0, 32, 10, "dropout"),
    "vae": (Vae, "rmsprop", 1e-3, 128, 25, None),
}


def main():
    parser = argparse.ArgumentParser(description="aecv-train's reference recipes in PyTorch")
    parser.add_argument("--preset", choices=RECIPES, default="stacked")
    parser.add_argument("--epochs", type=int, default=0, help="0: the recipe's")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="first N training and validation images")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    make, opt_name, lr, batch, epochs, corruption = RECIPES[args.preset]
    epochs = args.epochs or epochs
    train, valid = load_images(DATA, args.limit)
    model = make()
    for m in model.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    if opt_name == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=lr)
    else:
        opt = torch.optim.RMSprop(model.parameters(), lr=lr, alpha=0.9, eps=1e-7)
    variational = isinstance(model, Vae)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, preset {args.preset}, {epochs} epochs")
    times, best = [], float("inf")
    for epoch in range(epochs):
        start = time.perf_counter()
        model.train()
        order = torch.randperm(train.shape[0])
        total = 0.0
        for first in range(0, train.shape[0] - batch + 1, batch):
            clean = train[order[first:first + batch]]
            x = clean
            if corruption == "gaussian":
                x = clean + 0.2 * torch.randn_like(clean)
            elif corruption == "dropout":
                x = nn.functional.dropout(clean, 0.5, training=True)
            loss = bce(model(x), clean)
            if variational:
                loss = loss + model.kl
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item()
        with torch.no_grad():  # the VAE samples in validation too, as Keras (and aecv-train) do
            model.train(variational)
            val = 0.0
            for first in range(0, valid.shape[0], 250):
                x = valid[first:first + 250]
                val += (bce(model(x), x) + (model.kl if variational else 0)).item() * x.shape[0]
            val /= valid.shape[0]
        seconds = time.perf_counter() - start
        times.append(seconds)
        best = min(best, val)
        steps = train.shape[0] // batch
        print(f"epoch {epoch + 1}/{epochs}  loss {total / steps:.4f}  val_loss {val:.4f}  {seconds:.2f}s", flush=True)
    print(f"median s/epoch: {statistics.median(times):.2f}")
    print(f"validation loss: {best:.4f}")


if __name__ == "__main__":
    main()
