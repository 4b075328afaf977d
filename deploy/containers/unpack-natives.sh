#!/bin/sh
# Unpacks the PyTorch natives from the library jar into $DJL_CACHE_DIR: one engine cell, run the
# way the grader runs it. Image build time only; grading then finds them there.
set -eu
work="$(mktemp -d)"
printf '%s' '{"cells":[{"id":"natives","source":"try (var m = ai.djl.ndarray.NDManager.newBaseManager()) { System.out.println(\"natives: \" + m.ones(new ai.djl.ndarray.types.Shape(2)).sum().getFloat()); }"}]}' |
  (cd "$work" && java -Dai.djl.offline=true -cp "$KERNEL_JAR:$LIB_JAR" vaecourse.engine.Worker) >"$work/out.txt" 2>&1 || true
if ! grep -q 'natives: 2.0' "$work/out.txt"; then
  cat "$work/out.txt" >&2
  echo "the PyTorch natives did not load (output above)" >&2
  exit 1
fi
rm -rf "$work"
