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

# ./course generate [SOLUTIONS -o NOTEBOOKS] [--check]: solutions/ -> notebooks/ by default.
cmd_generate() {
  if [[ $# -eq 0 || "$1" == -* && "$1" != -h && "$1" != --help ]]; then
    set -- "$COURSE_HOME/solutions" -o "$COURSE_HOME/notebooks" "$@"
  fi
  grader_run generate "$@"
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
