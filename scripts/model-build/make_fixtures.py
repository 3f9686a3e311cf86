"""Make the KB-sized, deterministic ONNX test fixtures (tiny-lm.onnx, tiny-encoder.onnx, manifest.json) with the real models' input/output names and dtypes; needs only onnx + numpy.
usage: make_fixtures.py [OUT_DIR [MODELS_DIR]]   (tokenizer sha256s are read from MODELS_DIR, default <repo>/models; formulas documented in tests/fixtures/models/README.md)"""
import hashlib, json, os, sys
import numpy as np
import onnx
from onnx import TensorProto as TP, helper as h, numpy_helper as nh
out = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/models"
os.makedirs(out, exist_ok=True)
OPSET = [h.make_opsetid("", 18)]
def c(name, arr): return nh.from_array(np.asarray(arr), name)
def save(model, path):
    model.ir_version = 8; model.producer_name = "mtlint make_fixtures.py"; model.producer_version = "1"
    onnx.checker.check_model(model, full_check=True)
    with open(path, "wb") as f: f.write(model.SerializeToString(deterministic=True))
ins = [h.make_tensor_value_info("input_ids", TP.INT64, ["batch", "seq"]),
       h.make_tensor_value_info("attention_mask", TP.INT64, ["batch", "seq"])]

# ---- tiny-lm: token_logprob[b,t] = -((id[b,t+1] mod 7) + 1) * 0.5 and entropy[b,t] = 1.0 where mask[b,t+1] == 1;
#      at padded positions (mask[b,t+1] == 0) token_logprob = -100.0 and entropy = 100.0 (sentinels).
lm_nodes = [
    h.make_node("Slice", ["input_ids", "one", "big", "one"], ["nxt"]),          # ids[:, 1:]
    h.make_node("Slice", ["attention_mask", "one", "big", "one"], ["nmask"]),   # mask[:, 1:]
    h.make_node("Mod", ["nxt", "seven"], ["r"], fmod=0),
    h.make_node("Add", ["r", "one_i"], ["r1"]),
    h.make_node("Cast", ["r1"], ["rf"], to=TP.FLOAT),
    h.make_node("Mul", ["rf", "neg_half"], ["lp"]),
    h.make_node("Cast", ["nmask"], ["valid"], to=TP.BOOL),
    h.make_node("Where", ["valid", "lp", "lp_pad"], ["token_logprob"]),
    h.make_node("Shape", ["lp"], ["shp"]),
    h.make_node("ConstantOfShape", ["shp"], ["ones"], value=nh.from_array(np.array([1.0], np.float32))),
    h.make_node("Where", ["valid", "ones", "ent_pad"], ["entropy"]),
]
lm_init = [c("one", np.array([1], np.int64)), c("big", np.array([2**62], np.int64)), c("seven", np.array(7, np.int64)),
           c("one_i", np.array(1, np.int64)), c("neg_half", np.array(-0.5, np.float32)),
           c("lp_pad", np.array(-100.0, np.float32)), c("ent_pad", np.array(100.0, np.float32))]
lm_outs = [h.make_tensor_value_info("token_logprob", TP.FLOAT, ["batch", "seq_minus_1"]),
           h.make_tensor_value_info("entropy", TP.FLOAT, ["batch", "seq_minus_1"])]
save(h.make_model(h.make_graph(lm_nodes, "tiny_lm", ins, lm_outs, lm_init), opset_imports=OPSET), f"{out}/tiny-lm.onnx")

# ---- tiny-encoder (hidden 384, 9 labels):
#   token_embeddings[b,t,k] = sin(id[b,t] * FREQ[k] + PHASE[k]) * mask[b,t], FREQ[k] = 0.001 * (k + 1), PHASE[k] = 0.1 * k
#   sentence_embedding[b]   = L2-normalise( sum_t token_embeddings[b,t] / max(sum_t mask[b,t], 1) )   (norm clamped at 1e-12)
#   ner_logits[b,t,j]       = 1.0 if j == id[b,t] mod 9 else 0.0   (so argmax label = id mod 9), times mask[b,t]
H = 384
freq = (0.001 * (np.arange(H, dtype=np.float32) + 1)).astype(np.float32)
phase = (0.1 * np.arange(H, dtype=np.float32)).astype(np.float32)
en_nodes = [
    h.make_node("Cast", ["input_ids"], ["idf"], to=TP.FLOAT),
    h.make_node("Unsqueeze", ["idf", "ax_last"], ["idf3"]),                     # [B,T,1]
    h.make_node("Mul", ["idf3", "freq"], ["x"]),
    h.make_node("Add", ["x", "phase"], ["x2"]),
    h.make_node("Sin", ["x2"], ["s"]),
    h.make_node("Cast", ["attention_mask"], ["mf"], to=TP.FLOAT),
    h.make_node("Unsqueeze", ["mf", "ax_last"], ["mf3"]),                       # [B,T,1]
    h.make_node("Mul", ["s", "mf3"], ["token_embeddings"]),
    h.make_node("ReduceSum", ["token_embeddings", "ax_seq"], ["tsum"], keepdims=0),   # [B,H]
    h.make_node("ReduceSum", ["mf", "ax_seq"], ["cnt"], keepdims=1),                  # [B,1]
    h.make_node("Max", ["cnt", "f_one"], ["cnt1"]),
    h.make_node("Div", ["tsum", "cnt1"], ["mean"]),
    h.make_node("ReduceL2", ["mean", "ax_seq"], ["nrm"], keepdims=1),
    h.make_node("Max", ["nrm", "eps"], ["nrm1"]),
    h.make_node("Div", ["mean", "nrm1"], ["sentence_embedding"]),
    h.make_node("Mod", ["input_ids", "nine"], ["lab"], fmod=0),
    h.make_node("OneHot", ["lab", "depth", "onoff"], ["oh"], axis=-1),          # [B,T,9]
    h.make_node("Mul", ["oh", "mf3"], ["ner_logits"]),
]
en_init = [c("ax_last", np.array([-1], np.int64)), c("ax_seq", np.array([1], np.int64)), c("freq", freq), c("phase", phase),
           c("f_one", np.array(1.0, np.float32)), c("eps", np.array(1e-12, np.float32)), c("nine", np.array(9, np.int64)),
           c("depth", np.array(9, np.int64)), c("onoff", np.array([0.0, 1.0], np.float32))]
en_outs = [h.make_tensor_value_info("token_embeddings", TP.FLOAT, ["batch", "seq", H]),
           h.make_tensor_value_info("sentence_embedding", TP.FLOAT, ["batch", H]),
           h.make_tensor_value_info("ner_logits", TP.FLOAT, ["batch", "seq", 9])]
save(h.make_model(h.make_graph(en_nodes, "tiny_encoder", ins, en_outs, en_init), opset_imports=OPSET), f"{out}/tiny-encoder.onnx")

# ---- fixture manifest (same schema as models/manifest.json; paths relative to this directory; real tokenizers)
def sha(p): return hashlib.sha256(open(p, "rb").read()).hexdigest()
root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
models_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "models")
def tok_sha(rel):
    p = os.path.join(models_dir, rel)
    return sha(p) if os.path.exists(p) else None
LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
man = {"schema": 1, "models": {
    "lm": {"file": "tiny-lm.onnx", "sha256": sha(f"{out}/tiny-lm.onnx"), "bytes": os.path.getsize(f"{out}/tiny-lm.onnx"),
           "tokenizer": "../../../models/lm/tokenizer.json", "tokenizer_sha256": tok_sha("lm/tokenizer.json"),
           "inputs": ["input_ids", "attention_mask"], "outputs": ["token_logprob", "entropy"],
           "pad_id": 2, "bos_id": 0, "max_tokens": 256,
           "source": "synthetic test fixture (scripts/model-build/make_fixtures.py)", "licence": "MIT"},
    "encoder": {"file": "tiny-encoder.onnx", "sha256": sha(f"{out}/tiny-encoder.onnx"), "bytes": os.path.getsize(f"{out}/tiny-encoder.onnx"),
           "tokenizer": "../../../models/encoder/tokenizer.json", "tokenizer_sha256": tok_sha("encoder/tokenizer.json"),
           "inputs": ["input_ids", "attention_mask"], "outputs": ["token_embeddings", "sentence_embedding", "ner_logits"],
           "pad_id": 1, "max_tokens": 256, "query_prefix": "query: ", "labels": LABELS,
           "source": "synthetic test fixture (scripts/model-build/make_fixtures.py)", "licence": "MIT"}}}
with open(f"{out}/manifest.json", "w", encoding="utf-8", newline="\n") as f:
    f.write(json.dumps(man, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
for n in ("tiny-lm.onnx", "tiny-encoder.onnx", "manifest.json"): print(n, os.path.getsize(f"{out}/{n}"), sha(f"{out}/{n}"))
