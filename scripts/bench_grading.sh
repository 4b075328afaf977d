# ./course bench grading [N=4] [JOBS=2] [CLASS=500] [PODS="1 5 10 25 50"], sourced by ./course.
# Grading throughput on a real course notebook: N copies of a submission of notebook 02 (the
# instructor's answers, so every cell runs to the end, training included) graded in the grade
# profile with JOBS at once, then the projected wall time of a class on P pods of that size.
bench_grading() {
  ensure_setup
  local n="${1:-4}" jobs="${2:-2}" class="${3:-500}" pods="${4:-1 5 10 25 50}"
  local notebook=02-bernoulli-decoder work start end i
  work="$(mktemp -d)"
  for i in $(seq 1 "$n"); do
    mkdir -p "$work/subs/student$i"
    cp "$COURSE_HOME/solutions/$notebook.ipynb" "$work/subs/student$i/$notebook.ipynb"
  done
  export OMP_WAIT_POLICY=PASSIVE COURSE_PROFILE=grade
  start=$(date +%s.%N)
  grader_run grade --source "$COURSE_HOME/solutions/$notebook.ipynb" "$work/subs" \
    -o "$work/results" --jobs "$jobs" --profile grade --force | grep -E '^(graded|data|grading)'
  end=$(date +%s.%N)
"$SYSTEM_PYTHON" - "$n" "$jobs" "$class" "$start" "$end" "$pods" "$work/results" <<'PY'
import csv, math, sys
n, jobs, klass = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
wall = float(sys.argv[5]) - float(sys.argv[4])
pods = [int(p) for p in sys.argv[6].split()]
rows = list(csv.DictReader(open(sys.argv[7] + "/grades.csv")))
totals = [r for r in rows if r["task"] == "TOTAL"]
full = sum(1 for r in totals if r["score"] == r["max_score"])
rate = n / wall * 60
print(f"notebook 02, grade profile, {jobs} jobs: {n} submissions in {wall:.0f} s = "
      f"{rate:.2f} submissions/minute ({full} of {len(totals)} at full marks)")
for p in pods:
    per_pod = math.ceil(klass / p)
    print(f"  {klass} submissions on {p:3d} pod(s) of {jobs} jobs: {per_pod:4d} each,"
          f" about {per_pod / rate:6.1f} min")
PY
rm -rf "$work"
}
