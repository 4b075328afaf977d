# ./course generate | validate | grade: the autograder (grader/), sourced by ./course.

# Runs the grader jar; the engine workers it starts get the same JVM flags and jars.
grader_run() {
  ensure_setup
  [[ -f "$GRADER_JAR" ]] || die "the grader jar is missing ($GRADER_JAR); run ./course setup"
  local opts
  opts="$(course_java_opts)"
  # shellcheck disable=SC2086 # the flags are separate words on purpose
  KERNEL_JAR="$KERNEL_JAR" LIB_JAR="$LIB_JAR" COURSE_JAVA_OPTS="$opts" \
    java $opts -jar "$GRADER_JAR" "$@"
}

# ./course generate [SOLUTIONS -o NOTEBOOKS] [--check]: by default the sources solutions/src/ ->
# the instructor notebooks solutions/ (build.py) -> the student notebooks notebooks/, and every code
# line of both at most 80 columns; --check writes nothing and fails on a stale or too wide notebook.
cmd_generate() {
  if [[ $# -gt 0 && ("$1" != -* || "$1" == -h || "$1" == --help) ]]; then
    grader_run generate "$@"
    return
  fi
  local build="$COURSE_HOME/solutions/src/build.py" rc=0 arg check=0
  for arg in "$@"; do [[ "$arg" == --check ]] && check=1; done
  if ((check)); then
    "$SYSTEM_PYTHON" "$build" --check || rc=1
    grader_run generate "$COURSE_HOME/solutions" -o "$COURSE_HOME/notebooks" "$@" || rc=1
    return "$rc"
  fi
  "$SYSTEM_PYTHON" "$build" || rc=1
  grader_run generate "$COURSE_HOME/solutions" -o "$COURSE_HOME/notebooks" "$@" || return 1
  # The student notebooks exist only now: check their widths too (the instructor ones passed).
  ((rc != 0)) || "$SYSTEM_PYTHON" "$build" --check || rc=1
  return "$rc"
}

# ./course validate NOTEBOOK [--source SOLUTIONS]: run it like the grader, visible tests only.
cmd_validate() {
  [[ $# -ge 1 ]] || die "usage: ./course validate NOTEBOOK [--source SOLUTIONS] (see ./course validate --help)"
  grader_run validate "$@"
}

# ./course grade --source SOLUTIONS SUBMISSIONS... -o RESULTS [--force] [--jobs N] ...
cmd_grade() {
  [[ $# -ge 1 ]] || set -- --help
  grader_run grade "$@"
}

# ./course mutants [--only NAME]: grade the wrong answers in solutions/mutants/ (profile ci).
cmd_mutants() {
  grader_run mutants --source "$COURSE_HOME/solutions" --profile ci \
    --jvm-opts "$(course_java_opts) -Dcourse.datasets=$COURSE_HOME/datasets" "$@"
}
