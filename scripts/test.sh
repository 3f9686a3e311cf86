#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: fetches ONNX Runtime if needed, then cargo test
# (unit tests, the check registry's examples, CLI integration tests, real-model tests), then the
# libFuzzer smoke (scripts/fuzz-smoke.sh: every fuzz target for 30 s, about 6 minutes on 2 cores
# from clean; FUZZ_SMOKE=0 skips it for a quick local run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-ort.sh
cargo test --all-targets "$@"
if [ "${FUZZ_SMOKE:-1}" != 0 ]; then
  bash scripts/fuzz-smoke.sh
fi
