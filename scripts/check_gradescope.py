#!/usr/bin/env python3
"""Checks a Gradescope autograder.zip the way Gradescope runs it, under a temporary root.

Lays out ROOT/source (the zip), runs setup.sh, then for each submission fills ROOT/submission,
runs ROOT/run_autograder and validates ROOT/results/results.json against the fields and types of
Gradescope's specification. While each runs, it watches the worker processes and checks that none
runs as root. Submissions: the instructor notebook (full marks), the student notebook (zero), and
a hostile set: attacks from the first answer, broken files, no notebook, two notebooks.

usage: check_gradescope.py AUTOGRADER_ZIP SOLUTION STUDENT [--profile P] [--hostile-profile P]
           [--only NAME...] [--keep]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
FIRST_TASK = "log_bernoulli"
SIGNATURE = "NDArray logBernoulli(NDArray x, NDArray logits) {"

ATTACKS = {
    "loop": "while (true) {}",
    "exit": "System.exit(0);\n  return x;",
    "oom": "long[] big = new long[1_250_000_000];\n  return x.add(big[0]);",
    "flood": 'for (int i = 0; i < 1_000_000; i++) System.out.println("x".repeat(99));\n  return x;',
    "fork-bomb": 'try {\n    new ProcessBuilder("sh", "-c", "b() { b | b & }; b").start();\n'
    "    Thread.sleep(120_000);\n  } catch (Exception e) { throw new RuntimeException(e); }\n  return x;",
    "read-source": 'try {\n    System.out.println(java.nio.file.Files.readString(java.nio.file.Path.of('
    '"ROOT/source/solutions/02-bernoulli-decoder.ipynb")).length());\n'
    "  } catch (java.io.IOException e) { throw new RuntimeException(e); }\n  return x;",
}


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def validate(path):
    """The results.json at path, checked against Gradescope's fields and types."""
    try:
        with open(path) as f:
            r = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"{path}: no readable results.json ({e})")
    problems = []

    def need(obj, key, types, where):
        if key not in obj:
            problems.append(f"{where}: no '{key}'")
        elif not isinstance(obj[key], types) or isinstance(obj[key], bool):
            problems.append(f"{where}: '{key}' is {type(obj[key]).__name__}")

    need(r, "score", (int, float), "top")
    need(r, "execution_time", int, "top")
    need(r, "output", str, "top")
    need(r, "stdout_visibility", str, "top")
    need(r, "tests", list, "top")
    if r.get("stdout_visibility") not in VISIBILITIES:
        problems.append(f"top: stdout_visibility {r.get('stdout_visibility')!r}")
    for i, t in enumerate(r.get("tests", [])):
        w = f"tests[{i}]"
        for key, types in (("name", str), ("score", (int, float)), ("max_score", (int, float)),
                           ("status", str), ("output", str), ("visibility", str)):
            need(t, key, types, w)
        if t.get("status") not in ("passed", "failed"):
            problems.append(f"{w}: status {t.get('status')!r}")
        if t.get("visibility") not in VISIBILITIES:
            problems.append(f"{w}: visibility {t.get('visibility')!r}")
    if problems:
        fail(f"{path}: " + "; ".join(problems))
    return r


def parent(pid):
    """The parent of a process, 0 when gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def descends(pid, ancestor):
    """Whether a process descends from another (other graders may share the machine)."""
    while pid > 1:
        if pid == ancestor:
            return True
        pid = parent(pid)
    return False


class WorkerWatch(threading.Thread):
    """Records the user ids and memory of one run_autograder's grader and workers."""

    def __init__(self):
        super().__init__(daemon=True)
        self.ancestor = -1
        self.uids = set()
        self.peak_mb = 0
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            total_kb = 0
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    with open(f"/proc/{pid}/cmdline", "rb") as f:
                        cmd = f.read().split(b"\0")
                    if not cmd[0].endswith(b"java") or not descends(int(pid), self.ancestor):
                        continue
                    grader = any(arg.endswith(b"vae-grader.jar") for arg in cmd)
                    if cmd[0].endswith(b"java") and (grader or b"vaecourse.engine.Worker" in cmd):
                        with open(f"/proc/{pid}/status") as f:
                            for line in f:
                                if line.startswith("VmRSS:"):
                                    total_kb += int(line.split()[1])
                    if b"vaecourse.engine.Worker" in cmd and cmd[0].endswith(b"java"):
                        # The Uid line (real, effective, saved, fs): /proc/PID itself is owned by
                        # root once a process has changed users.
                        with open(f"/proc/{pid}/status") as f:
                            for line in f:
                                if line.startswith("Uid:"):
                                    self.uids.update(int(u) for u in line.split()[1:])
                except OSError:
                    pass
            self.peak_mb = max(self.peak_mb, total_kb // 1024)
            time.sleep(0.2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("zip")
    ap.add_argument("solution")
    ap.add_argument("student")
    ap.add_argument("--profile", default="grade")
    ap.add_argument("--hostile-profile", default="ci")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()

    root = tempfile.mkdtemp(prefix="gradescope-root-")
    env = dict(os.environ, GRADESCOPE_ROOT=root)
    src = os.path.join(root, "source")
    with zipfile.ZipFile(a.zip) as z:
        names = z.namelist()
        for required in ("setup.sh", "run_autograder"):
            if required not in names:
                fail(f"{a.zip}: no {required} at the zip's root")
        z.extractall(src)
    t0 = time.time()
    p = subprocess.run(["bash", os.path.join(src, "setup.sh")], env=env, capture_output=True, text=True)
    print(p.stdout.strip())
    if p.returncode != 0:
        fail("setup.sh failed:\n" + p.stderr)
    print(f"setup.sh: {time.time() - t0:.0f} s")
    conf_path = os.path.join(src, "autograder.conf")
    with open(conf_path) as f:
        conf = f.read()

    with open(a.solution) as f:
        solution = json.load(f)
    with open(a.student) as f:
        student = json.load(f)
    name = os.path.basename(a.solution)

    def attacked(body):
        nb = json.loads(json.dumps(solution))
        for c in nb["cells"]:
            if c["metadata"].get("nbgrader", {}).get("grade_id") == FIRST_TASK:
                src_text = "".join(c["source"])
                start = src_text.index(SIGNATURE)
                c["source"] = src_text[:start] + SIGNATURE + "\n  " + body.replace("ROOT", root) + "\n}\n"
        return json.dumps(nb)

    text = json.dumps(solution)
    cases = [
        ("solution", {name: json.dumps(solution)}, a.profile, "auto"),
        ("student", {name: json.dumps(student)}, a.hostile_profile, "user"),
    ]
    cases += [(k, {name: attacked(v)}, a.hostile_profile, "user") for k, v in ATTACKS.items()]
    cases += [
        ("garbage", {"my-notebook.ipynb": "{\"cells\": [ not json"}, a.hostile_profile, "user"),
        ("truncated", {name: text[: len(text) // 3]}, a.hostile_profile, "user"),
        ("no-notebook", {"answers.pdf": "%PDF-1.4"}, a.hostile_profile, "user"),
        ("two-notebooks", {"a.ipynb": text, "b.ipynb": text}, a.hostile_profile, "user"),
    ]
    if a.only:
        cases = [c for c in cases if c[0] in a.only]
    full = None
    for case, files, profile, sandbox in cases:
        sub = os.path.join(root, "submission")
        res = os.path.join(root, "results")
        shutil.rmtree(sub, ignore_errors=True)
        shutil.rmtree(res, ignore_errors=True)
        os.makedirs(sub)
        for fn, content in files.items():
            with open(os.path.join(sub, fn), "w") as f:
                f.write(content)
        with open(conf_path, "w") as f:
            f.write(conf + f"\nPROFILE={profile}\nSANDBOX={sandbox}\n")
        watch = WorkerWatch()
        t0 = time.time()
        proc = subprocess.Popen([os.path.join(root, "run_autograder")], env=env, cwd=root,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        watch.ancestor = proc.pid
        watch.start()
        log, _ = proc.communicate(timeout=1800)
        wall = time.time() - t0
        watch.done.set()
        watch.join()
        if proc.returncode != 0:
            fail(f"{case}: run_autograder exited with {proc.returncode}:\n{log}")
        r = validate(os.path.join(res, "results.json"))
        tests = {t["name"]: t for t in r["tests"]}
        max_score = sum(t["max_score"] for t in r["tests"])
        extra = r.get("extra_data", {})
        print(f"{case:14s} {r['score']:5g} / {max_score:<4g} {wall:5.0f} s  profile {profile}"
              f"  sandbox {extra.get('sandbox', '-')}  worker uids {sorted(watch.uids) or '-'}"
              f"  peak RSS of grader + worker {watch.peak_mb} MB")
        print("    " + r["output"].replace("\n", "\n    ")[:400])
        if 0 in watch.uids:
            fail(f"{case}: a worker ran as root")
        if case == "solution":
            full = max_score
            if not tests or r["score"] != max_score:
                fail(f"solution scored {r['score']} of {max_score}")
        elif case == "student":
            if r["score"] != 0 or not tests:
                fail(f"student notebook scored {r['score']}")
        elif case in ATTACKS:
            t = tests.get("test_" + FIRST_TASK)
            if t is None or t["status"] != "failed":
                fail(f"{case}: test_{FIRST_TASK} did not fail")
            if not any(x["status"] == "passed" for x in r["tests"]):
                fail(f"{case}: no later test passed: grading did not go on after the attack")
        else:
            if r["score"] != 0:
                fail(f"{case} scored {r['score']}")
        if case in ("no-notebook", "two-notebooks") and "ipynb" not in r["output"]:
            fail(f"{case}: the output does not say what to upload")
    if not a.keep:
        shutil.rmtree(root, ignore_errors=True)
    print("all results.json valid" + (f"; full marks {full:g}" if full is not None else ""))


if __name__ == "__main__":
    main()
