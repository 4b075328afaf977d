# ./course setup: idempotent; installs only what is missing.

# Debian packages the course needs at run time (Jupyter and its widgets, PDF export, the grading
# sandbox) and for its browser test of the widgets (chromium-driver, python3-selenium).
COURSE_DEBS=(jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient python3-ipykernel
  python3-ipywidgets jupyter-nbextension-jupyter-js-widgets libjs-mathjax libjs-requirejs chromium chromium-driver
  python3-selenium poppler-utils bubblewrap)

setup_system() {
  # Tools that may come from elsewhere (a JDK from conda, node from its own installer) count when
  # they are on PATH; otherwise their Debian packages are installed.
  local tools=()
  course_java_home >/dev/null 2>&1 || tools+=(openjdk-17-jdk-headless)
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

# The user's JDK: $JAVA_HOME when set, else the javac on PATH; 17 or newer, or a clear refusal.
course_java_home() {
  local javac home version
  if [[ -n "${JAVA_HOME:-}" ]]; then
    javac="$JAVA_HOME/bin/javac"
    [[ -x "$javac" ]] || { echo "JAVA_HOME=$JAVA_HOME has no bin/javac (a JDK, not a JRE, is needed)"; return 1; }
  else
    javac="$(command -v javac)" || { echo "no javac on PATH and JAVA_HOME is not set"; return 1; }
  fi
  home="$(cd "$(dirname "$(readlink -f "$javac")")/.." && pwd)"
  version="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  if [[ -z "$version" || "${version%%.*}" -lt 17 ]]; then
    echo "the JDK at $home is Java ${version:-unknown}; the course needs JDK 17 or newer (set JAVA_HOME to one)"
    return 1
  fi
  echo "$home"
}

setup_java() {
  local home
  home="$(course_java_home)" || die "$home"
  export JAVA_HOME="$home"
  export PATH="$JAVA_HOME/bin:$PATH"
  say "using the JDK at $JAVA_HOME (Java $("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p'))"
}

# The PyTorch natives, unpacked once from the jar into DJL's cache (DJL_CACHE_DIR, else ~/.djl.ai):
# grading workers read them through a read-only mount and cannot unpack them themselves.
setup_natives() {
  local cache="${DJL_CACHE_DIR:-$HOME/.djl.ai}"
  [[ -d "$cache/pytorch" ]] && return 0
  say "unpacking the PyTorch natives into $cache"
  java $(course_java_opts) -cp "$LIB_JAR" vaecourse.PrepareNatives \
    || die "the PyTorch natives could not be unpacked into $cache (see the message above)"
}

cmd_setup() {
  mkdir -p "$BUILD_DIR"
  setup_system
  setup_java
  setup_build
  setup_natives
  setup_data
  setup_plotly
  setup_kernel
  touch "$BUILD_DIR/setup.stamp"
  say "set-up complete"
}
