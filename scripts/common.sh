# Shared settings and helpers for ./course (sourced, not run).

COURSE_VERSION=1.0.0
BUILD_DIR="$COURSE_HOME/build"
DATASETS_DIR="$COURSE_HOME/datasets"
LIB_JAR="$COURSE_HOME/lib/target/vae-lib-$COURSE_VERSION-all.jar"
KERNEL_JAR="$COURSE_HOME/kernel/target/vae-kernel-$COURSE_VERSION-all.jar"
GRADER_JAR="$COURSE_HOME/grader/target/vae-grader-$COURSE_VERSION-all.jar"
# The Java agent of every course JVM: the engine copies the Java buffers it builds tensors from,
# so that a garbage collection between forward and backward cannot corrupt a gradient.
AGENT_JAR="$COURSE_HOME/agent/target/vae-agent-$COURSE_VERSION.jar"
# Debian's Python, which carries Jupyter and PyTorch (a pyenv python3 may come first on PATH).
SYSTEM_PYTHON=/usr/bin/python3
export COURSE_PROFILE="${COURSE_PROFILE:-full}"

# glibc malloc churn dominates the engine's optimizer step; large thresholds keep freed
# buffers mapped. This must be set before the JVM starts.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-268435456}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-268435456}"
# OpenMP threads that spin while waiting starve everything else when cores are shared
# (an epoch went from about 1.5 s to 40 s on a loaded 2-core machine); passive waiting avoids it.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# ...but a thread that sleeps at once pays a wake-up for every parallel operation, and a training
# step runs dozens of short ones. Spinning 3,000 times before sleeping (libgomp's GOMP_SPINCOUNT,
# which wins over the policy) bridges the gaps between operations: the MLP VAE's median epoch on 2
# threads went from 0.48 to 0.65 s to 0.35 to 0.36 s (bench/README.md). Longer spins starve a loaded
# machine: with two busy processes on the 2 cores, 10,000 spins took 2.3 to 2.5 s an epoch against
# 1.4 to 1.5 s sleeping at once; 3,000 took 1.4 to 1.6 s.
export GOMP_SPINCOUNT="${GOMP_SPINCOUNT:-3000}"

course_threads() { nproc 2>/dev/null || echo 2; }

# The one list of JVM flags of every course process (the Java side reads the same file).
COURSE_JVM_OPTIONS_FILE="$COURSE_HOME/kernel/src/main/resources/vaecourse/engine/course-jvm.options"

# JVM flags every course process gets: the engine agent, the file's flags and the PyTorch thread
# count.
course_java_opts() {
  local flags
  flags="$(grep -v '^[[:space:]]*#' "$COURSE_JVM_OPTIONS_FILE" | tr -s ' \n' ' ')" ||
    die "cannot read the JVM flags in $COURSE_JVM_OPTIONS_FILE"
  [[ -f "$AGENT_JAR" ]] || die "the engine agent jar is missing ($AGENT_JAR); build it with ./course setup"
  echo "-javaagent:$AGENT_JAR ${flags% } -Dai.djl.pytorch.num_threads=$(course_threads)"
}

say() { printf '\033[1m[course]\033[0m %s\n' "$*"; }
die() {
  printf '[course] error: %s\n' "$*" >&2
  exit 1
}

is_root() { [[ $(id -u) -eq 0 ]]; }
is_debian() { [[ -f /etc/debian_version ]] && command -v apt-get >/dev/null; }
have_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Install Debian packages that are missing, or say exactly what to install.
ensure_debs() {
  local missing=() p
  for p in "$@"; do have_deb "$p" || missing+=("$p"); done
  ((${#missing[@]} == 0)) && return 0
  if is_root && is_debian; then
    say "installing Debian packages: ${missing[*]}"
    if [[ ! -f "$BUILD_DIR/.apt-updated" ]]; then
      apt-get update -q >/dev/null || die "apt-get update failed; check the network and retry"
      mkdir -p "$BUILD_DIR" && touch "$BUILD_DIR/.apt-updated"
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null ||
      die "apt-get install ${missing[*]} failed"
  else
    die "missing packages: ${missing[*]}. Install them (on Debian/Ubuntu: sudo apt-get install ${missing[*]}) or use environment.yml with conda, then rerun."
  fi
}

# Run set-up when something it produces is missing or older than its inputs.
ensure_setup() {
  local stamp="$BUILD_DIR/setup.stamp"
  if [[ ! -f "$stamp" ]] || [[ -n "$(find "$COURSE_HOME/course" "$COURSE_HOME/scripts" "$COURSE_HOME/pom.xml" \
    "$COURSE_HOME"/*/pom.xml "$COURSE_HOME"/*/src/main -newer "$stamp" -print -quit 2>/dev/null)" ]]; then
    cmd_setup
  fi
}
