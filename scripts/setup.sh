# ./course setup: idempotent; installs only what is missing.

# Debian packages the course needs at run time (Jupyter, PDF export).
COURSE_DEBS=(openjdk-17-jdk-headless maven nodejs npm jupyter-notebook jupyter-nbconvert python3-nbclient python3-ipykernel libjs-mathjax chromium poppler-utils)

setup_system() {
  ensure_debs "${COURSE_DEBS[@]}"
}

setup_build() {
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
