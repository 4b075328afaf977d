# ./course bench: the course library against PyTorch on the same data, side by side.

# Options through the environment: BENCH_SEEDS ("1 2 3"), BENCH_EPOCHS (20), BENCH_THREADS (all
# cores), BENCH_INIT_STD (0.01: both sides draw weights from N(0, 0.01^2) with zero biases, seed
# 004's initialization, so that the two frameworks' different default initializations do not
# enter the comparison), BENCH_OMP_WAIT_POLICY (PASSIVE, for both sides: with OpenMP's default
# spin-waiting, a machine with more runnable threads than cores made an epoch 20 to 40 times
# slower, 37-58 s instead of 1.3-2.2 s at load 14 on 2 cores).
cmd_bench() {
  if [[ "${1:-}" == banana ]]; then bench_banana; return; fi
  if [[ "${1:-}" == grading ]]; then shift; bench_grading "$@"; return; fi
  ensure_setup
  local threads="${BENCH_THREADS:-$(course_threads)}"
  local epochs="${BENCH_EPOCHS:-20}"
  local seeds="${BENCH_SEEDS:-1 2 3}"
  local init="${BENCH_INIT_STD:-0.01}"
  export OMP_WAIT_POLICY="${BENCH_OMP_WAIT_POLICY:-PASSIVE}"
  local out="$BUILD_DIR/bench"
  local seed
  rm -rf "$out" && mkdir -p "$out"
  # The reference side: Debian's PyTorch with the threaded OpenBLAS (without it PyTorch is slow).
  "$SYSTEM_PYTHON" -c 'import torch' 2>/dev/null || ensure_debs python3-torch
  ensure_debs libopenblas0-pthread
  # Both sides pin the same number of compute threads and one inter-op thread.
  local java_opts
  java_opts="$(course_java_opts | sed "s/num_threads=[0-9]*/num_threads=$threads/")"
  # shellcheck disable=SC2086
  java $java_opts -cp "$LIB_JAR" vaecourse.Bench --write-split "$out/data" || die "writing the bench split failed"
  for seed in $seeds; do
    say "seed $seed: Java ($threads threads)"
    # shellcheck disable=SC2086
    java $java_opts -cp "$LIB_JAR" vaecourse.Bench --data "$out/data" --epochs "$epochs" \
      --seed "$seed" --init-std "$init" --json "$out/java-$seed.json" || die "the Java bench failed"
    say "seed $seed: PyTorch ($threads threads)"
    OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads" \
      "$SYSTEM_PYTHON" "$COURSE_HOME/bench/mlp_vae_torch.py" --data "$out/data" --epochs "$epochs" \
      --seed "$seed" --init-std "$init" --threads "$threads" --json "$out/torch-$seed.json" || die "the PyTorch bench failed"
  done
  say "OMP_WAIT_POLICY=$OMP_WAIT_POLICY, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
  "$SYSTEM_PYTHON" "$COURSE_HOME/bench/summarize.py" "$out"/java-*.json "$out"/torch-*.json | tee "$out/summary.txt"
  [[ "${BENCH_IW:-1}" == 1 ]] && bench_iw_bound "$threads" "$out" "$java_opts"
}

# Notebook 5's Bernoulli VAE, 20 epochs on the same binarized split, then the test L_1000 and the
# time its evaluation takes, Java against PyTorch (BENCH_IW=0 skips it; BENCH_IW_EVAL test images).
bench_iw_bound() {
  local threads="$1" out="$2" java_opts="$3" eval="${BENCH_IW_EVAL:-500}"
  # shellcheck disable=SC2086
  java $java_opts -cp "$LIB_JAR" vaecourse.IwBench --write-split "$out/iw-data" || die "writing the iw split failed"
  say "L_1000: Java ($threads threads)"
  # shellcheck disable=SC2086
  java $java_opts -cp "$LIB_JAR" vaecourse.IwBench --data "$out/iw-data" --eval "$eval" \
    --json "$out/iw-java.json" || die "the Java iw bench failed"
  say "L_1000: PyTorch ($threads threads)"
  OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" "$SYSTEM_PYTHON" \
    "$COURSE_HOME/bench/iwae_torch.py" --data "$out/iw-data" --eval "$eval" --threads "$threads" \
    --json "$out/iw-torch.json" || die "the PyTorch iw bench failed"
  "$SYSTEM_PYTHON" - "$out/iw-java.json" "$out/iw-torch.json" <<'PY' | tee -a "$out/summary.txt"
import json, sys
j, t = (json.load(open(f)) for f in sys.argv[1:3])
print(f"test L_{j['k']} after {j['epochs']} epochs ({j['eval_images']} images): java {j['test_iw_bound']:.2f}"
      f" +- {j['test_iw_bound_se']:.2f}, torch {t['test_iw_bound']:.2f} +- {t['test_iw_bound_se']:.2f},"
      f" difference {j['test_iw_bound'] - t['test_iw_bound']:+.2f} nats")
print(f"L_{j['k']} evaluation: java {j['eval_seconds']:.1f} s, torch {t['eval_seconds']:.1f} s"
      f" (ratio {j['eval_seconds'] / t['eval_seconds']:.2f}) on {j['threads']} threads")
PY
}
