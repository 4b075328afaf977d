"""Checks behind ./course test for the course notebooks (run with Debian's python3).

Usage: check_notebooks.py EXECUTED_DIR SOLUTION_RESULTS STUDENT_RESULTS PDF_DIR NOTEBOOK...
Prints one line per check and a closing 'notebooks: N passed, N failed' line; exits 1 on a failure.
"""
import json
import pathlib
import subprocess
import sys

executed_dir, solution_results, student_results, pdf_dir = map(pathlib.Path, sys.argv[1:5])
solutions = [pathlib.Path(n) for n in sys.argv[5:]]
names = [n.stem for n in solutions]
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'} {name}{': ' + detail if detail and not ok else ''}")


def records(root, assignment):
    return [json.loads(p.read_text()) for p in sorted((root / assignment).glob("*/record.json"))]


def autograded(record):
    tasks = [t for t in record["tasks"] if t["kind"] == "autograded"]
    return sum(t["score"] or 0 for t in tasks), sum(t["maxScore"] for t in tasks)


for solution, name in zip(solutions, names):
    student = solution.parent.parent / "notebooks" / solution.name
    text = student.read_text() if student.is_file() else ""
    found = [m for m in MARKERS if m in text]
    check(f"{name} student version holds no solution or hidden-test markers", student.is_file() and not found,
          f"{student}: " + (", ".join(found) if found else "missing"))

    nb = json.loads((executed_dir / f"{name}.ipynb").read_text())
    problems = []
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                problems.append(f"cell {i}: {out['ename']}: {out['evalue'][:200]}")
            elif out["output_type"] == "stream" and out["name"] == "stderr":
                problems.append(f"cell {i} wrote to stderr: {''.join(out['text'])[:200]}")
    check(f"{name} runs through the Java kernel without errors or stderr", not problems, "; ".join(problems))

    pdf = pdf_dir / f"{name}.pdf"
    text = ""
    if pdf.is_file():
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    title = next((c["source"] for c in nb["cells"] if c["cell_type"] == "markdown"), "")
    title = "".join(title).splitlines()[0].lstrip("# ").strip() if title else ""
    check(f"{name} PDF renders with its title", bool(title) and title[:30] in text.replace("\n", " "),
          f"{pdf} missing or without '{title[:30]}'")

    sol = records(solution_results, name)
    ok = len(sol) == 1 and sol[0]["execution"] == "DONE" and autograded(sol[0])[0] == autograded(sol[0])[1] > 0
    check(f"{name} solution scores full marks", ok,
          json.dumps([(r["execution"], autograded(r)) for r in sol]))

    stu = records(student_results, name)
    ok = len(stu) == 1 and stu[0]["execution"] == "DONE" and autograded(stu[0])[0] == 0
    check(f"{name} student version scores zero on autograded tasks and runs to the end", ok,
          json.dumps([(r["execution"], autograded(r)) for r in stu]))

failed = results.count(False)
print(f"notebooks: {len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
