#!/usr/bin/env python3
"""PyTorch reference for the course's VAE training benchmarks.

Trains a VAE (Bernoulli decoder on logits, diagonal Gaussian encoder, analytic
KL to N(0, I)) with Adam on continuous pixels in [0, 1] and reports seconds per
epoch and the test-set negative ELBO. Models: mlp (784-512-2, ReLU), conv
(seed 000's two-convolution pair) and dcgan (seed 002's DCGAN-style pair with
batch norm), the same networks as the course library's. It reads the same IDX files the Java side trains on, so both
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

    def encode(self, x):
        return self.enc_out(F.relu(self.enc_hidden(x)))

    def decode(self, z):
        return self.dec_out(F.relu(self.dec_hidden(z)))

    def negative_elbo(self, x):
        """Mean over the batch of BCE summed over pixels plus KL(q(z|x) || N(0, I))."""
        stats = self.encode(x)
        mu, log_var = stats[:, : self.latent], stats[:, self.latent :]
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        logits = self.decode(z).reshape(len(x), -1)
        bce = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=1)
        kl = 0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var).sum(dim=1)
        return (bce + kl).mean()


class ConvVae(Vae):
    """Seed 000: conv 4x4/2/1 (32, ReLU), conv 4x4/2/1 (64, ReLU), linear to 2P; linear to
    64x7x7, transposed conv 4x4/2/1 (32, ReLU), transposed conv 4x4/2/1 (1)."""

    def __init__(self, latent):
        nn.Module.__init__(self)
        self.latent = latent
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 32, 4, 2, 1), nn.ReLU(), nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(),
            nn.Flatten(), nn.Linear(64 * 7 * 7, 2 * latent))
        self.fc = nn.Linear(latent, 64 * 7 * 7)
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU(), nn.ConvTranspose2d(32, 1, 4, 2, 1))

    def encode(self, x):
        return self.encoder(x.reshape(len(x), 1, 28, 28))

    def decode(self, z):
        return self.decoder(self.fc(z).reshape(len(z), 64, 7, 7))


class DcganVae(Vae):
    """Seed 002: convs 4x4/2 1 -> 16 -> 32 (batch norm, leaky ReLU 0.2) -> 2P at 1x1; transposed
    convs P -> 256 (3x3/2) -> 128 (4x4/1) -> 64 (3x3/2) with batch norm and ReLU -> 1 (4x4/2)."""

    def __init__(self, latent, enc=16, dec=64):
        nn.Module.__init__(self)
        self.latent = latent
        self.encoder = nn.Sequential(
            nn.Conv2d(1, enc, 4, 2), nn.BatchNorm2d(enc), nn.LeakyReLU(0.2),
            nn.Conv2d(enc, 2 * enc, 4, 2), nn.BatchNorm2d(2 * enc), nn.LeakyReLU(0.2),
            nn.Conv2d(2 * enc, 2 * latent, 4, 2), nn.Flatten())
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(latent, 4 * dec, 3, 2), nn.BatchNorm2d(4 * dec), nn.ReLU(),
            nn.ConvTranspose2d(4 * dec, 2 * dec, 4, 1), nn.BatchNorm2d(2 * dec), nn.ReLU(),
            nn.ConvTranspose2d(2 * dec, dec, 3, 2), nn.BatchNorm2d(dec), nn.ReLU(),
            nn.ConvTranspose2d(dec, 1, 4, 2))

    def encode(self, x):
        return self.encoder(x.reshape(len(x), 1, 28, 28))

    def decode(self, z):
        return self.decoder(z.reshape(len(z), self.latent, 1, 1))


def djl_initialization(model):
    """The course library's starting point: DJL's default weights, N(0, 2 / fan_in) with fan_in
    the weight's size over its output channels, zero biases, batch norm at gamma 1 and beta 0."""
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            out_axis = 1 if isinstance(m, nn.ConvTranspose2d) else 0
            fan_in = m.weight.numel() // m.weight.shape[out_axis]
            nn.init.normal_(m.weight, 0.0, (2.0 / fan_in) ** 0.5)
            if m.bias is not None:
                nn.init.zeros_(m.bias)


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
    p.add_argument("--model", choices=("mlp", "conv", "dcgan"), default="mlp")
    p.add_argument("--djl-init", action="store_true",
                   help="start from DJL's default initialization, as the course library does")
    p.add_argument("--latent", type=int, default=2)
    p.add_argument("--limit", type=int, default=None, help="use at most this many training images")
    p.add_argument("--json", help="write the result here as JSON")
    p.add_argument("--profile", help="record the last epoch's operators into this Chrome trace")
    args = p.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    train = load_images(args.data, "train")[: args.limit]
    test = load_images(args.data, "t10k")
    if args.model == "conv":
        model = ConvVae(args.latent)
    elif args.model == "dcgan":
        model = DcganVae(args.latent)
    else:
        model = Vae(latent=args.latent, init_std=args.init_std)
    if args.djl_init:
        djl_initialization(model)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    epoch_seconds, epoch_cpu, train_losses = [], [], []
    for epoch in range(args.epochs):
        profiler = None
        if args.profile and epoch == args.epochs - 1:
            profiler = torch.autograd.profiler.profile(record_shapes=True)
            profiler.__enter__()
        start = time.perf_counter()
        cpu_start = time.process_time()
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
        epoch_cpu.append(time.process_time() - cpu_start)
        if profiler is not None:
            profiler.__exit__(None, None, None)
            profiler.export_chrome_trace(args.profile)
        train_losses.append(total / len(train))
        print(f"torch epoch {epoch + 1}/{args.epochs}: train {train_losses[-1]:.3f}"
              f"  {epoch_seconds[-1]:.3f}s", flush=True)

    model.eval()
    with torch.no_grad():
        total = 0.0
        for i in range(0, len(test), 1000):
            x = test[i : i + 1000]
            total += model.negative_elbo(x).item() * len(x)
        test_nelbo = total / len(test)

    result = {
        "framework": "pytorch " + torch.__version__,
        "model": args.model,
        "batch": args.batch,
        "threads": torch.get_num_threads(),
        "seed": args.seed,
        "train_examples": len(train),
        "test_examples": len(test),
        "epochs": args.epochs,
        "seconds_per_epoch": sorted(epoch_seconds)[len(epoch_seconds) // 2],
        "epoch_seconds": epoch_seconds,
        "epoch_cpu_seconds": epoch_cpu,
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
