"""Benchmark of the course kernel through the real Jupyter client (not a test; run by hand).

1. Starts the kernel N times with nbclient, each executing one cell, and reports hangs (a start or
   a cell that does not finish within the limit) and the time from launch to the first result.
2. Runs `while (true) {}` M times in one kernel, interrupts it after a short spin and reports the
   time from the interrupt request to the execute reply.

usage: /usr/bin/python3 kernel/bench/kernel_bench.py [--starts 100] [--interrupts 100]
           [--jar kernel/target/vae-kernel-1.0.0-all.jar] [--cds build/kernel-cds.jsa]
           [--kernel INSTALLED_NAME]
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

LIMIT_SECONDS = 60
SPIN_SECONDS = 0.3


def write_kernelspec(jar, cds):
    """A temporary JUPYTER_PATH with a kernelspec running the given kernel jar, as setup does."""
    root = tempfile.mkdtemp(prefix="kernel-bench-")
    spec_dir = os.path.join(root, "kernels", "vae-java-bench")
    os.makedirs(spec_dir)
    cds_opts = ["-XX:SharedArchiveFile=" + os.path.abspath(cds), "-Xlog:cds*=off"] if cds else []
    spec = {
        "argv": ["java", *cds_opts, "-Djava.awt.headless=true",
                 "-cp", os.path.abspath(jar), "vaecourse.kernel.Main", "{connection_file}"],
        "display_name": "Java (VAE course, bench)",
        "language": "java",
        "interrupt_mode": "message",
    }
    with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
        json.dump(spec, f)
    os.environ["JUPYTER_PATH"] = root + os.pathsep + os.environ.get("JUPYTER_PATH", "")
    return "vae-java-bench"


def one_start(kernel):
    """Seconds from launching the kernel to the first cell's result, or None on a hang."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
    first = {}
    client = NotebookClient(nb, kernel_name=kernel, timeout=LIMIT_SECONDS,
                            startup_timeout=LIMIT_SECONDS,
                            on_cell_executed=lambda **kw: first.setdefault("t", time.perf_counter()))
    t0 = time.perf_counter()
    try:
        client.execute()
    except Exception as e:  # a hang shows up as a timeout of the start or of the cell
        print(f"  start failed: {type(e).__name__}: {e}", file=sys.stderr)
        return None
    outputs = nb.cells[0].outputs
    if not outputs or outputs[0].get("data", {}).get("text/plain") != "2":
        print(f"  wrong result: {outputs}", file=sys.stderr)
        return None
    return first["t"] - t0


def wait_started(kc, msg_id):
    """Waits until the kernel has taken up the request (its execute_input on IOPub)."""
    while True:
        msg = kc.get_iopub_msg(timeout=LIMIT_SECONDS)
        if (msg["msg_type"] == "execute_input"
                and msg["parent_header"].get("msg_id") == msg_id):
            return


def reply_to(kc, msg_id, timeout):
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def interrupts(kernel, count):
    """Seconds from each interrupt request to the interrupted cell's reply (None: no reply).

    The interrupt is sent once the kernel has started the cell and it has spun for a while: an
    interrupt that overtakes a request the kernel has not read yet is lost, in this kernel as in
    IPython, and is not what is measured here.
    """
    km = KernelManager(kernel_name=kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=LIMIT_SECONDS)
    times = []
    try:
        for i in range(count):
            msg_id = kc.execute("while (true) {}")
            wait_started(kc, msg_id)
            time.sleep(SPIN_SECONDS)
            t0 = time.perf_counter()
            km.interrupt_kernel()
            try:
                reply = reply_to(kc, msg_id, LIMIT_SECONDS)
                times.append(time.perf_counter() - t0)
                assert reply["content"]["status"] == "error", reply["content"]
            except Exception as e:
                print(f"  interrupt {i} got no reply: {type(e).__name__}: {e}", file=sys.stderr)
                times.append(None)
                break
        # The kernel still answers after all of them.
        reply_to(kc, kc.execute("40 + 2"), LIMIT_SECONDS)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    return times


def summary(name, values):
    ok = sorted(v for v in values if v is not None)
    hangs = len(values) - len(ok)
    if not ok:
        print(f"{name}: {len(values)} runs, {hangs} hangs")
        return
    p95 = ok[min(len(ok) - 1, int(round(0.95 * (len(ok) - 1))))]
    print(f"{name}: {len(values)} runs, {hangs} hangs, median {statistics.median(ok):.3f} s, "
          f"p95 {p95:.3f} s, min {ok[0]:.3f} s, max {ok[-1]:.3f} s")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--starts", type=int, default=100)
    p.add_argument("--interrupts", type=int, default=100)
    p.add_argument("--jar", default=os.path.join(here, "..", "target", "vae-kernel-1.0.0-all.jar"))
    p.add_argument("--cds", default=os.path.join(here, "..", "..", "build", "kernel-cds.jsa"),
                   help="class-data archive made by ./course setup ('' for none)")
    p.add_argument("--kernel", help="an installed kernelspec to use instead of --jar")
    a = p.parse_args()
    cds = a.cds if a.cds and os.path.isfile(a.cds) else None
    print(f"kernel jar {os.path.abspath(a.jar)}, class-data archive: {cds or 'none'}")
    kernel = a.kernel or write_kernelspec(a.jar, cds)
    starts = []
    for i in range(a.starts):
        starts.append(one_start(kernel))
        if (i + 1) % 10 == 0:
            print(f"  {i + 1}/{a.starts} starts", file=sys.stderr)
    summary("kernel start to first result", starts)
    if a.interrupts:
        summary("interrupt of while (true) {} to reply", interrupts(kernel, a.interrupts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
