# ./course bench banana: the banana workloads of notebook 4 (flow VI steps and HMC), Java against
# PyTorch and a numpy loop, at the same thread count. Timings on a shared machine are noisy.
bench_banana() {
  ensure_setup
  local threads="${BENCH_THREADS:-1}"
  local java_opts
  export OMP_WAIT_POLICY="${BENCH_OMP_WAIT_POLICY:-PASSIVE}" GOMP_SPINCOUNT="${BENCH_GOMP_SPINCOUNT:-$GOMP_SPINCOUNT}"
  "$SYSTEM_PYTHON" -c 'import torch' 2>/dev/null || ensure_debs python3-torch
  java_opts="$(course_java_opts | sed "s/num_threads=[0-9]*/num_threads=$threads/")"
  say "banana: Java ($threads thread(s))"
  # shellcheck disable=SC2086
  java $java_opts -cp "$LIB_JAR" vaecourse.BananaBench "${BENCH_FLOW_ITERATIONS:-2000}" \
    "${BENCH_DJL_ITERATIONS:-300}" "${BENCH_HMC_ITERATIONS:-5000}" || die "the Java banana bench failed"
  say "banana: PyTorch and numpy ($threads thread(s))"
  OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads" \
    bench_ref "$COURSE_HOME/bench/banana_flows_torch.py" --threads "$threads" \
    --iterations "${BENCH_TORCH_ITERATIONS:-1000}" || die "the PyTorch banana bench failed"
  OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" \
    bench_ref "$COURSE_HOME/bench/banana_hmc_numpy.py" \
    --iterations "${BENCH_NUMPY_ITERATIONS:-200}" || die "the numpy HMC bench failed"
  say "load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (a shared machine makes these noisy)"
}
