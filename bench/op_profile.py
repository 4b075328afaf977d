#!/usr/bin/env python3
"""Sums Chrome traces of PyTorch's profiler by operator, side by side.

Each trace is one epoch of a training workload: `vaecourse.Bench --profile A.json` for
the course library, `vae_torch.py --profile B.json` for the reference. An operator's
self time is its duration less the durations of the operators it called, so the
column sums to the time spent inside native operators. Usage:

    op_profile.py java.json torch.json [--top 25]
"""

import argparse
import collections
import json


def self_times(path):
    """{name: [calls, self microseconds, total microseconds]} and the trace's op time."""
    with open(path) as f:
        trace = json.load(f)
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    by_thread = collections.defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e and e.get("cat", "cpu_op") in ("cpu_op", "Operator"):
            by_thread[e.get("tid")].append(e)
    table = collections.defaultdict(lambda: [0, 0.0, 0.0])
    for ops in by_thread.values():
        ops.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []  # [end, name, duration, microseconds in children]
        def close(until):
            while stack and stack[-1][0] <= until:
                end, name, dur, children = stack.pop()
                table[name][1] += dur - children
                if stack:
                    stack[-1][3] += dur
        for e in ops:
            ts, dur = float(e["ts"]), float(e["dur"])
            close(ts)
            table[e["name"]][0] += 1
            table[e["name"]][2] += dur
            stack.append([ts + dur, e["name"], dur, 0.0])
        close(float("inf"))
    return table


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("traces", nargs="+", help="Chrome traces, one column each")
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args()
    tables = [self_times(t) for t in args.traces]
    names = set().union(*tables)
    order = sorted(names, key=lambda n: -max(t[n][1] if n in t else 0 for t in tables))
    head = "".join(f" | {t[-28:]:>28}" for t in args.traces)
    print(f"{'operator (self ms, calls)':<40}{head}")
    for n in order[: args.top]:
        cells = "".join(
            f" | {t[n][1] / 1000:>10.1f} ms {t[n][0]:>8} calls" if n in t else f" | {'':>28}"
            for t in tables)
        print(f"{n[:40]:<40}{cells}")
    totals = "".join(f" | {sum(v[1] for v in t.values()) / 1000:>13.1f} ms in all" for t in tables)
    print(f"{'all operators':<40}{totals}")


if __name__ == "__main__":
    main()
