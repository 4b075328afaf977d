#!/usr/bin/env python3
"""Prints the side-by-side table of ./course bench from the JSON results."""

import json
import statistics
import sys


def main(paths):
    runs = {"java": [], "pytorch": []}
    for path in paths:
        with open(path) as f:
            result = json.load(f)
        runs["java" if result["framework"].startswith("djl") else "pytorch"].append(result)
    if not runs["java"] or not runs["pytorch"]:
        sys.exit("bench: need results from both Java and PyTorch")
    print()
    print("MLP VAE 784-512-2, Adam 1e-3, batch 100, %d epochs, %d training / %d test images"
          % (runs["java"][0]["epochs"], runs["java"][0]["train_examples"],
             runs["java"][0]["test_examples"]))
    print("%-22s %8s %6s %10s %10s %12s" % ("", "threads", "seed", "s/ep min", "s/ep med",
                                             "test NELBO"))
    for name in ("java", "pytorch"):
        for r in sorted(runs[name], key=lambda r: r["seed"]):
            print("%-22s %8d %6d %10.3f %10.3f %12.3f" % (
                r["framework"], r["threads"], r["seed"], min(r["epoch_seconds"]),
                r["seconds_per_epoch"], r["test_nelbo"]))
    # The fastest epoch is the least disturbed by other processes; the median shows the typical.
    java_min = min(min(r["epoch_seconds"]) for r in runs["java"])
    torch_min = min(min(r["epoch_seconds"]) for r in runs["pytorch"])
    java_s = statistics.median(r["seconds_per_epoch"] for r in runs["java"])
    torch_s = statistics.median(r["seconds_per_epoch"] for r in runs["pytorch"])
    java_n = statistics.mean(r["test_nelbo"] for r in runs["java"])
    torch_n = statistics.mean(r["test_nelbo"] for r in runs["pytorch"])
    gap = (java_n - torch_n) / torch_n
    print()
    print("seconds per epoch, fastest: java %.3f, pytorch %.3f, java/pytorch %.2f" %
          (java_min, torch_min, java_min / torch_min))
    print("seconds per epoch, median:  java %.3f, pytorch %.3f, java/pytorch %.2f" %
          (java_s, torch_s, java_s / torch_s))
    print("test NELBO (mean of %d seeds): java %.3f, pytorch %.3f, difference %+.2f%%"
          " (target within 2%%): %s" % (len(runs["java"]), java_n, torch_n, 100 * gap,
                                       "ok" if abs(gap) <= 0.02 else "MISSED"))


if __name__ == "__main__":
    main(sys.argv[1:])
