# The Jupyter kernel "Java (VAE course)": registration, the notebook server, PDF export.
# Sourced by ./course; uses scripts/common.sh.

KERNEL_NAME=vae-java
KERNEL_DISPLAY_NAME="Java (VAE course)"
MATHJAX_DIR=/usr/share/javascript/mathjax
# Class-data sharing archive of the kernel jar (see build_kernel_cds).
KERNEL_CDS_ARCHIVE="$BUILD_DIR/kernel-cds.jsa"

# The user's Jupyter data folder (~/.local/share/jupyter on Linux), as Jupyter itself computes it.
jupyter_data_dir() {
  "$SYSTEM_PYTHON" -c 'from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())' 2>/dev/null ||
    echo "${XDG_DATA_HOME:-$HOME/.local/share}/jupyter"
}

# A kernel or worker start mostly loads javac's classes (for JShell). A dynamic class-data sharing
# archive made from one warm-up run keeps them pre-parsed: the worker on one cell, median of 10,
# 0.76 s -> 0.62 s wall and 1.26 s -> 0.97 s CPU. The JVM silently ignores an archive that no longer
# matches the jar (-Xlog:cds*=off keeps its warning off stdout); setup rebuilds it when the jar is
# newer.
build_kernel_cds() {
  [[ -f "$KERNEL_CDS_ARCHIVE" && "$KERNEL_CDS_ARCHIVE" -nt "$KERNEL_JAR" ]] && return 0
  mkdir -p "$BUILD_DIR"
  rm -f "$KERNEL_CDS_ARCHIVE"
  local warmup
  warmup='{"cells":[
    {"id":"1","source":"int x = 20;\nSystem.out.println(x);\nx + 22"},
    {"id":"2","source":"record R(String h) { public Map<String, String> toMimeBundle() { return Map.of(\"text/html\", h); } }\ndisplay(new R(\"<b>b</b>\"));\nnew R(\"<i>i</i>\")"},
    {"id":"3","source":"var img = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);\nimg"},
    {"id":"4","source":"int y = undefinedName;"},
    {"id":"5","source":"void f() { throw new IllegalStateException(\"x\"); }\nf();"},
    {"id":"6","source":"List.of(1, 2, 3).stream().map(i -> i * i).collect(Collectors.toList())"}]}'
  # The JVM refuses to dump an archive while a Java agent runs; the one made without the engine
  # agent serves the kernel that runs with it (the warm-up loads no engine class the agent patches).
  if ! (cd "$BUILD_DIR" && printf '%s' "$warmup" |
    # shellcheck disable=SC2046 # the flags are separate words on purpose
    java -XX:ArchiveClassesAtExit="$KERNEL_CDS_ARCHIVE" $(course_java_opts | sed 's#-javaagent:[^ ]* ##') \
      -cp "$KERNEL_JAR" vaecourse.engine.Worker >/dev/null 2>&1); then
    rm -f "$KERNEL_CDS_ARCHIVE"
    say "note: no class-data archive for the kernel (kernel starts take about 1.5 s longer)"
  fi
}

# Writes a kernelspec for the course kernel into KERNELS_DIR/NAME (kernel.json).
# Arguments: KERNELS_DIR NAME DISPLAY_NAME CLASS_PATH LIBRARY_CLASS_PATH [EXTRA_ENV_JSON] [CDS_ARCHIVE]
write_kernelspec() {
  local kernels_dir="$1" name="$2" display="$3" cp="$4" lib="$5" extra="${6:-{\}}" cds="${7:-}"
  local java
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    java="$JAVA_HOME/bin/java"
  else
    java="$(command -v java)" || die "java not found; install openjdk-17-jdk-headless (./course setup)"
  fi
  mkdir -p "$kernels_dir/$name"
  # shellcheck disable=SC2046
  "$SYSTEM_PYTHON" - "$kernels_dir/$name/kernel.json" "$display" "$java" "$cp" "$lib" "$extra" "$cds" $(course_java_opts) <<'PY' || die "could not write the kernelspec"
import json, os, sys
target, display, java, cp, lib, extra, cds, *opts = sys.argv[1:]
if cds and os.path.isfile(cds):
    opts += ["-XX:SharedArchiveFile=" + cds, "-Xlog:cds*=off"]
env = {
    "IJAVA_CLASSPATH": lib,
    "MALLOC_MMAP_THRESHOLD_": os.environ.get("MALLOC_MMAP_THRESHOLD_", "268435456"),
    "MALLOC_TRIM_THRESHOLD_": os.environ.get("MALLOC_TRIM_THRESHOLD_", "268435456"),
    "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "PASSIVE"),
    "GOMP_SPINCOUNT": os.environ.get("GOMP_SPINCOUNT", "3000"),
}
env.update(json.loads(extra))
spec = {
    "argv": [java, *opts, "-cp", cp,
             "vaecourse.kernel.Main", "{connection_file}"],
    "display_name": display,
    "language": "java",
    "interrupt_mode": "message",
    "env": env,
    "metadata": {"debugger": False},
}
text = json.dumps(spec, indent=2) + "\n"
try:
    with open(target) as f:
        if f.read() == text:
            sys.exit(0)
except FileNotFoundError:
    pass
with open(target, "w") as f:
    f.write(text)
PY
}

# ./course setup: registers the kernel for this user, with the course library preloaded.
setup_kernel() {
  [[ -f "$KERNEL_JAR" ]] || die "the kernel jar is missing ($KERNEL_JAR); build it with ./course setup"
  local dir
  dir="$(jupyter_data_dir)/kernels"
  build_kernel_cds
  write_kernelspec "$dir" "$KERNEL_NAME" "$KERNEL_DISPLAY_NAME" "$KERNEL_JAR" "$LIB_JAR" '{}' "$KERNEL_CDS_ARCHIVE"
  say "Jupyter kernel \"$KERNEL_DISPLAY_NAME\" registered in $dir/$KERNEL_NAME"
  setup_widgets
}

# The classic Notebook shows widgets through the jupyter-js-widgets nbextension (Debian enables it
# for every user in /etc/jupyter); enabled here for this user when no configuration enables it.
setup_widgets() {
  local list
  [[ -f /usr/share/jupyter/nbextensions/jupyter-js-widgets/extension.js ]] ||
    die "the widget front end is missing: install jupyter-nbextension-jupyter-js-widgets"
  list="$("$SYSTEM_PYTHON" -W ignore -m notebook.nbextensions list 2>&1)"
  if ! grep -q 'jupyter-js-widgets/extension.*enabled' <<<"$list"; then
    "$SYSTEM_PYTHON" -W ignore -m notebook.nbextensions enable jupyter-js-widgets/extension --user >/dev/null ||
      die "could not enable the jupyter-js-widgets nbextension"
    say "enabled the jupyter-js-widgets nbextension for the classic Notebook"
  fi
}

# ./course jupyter [ARGS...]: the classic notebook server on notebooks/ with the course kernel.
cmd_jupyter() {
  ensure_setup
  local args=(--notebook-dir="$COURSE_HOME/notebooks" --MappingKernelManager.default_kernel_name="$KERNEL_NAME")
  if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && "$(uname -s)" != Darwin ]]; then
    args+=(--no-browser)
  fi
  # The notebook server refuses to run as root (containers, CI images) unless told so.
  is_root && args+=(--allow-root)
  say "starting Jupyter Notebook on notebooks/ (stop it with Ctrl-C twice)"
  exec "$SYSTEM_PYTHON" -m notebook "${args[@]}" "$@"
}

# The Chromium (or Chrome) binary for printing.
find_chromium() {
  local c
  for c in chromium chromium-browser google-chrome google-chrome-stable; do
    command -v "$c" >/dev/null && { command -v "$c"; return 0; }
  done
  return 1
}

# Notebook -> self-contained HTML (for printing and ./course html): local MathJax, print CSS, no
# CDN scripts; the plotly.js charts travel inside it (vaecourse.plot.Plotly).
notebook_to_print_html() {
  "$SYSTEM_PYTHON" "$COURSE_HOME/scripts/notebook_html.py" "$1" "$2" "$MATHJAX_DIR"
}

# ./course html NOTEBOOK...: an HTML file beside each notebook (or under build/html/ when that
# folder is read-only) that opens offline, interactive charts included.
cmd_html() {
  (($# > 0)) || die "usage: ./course html NOTEBOOK.ipynb [MORE.ipynb...]"
  ensure_debs jupyter-nbconvert libjs-mathjax
  local nb out
  for nb in "$@"; do
    [[ -f "$nb" ]] || die "no such notebook: $nb"
    out="${nb%.ipynb}.html"
    if [[ ! -w "$(dirname "$nb")" ]]; then
      mkdir -p "$BUILD_DIR/html"
      out="$BUILD_DIR/html/$(basename "${nb%.ipynb}").html"
    fi
    notebook_to_print_html "$nb" "$out" || die "nbconvert could not convert $nb to HTML"
    say "wrote $out"
  done
}

# ./course pdf NOTEBOOK...: a PDF beside each notebook (or under build/pdf/ when that folder is
# read-only) with rendered math, figures and tables, made offline.
cmd_pdf() {
  (($# > 0)) || die "usage: ./course pdf NOTEBOOK.ipynb [MORE.ipynb...]"
  ensure_debs jupyter-nbconvert libjs-mathjax chromium poppler-utils
  local chrome
  chrome="$(find_chromium)" || die "Chromium is needed for PDF export; install the chromium package"
  [[ -f "$MATHJAX_DIR/MathJax.js" ]] || die "MathJax is missing at $MATHJAX_DIR; install libjs-mathjax"
  local nb tmp out
  for nb in "$@"; do
    [[ -f "$nb" ]] || die "no such notebook: $nb"
    out="${nb%.ipynb}.pdf"
    if [[ ! -w "$(dirname "$nb")" ]]; then
      mkdir -p "$BUILD_DIR/pdf"
      out="$BUILD_DIR/pdf/$(basename "${nb%.ipynb}").pdf"
    fi
    tmp="$(mktemp -d)"
    notebook_to_print_html "$nb" "$tmp/notebook.html" || { rm -rf "$tmp"; die "nbconvert could not convert $nb to HTML"; }
    # virtual-time-budget lets MathJax finish typesetting before the page is printed.
    "$chrome" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf-no-header \
      --virtual-time-budget=20000 --disable-background-networking --disable-component-update \
      --disable-sync --no-first-run --allow-file-access-from-files --user-data-dir="$tmp/profile" \
      --print-to-pdf="$out" "file://$tmp/notebook.html" >"$tmp/chromium.log" 2>&1
    if [[ ! -s "$out" ]]; then
      cat "$tmp/chromium.log" >&2
      rm -rf "$tmp"
      die "Chromium did not write $out"
    fi
    rm -rf "$tmp"
    say "wrote $out"
  done
}
