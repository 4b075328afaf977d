# ./course gradescope NOTEBOOK -o DIR: a Gradescope autograder for one notebook, sourced by ./course.

# Writes DIR/autograder.zip: setup.sh and run_autograder (deploy/gradescope/) at its root, the
# grader, kernel and library jars, the data, the instructor notebook with its calibrated cell
# limits, and autograder.conf (the settings run_autograder reads).
cmd_gradescope() {
  local notebook="" out="" visibility=after_published
  while (($# > 0)); do
    case "$1" in
      -o | --output) out="${2:-}"; shift 2 ;;
      --hidden-visibility) visibility="${2:-}"; shift 2 ;;
      -h | --help)
        echo "usage: ./course gradescope NOTEBOOK -o DIR [--hidden-visibility hidden|after_due_date|after_published|visible]"
        return 0 ;;
      *) [[ -z "$notebook" ]] || die "one NOTEBOOK only (got $notebook and $1)"; notebook="$1"; shift ;;
    esac
  done
  [[ -n "$notebook" && -n "$out" ]] || die "usage: ./course gradescope NOTEBOOK -o DIR (NOTEBOOK: e.g. 02-bernoulli-decoder)"
  case "$visibility" in
    hidden | after_due_date | after_published | visible) ;;
    *) die "--hidden-visibility $visibility is not one of hidden, after_due_date, after_published, visible" ;;
  esac
  local stem
  stem="$(basename "$notebook" .ipynb)"
  local solution="$COURSE_HOME/solutions/$stem.ipynb"
  [[ -f "$solution" ]] || die "no instructor notebook $solution; NOTEBOOK is one of: $(cd "$COURSE_HOME/solutions" && ls ./*.ipynb | sed 's|^\./||; s|\.ipynb$||' | tr '\n' ' ')"
  ensure_setup
  local stage
  stage="$(mktemp -d)"
  mkdir -p "$stage/jars" "$stage/solutions/grading"
  cp "$COURSE_HOME/deploy/gradescope/setup.sh" "$COURSE_HOME/deploy/gradescope/run_autograder" "$stage/"
  cp "$GRADER_JAR" "$stage/jars/vae-grader.jar"
  cp "$KERNEL_JAR" "$stage/jars/vae-kernel.jar"
  cp "$LIB_JAR" "$stage/jars/vae-lib.jar"
  cp "$AGENT_JAR" "$stage/jars/vae-agent.jar"
  cp -r "$DATASETS_DIR" "$stage/datasets"
  cp "$solution" "$stage/solutions/"
  if [[ -f "$COURSE_HOME/solutions/grading/$stem.json" ]]; then
    cp "$COURSE_HOME/solutions/grading/$stem.json" "$stage/solutions/grading/"
  else
    say "note: $stem has no calibration (solutions/grading/$stem.json); cells get the uncalibrated limit (./course grade --help: calibrate)"
  fi
  cat >"$stage/autograder.conf" <<CONF
# Read by setup.sh and run_autograder (bash).
NOTEBOOK=$stem
HIDDEN_VISIBILITY=$visibility
# Memory: the grader's own heap, the worker's heap and its resident-memory ceiling (MB). Together
# they must fit the container: set Gradescope's autograder memory to at least 3 GB (see
# grader/README.md, Gradescope).
GRADER_HEAP_MB=256
WORKER_HEAP_MB=1024
WORKER_MAX_RSS_MB=2304
PROFILE=grade
SANDBOX=auto
GRADER_OPTIONS=""
CONF
  chmod +x "$stage/setup.sh" "$stage/run_autograder"
  mkdir -p "$out"
  rm -f "$out/autograder.zip"
  local zip
  zip="$(cd "$out" && pwd)/autograder.zip"
  # Files at the zip's root, not under a folder: Gradescope unpacks it into /autograder/source.
  (cd "$stage" && "$SYSTEM_PYTHON" -m zipfile -c "$zip" setup.sh run_autograder autograder.conf jars datasets solutions) ||
    die "could not write $zip"
  rm -rf "$stage"
  say "wrote $zip ($(du -h "$zip" | cut -f1)) for $stem; hidden tests $visibility"
}
