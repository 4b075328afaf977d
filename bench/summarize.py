#!/usr/bin/env python3
"""Prints the one table of ./course bench from the results in build/bench/ and writes it as
Markdown (summary.md) too. Times are medians over the rounds (and, for training, over the epochs
after each run's first); ratio = Java / reference, so below 1 means the course library is faster."""

import glob
import json
import os
import re
import statistics
import sys

MODELS = {
    "mlp": "MLP VAE 784-512-2, batch 100 (s/epoch)",
    "conv": "conv VAE of seed 000, batch 32 (s/epoch)",
    "dcgan": "DCGAN VAE of seed 002, batch 1024 (s/epoch)",
}


def load(pattern):
    return [json.load(open(f)) for f in sorted(glob.glob(pattern))]


def epochs(runs, key):
    """Every epoch after each run's first (the first carries start-up), or all of a 1-epoch run."""
    values = []
    for r in runs:
        e = r.get(key) or []
        values += e[1:] if len(e) > 1 else e
    return values


def median(values):
    return statistics.median(values) if values else float("nan")


def rates(out, side, pattern):
    """it/s per workload name from the banana benchmarks' text lines, medians over rounds."""
    found = {}
    for path in sorted(glob.glob(os.path.join(out, f"banana-{side}-*.txt"))):
        for line in open(path):
            m = re.match(pattern, line)
            if m:
                found.setdefault(m.group(1), []).append(float(m.group(2)))
    return {k: median(v) for k, v in found.items()}


def main(out):
    rows = []  # (workload, java, reference, reference name, result note)
    for model, title in MODELS.items():
        java = load(os.path.join(out, f"java-{model}-*.json"))
        torch = load(os.path.join(out, f"torch-{model}-*.json"))
        if not java or not torch:
            continue
        jn = statistics.mean(r["test_nelbo"] for r in java)
        tn = statistics.mean(r["test_nelbo"] for r in torch)
        gap = 100 * (jn - tn) / tn
        note = (f"test NELBO {jn:.1f} / {tn:.1f} ({gap:+.1f}%, {'ok' if abs(gap) <= 2 else 'MISSED'}"
                f" within 2%), {java[0]['epochs']} epochs x {len(java)}, {java[0]['train_examples']} images")
        chosen = sorted({r.get("threads_chosen", 0) for r in java} - {0})
        if chosen:
            note += f"; Java trained on {' or '.join(map(str, chosen))} of {java[0]['threads']} threads"
        rows.append((title, median(epochs(java, "epoch_seconds")),
                     median(epochs(torch, "epoch_seconds")), "PyTorch", note))
        rows.append(("  same, CPU seconds (all threads)", median(epochs(java, "epoch_cpu_seconds")),
                     median(epochs(torch, "epoch_cpu_seconds")), "PyTorch", ""))
    jr = rates(out, "java", r"java\s+(planar|nice|realnvp)\s+([\d.]+) it/s \(S = 100, plain")
    dr = rates(out, "java", r"java\s+(planar|nice|realnvp)\s+([\d.]+) it/s \(S = 100, DJL")
    tr = rates(out, "torch", r"torch\s+(planar|nice|realnvp)\s+([\d.]+) it/s")
    names = {"planar": "planar K=8", "nice": "NICE K=4", "realnvp": "RealNVP K=4"}
    for kind, name in names.items():
        if kind in jr and kind in tr:
            rows.append((f"banana flow {name}, S=100 (ms/step)", 1e3 / jr[kind], 1e3 / tr[kind],
                         "PyTorch", f"DJL tensors + autograd: {1e3 / dr.get(kind, float('nan')):.2f} ms"))
    jh = rates(out, "java", r"java\s+(HMC)\s+([\d.]+) it/s")
    th = rates(out, "torch", r"numpy\s+(HMC)\s+([\d.]+) it/s")
    if jh and th:
        rows.append(("banana HMC, L=100 (ms/iteration)", 1e3 / jh["HMC"], 1e3 / th["HMC"], "numpy", ""))
    ij = load(os.path.join(out, "iw-java-*.json"))
    it = load(os.path.join(out, "iw-torch-*.json"))
    if ij and it:
        bj = statistics.mean(r["test_iw_bound"] for r in ij)
        bt = statistics.mean(r["test_iw_bound"] for r in it)
        rows.append((f"L_{ij[0]['k']} evaluation, {ij[0]['eval_images']} test images (s)",
                     median([r["eval_seconds"] for r in ij]), median([r["eval_seconds"] for r in it]),
                     "PyTorch", f"L_{ij[0]['k']} {bj:.2f} / {bt:.2f} after {ij[0]['epochs']} epochs"))
    kj = load(os.path.join(out, "kernel-java-*.json"))
    kp = load(os.path.join(out, "kernel-python-*.json"))
    if kj and kp:
        rows.append(("kernel start to first tensor result (s)", median([r["seconds"] for r in kj]),
                     median([r["seconds"] for r in kp]), "IPython+PyTorch", ""))
    gj = load(os.path.join(out, "grade-java-*.json"))
    if gj:
        rows.append(("grading notebook 01, one submission (s)", median([r["seconds"] for r in gj]),
                     float("nan"), "-", "no reference: the grader has no PyTorch counterpart"))
    if not rows:
        sys.exit("bench: no results in " + out)
    machine = open(os.path.join(out, "MACHINE")).read().strip().splitlines() if os.path.exists(
        os.path.join(out, "MACHINE")) else []
    text = ["; ".join(machine), ""]
    head = f"{'workload':50s} {'java':>9s} {'reference':>10s} {'ratio':>6s}  {'against':16s} notes"
    text += [head, "-" * len(head)]
    md = ["; ".join(machine), "", "| workload | Java | reference | ratio | against | notes |",
          "|---|---:|---:|---:|---|---|"]
    for name, j, t, ref, note in rows:
        ratio = j / t if t == t else float("nan")
        cell = lambda v: "-" if v != v else f"{v:.2g}" if v < 0.1 else f"{v:.3f}" if v < 10 else f"{v:.1f}"
        text.append(f"{name:50s} {cell(j):>9s} {cell(t):>10s} {cell(ratio):>6s}  {ref:16s} {note}")
        md.append(f"| {name.strip()} | {cell(j)} | {cell(t)} | {cell(ratio)} | {ref} | {note} |")
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(text))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build/bench")
