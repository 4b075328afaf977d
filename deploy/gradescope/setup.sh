#!/usr/bin/env bash
# Gradescope set-up: runs once, as root, when Gradescope builds the autograder image from
# autograder.zip (unpacked in $ROOT/source). Installs a JDK, lays the jars, the data and the PyTorch
# natives out where the grading user can read them, and unpacks the natives now so that grading
# never does. GRADESCOPE_ROOT moves the whole tree (default /autograder), for tests.
set -euo pipefail

ROOT="${GRADESCOPE_ROOT:-/autograder}"
SRC="$ROOT/source"
COURSE="$ROOT/course"
say() { printf '[setup] %s\n' "$*"; }
die() {
  printf '[setup] error: %s\n' "$*" >&2
  exit 1
}

[[ -f "$SRC/autograder.conf" ]] || die "$SRC/autograder.conf is missing: unzip autograder.zip into $SRC"
# shellcheck source=/dev/null
source "$SRC/autograder.conf"

# Debian packages: a JDK (JShell runs the notebook), setpriv/prlimit (util-linux) and bubblewrap,
# the sandbox used where the container allows namespaces. Installed ones are skipped.
have_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
command -v javac >/dev/null || have_deb openjdk-17-jdk-headless || missing+=(openjdk-17-jdk-headless)
for p in util-linux bubblewrap; do have_deb "$p" || missing+=("$p"); done
if ((${#missing[@]} > 0)); then
  [[ $(id -u) -eq 0 ]] || die "missing packages: ${missing[*]}; run this set-up as root, or install them"
  say "installing ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
java -version 2>&1 | head -1

# What the grading user reads: world-readable, outside $SRC (which holds the solution).
rm -rf "$COURSE"
mkdir -p "$COURSE"
cp -r "$SRC/jars" "$SRC/datasets" "$COURSE/"
export DJL_CACHE_DIR="$COURSE/djl"
mkdir -p "$DJL_CACHE_DIR"

# Unpack the PyTorch natives from the library jar into the cache, as ./course setup does.
say "unpacking the PyTorch natives into $DJL_CACHE_DIR"
java -Dai.djl.offline=true -cp "$COURSE/jars/vae-lib.jar" vaecourse.PrepareNatives \
  || die "the PyTorch natives could not be loaded (the message above says why)"
say "natives: $(du -sh "$DJL_CACHE_DIR" | cut -f1)"

chmod -R a+rX "$COURSE"
# The solution notebook stays root's: student code runs as another user.
chmod -R go-rwx "$SRC"
chmod 755 "$ROOT"
[[ -f "$ROOT/run_autograder" ]] || cp "$SRC/run_autograder" "$ROOT/run_autograder"
chmod 700 "$ROOT/run_autograder"
say "ready: $NOTEBOOK, grade profile, hidden tests $HIDDEN_VISIBILITY"
