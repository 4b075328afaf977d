"""Execute a notebook with the real Jupyter client (nbclient) and write the result.

usage: run_notebook.py KERNEL_NAME IN.ipynb OUT.ipynb [--timeout S] [--interrupt-on-timeout]

Errors in cells are kept in the output (allow_errors) so that a test can inspect them.
"""
import argparse
import os
import sys

import nbformat
from nbclient import NotebookClient


def main():
    p = argparse.ArgumentParser()
    p.add_argument("kernel")
    p.add_argument("source")
    p.add_argument("target")
    p.add_argument("--timeout", type=int, default=120)
    p.add_argument("--interrupt-on-timeout", action="store_true")
    a = p.parse_args()
    nb = nbformat.read(a.source, as_version=4)
    client = NotebookClient(
        nb,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(a.source))}},
        kernel_name=a.kernel,
        timeout=a.timeout,
        interrupt_on_timeout=a.interrupt_on_timeout,
        allow_errors=True,
        startup_timeout=60,
    )
    client.execute()
    nbformat.write(nb, a.target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
