#!/usr/bin/env bash
# Fuzz smoke for CI: builds every cargo-fuzz target in fuzz/ and runs each for FUZZ_SECONDS
# (default 10: 11 targets, under 2 minutes of fuzzing; the build from clean is the larger part, so
# cache fuzz/target in CI, see docs/RELIABILITY.md) from its committed seed corpus
# (fuzz/corpus/<target>); inputs libFuzzer finds go to fuzz/work/<target> (not committed). A crash, a leak, an input over 10 s or 2 GB fails the run and
# leaves the input in fuzz/artifacts/<target>/; rerun it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run <target> fuzz/artifacts/<target>/<file>
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). cargo-fuzz passes nightly-only flags
# (-Zsanitizer=address and others); RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them.
# FUZZ_TARGETS="split xliff" runs only those; FUZZ_SANITIZER=none builds faster, without ASan.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1
seconds="${FUZZ_SECONDS:-10}"
sanitizer="${FUZZ_SANITIZER:-address}"
targets="${FUZZ_TARGETS:-$(cargo fuzz list)}"
start=$(date +%s)
cargo fuzz build --sanitizer "$sanitizer"
echo "fuzz-smoke: built in $(($(date +%s) - start)) s"
for target in $targets; do
  mkdir -p "fuzz/work/$target"
  echo "fuzz-smoke: $target for $seconds s"
  log="fuzz/work/$target.log"
  status=0
  cargo fuzz run --sanitizer "$sanitizer" "$target" "fuzz/work/$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1 ||
    status=$?
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" | tr '\n' ' ' || true
  echo
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log"
    echo "fuzz-smoke: $target FAILED (exit $status)"
    exit 1
  fi
done
echo "fuzz-smoke: all targets passed in $(($(date +%s) - start)) s"
