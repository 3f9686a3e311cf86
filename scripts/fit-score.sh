#!/usr/bin/env bash
# Rebuilds models/score.json: dumps the engine's per-sentence features over the four DEV sets of
# the benchmark, then fits the logistic score on them (scripts/fit_score.py). Rerun after any
# change to a check, a feature or a model. usage: scripts/fit-score.sh [fit_score.py options, e.g. --drop roles.]
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${BENCH_DIR:-../shared/bench}"
out=bench-out/features
mkdir -p "$out"
bash scripts/setup-ort.sh
cargo build --release --quiet
# The features do not depend on models/score.json (only the score column does), so the dumps are
# exactly what the engine computes whether or not an older fit is present.
for name in demetr_xx_en wmt23_zhen_mqm ted_zhen_mqm mlqe_eten_da; do
  ./target/release/mtlint check --all --exit-zero -q --id-column id --target-column mt \
    --source-column source --doc-column doc_id -o "csv=$out/$name.csv" \
    --features "$out/$name.jsonl" "$bench/$name.dev.tsv"
  echo "dumped $name" >&2
done
./target/release/mtlint rules > "$out/rules.tsv"
python3 scripts/fit_score.py --bench "$bench" --features "$out" --rules "$out/rules.tsv" -o models/score.json "$@"
