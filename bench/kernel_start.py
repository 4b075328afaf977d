#!/usr/bin/env python3
"""Seconds from starting a Jupyter kernel to the first result of a tensor cell.

Starts the named kernel with jupyter_client, runs one cell that makes a tensor and
sums it, and prints a JSON line with the time to the cell's result. The course's
Java kernel and Debian's IPython kernel with PyTorch run the same kind of cell.
"""

import argparse
import json
import sys
import time

from jupyter_client.manager import start_new_kernel

CELLS = {
    "java": "var m = ai.djl.ndarray.NDManager.newBaseManager();\n"
            "m.ones(new ai.djl.ndarray.types.Shape(3, 4)).sum().getFloat()",
    "python": "import torch\ntorch.ones(3, 4).sum().item()",
}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--kernel", required=True, help="kernelspec name")
    p.add_argument("--language", choices=sorted(CELLS), required=True)
    a = p.parse_args()
    start = time.perf_counter()
    km, kc = start_new_kernel(kernel_name=a.kernel, startup_timeout=120)
    try:
        reply = kc.execute_interactive(CELLS[a.language], timeout=120, output_hook=lambda m: None)
        seconds = time.perf_counter() - start
        if reply["content"]["status"] != "ok":
            sys.exit(f"kernel {a.kernel}: the first cell failed: {reply['content']}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps({"kernel": a.kernel, "seconds": seconds}))


if __name__ == "__main__":
    main()
