#!/usr/bin/env bash
# Golden outputs of a mtlint binary, for proving that a refactor changes no byte of any report.
#
#   scripts/golden.sh record BIN OUT [--full]   run BIN over the cases below, write OUT/<case>.{out,err,rc}
#   scripts/golden.sh compare OLD NEW           cmp every file of OLD with NEW; list what differs
#
# Typical use: build the release binary at the starting commit, copy it outside the repository,
# record its goldens; after each step, record the new binary's and compare. Cases: every output
# format (stdout) on the seed article, the l10n, inputs, people and meaning fixtures; all formats
# at once (-o FMT=PATH, plus --features) on the first 150 rows of each bench DEV file; JSONL
# streams on stdin and from files; baselines, config files, the other commands and error exits.
# --full adds one CSV run of each whole DEV file (minutes each). XLSX files are compared by their
# XML parts (docProps/core.xml, which holds the creation time, is left out). Run from anywhere;
# inputs are read relative to the repository root, so both binaries see the same paths.
set -uo pipefail
cd "$(dirname "$0")/.."
bench="${BENCH_DIR:-../shared/bench}"
seed="${SEED:-../shared/seed/article-fi-en.txt}"
export ORT_DYLIB_PATH="${ORT_DYLIB_PATH:-$PWD/.ort/lib/libonnxruntime.so}"
export MTLINT_MODELS="${MTLINT_MODELS:-$PWD/models}"
export LC_ALL=C.UTF-8
unset NO_COLOR

# Every zip member but the creation-time part, as text: what an XLSX report says.
xlsx_dump() {
  python3 - "$1" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in sorted(z.namelist()):
        if n == "docProps/core.xml":
            continue
        print(f"=== {n}")
        print(z.read(n).decode("utf-8", "replace"))
PY
}

compare() {
  local old=$1 new=$2 bad=0 n=0 f
  while IFS= read -r f; do
    n=$((n + 1))
    if [ ! -f "$new/$f" ]; then echo "MISSING  $f"; bad=$((bad + 1))
    elif ! cmp -s "$old/$f" "$new/$f"; then echo "DIFFERS  $f"; bad=$((bad + 1)); fi
  done < <(cd "$old" && find . -type f | sed 's|^\./||' | sort)
  while IFS= read -r f; do
    [ -f "$old/$f" ] || { echo "EXTRA    $f"; bad=$((bad + 1)); }
  done < <(cd "$new" && find . -type f | sed 's|^\./||' | sort)
  echo "compared $n files: $bad differ"
  [ "$bad" -eq 0 ]
}

if [ "${1:-}" = compare ]; then
  compare "$2" "$3"
  exit $?
fi
[ "${1:-}" = record ] && [ $# -ge 3 ] || { sed -n '2,5p' "$0"; exit 2; }
# The binary runs as `mtlint` whatever its file is called: clap prints argv[0] in usage lines.
BIN_DIR=$(mktemp -d)
trap 'rm -rf "$BIN_DIR"' EXIT
cp "$2" "$BIN_DIR/mtlint"
BIN=$BIN_DIR/mtlint
OUT=$(realpath -m "$3")
FULL=${4:-}
mkdir -p "$OUT"
# Inputs and -o targets live at one fixed path, so paths printed in reports are the same for
# every binary recorded.
W=/tmp/mtlint-golden-work
rm -rf "$W"; mkdir -p "$W"

# run NAME STDIN ARGS...: stdout, stderr and exit code of one command (STDIN: a file or -).
run() {
  local name=$1 stdin=$2; shift 2
  if [ "$stdin" = - ]; then stdin=/dev/null; fi
  "$BIN" "$@" < "$stdin" > "$OUT/$name.out" 2> "$OUT/$name.err"
  echo $? > "$OUT/$name.rc"
  if [ -s "$OUT/$name.out" ] && head -c 2 "$OUT/$name.out" | grep -q PK; then
    xlsx_dump "$OUT/$name.out" > "$OUT/$name.xlsx.txt"; rm "$OUT/$name.out"
  fi
}

FORMATS=(csv json jsonl sarif html xlsx github text)
# every_format NAME ARGS...: one run per --format, report on stdout.
every_format() {
  local name=$1 f; shift
  for f in "${FORMATS[@]}"; do run "$name.$f" - check --format "$f" "$@"; done
}

# ---------------------------------------------------------------- prose, fixtures, directories
every_format seed "$seed"
run seed.all.csv - check --all "$seed"
run seed.bom.csv - check --bom --exit-zero "$seed"
run seed.color.text - check --format text --color always "$seed"
run seed.quiet.csv - check -q --fail-on critical "$seed"
run seed.flag-at.csv - check --flag-at major --all "$seed"
run seed.select.csv - check --select MT2,fluency --ignore MT204 "$seed"
run seed.mqm.csv - check --mqm-threshold 200 "$seed"
run seed.mqm-fail.json - check --format json --mqm-threshold 10 --fail-on critical "$seed"
run seed.stdin.csv "$seed" check -
run seed.features - check --features "$W/seed.features.jsonl" -o "$W/seed.o.csv" "$seed"
cp "$W/seed.features.jsonl" "$W/seed.o.csv" "$OUT/" 2>/dev/null
# Each fixture alone in CSV and JSON (config lookup and summaries per file), all of them
# together in every format.
for f in tests/fixtures/l10n/* tests/fixtures/inputs/*; do
  n=$(basename "$(dirname "$f")").$(basename "$f")
  run "$n.csv" - check "$f"
  run "$n.json" - check --format json "$f"
done
every_format l10n.dir tests/fixtures/l10n
every_format inputs.dir tests/fixtures/inputs
run inputs.source.csv - check --source tests/fixtures/meaning/unaligned/source-fi.txt tests/fixtures/meaning/unaligned/translation-en.txt
run inputs.source.all.json - check --format json --all --source tests/fixtures/meaning/unaligned/source-fi.txt --source-lang fi tests/fixtures/meaning/unaligned/translation-en.txt
every_format people tests/fixtures/people
for f in numbers untranslated; do
  for fmt in csv json text; do
    run "meaning.$f.$fmt" - check --format "$fmt" --target-column target --source-column source --source-lang fi "tests/fixtures/meaning/$f.tsv"
  done
done
run meaning.roles.csv - check --all tests/fixtures/meaning/roles_entities.tsv

# Every extension a reader accepts, in a directory (before the one-table fix, only some were
# walked); the bytes of each file are those of an l10n fixture.
mkdir -p "$W/exts/sub"
cp tests/fixtures/l10n/news-fi-en.xlf "$W/exts/upper.XLF"
cp tests/fixtures/l10n/news-fi-en.xlf "$W/exts/trados.sdlxliff"
cp tests/fixtures/l10n/news-en-de.xlf "$W/exts/sub/memoq.mqxliff"
cp tests/fixtures/l10n/news-en.po "$W/exts/template.pot"
printf '{"id":"a1","mt":"The minister He said the talks would continue."}\n' > "$W/exts/sub/stream.ndjson"
cp tests/fixtures/inputs/suspects.txt "$W/exts/notes.TXT"
cp tests/fixtures/inputs/small.tsv "$W/exts/sub/table.TSV"
run exts.dir.csv - check --all "$W/exts"
run exts.dir.json - check --format json "$W/exts"

# ---------------------------------------------------------------- JSON Lines streams
python3 scripts/gen-jsonl-stream.py 60000 > "$W/stream.jsonl"
cp "$W/stream.jsonl" "$W/stream.ndjson"
printf '{"id":"x","mt":"Fine."}\nnot json\n{"id":"y","mt":"The minister He said it."}\n' > "$W/broken.jsonl"
run stream.stdin.csv "$W/stream.jsonl" check -
run stream.stdin.jsonl "$W/stream.jsonl" check --format jsonl -
run stream.stdin.bom.csv "$W/stream.jsonl" check --bom --all -
run stream.stdin.json "$W/stream.jsonl" check --format json -
run stream.stdin.sarif "$W/stream.jsonl" check --format sarif -
run stream.file.jsonl - check --format jsonl "$W/stream.jsonl" "$W/stream.ndjson"
run stream.file.csv - check -o "$W/stream.o.csv" "$W/stream.jsonl"
cp "$W/stream.o.csv" "$OUT/stream.o.csv"
run stream.broken.csv - check "$W/broken.jsonl"
run stream.broken.jsonl - check --format jsonl "$W/broken.jsonl"
run stream.empty.csv - check --select MT301 "$W/broken.jsonl"
printf '{"id":"x","mt":"Fine."}\n' > "$W/fine.jsonl"
run stream.clean.csv - check --select MT301 "$W/fine.jsonl"
run stream.clean.jsonl - check --select MT301 --format jsonl "$W/fine.jsonl"

# ---------------------------------------------------------------- baselines, config, -o
run baseline.write - check --exit-zero --write-baseline "$W/b.json" -o "$W/b.csv" "$seed"
cp "$W/b.json" "$OUT/baseline.b.json"
run baseline.apply.json - check --format json --baseline "$W/b.json" "$seed"
cp "$W/b.json" "$W/mtlint-baseline.json"
run baseline.named.csv - check "$W/mtlint-baseline.json" "$seed"
run baseline.missing - check --baseline "$W/nope.json" "$seed"
mkdir -p "$W/cfg"
cp "$seed" "$W/cfg/article.txt"
cat > "$W/cfg/mtlint.toml" <<'TOML'
fail-on = "critical"
ignore = ["MT301"]
[checks.MT101]
threshold = 2.5
[checks.speaker-mismatch]
severity = "minor"
[mqm]
major = 4
threshold = 500
TOML
run config.check.json - check --format json "$W/cfg/article.txt"
run config.show - config --show "$W/cfg"
run config.show.default - config
printf '[checks.MT205]\nthreshold = 2\n' > "$W/bad.toml"
run config.bad - check --config "$W/bad.toml" "$seed"
run outputs.many - check -o "csv=$W/m.csv" -o "$W/m.json" -o "$W/m.sarif.json" -o "jsonl=$W/m.jsonl" -o "html=$W/m.html" -o "$W/m.xlsx" -o "github=-" "$seed"
for f in m.csv m.json m.sarif.json m.jsonl m.html; do cp "$W/$f" "$OUT/outputs.$f"; done
xlsx_dump "$W/m.xlsx" > "$OUT/outputs.m.xlsx.txt"

# ---------------------------------------------------------------- other commands and errors
run cmd.rules - rules
run cmd.explain - explain MT204
run cmd.explain-name - explain swapped-roles
run cmd.explain-bad - explain MT999
run cmd.models - models
run cmd.help - --help
run cmd.check-help - check --help
run cmd.version - --version
run err.missing - check "$W/does-not-exist.txt"
: > "$W/empty.txt"
run err.empty - check "$W/empty.txt" "$seed"
run err.select - check --select MT999 "$seed"
run err.format - check --format yaml "$seed"
run err.source - check --source "$seed" "$seed" tests/fixtures/inputs/clean.txt
run err.only-baseline - check "$W/mtlint-baseline.json"
printf 'ok\xff\n' > "$W/bad-utf8.txt"
run err.utf8 - check "$W/bad-utf8.txt"

# ---------------------------------------------------------------- bench DEV files
cols=(--id-column id --target-column mt --source-column source --doc-column doc_id)
for f in "$bench"/*.dev.tsv; do
  n=$(basename "$f" .dev.tsv)
  head -151 "$f" > "$W/$n.head.tsv"
  o=(); for fmt in "${FORMATS[@]}"; do o+=(-o "$fmt=$W/$n.$fmt"); done
  run "bench.$n" - check --all "${cols[@]}" "${o[@]}" --features "$W/$n.features.jsonl" "$W/$n.head.tsv"
  for fmt in csv json jsonl sarif html github text; do cp "$W/$n.$fmt" "$OUT/bench.$n.o.$fmt"; done
  cp "$W/$n.features.jsonl" "$OUT/bench.$n.features.jsonl"
  xlsx_dump "$W/$n.xlsx" > "$OUT/bench.$n.o.xlsx.txt"
done
if [ "$FULL" = --full ]; then
  for f in "$bench"/*.dev.tsv; do
    n=$(basename "$f" .dev.tsv)
    run "bench-full.$n.csv" - check --all --exit-zero "${cols[@]}" "$f"
  done
fi
echo "recorded $(find "$OUT" -type f | wc -l) files in $OUT"
