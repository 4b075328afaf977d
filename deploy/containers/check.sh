#!/usr/bin/env bash
# Builds the grader and student images with podman and tries each with no network:
#  - the grader image grades notebook 01's solution (full marks) and its student version (0);
#  - the student image runs notebook 01 (ci profile) through its registered kernel: the set-up
#    cell finds the data and the natives, and the only errors are the unanswered stubs.
# Run from the repository root after ./course setup, as root (rootful podman). Needs Debian's
# podman and runc (crun cannot run containers where cgroups are in hybrid mode), and, where no
# registry can be reached, mmdebstrap: the Debian base image is then made from the Debian mirror,
# and the Jupyter base image is replaced by a stand-in (standin-base.Containerfile).
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { printf '[containers] %s\n' "$*"; }
die() { say "FAIL: $*"; exit 1; }
for tool in podman runc; do
  command -v "$tool" >/dev/null || die "$tool is missing: apt-get install -y podman runc mmdebstrap"
done
pod=(podman --runtime runc)
[[ -f grader/target/vae-grader-1.0.0-all.jar ]] || die "no grader jar: run ./course setup first"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

debian=docker.io/library/debian:bookworm-slim
if ! "${pod[@]}" image exists "$debian" && ! "${pod[@]}" pull -q "$debian" >/dev/null 2>&1; then
  command -v mmdebstrap >/dev/null || die "cannot pull $debian and mmdebstrap is missing"
  say "no registry: making $debian from the Debian mirror (mmdebstrap)"
  mmdebstrap --quiet --variant=minbase bookworm "$work/rootfs.tar"
  "${pod[@]}" import -q "$work/rootfs.tar" "$debian" >/dev/null
fi
jupyter_base=quay.io/jupyter/base-notebook:latest
if ! "${pod[@]}" image exists "$jupyter_base" && ! "${pod[@]}" pull -q "$jupyter_base" >/dev/null 2>&1; then
  say "cannot pull $jupyter_base: building the stand-in base"
  "${pod[@]}" build -q --network host -f deploy/containers/standin-base.Containerfile \
    -t localhost/jupyter-standin . >/dev/null
  jupyter_base=localhost/jupyter-standin
fi
say "building vae-grader"
"${pod[@]}" build -q --network host -f deploy/containers/grader.Containerfile -t vae-grader . >/dev/null
say "building vae-course-notebook on $jupyter_base"
"${pod[@]}" build -q --network host --build-arg BASE="$jupyter_base" \
  -f deploy/containers/student.Containerfile -t vae-course-notebook . >/dev/null

nb=01-reparameterization
mkdir -p "$work/subs/solution" "$work/subs/student" "$work/results"
cp "solutions/$nb.ipynb" "$work/subs/solution/"
cp "notebooks/$nb.ipynb" "$work/subs/student/"
say "grading two submissions of $nb in vae-grader (no network)"
"${pod[@]}" run --rm --network none -e COURSE_PROFILE=ci \
  -v "$work/subs:/submissions:ro" -v "$work/results:/results" vae-grader \
  grade --source "/opt/course/solutions/$nb.ipynb" /submissions -o /results/all \
  --jobs 2 --profile ci --data /opt/course/datasets
total() { awk -F, -v s="$1" '$1 == s && $3 == "TOTAL" { print $5 "/" $6 }' "$work/results/all/grades.csv"; }
[[ "$(total solution)" == "45/45" ]] || die "the solution scored $(total solution), not 45/45"
[[ "$(total student)" == "0/45" ]] || die "the student version scored $(total student), not 0/45"
say "PASS grader image: solution 45/45, student version 0/45"

say "running $nb in vae-course-notebook (no network, ci profile)"
mkdir -m 1777 "$work/out"  # the image runs as its notebook user, not root
"${pod[@]}" run --rm --network none -e COURSE_PROFILE=ci -v "$work/out:/out" vae-course-notebook sh -c \
  "cp /opt/course/notebooks/$nb.ipynb /tmp/ && jupyter nbconvert --to notebook --execute \
   --allow-errors --ExecutePreprocessor.kernel_name=vae-java --ExecutePreprocessor.timeout=600 \
   --output /out/student-run.ipynb /tmp/$nb.ipynb" >/dev/null 2>&1 || die "nbconvert failed in the image"
/usr/bin/python3 - "$work/out/student-run.ipynb" <<'PY' || die "the student image's run is wrong (above)"
import json, sys
nb = json.load(open(sys.argv[1]))
code = [c for c in nb["cells"] if c["cell_type"] == "code"]
errors = [o["evalue"] for c in code for o in c.get("outputs", []) if o["output_type"] == "error"]
setup = "".join("".join(o.get("text", "")) for o in code[0].get("outputs", []))
others = [e for e in errors if "your code here" not in e]
print(f"[containers] {len(code)} code cells, {len(errors)} stub errors, kernel on Java "
      f"{nb['metadata']['language_info']['version']}; set-up: {setup.splitlines()[-1] if setup else '-'}")
sys.exit(1 if others or "data: MNIST" not in setup or not errors else 0)
PY
say "PASS student image: the kernel runs $nb offline; only the stubs fail"
