# ./course bench [--quick]: every workload of the course, the course library against PyTorch (or
# numpy, or IPython) side by side at the same thread count, in one table (build/bench/summary.txt,
# build/bench/summary.md). Each workload runs Java, reference, Java, reference (BENCH_ROUNDS
# rounds), so both sides see the same load of a shared machine; the table shows medians.
#
# Options through the environment: BENCH_THREADS (all cores), BENCH_ROUNDS (2, and 6 for the DCGAN
# unless set), BENCH_ONLY (a space-separated subset of: mlp conv dcgan flows iw kernel grade),
# BENCH_INIT_STD (0.01: the MLP's weights from N(0, 0.01^2) on both sides), BENCH_OMP_WAIT_POLICY
# (PASSIVE, for both sides: with OpenMP's default spin-waiting, a machine with more runnable threads
# than cores made an epoch 20 to 40 times slower), BENCH_GOMP_SPINCOUNT (the course's 3000: the
# spins before one of the library's waiting OpenMP threads sleeps; the reference runs without, see
# bench_ref). `--quick` runs every workload smaller, for a check in a few minutes.
cmd_bench() {
  if [[ "${1:-}" == banana ]]; then bench_banana; return; fi
  if [[ "${1:-}" == grading ]]; then shift; bench_grading "$@"; return; fi
  local quick=0
  [[ "${1:-}" == --quick ]] && quick=1
  ensure_setup
  local threads="${BENCH_THREADS:-$(course_threads)}"
  local rounds="${BENCH_ROUNDS:-2}"
  local only="${BENCH_ONLY:-mlp conv dcgan flows iw kernel grade}"
  export OMP_WAIT_POLICY="${BENCH_OMP_WAIT_POLICY:-PASSIVE}" GOMP_SPINCOUNT="${BENCH_GOMP_SPINCOUNT:-$GOMP_SPINCOUNT}"
  local out="$BUILD_DIR/bench"
  rm -rf "$out" && mkdir -p "$out"
  # The reference side: Debian's PyTorch with the threaded OpenBLAS (without it PyTorch is slow).
  "$SYSTEM_PYTHON" -c 'import torch' 2>/dev/null || ensure_debs python3-torch
  ensure_debs libopenblas0-pthread
  BENCH_JAVA_OPTS="$(course_java_opts | sed "s/num_threads=[0-9]*/num_threads=$threads/")"
  export OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads"
  bench_java vaecourse.Bench --write-split "$out/data" || die "writing the bench split failed"
  local w r n
  for w in $only; do
    n="$rounds"
    # The DCGAN's test NELBO after its 21 steps differs from one seed to the next by up to 5%, so
    # two seeds a side cannot tell whether the sides agree within 2%: its quality needs six.
    [[ $w == dcgan && -z "${BENCH_ROUNDS:-}" && $quick == 0 ]] && n=6
    for ((r = 1; r <= n; r++)); do
      say "bench $w, round $r of $n ($threads threads, load $(cut -d' ' -f1 /proc/loadavg))"
      "bench_$w" "$out" "$r" "$threads" "$quick" || die "the $w bench failed (round $r)"
    done
  done
  printf '%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $threads threads and OMP_WAIT_POLICY=$OMP_WAIT_POLICY on both sides, GOMP_SPINCOUNT=$GOMP_SPINCOUNT on the Java side" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end$([[ $quick == 1 ]] && echo ', --quick sizes')" >"$out/MACHINE"
  "$SYSTEM_PYTHON" "$COURSE_HOME/bench/summarize.py" "$out" | tee "$out/summary.txt"
}

# shellcheck disable=SC2086 # the flags are separate words on purpose
bench_java() { java $BENCH_JAVA_OPTS -cp "$LIB_JAR" "$@"; }

# The reference side runs without the course's OpenMP spin: with it, PyTorch's DCGAN epochs (whose
# OpenMP threads then spin next to OpenBLAS's) were a little slower and its MLP epoch no faster
# within noise (bench/README.md, "A short spin").
bench_ref() { env -u GOMP_SPINCOUNT "$SYSTEM_PYTHON" "$@"; }

# The three training workloads: java-MODEL-ROUND.json and torch-MODEL-ROUND.json. A last
# --torch-djl-init starts the reference from the library's (DJL's) initialization.
bench_train() {
  local out="$1" r="$2" threads="$3" model="$4" init=()
  shift 4
  if [[ "${!#}" == --torch-djl-init ]]; then
    init=(--djl-init)
    set -- "${@:1:$#-1}"
  fi
  bench_java vaecourse.Bench --data "$out/data" --model "$model" --seed "$r" "$@" \
    --json "$out/java-$model-$r.json" >"$out/java-$model-$r.log" 2>&1 || { tail "$out/java-$model-$r.log"; return 1; }
  bench_ref "$COURSE_HOME/bench/vae_torch.py" --data "$out/data" --model "$model" --seed "$r" \
    --threads "$threads" "$@" "${init[@]}" --json "$out/torch-$model-$r.json" >"$out/torch-$model-$r.log" 2>&1 ||
    { tail "$out/torch-$model-$r.log"; return 1; }
}

# The MLP VAE 784-512-2 of notebook 2 (seed 004's set-up): batch 100, Adam 1e-3.
bench_mlp() {
  bench_train "$1" "$2" "$3" mlp --epochs "$(( $4 ? 3 : 10 ))" --batch 100 --lr 1e-3 \
    --latent 2 --init-std "${BENCH_INIT_STD:-0.01}"
}

# Seed 000's convolutional VAE, batch 32, Adam 1e-3.
bench_conv() { bench_train "$1" "$2" "$3" conv --epochs "$(( $4 ? 1 : 3 ))" --batch 32 --lr 1e-3 --latent 16 --torch-djl-init; }

# Seed 002's DCGAN-style VAE, batch 1024, Adam 2e-3.
bench_dcgan() {
  bench_train "$1" "$2" "$3" dcgan --epochs "$(( $4 ? 1 : 3 ))" --batch 1024 --lr 2e-3 --latent 32 \
    --torch-djl-init
}

# Notebook 4: one stochastic-VI step of each flow (S = 100) and HMC iterations (L = 100).
bench_flows() {
  local out="$1" r="$2" threads="$3" quick="$4"
  bench_java vaecourse.BananaBench "$(( quick ? 300 : 2000 ))" "$(( quick ? 50 : 300 ))" \
    "$(( quick ? 500 : 5000 ))" >"$out/banana-java-$r.txt" 2>&1 || return 1
  bench_ref "$COURSE_HOME/bench/banana_flows_torch.py" --threads "$threads" \
    --iterations "$(( quick ? 200 : 1000 ))" >"$out/banana-torch-$r.txt" 2>&1 || return 1
  bench_ref "$COURSE_HOME/bench/banana_hmc_numpy.py" \
    --iterations "$(( quick ? 40 : 200 ))" >>"$out/banana-torch-$r.txt" 2>&1
}

# Notebook 5's Bernoulli VAE trained on the binarized split, then the test L_1000 and its time.
bench_iw() {
  local out="$1" r="$2" threads="$3" quick="$4" epochs eval
  epochs="$(( quick ? 2 : 20 ))" eval="$(( quick ? 100 : 500 ))"
  [[ -d "$out/iw-data" ]] || bench_java vaecourse.IwBench --write-split "$out/iw-data" >/dev/null || return 1
  bench_java vaecourse.IwBench --data "$out/iw-data" --epochs "$epochs" --eval "$eval" --seed "$r" \
    --json "$out/iw-java-$r.json" >"$out/iw-java-$r.log" 2>&1 || { tail "$out/iw-java-$r.log"; return 1; }
  bench_ref "$COURSE_HOME/bench/iwae_torch.py" --data "$out/iw-data" --epochs "$epochs" \
    --eval "$eval" --seed "$r" --threads "$threads" --json "$out/iw-torch-$r.json" >"$out/iw-torch-$r.log" 2>&1 ||
    { tail "$out/iw-torch-$r.log"; return 1; }
}

# A Jupyter kernel from start to the first result of a tensor cell: ours against IPython + PyTorch.
bench_kernel() {
  local out="$1" r="$2"
  PYDEVD_DISABLE_FILE_VALIDATION=1 "$SYSTEM_PYTHON" -Xfrozen_modules=off \
    "$COURSE_HOME/bench/kernel_start.py" --kernel vae-java --language java >"$out/kernel-java-$r.json" || return 1
  PYDEVD_DISABLE_FILE_VALIDATION=1 bench_ref -Xfrozen_modules=off \
    "$COURSE_HOME/bench/kernel_start.py" --kernel python3 --language python >"$out/kernel-python-$r.json"
}

# Grading one real submission (notebook 1's solution) with the grader, start to results.
bench_grade() {
  local out="$1" r="$2" sub="$1/grade-submissions-$2" start
  rm -rf "$sub" "$out/grade-results-$r" && mkdir -p "$sub/student"
  cp "$COURSE_HOME/solutions/01-reparameterization.ipynb" "$sub/student/"
  start="$(date +%s.%N)"
  cmd_grade --source "$COURSE_HOME/solutions" "$sub" -o "$out/grade-results-$r" >"$out/grade-$r.log" 2>&1 ||
    { tail "$out/grade-$r.log"; return 1; }
  echo "{\"seconds\": $(echo "$(date +%s.%N) - $start" | bc)}" >"$out/grade-java-$r.json"
}
