#!/usr/bin/env bash
# Fuzz smoke (run by scripts/test.sh, so by CI): builds every libFuzzer target of fuzz/ and runs
# each for FUZZ_SECONDS (default 30) from its committed seed corpus (fuzz/corpus/<target>),
# FUZZ_JOBS targets at a time (default: one per core). Inputs libFuzzer finds go to
# fuzz/work/<target> (not committed). A crash, a failed assertion, an input over 10 s or 2 GB
# fails the run and leaves the input in fuzz/artifacts/<target>/; rerun it with
#   fuzz/target/x86_64-unknown-linux-gnu/release/<target> fuzz/artifacts/<target>/<file>
#
# It needs no cargo-fuzz and no nightly toolchain: it passes rustc the coverage flags cargo-fuzz
# passes (sanitizer coverage, --cfg fuzzing, debug assertions, overflow checks) and builds into
# cargo-fuzz's own directory, so `cargo fuzz run` works on the same tree. `--target` keeps the
# flags off build scripts and proc macros, as cargo-fuzz does.
# FUZZ_SANITIZER=address adds AddressSanitizer (nightly-only flag, accepted through
# RUSTC_BOOTSTRAP=1; the build takes about 4x longer). The default is none: the code under test is
# safe Rust, and what the smoke guards is panics, assertions, hangs and memory blow-ups.
# FUZZ_TARGETS="split xliff" runs only those.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-30}"
sanitizer="${FUZZ_SANITIZER:-none}"
jobs="${FUZZ_JOBS:-$(nproc)}"
triple="$(rustc -vV | sed -n 's/^host: //p')"
targets="${FUZZ_TARGETS:-$(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^mtlint-fuzz$')}"

flags="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4"
flags+=" -Cllvm-args=-sanitizer-coverage-inline-8bit-counters"
flags+=" -Cllvm-args=-sanitizer-coverage-pc-table"
flags+=" -Cllvm-args=-sanitizer-coverage-trace-compares"
flags+=" -Cllvm-args=-sanitizer-coverage-stack-depth"
flags+=" --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
if [ "$sanitizer" != none ]; then
  flags+=" -Zsanitizer=$sanitizer"
  export RUSTC_BOOTSTRAP=1
fi

start=$(date +%s)
RUSTFLAGS="$flags" cargo build --manifest-path fuzz/Cargo.toml --release --bins \
  --target "$triple" --target-dir fuzz/target
echo "fuzz-smoke: built in $(($(date +%s) - start)) s (sanitizer: $sanitizer)"
bin="fuzz/target/$triple/release"

run_one() {
  local target="$1"
  mkdir -p "fuzz/work/$target" "fuzz/artifacts/$target"
  "$bin/$target" "fuzz/work/$target" "fuzz/corpus/$target" \
    -artifact_prefix="fuzz/artifacts/$target/" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 >"fuzz/work/$target.log" 2>&1
}

# Up to $jobs fuzzers side by side; each one's exit status is kept to report after all finish.
declare -A pids
for target in $targets; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
    sleep 0.2
  done
  echo "fuzz-smoke: $target for $seconds s"
  run_one "$target" &
  pids[$target]=$!
done

failed=""
for target in $targets; do
  status=0
  wait "${pids[$target]}" || status=$?
  stats=$(grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "fuzz/work/$target.log" |
    tr '\n' ' ' || true)
  echo "fuzz-smoke: $target exit $status $stats"
  if [ "$status" -ne 0 ]; then
    tail -n 60 "fuzz/work/$target.log"
    failed+=" $target"
  fi
done
if [ -n "$failed" ]; then
  echo "fuzz-smoke: FAILED:$failed (inputs in fuzz/artifacts/)"
  exit 1
fi
echo "fuzz-smoke: all targets passed in $(($(date +%s) - start)) s"
