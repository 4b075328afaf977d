#!/usr/bin/env python3
"""PyTorch reference for notebook 5's importance-weighted bound.

Trains the 784-512-2 Bernoulli VAE (ReLU, sigmoid probabilities from logits, diagonal Gaussian
encoder with log-variances, analytic KL to N(0, I), one sample) with weights from N(0, 0.1^2)
and zero biases, Adam lr 1e-3 and weight decay 1e-5, batch 1000, on the binarized IDX files
that `java vaecourse.IwBench --write-split` writes; then evaluates the test L_K (K = 1000) with
log-sum-exp over K draws per image and times that evaluation. Run with /usr/bin/python3.
"""

import argparse
import json
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from vae_torch import find, read_idx


class Vae(nn.Module):
    def __init__(self, std, pixels=784, hidden=512, latent=2):
        super().__init__()
        self.enc_hidden = nn.Linear(pixels, hidden)
        self.enc_out = nn.Linear(hidden, 2 * latent)
        self.dec_hidden = nn.Linear(latent, hidden)
        self.dec_out = nn.Linear(hidden, pixels)
        self.latent = latent
        for layer in (self.enc_hidden, self.enc_out, self.dec_hidden, self.dec_out):
            nn.init.normal_(layer.weight, 0.0, std)
            nn.init.zeros_(layer.bias)

    def encode(self, x):
        stats = self.enc_out(F.relu(self.enc_hidden(x)))
        return stats[:, : self.latent], stats[:, self.latent :]

    def log_lik(self, x, z):
        logits = self.dec_out(F.relu(self.dec_hidden(z)))
        return -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(-1)

    def negative_elbo(self, x):
        mu, log_var = self.encode(x)
        z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
        kl = 0.5 * (mu.pow(2) + log_var.exp() - 1.0 - log_var).sum(dim=1)
        return (kl - self.log_lik(x, z)).mean()

    @torch.no_grad()
    def iw_bound(self, x, k, chunk_rows=10_000):
        """L_K per image: log mean_k p(x|z_k) p(z_k) / q(z_k|x), z_k ~ q(z|x)."""
        mu, log_var = self.encode(x)
        std = torch.exp(0.5 * log_var)
        per = max(1, chunk_rows // len(x))
        parts = []
        log2pi = math.log(2 * math.pi)
        for done in range(0, k, per):
            c = min(per, k - done)
            eps = torch.randn(c, *mu.shape)
            z = mu + std * eps
            log_q = (-0.5 * (eps.pow(2) + log_var + log2pi)).sum(-1)
            log_p = (-0.5 * (z.pow(2) + log2pi)).sum(-1)
            lik = self.log_lik(x.repeat(c, 1), z.reshape(-1, self.latent)).reshape(c, len(x))
            parts.append(lik + log_p - log_q)
        log_w = torch.cat(parts)
        return torch.logsumexp(log_w, 0) - math.log(k)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--eval", type=int, default=500)
    p.add_argument("--k", type=int, default=1000)
    p.add_argument("--std", type=float, default=0.1)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--json")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    load = lambda prefix: torch.from_numpy(
        read_idx(find(args.data, f"{prefix}-images-idx3-ubyte")).reshape(-1, 784).astype("float32") / 255.0)
    train, test = load("train"), load("t10k")
    model = Vae(args.std)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-5)
    start = time.perf_counter()
    for epoch in range(args.epochs):
        order = torch.randperm(len(train))
        for i in range(0, len(train), 1000):
            loss = model.negative_elbo(train[order[i : i + 1000]])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
    train_seconds = time.perf_counter() - start
    x = test[: args.eval]
    start = time.perf_counter()
    values = torch.cat([model.iw_bound(x[i : i + 10], args.k) for i in range(0, len(x), 10)])
    eval_seconds = time.perf_counter() - start
    mean = values.mean().item()
    se = values.std().item() / math.sqrt(len(values))
    print(f"torch: {args.epochs} epochs in {train_seconds:.1f} s; test L_{args.k} = {mean:.3f} +- {se:.3f}"
          f" on {len(values)} images, evaluated in {eval_seconds:.2f} s on {torch.get_num_threads()} threads")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"framework": "pytorch " + torch.__version__, "threads": torch.get_num_threads(),
                       "seed": args.seed, "epochs": args.epochs, "train_seconds": train_seconds,
                       "k": args.k, "eval_images": len(values), "test_iw_bound": mean,
                       "test_iw_bound_se": se, "eval_seconds": eval_seconds}, f, indent=1)


if __name__ == "__main__":
    main()
