#!/usr/bin/env bash
# Measures the fluency thresholds on clean text (the human reference translations of the DEV
# benchmark) and writes models/calibration.json. Rerun after changing the LM or the statistic.
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${BENCH_DIR:-../shared/bench}"
bash scripts/setup-ort.sh
cargo build --release --quiet
./target/release/mtlint calibrate \
  "$bench/ted_zhen_mqm.dev.tsv:reference" "$bench/demetr_xx_en.dev.tsv:reference" \
  -o models/calibration.json "$@"
