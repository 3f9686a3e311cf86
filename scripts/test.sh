#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: fetches ONNX Runtime if needed, then cargo test
# (unit tests, the check registry's examples, CLI integration tests, real-model tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-ort.sh
cargo test --all-targets "$@"
