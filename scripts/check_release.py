#!/usr/bin/python3
"""Fails when a student release holds solution text or hidden tests.

Usage: check_release.py RELEASE_DIR SOLUTIONS_DIR

Every line between BEGIN SOLUTION and END SOLUTION, and between BEGIN HIDDEN TESTS and END HIDDEN
TESTS, of the instructor notebooks is looked for in every file of the release, inside jars and
zips too (each entry decompressed; native libraries of the engine skipped). Lines that also appear in the student notebooks, whole or
inside a longer line (shared boilerplate such as a closing brace), and short lines are not evidence
and are skipped. Paths named
solutions/ or mutants/ fail on their own.
"""
import json
import pathlib
import re
import sys
import zipfile

MIN_CHARS = 16
BEGIN = re.compile(r"BEGIN (SOLUTION|HIDDEN TESTS)")
END = re.compile(r"END (SOLUTION|HIDDEN TESTS)")


def cell_sources(path):
    nb = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        src = cell["source"]
        yield "".join(src) if isinstance(src, list) else src


def secret_lines(solutions):
    out = set()
    for nb in sorted(pathlib.Path(solutions).glob("*.ipynb")):
        for src in cell_sources(nb):
            inside = False
            for line in src.split("\n"):
                if BEGIN.search(line):
                    inside = True
                elif END.search(line):
                    inside = False
                elif inside and len(line.strip()) >= MIN_CHARS:
                    out.add(line.strip())
    return out


def files(root):
    for p in sorted(pathlib.Path(root).rglob("*")):
        if p.is_file():
            yield p


# Compiled native libraries (the PyTorch engine) come from Maven Central, not from this course.
NATIVE = (".so", ".dll", ".dylib", ".jnilib", ".a", ".lib")


def contents(path):
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if not name.endswith(NATIVE) and not re.search(r"\.so\.\d", name):
                    yield f"{path}!{name}", z.read(name)
    else:
        yield str(path), path.read_bytes()


def main(release, solutions):
    secrets = secret_lines(solutions)
    public = set()
    for nb in pathlib.Path(release).rglob("*.ipynb"):
        for src in cell_sources(nb):
            public.update(line.strip() for line in src.split("\n"))
    # A secret line found inside public code (".toFloatArray();" in "x.toFloatArray();") is
    # shared boilerplate too, not evidence.
    public_text = "\n".join(public)
    secrets = {s for s in secrets if s not in public_text}
    if not secrets:
        sys.exit(f"no solution lines found in {solutions}: nothing to check against")
    problems = []
    for p in files(release):
        rel = p.relative_to(release)
        if any(part in ("solutions", "mutants") for part in rel.parts):
            problems.append(f"{rel}: the release must not hold a {rel.parts[0]}/ folder")
        for where, data in contents(p):
            text = data.decode("utf-8", errors="ignore")
            for s in secrets:
                if s in text:
                    problems.append(f"{where}: holds solution or hidden-test text: {s[:70]}")
                    break
            if "solutions/" in where.split("!")[-1] and where.endswith(".ipynb"):
                problems.append(f"{where}: an instructor notebook inside an archive")
    count = sum(1 for _ in files(release))
    if problems:
        print("\n".join(problems))
        sys.exit(f"release check failed: {len(problems)} problem(s) in {count} files")
    print(f"release check: {count} files (jars opened) hold none of {len(secrets)} solution and "
          "hidden-test lines")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
