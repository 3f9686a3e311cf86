"""Export one ONNX for the encoder role: frozen multilingual-e5-small (FULL 250,002-piece vocab) -> token_embeddings, sentence_embedding (masked mean, L2), ner_logits (head on layers 8||12).
usage: encoder_export.py E5_HF_DIR HEAD_PT OUT_ONNX LABELS_JSON"""
import json, sys, torch, torch.nn as nn
from transformers import BertModel
d, headp, out, labels_out = sys.argv[1:5]
m = BertModel.from_pretrained(d, add_pooling_layer=False, attn_implementation="eager").eval()
assert m.config.vocab_size >= 250002, m.config.vocab_size  # 250,037 rows (XLM-R config); the tokenizer uses ids < 250,002
ck = torch.load(headp); LAYERS = ck["layers"]
head = nn.Sequential(nn.Dropout(0.1), nn.Linear(384 * len(LAYERS), 256), nn.GELU(), nn.Linear(256, 9)); head.load_state_dict(ck["head"]); head.eval()
class Comb(nn.Module):
    def __init__(s): super().__init__(); s.m = m; s.head = head
    def forward(s, input_ids, attention_mask):
        hs = s.m(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids), output_hidden_states=True).hidden_states
        h = hs[-1]; mask = attention_mask.unsqueeze(-1).to(h.dtype)
        mean = (h * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return h, mean / mean.norm(dim=-1, keepdim=True).clamp(min=1e-12), s.head(torch.cat([hs[l] for l in LAYERS], -1))
ids = torch.tensor([[0, 41, 42, 43, 2], [0, 41, 2, 1, 1]]); am = torch.tensor([[1]*5, [1]*3 + [0]*2])
with torch.no_grad():
    torch.onnx.export(Comb().eval(), (ids, am), out, input_names=["input_ids", "attention_mask"],
        output_names=["token_embeddings", "sentence_embedding", "ner_logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"}, "token_embeddings": {0: "batch", 1: "seq"},
                      "sentence_embedding": {0: "batch"}, "ner_logits": {0: "batch", 1: "seq"}}, opset_version=18)
with open(labels_out, "w", encoding="utf-8", newline="\n") as f: f.write(json.dumps({"labels": ck["labels"]}) + "\n")
print("exported", out)
