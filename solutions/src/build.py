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
Usage: build.py [NAME ...] (default: every source in this folder).
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent

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
        cells.append((head, body, f"{src.name}:{start}"))

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

    out, seen, unnamed = [], set(), 0
    for head, body, where in cells:
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
        out.append(cell)
    nb = {"cells": out,
          "metadata": {"course": {"assignment": title},
                       "kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO},
          "nbformat": 4, "nbformat_minor": 5}
    target = OUT / f"{title}.ipynb"
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    points = sum(c["metadata"]["nbgrader"].get("points", 0) for c in out)
    print(f"wrote {target.relative_to(OUT.parent)}: {len(out)} cells, {points:g} points")


def main(names):
    sources = ([HERE / f"{n}.nb.txt" for n in names] if names
               else sorted(HERE.glob("*.nb.txt")))
    for s in sources:
        build(s)


if __name__ == "__main__":
    main(sys.argv[1:])
