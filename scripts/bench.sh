#!/usr/bin/env bash
# Benchmark harness: runs `mtlint check --all` over the DEV files of ../shared/bench, scores the
# output with the bench's score.py, measures throughput (sentences/s, whole process, after a
# warm-up run) and peak memory (max RSS from /usr/bin/time), and writes BENCHMARKS.md.
# usage: scripts/bench.sh [BENCH_DIR]     (default ../shared/bench; outputs in bench-out/)
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${1:-../shared/bench}"
out=bench-out
mkdir -p "$out"
bash scripts/setup-ort.sh
cargo build --release --quiet
bin=target/release/mtlint
cols=(--id-column id --target-column mt --source-column source --doc-column doc_id)

run() { # name file extra-args... ; writes $out/name.csv, $out/name.time
  local name=$1 file=$2; shift 2
  /usr/bin/time -f '%e %M' -o "$out/$name.time" \
    "$bin" check --all --exit-zero -q "${cols[@]}" "$@" -o "$out/$name.csv" "$file"
}

# Warm-up: page cache for the models and the binary.
"$bin" check --all --exit-zero -q --select MT101 "${cols[@]}" -o /dev/null "$bench/mlqe_eten_da.dev.tsv" >/dev/null 2>&1 || true

for f in ted_zhen_mqm wmt23_zhen_mqm demetr_xx_en mlqe_eten_da; do
  run "$f" "$bench/$f.dev.tsv"
  python3 "$bench/score.py" "$bench/$f.dev.tsv" --flags "$out/$f.csv" > "$out/$f.score.txt"
  python3 "$bench/score.py" "$bench/$f.dev.tsv" --flags "$out/$f.csv" --label has_major_acc > "$out/$f.score_acc.txt"
  python3 "$bench/score.py" "$bench/$f.dev.tsv" --baseline mt_len > "$out/$f.baseline.txt"
  python3 "$bench/score.py" "$bench/$f.dev.tsv" --baseline mt_len --label has_major_acc > "$out/$f.baseline_acc.txt"
done
# Fluency scoring alone (the LM pass plus its cue edits), for the throughput target.
run fluency_wmt23 "$bench/wmt23_zhen_mqm.dev.tsv" --select MT101
run fluency_mlqe "$bench/mlqe_eten_da.dev.tsv" --select MT101
# The quality-estimation pass alone (MT310 loads only its model): pairs/s for issue 12's speed target.
run qe_wmt23 "$bench/wmt23_zhen_mqm.dev.tsv" --select MT310
run qe_mlqe "$bench/mlqe_eten_da.dev.tsv" --select MT310
cat /proc/loadavg > "$out/loadavg.txt"

python3 scripts/bench_table.py "$out" "$bench" > BENCHMARKS.md.new
mv BENCHMARKS.md.new BENCHMARKS.md
echo "wrote BENCHMARKS.md" >&2
