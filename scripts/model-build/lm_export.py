"""Export the SmolLM2 HF model as an ONNX scorer: token_logprob [B,T-1] and entropy [B,T-1] (opset 18, fp32)."""
import sys, torch, torch.nn as nn
from transformers import AutoModelForCausalLM
d, out = sys.argv[1], sys.argv[2]
m = AutoModelForCausalLM.from_pretrained(d, torch_dtype=torch.float32, attn_implementation="eager").eval()
m.config.use_cache = False
class Scorer(nn.Module):
    """input_ids/attention_mask [B,T] (right-padded, first id = <|endoftext|>=0) ->
       token_logprob [B,T-1] = log p(x_t | x_<t) for t=1..T-1, entropy [B,T-1] of the predictive distribution."""
    def __init__(s, m): super().__init__(); s.m = m
    def forward(s, input_ids, attention_mask):
        logits = s.m(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).logits[:, :-1, :]
        lp = torch.log_softmax(logits, dim=-1)
        tok_lp = torch.gather(lp, 2, input_ids[:, 1:].unsqueeze(-1)).squeeze(-1)
        ent = -(lp.exp() * lp).sum(-1)
        return tok_lp, ent
sc = Scorer(m).eval()
ids = torch.tensor([[0, 510, 2048, 314, 260, 1789, 30], [0, 510, 2048, 314, 2, 2, 2]])
am = torch.tensor([[1]*7, [1]*4 + [0]*3])
with torch.no_grad():
    torch.onnx.export(sc, (ids, am), out, input_names=["input_ids", "attention_mask"],
        output_names=["token_logprob", "entropy"],
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                      "token_logprob": {0: "batch", 1: "seq_minus_1"}, "entropy": {0: "batch", 1: "seq_minus_1"}},
        opset_version=18, do_constant_folding=True)
print("exported", out)
