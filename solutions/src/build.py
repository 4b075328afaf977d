#!/usr/bin/python3
"""Writes solutions/NAME.ipynb from solutions/src/NAME.nb.txt.

A source file is a sequence of cells, each opened by a header line:

    %% md                          locked markdown
    %% md manual id=q1 points=0.5  written answer, graded by hand (solution + grade)
    %% md task id=t1 points=1      a task described in markdown, graded by hand
    %% code                        locked code
    %% code answer id=reparam      the student's code (solution region inside)
    %% code test id=t_reparam points=10   locked autograded test cell
    %% code ... check=JSON         metadata.course.check (JSON without spaces)
    %% code heavy                  a locked cell of long work (training, big figures): runs of a
                                   task's wrong answers (solutions/mutants/) skip the heavy
                                   cells that come before the task's answer cell
    %% code answer ... forbid=A,B  what the answer may not use (packages, classes or
                                   Class.method), in metadata.course.forbid

Every cell gets nbgrader schema-3 metadata and a grade_id (given with id=, or
derived from the notebook's prefix and the cell's position among unnamed ones).

Code lines may be at most LIMIT (80) columns wide, in the instructor notebooks this
writes and in the student notebooks made from them; a longer one is an error naming
the notebook, cell and line, and the source line to break.

Usage:
  build.py [NAME ...]          write solutions/NAME.ipynb (default: every source here)
  build.py --check [NAME ...]  write nothing; fail if a notebook in solutions/ differs
                               from its source or a code line of it or of its student
                               copy in notebooks/ is too wide
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent
STUDENT = OUT.parent / "notebooks"
LIMIT = 80

KERNELSPEC = {"display_name": "Java (VAE course)", "language": "java", "name": "vae-java"}
LANGUAGE_INFO = {
    "codemirror_mode": "java",
    "file_extension": ".jshell",
    "mimetype": "text/x-java-source",
    "name": "java",
    "pygments_lexer": "java",
    "version": "17",
}


def parse_header(line, where):
    words = line[2:].split()
    if not words or words[0] not in ("md", "code"):
        sys.exit(f"{where}: a header must start with '%% md' or '%% code': {line!r}")
    head = {"type": words[0], "flags": set(), "id": None, "points": None, "check": None,
            "forbid": None}
    for w in words[1:]:
        if w.startswith("id="):
            head["id"] = w[3:]
        elif w.startswith("points="):
            head["points"] = float(w[7:])
        elif w.startswith("check="):
            head["check"] = json.loads(w[6:])
        elif w.startswith("forbid="):
            head["forbid"] = [f for f in w[7:].split(",") if f]
        elif w in ("answer", "test", "manual", "task", "heavy"):
            head["flags"].add(w)
        else:
            sys.exit(f"{where}: unknown header word {w!r}")
    return head


def metadata(head, grade_id, where):
    flags = head["flags"]
    nb = {"grade": False, "solution": False, "locked": True,
          "grade_id": grade_id, "schema_version": 3}
    if "answer" in flags:
        nb.update(solution=True, locked=False)
    elif "test" in flags:
        nb.update(grade=True)
    elif "manual" in flags:
        nb.update(solution=True, grade=True, locked=False)
    elif "task" in flags:
        nb.update(task=True)
    graded = flags & {"test", "manual", "task"}
    if graded:
        if head["points"] is None or head["id"] is None:
            sys.exit(f"{where}: a graded cell needs id= and points=")
        p = head["points"]
        nb["points"] = int(p) if p == int(p) else p
    meta = {"nbgrader": nb}
    course = {}
    if head["check"] is not None:
        course["check"] = head["check"]
    if "heavy" in flags:
        if flags & {"answer", "test", "manual", "task"}:
            sys.exit(f"{where}: only a plain locked code cell can be heavy")
        course["heavy"] = True
    if head["forbid"] is not None:
        if "answer" not in flags:
            sys.exit(f"{where}: forbid= belongs on an answer cell")
        course["forbid"] = head["forbid"]
    if course:
        meta["course"] = course
    return meta


def build(src):
    prefix = src.name.split("-")[0]
    title = src.name[: -len(".nb.txt")]
    cells, head, lines, start = [], None, [], 0
    text = src.read_text(encoding="utf-8").split("\n")

    def flush():
        if head is None:
            return
        body = "\n".join(lines).strip("\n")
        first = start + 1 + next((i for i, l in enumerate(lines) if l), 0)
        cells.append((head, body, f"{src.name}:{start}", first))

    for n, line in enumerate(text, 1):
        if line.startswith("%% "):
            flush()
            head, lines, start = parse_header(line, f"{src.name}:{n}"), [], n
        elif head is None:
            if line.strip():
                sys.exit(f"{src.name}:{n}: text before the first cell header")
        else:
            lines.append(line)
    flush()

    out, seen, unnamed, lines_at = [], set(), 0, {}
    for head, body, where, first in cells:
        if head["id"]:
            grade_id = head["id"]
        else:
            unnamed += 1
            grade_id = f"nb{prefix}-{head['type']}-{unnamed:02d}"
        if grade_id in seen:
            sys.exit(f"{where}: duplicate id {grade_id}")
        seen.add(grade_id)
        source = body.split("\n")
        source = [s + "\n" for s in source[:-1]] + [source[-1]]
        cell = {"cell_type": "markdown" if head["type"] == "md" else "code",
                "id": grade_id,
                "metadata": metadata(head, grade_id, where),
                "source": source}
        if head["type"] == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
            lines_at[grade_id] = (body.split("\n"), first)
        out.append(cell)
    nb = {"cells": out,
          "metadata": {"course": {"assignment": title},
                       "kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO},
          "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    points = sum(c["metadata"]["nbgrader"].get("points", 0) for c in out)
    return OUT / f"{title}.ipynb", text, len(out), points, lines_at


def rel(path):
    try:
        return path.resolve().relative_to(OUT.parent)
    except ValueError:
        return path


def too_wide(path, text, sources):
    """One message per code line over LIMIT columns; sources maps grade_id to
    (source lines, source line number of the first) to name the line to edit."""
    problems = []
    for n, cell in enumerate(json.loads(text)["cells"], 1):
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for m, line in enumerate(src.split("\n"), 1):
            if len(line) <= LIMIT:
                continue
            msg = f"{rel(path)} cell {n} line {m}: {len(line)} columns (limit {LIMIT})"
            body, first = sources.get(cell.get("id"), ([], 0))
            if line in body:
                msg += f"; break solutions/src/{path.stem}.nb.txt:{first + body.index(line)}"
            problems.append(msg)
    return problems


def report_widths(problems):
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} code line(s) over {LIMIT} columns: break each in its source "
              f"solutions/src/NN-*.nb.txt (continuation indent +4, before '.' of a chained "
              f"call or after '(' or ',', as google-java-format does) and run ./course generate",
              file=sys.stderr)


def main(args):
    check = bool(args) and args[0] == "--check"
    names = args[1:] if check else args
    sources = ([HERE / f"{n}.nb.txt" for n in names] if names
               else sorted(HERE.glob("*.nb.txt")))
    problems, stale = [], []
    for s in sources:
        target, text, count, points, lines_at = build(s)
        problems += too_wide(target, text, lines_at)
        if check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                stale.append(f"{rel(target)} differs from what {rel(s)} makes")
            student = STUDENT / target.name
            if student.is_file():
                problems += too_wide(student, student.read_text(encoding="utf-8"), lines_at)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {rel(target)}: {count} cells, {points:g} points")
    for d in stale:
        print(f"differs: {d}; run ./course generate", file=sys.stderr)
    report_widths(problems)
    return 1 if problems or stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
