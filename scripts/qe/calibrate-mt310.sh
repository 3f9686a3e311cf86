#!/usr/bin/env bash
# MT310's thresholds, measured on clean pairs the QE model never trained on: every MLQE-PE dev source with its
# human post-edit (../shared/train; 6,000 pairs in en-de, en-zh, ne-en, ro-en, ru-en, si-en), read by the release
# binary exactly as a user's file would be. Prints P(major) quantiles and flag shares, pooled and per pair, and the
# thresholds that flag at most 5 % (major) and 15 % (minor) of the pooled pairs, and 1 % (major for uncalibrated pairs). Never reads ../shared/bench.
# usage: scripts/qe/calibrate-mt310.sh     (work dir ${MTLINT_QE_WORK:-/work/qe-work}/calib; python: its venv or python3)
set -euo pipefail
cd "$(dirname "$0")/../.."
W=$(realpath -m "${MTLINT_QE_WORK:-/work/qe-work}")
PY="$W/venv/bin/python"; [ -x "$PY" ] || PY=python3
mkdir -p "$W/calib"
bash scripts/setup-ort.sh
cargo build --release --quiet
"$PY" scripts/qe/clean_pairs.py write "$W/calib/clean-pairs.tsv"
./target/release/mtlint check --select MT310 --exit-zero -q --id-column id --target-column mt \
  --source-column source --doc-column doc_id -o /dev/null --features "$W/calib/clean-pairs.jsonl" "$W/calib/clean-pairs.tsv"
"$PY" scripts/qe/clean_pairs.py rates "$W/calib/clean-pairs.jsonl" "$W/calib/clean-pairs.tsv" | tee "$W/calib/clean-pairs.rates.json"
