#!/usr/bin/python3
"""Summarizes the L_1000 runs of ./course bench: iw-java-SEED.json and iw-torch-SEED.json in DIR.

Prints each seed, then the mean and sample standard deviation of each side over the seeds and the
difference of the means, which the course expects within 1 nat.
Usage: iw_summary.py DIR
"""
import json
import pathlib
import statistics
import sys


def load(d, side):
    runs = [json.loads(p.read_text()) for p in sorted(pathlib.Path(d).glob(f"iw-{side}-*.json"))]
    if not runs:
        sys.exit(f"iw_summary.py: no iw-{side}-SEED.json in {d}; run ./course bench first")
    return {r["seed"]: r for r in runs}


def spread(values):
    return statistics.stdev(values) if len(values) > 1 else float("nan")


d = sys.argv[1] if len(sys.argv) > 1 else "build/bench"
java, torch = load(d, "java"), load(d, "torch")
first = next(iter(java.values()))
print(f"test L_{first['k']} after {first['epochs']} epochs ({first['eval_images']} test images):")
for seed in sorted(set(java) | set(torch)):
    j, t = java.get(seed), torch.get(seed)
    fmt = lambda r: f"{r['test_iw_bound']:.2f} +- {r['test_iw_bound_se']:.2f}" if r else "-"
    print(f"  seed {seed}: java {fmt(j)}, torch {fmt(t)}")
jv = [r["test_iw_bound"] for r in java.values()]
tv = [r["test_iw_bound"] for r in torch.values()]
diff = statistics.mean(jv) - statistics.mean(tv)
print(f"  mean over seeds (sd): java {statistics.mean(jv):.2f} ({spread(jv):.2f}, {len(jv)} seeds),"
      f" torch {statistics.mean(tv):.2f} ({spread(tv):.2f}, {len(tv)} seeds);"
      f" difference {diff:+.2f} nats ({'within' if abs(diff) <= 1 else 'NOT within'} 1 nat)")
ej = statistics.mean(r["eval_seconds"] for r in java.values())
et = statistics.mean(r["eval_seconds"] for r in torch.values())
print(f"L_{first['k']} evaluation, mean over seeds: java {ej:.1f} s, torch {et:.1f} s (ratio {ej / et:.2f})"
      f" on {first['threads']} threads")
