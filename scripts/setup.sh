# ./course setup: idempotent; installs only what is missing.

# Debian packages the course needs at run time (Jupyter, PDF export, the grading sandbox).
COURSE_DEBS=(jupyter-notebook jupyter-nbconvert python3-nbclient python3-ipykernel libjs-mathjax chromium poppler-utils bubblewrap)

setup_system() {
  # Tools that may come from elsewhere (a JDK from conda, node from its own installer) count when
  # they are on PATH; otherwise their Debian packages are installed.
  local tools=()
  command -v javac >/dev/null || tools+=(openjdk-17-jdk-headless)
  # A student release ships prebuilt jars and no pom.xml: it needs no Maven.
  [[ ! -f "$COURSE_HOME/pom.xml" ]] || command -v mvn >/dev/null || tools+=(maven)
  command -v npm >/dev/null || tools+=(npm)
  ((${#tools[@]} == 0)) || ensure_debs "${tools[@]}"
  ensure_debs "${COURSE_DEBS[@]}"
}

setup_build() {
  if [[ ! -f "$COURSE_HOME/pom.xml" ]]; then
    say "prebuilt jars (student release): nothing to build"
    return 0
  fi
  local profile=()
  [[ "${COURSE_CUDA:-0}" == 1 ]] && profile=(-Pcuda)
  say "building the library, kernel and grader (Maven)"
  mvn -q -B "${profile[@]}" -DskipTests package || die "the Maven build failed (see the messages above)"
}

cmd_setup() {
  mkdir -p "$BUILD_DIR"
  setup_system
  setup_build
  setup_data
  setup_kernel
  touch "$BUILD_DIR/setup.stamp"
  say "set-up complete"
}
