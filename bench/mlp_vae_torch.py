#!/usr/bin/env python3
"""PyTorch reference for the course's MLP VAE benchmark.

Trains the 784-512-2 VAE (ReLU hidden layers, Bernoulli decoder on logits,
diagonal Gaussian encoder, analytic KL to N(0, I)) with Adam on continuous
pixels in [0, 1], batch 100, and reports seconds per epoch and the test-set
negative ELBO. It reads the same IDX files the Java side trains on, so both
see identical examples. Run with Debian's /usr/bin/python3 (python3-torch).
"""

import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    """Unsigned-byte IDX, gzipped or raw (detected by the first two bytes)."""
    with open(path, "rb") as f:
        head = f.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    with opener(path, "rb") as f:
        zero, dtype, rank = struct.unpack(">HBB", f.read(4))
        if zero != 0 or dtype != 0x08:
            sys.exit(f"{path}: not an unsigned-byte IDX file")
        dims = struct.unpack(">" + "I" * rank, f.read(4 * rank))
        data = np.frombuffer(f.read(), dtype=np.uint8)
    if data.size != int(np.prod(dims)):
        sys.exit(f"{path}: truncated ({data.size} of {int(np.prod(dims))} values)")
    return data.reshape(dims)


def find(directory, name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(directory, candidate)
        if os.path.isfile(path):
            return path
    sys.exit(f"{name}[.gz] not found in {directory}")


def load_images(directory, prefix):
    images = read_idx(find(directory, f"{prefix}-images-idx3-ubyte"))
    return torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / 255.0)


class Vae(nn.Module):
    def __init__(self, pixels=784, hidden=512, latent=2, init_std=None):
        super().__init__()
        self.enc_hidden = nn.Linear(pixels, hidden)
        self.enc_out = nn.Linear(hidden, 2 * latent)
        self.dec_hidden = nn.Linear(latent, hidden)
        self.dec_out = nn.Linear(hidden, pixels)
        self.latent = latent
        if init_std is not None:
            for layer in (self.enc_hidden, self.enc_out, self.dec_hidden, self.dec_out):
                nn.init.normal_(layer.weight, 0.0, init_std)
                nn.init.zeros_(layer.bias)

    def negative_elbo(self, x):
        """Mean over the batch of BCE summed over pixels plus KL(q(z|x) || N(0, I))."""
        stats = self.enc_out(F.relu(self.enc_hidden(x)))
        mu, log_var = stats[:, : self.latent], stats[:, self.latent :]
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        logits = self.dec_out(F.relu(self.dec_hidden(z)))
        bce = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=1)
        kl = 0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var).sum(dim=1)
        return (bce + kl).mean()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True, help="directory with train-* and t10k-* IDX files")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--init-std", type=float, default=None,
                   help="N(0, std^2) weights and zero biases (default: PyTorch's own init)")
    p.add_argument("--json", help="write the result here as JSON")
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    train = load_images(args.data, "train")
    test = load_images(args.data, "t10k")
    model = Vae(init_std=args.init_std)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    epoch_seconds, train_losses = [], []
    for epoch in range(args.epochs):
        start = time.perf_counter()
        order = torch.randperm(len(train))
        total = 0.0
        for i in range(0, len(train), args.batch):
            x = train[order[i : i + args.batch]]
            loss = model.negative_elbo(x)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(x)
        epoch_seconds.append(time.perf_counter() - start)
        train_losses.append(total / len(train))
        print(f"torch epoch {epoch + 1}/{args.epochs}: train {train_losses[-1]:.3f}"
              f"  {epoch_seconds[-1]:.3f}s", flush=True)

    with torch.no_grad():
        total = 0.0
        for i in range(0, len(test), 1000):
            x = test[i : i + 1000]
            total += model.negative_elbo(x).item() * len(x)
        test_nelbo = total / len(test)

    result = {
        "framework": "pytorch " + torch.__version__,
        "threads": torch.get_num_threads(),
        "seed": args.seed,
        "train_examples": len(train),
        "test_examples": len(test),
        "epochs": args.epochs,
        "seconds_per_epoch": sorted(epoch_seconds)[len(epoch_seconds) // 2],
        "epoch_seconds": epoch_seconds,
        "train_nelbo": train_losses,
        "test_nelbo": test_nelbo,
    }
    print(f"torch: test negative ELBO {test_nelbo:.3f}, median {result['seconds_per_epoch']:.3f}"
          f" s/epoch on {result['threads']} threads")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
