#!/usr/bin/env bash
# Runs mtlint from a fresh clone: fetches ONNX Runtime if needed, builds the release binary, runs it.
# usage: scripts/run.sh check ../shared/seed/article-fi-en.txt -o out.csv
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup-ort.sh"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" >&2
exec "$root/target/release/mtlint" "$@"
