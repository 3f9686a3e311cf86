#!/usr/bin/env bash
# Large inputs in flat memory (issue 15, item 4): peak and sampled RSS of the release binary on
#   1. a 1 GB JSON Lines stream with every check and the models on, run for $SECS seconds (at ~20
#      sentences/s the whole gigabyte would take days on 2 cores; what is measured is that memory stays flat);
#   2. a 200 MB plain-text corpus (rule checks; streamed a section of paragraphs at a time, as any
#      article over 16 MiB is);
#   3. a 100,000-unit XLIFF 1.2 file (the localisation rule checks, MT4xx);
#   4. a 100 MB TSV localisation table with a doc column (MT4xx), streamed (over a 16 MiB
#      --max-input-size) and read whole (--max-input-size none); the two reports must be identical.
# usage: scripts/bench-large.sh [SECS]   (default 240; inputs written under ${TMPDIR:-/tmp}/mtlint-large, ~1.3 GB)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-240}
T=${TMPDIR:-/tmp}/mtlint-large
mkdir -p "$T"
bash scripts/setup-ort.sh >/dev/null
cargo build --release --quiet
bin=target/release/mtlint

[ -s "$T/1g.jsonl" ] || python3 scripts/gen-jsonl-stream.py 1000000000 > "$T/1g.jsonl"
[ -s "$T/200m.txt" ] || python3 - "$T/200m.txt" <<'PY'
import sys
paras = [
    "The government announced the reform on Tuesday, the ministry said in a statement. Opposition leaders said they would vote against it.",
    "The minister He said the talks would continue next week in Brussels. Around 5,000 people attended the rally.",
    "Anna Virtanen met Jürgen Müller at the café in Tampere on Friday. \"We will review it,\" Virtanen said.",
]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("Storm closes schools\n\n")
    n = 0
    while f.tell() < 200_000_000:
        f.write(paras[n % 3] + f" Paragraph {n}.\n\n"); n += 1
PY
[ -s "$T/100k.xlf" ] || python3 - "$T/100k.xlf" <<'PY'
import sys
from xml.sax.saxutils import escape
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n')
    f.write('<file original="app" source-language="en" target-language="de" datatype="plaintext"><body>\n')
    for i in range(100_000):
        src, tgt = [("Save %s files to {{ folder }}.", "%s Dateien in {{ folder }} speichern."),
                    ("The file <x id=\"1\"/>could not be opened.", "Die Datei <x id=\"1\"/>konnte nicht geöffnet werden."),
                    ("Delete 3 items?", "3 Elemente löschen?")][i % 3]
        f.write(f'<trans-unit id="u{i}"><source>{src}</source><target state="translated">{tgt}</target></trans-unit>\n')
    f.write('</body></file></xliff>\n')
PY
[ -s "$T/100m.tsv" ] || python3 - "$T/100m.tsv" <<'PY'
import sys
rows = [("Save %s files to {{ folder }}.", "%s Dateien in {{ folder }} speichern."),
        ("The file could not be opened.", "Die Datei konnte nicht geöffnet werden."),
        ("Delete 3 items?", "3 Elemente löschen?")]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("id\tdoc\tsource\ttarget\n")
    i = 0
    while f.tell() < 100_000_000:
        src, tgt = rows[i % 3]
        # Documents of 100 rows, each spread over 200 rows of the file (two interleaved).
        f.write(f"u{i}\td{(i // 200) * 2 + i % 2}\t{src}\t{tgt}\n"); i += 1
PY
ls -l "$T"

# Samples VmRSS every 10 s while "$@" runs (killed after $1 seconds if still running); prints the trace and peak.
sampled() {
  local secs=$1; shift
  "$@" & local pid=$!
  local t=0 trace=""
  while kill -0 "$pid" 2>/dev/null && [ "$t" -lt "$secs" ]; do
    sleep 10; t=$((t + 10))
    local rss; rss=$(awk '/VmRSS/{print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo -)
    trace="$trace ${t}s:${rss}"
  done
  local hwm; hwm=$(awk '/VmHWM/{print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo -)
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  echo "RSS MiB every 10 s:$trace"
  echo "peak (VmHWM) while running: ${hwm} MiB"
}

echo "== 1 GB JSONL stream, every check, models on, ${SECS} s"
# CSV on stdout (flushed per 256-segment chunk) so the rows written so far can be counted.
sampled "$SECS" sh -c 'exec "$0" check --exit-zero -q -o csv=- "$1" > "$2"' "$bin" "$T/1g.jsonl" "$T/1g.csv"
echo "rows written in ${SECS} s: $(($(wc -l < "$T/1g.csv") - 1))"

echo "== 200 MB plain text, rule checks (MT2, MT3 without models)"
/usr/bin/time -f '%e s wall, %M KB peak RSS' "$bin" check --exit-zero -q --select MT2,MT301 -o "$T/200m.csv" "$T/200m.txt"
echo "== 100,000-unit XLIFF, localisation checks (MT4)"
/usr/bin/time -f '%e s wall, %M KB peak RSS' "$bin" check --exit-zero -q --select MT4 -o "$T/100k.csv" "$T/100k.xlf"
echo "== 100 MB TSV with a doc column, localisation checks (MT4): streamed, then read whole"
/usr/bin/time -f '%e s wall, %M KB peak RSS' "$bin" check --exit-zero -q --select MT4 --doc-column doc --max-input-size 16MiB -o "$T/100m.csv" "$T/100m.tsv"
/usr/bin/time -f '%e s wall, %M KB peak RSS' "$bin" check --exit-zero -q --select MT4 --doc-column doc --max-input-size none -o "$T/100m-whole.csv" "$T/100m.tsv"
cmp "$T/100m.csv" "$T/100m-whole.csv" && echo "streamed and whole reports identical"
