# ./course run and ./course test: the course end to end, and every test.

# Executes a notebook through the real Jupyter kernel, headless; writes the executed copy to OUT_DIR.
execute_notebook() {
  local notebook="$1" out_dir="$2" timeout="${3:-1800}"
  mkdir -p "$out_dir"
  "$SYSTEM_PYTHON" -m nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name="$KERNEL_NAME" \
    --ExecutePreprocessor.timeout="$timeout" \
    --output-dir "$out_dir" "$notebook"
}

solution_notebooks() {
  local nb
  for nb in "$COURSE_HOME"/solutions/*.ipynb; do
    [[ -f "$nb" ]] && echo "$nb"
  done
}

# Runs a command with the optional system data sets (/usr/share/datasets, where Debian's
# Fashion-MNIST installs) hidden under an empty tmpfs in a private mount namespace, so grading
# must find exactly the data set-up prepared. Without root or unshare it runs as is.
without_system_data() {
  if [[ -d /usr/share/datasets ]] && is_root && command -v unshare >/dev/null; then
    unshare -m sh -c 'mount -t tmpfs -o size=4k,mode=000 none /usr/share/datasets && exec "$@"' sh "$@"
  else
    "$@"
  fi
}

# Every results.json of a grading run names the data source and image counts its notebook ran on.
check_data_recorded() {
  local f missing=0
  while IFS= read -r f; do
    grep -q '"train_images"' "$f" || { say "no data record in $f"; missing=1; }
    # Notebook 02 trains on images: its record must name a source and a positive count.
    if [[ "$f" == */02-* ]] && ! grep -Eq '"train_images": [1-9]' "$f"; then
      say "$f does not record the images notebook 02 trained on"
      missing=1
    fi
  done < <(find "$1" -name results.json)
  ((missing == 0)) || die "results.json files lack the data record (see above)"
  say "every results.json records its data source and image counts"
}

# ./course run: every solution notebook executed, exported to PDF and graded, under build/run/.
cmd_run() {
  ensure_setup
  local out="$BUILD_DIR/run" nb name start
  mkdir -p "$out"
  mapfile -t notebooks < <(solution_notebooks)
  if ((${#notebooks[@]} == 0)); then
    say "no notebooks in solutions/ yet: training the MLP VAE demo instead"
    java $(course_java_opts) -cp "$LIB_JAR" vaecourse.Demo "$out"
    return
  fi
  say "profile $COURSE_PROFILE: executing ${#notebooks[@]} notebooks through the Java kernel"
  for nb in "${notebooks[@]}"; do
    name="$(basename "$nb")"
    start=$SECONDS
    say "running $name"
    execute_notebook "$nb" "$out" || die "$name failed to run; the partial notebook is in $out/$name"
    say "$name ran in $((SECONDS - start)) s"
    cmd_pdf "$out/$name"
  done
  say "grading the executed notebooks"
  cmd_grade --source "$COURSE_HOME/solutions" --force -o "$out/grades" \
    "${notebooks[@]/#$COURSE_HOME\/solutions/$out}"
  say "done: executed notebooks and PDFs in $out, grades in $out/grades/grades.csv"
}

# ./course test: the Maven test suites of every module, then the course notebooks in the ci profile.
cmd_test() {
  ensure_setup
  say "formatting check, then the unit and integration tests of every module"
  mvn -B spotless:check test || die "tests failed (see above; mvn spotless:apply fixes formatting)"
  test_on_jdk25
  check_notebooks
  say "the student release: no solution text or hidden test in any file, jars opened"
  cmd_release
}

# The course notebooks in the ci profile: generated copies up to date, solutions run through the
# real kernel and export to PDF, solutions score full marks, student versions score zero.
check_notebooks() {
  mapfile -t notebooks < <(solution_notebooks)
  ((${#notebooks[@]} > 0)) || { say "no notebooks in solutions/ to check"; return 0; }
  local out="$BUILD_DIR/test" nb
  rm -rf "$out" && mkdir -p "$out/executed"
  check_offline_figures "$out/offline-html"
  say "notebooks/ must equal what generate makes from solutions/"
  cmd_generate --check || die "notebooks/ is out of date: run ./course generate and commit the result"
  for nb in "${notebooks[@]}"; do
    say "executing $(basename "$nb") through the Java kernel (profile ci)"
    COURSE_PROFILE=ci execute_notebook "$nb" "$out/executed" 900 || die "$(basename "$nb") failed in the kernel"
    cmd_pdf "$out/executed/$(basename "$nb")"
  done
  say "grading the solutions and the student versions (profile ci, optional system data hidden)"
  without_system_data "$COURSE_HOME/course" grade --source "$COURSE_HOME/solutions" --profile ci \
    --force -o "$out/solutions" "${notebooks[@]}" || die "grading the solutions failed"
  without_system_data "$COURSE_HOME/course" grade --source "$COURSE_HOME/solutions" --profile ci \
    --force -o "$out/students" "${notebooks[@]/#$COURSE_HOME\/solutions/$COURSE_HOME/notebooks}" ||
    die "grading the student versions failed"
  check_data_recorded "$out/solutions"
  "$SYSTEM_PYTHON" "$COURSE_HOME/scripts/check_notebooks.py" "$out/executed" "$out/solutions" \
    "$out/students" "$out/executed" "${notebooks[@]}"
  say "widgets in a real browser: notebook 01 in the classic Notebook and headless Chromium"
  "$SYSTEM_PYTHON" "$COURSE_HOME/scripts/check_widgets_browser.py" \
    "$COURSE_HOME/solutions/01-reparameterization.ipynb" "$out/widgets-browser" ||
    die "the widgets failed in the browser (screenshots and console in $out/widgets-browser)"
  if [[ "${COURSE_MUTANTS:-1}" != 0 && -d "$COURSE_HOME/solutions/mutants" ]]; then
    say "mutation testing: every task's wrong answers must fail its tests (COURSE_MUTANTS=0 skips)"
    cmd_mutants || die "the tests let a wrong answer pass, or a mutant is unusable (see above)"
  fi
}

# A student's first run on another JDK: the real Jupyter client starts the kernel on that JDK
# (a kernelspec of its own, in a private Jupyter data folder) and runs notebook 01 (profile ci).
kernel_on_jdk() {
  local jdk="$1" version="$2" data="$BUILD_DIR/jdk$2-jupyter" out="$BUILD_DIR/jdk$2-run"
  rm -rf "$data" "$out" && mkdir -p "$out"
  # No class-data archive: the default JDK's archive does not load on another JDK.
  JAVA_HOME="$jdk" write_kernelspec "$data/kernels" "$KERNEL_NAME" \
    "Java (VAE course, JDK $version)" "$KERNEL_JAR" "$LIB_JAR" '{}' ""
  say "notebook 01 through the real Jupyter client, the kernel on JDK $version"
  JUPYTER_DATA_DIR="$data" COURSE_PROFILE=ci execute_notebook \
    "$COURSE_HOME/solutions/01-reparameterization.ipynb" "$out" 900 ||
    die "notebook 01 failed with the kernel on JDK $version ($jdk); the partial notebook is in $out"
  "$SYSTEM_PYTHON" - "$out/01-reparameterization.ipynb" "$version" <<'PY' ||
import json, sys
nb = json.load(open(sys.argv[1]))
ran = nb["metadata"].get("language_info", {}).get("version", "")
if ran.split(".")[0].split("+")[0] != sys.argv[2]:
    sys.exit(f"the kernel reported Java {ran!r}, not {sys.argv[2]}")
errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
if errors:
    sys.exit(f"{len(errors)} cell(s) failed")
print(f"kernel on Java {ran}: {sum(c['cell_type'] == 'code' for c in nb['cells'])} code cells, no error")
PY
    die "notebook 01 on JDK $version: see the line above"
}

# Interactive charts in exported HTML: a small chart notebook runs through the kernel, its HTML
# opens in headless Chromium with the network blocked (charts drawn, nothing remote asked for;
# screenshots under DIR), and its PDF carries the drawn chart (plotly's SVG text, not the PNG).
check_offline_figures() {
  local out="$1" chrome
  chrome="$(find_chromium)" || die "Chromium is needed to check the exported HTML; install the chromium package"
  say "exported HTML opens offline with its plotly.js charts drawn (headless Chromium, network blocked)"
  mkdir -p "$out"
  "$SYSTEM_PYTHON" "$COURSE_HOME/scripts/check_offline_html.py" --kernel "$KERNEL_NAME" \
    --mathjax "$MATHJAX_DIR" --chromium "$chrome" --out "$out" ||
    die "the exported HTML of the chart notebook failed offline (see above; screenshots in $out)"
  cmd_pdf "$out/plotly-offline.ipynb"
  # Drawn charts print as vector text (plotly writes negative ticks with U+2212, the code cells do
  # not) and leave no PNG behind; the fallback pictures would be raster images.
  pdftotext "$out/plotly-offline.pdf" - | grep -q $'\u2212''98.5' ||
    die "the PDF of $out/plotly-offline.ipynb lacks the drawn bound chart (its tick label -98.5)"
  [[ "$(pdfimages -list "$out/plotly-offline.pdf" | tail -n +3 | wc -l)" == 0 ]] ||
    die "the PDF of $out/plotly-offline.ipynb shows PNG pictures where the drawn charts belong"
}

# The kernel and grader suites again on JDK 25 when the machine has one (students run 17 to 25).
test_on_jdk25() {
  local jdk
  for jdk in "${COURSE_JDK25:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    if [[ -n "$jdk" && -x "$jdk/bin/javac" ]]; then
      say "the kernel and grader suites again on JDK 25 ($jdk)"
      # The IJava notebook corpus checks magics, not the JDK: it runs once, on the default JDK.
      JAVA_HOME="$jdk" mvn -B -pl kernel,grader test -Dtest='!IJavaCorpusTest' \
        -Dsurefire.failIfNoSpecifiedTests=false || die "tests failed on JDK 25 ($jdk)"
      kernel_on_jdk "$jdk" 25
      return 0
    fi
  done
  say "NOTE: no JDK 25 on this machine (set COURSE_JDK25 or install temurin-25-jdk): the suites ran on JDK 17 only"
}
