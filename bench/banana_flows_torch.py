#!/usr/bin/python3
"""Reference for ./course bench: one stochastic-VI step of each banana flow in PyTorch.

The same work as the course library's step (notebook 4): S = 100 base draws, the flow's forward
pass and log-determinant, the Monte Carlo ELBO of the banana posterior, backward, one Adam step
(lr 1e-3, weight decay 1e-5). Flows as in the library: planar K = 8 with u-hat; NICE with 4
additive couplings (2x32 ReLU MLPs) and a scaling; RealNVP with 4 affine couplings (2x32 tanh
MLPs, tanh-bounded scales). Prints iterations per second per flow.
"""
import argparse, json, math, time
import numpy as np
import torch
from torch import nn


def mlp(inp, out, act):
    return nn.Sequential(nn.Linear(inp, 32), act(), nn.Linear(32, 32), act(), nn.Linear(32, out))


class Planar(nn.Module):
    def __init__(self):
        super().__init__()
        self.u = nn.Parameter(0.1 * torch.randn(2))
        self.w = nn.Parameter(0.1 * torch.randn(2))
        self.b = nn.Parameter(0.1 * torch.randn(1))

    def forward(self, z):
        wu = (self.w * self.u).sum()
        u_hat = self.u + (nn.functional.softplus(wu) - 1 - wu) * self.w / (self.w ** 2).sum()
        h = torch.tanh(z @ self.w[:, None] + self.b)
        det = 1 + (1 - h ** 2) * (self.w * u_hat).sum()
        return z + h * u_hat, det.abs().log().reshape(-1)


class Coupling(nn.Module):
    def __init__(self, kept, affine):
        super().__init__()
        self.kept, self.affine = kept, affine
        self.net = mlp(1, 2 if affine else 1, nn.Tanh if affine else nn.ReLU)

    def forward(self, z):
        k, f = z[:, self.kept:self.kept + 1], z[:, 1 - self.kept:2 - self.kept]
        out = self.net(k)
        if self.affine:
            s = torch.tanh(out[:, :1])
            f = f * torch.exp(s) + out[:, 1:]
            log_det = s.reshape(-1)
        else:
            f = f + out
            log_det = torch.zeros(z.shape[0])
        parts = [k, f] if self.kept == 0 else [f, k]
        return torch.cat(parts, dim=1), log_det


class Scaling(nn.Module):
    def __init__(self):
        super().__init__()
        self.s = nn.Parameter(torch.zeros(2))

    def forward(self, z):
        return z * torch.exp(self.s), self.s.sum().expand(z.shape[0])


class Flow(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.layers = nn.ModuleList(layers)

    def forward(self, z):
        total = torch.zeros(z.shape[0])
        for layer in self.layers:
            z, ld = layer(z)
            total = total + ld
        return z, total


def make(kind):
    if kind == "planar":
        return Flow([Planar() for _ in range(8)])
    if kind == "nice":
        return Flow([Coupling(i % 2, False) for i in range(4)] + [Scaling()])
    return Flow([Coupling(i % 2, True) for i in range(4)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(18)
    y = torch.tensor(rng.normal(0.935, 2.0, size=100), dtype=torch.float32)
    n, ybar = y.shape[0], y.mean()
    scatter = ((y - ybar) ** 2).sum()

    def log_joint(t):
        m = t[:, 0] + t[:, 1] ** 2
        sq = scatter + n * (ybar - m) ** 2
        return (-0.5 * n * math.log(8 * math.pi) - sq / 8 - math.log(2 * math.pi)
                - 0.5 * (t ** 2).sum(1))

    results = {}
    for kind in ("planar", "nice", "realnvp"):
        flow = make(kind)
        opt = torch.optim.Adam(flow.parameters(), lr=1e-3, weight_decay=1e-5)

        def step():
            eps = torch.randn(100, 2)
            z, log_det = flow(eps)
            log_q0 = -0.5 * (eps ** 2).sum(1) - math.log(2 * math.pi)
            loss = -(log_joint(z) - log_q0 + log_det).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            return loss.item()

        for _ in range(100):
            step()
        start = time.perf_counter()
        for _ in range(a.iterations):
            last = step()
        rate = a.iterations / (time.perf_counter() - start)
        results[kind] = rate
        print(f"torch {kind:8s} {rate:9.1f} it/s (S = 100, {a.threads} thread(s)), last ELBO {-last:.2f}")
    if a.json:
        json.dump(results, open(a.json, "w"))


if __name__ == "__main__":
    main()
