"""Export Gemma 3 270M (from its GGUF) as an ONNX source-conditioned scorer (opset 18, fp32; quantized later).

The forward pass is written out here on top of the HF modules' weights instead of tracing the HF model,
because transformers 4.56's mask helpers do not trace cleanly with torch 2.5; the script checks the
result against the HF model's own logits before exporting.
  inputs : input_ids, attention_mask int64 [B,T], right-padded (pad id 0), first id <bos> = 2
  outputs: token_logprob f32 [B,T-1] = log p(x_t | x_<t), t = 1..T-1; entropy f32 [B,T-1] (nats)
With --targets the graph takes a third input target_pos int64 [B,K] (indices t-1 of the tokens to score,
i.e. the translation's tokens; pad with 0) and returns token_logprob/entropy [B,K]: the 262k-wide LM head
then runs only on those positions instead of the whole prompt (about 40 % less work per pair).
usage: gemma_export.py GGUF_DIR GGUF_FILE TOKENIZER_JSON OUT.onnx [--targets]"""
import math, sys, torch, torch.nn as nn
from transformers import AutoModelForCausalLM
from tokenizers import Tokenizer

gdir, gfile, tok_path, out = sys.argv[1:5]
TARGETS = sys.argv[5:] == ["--targets"]
torch.manual_seed(0)
hf = AutoModelForCausalLM.from_pretrained(gdir, gguf_file=gfile, dtype=torch.float32, attn_implementation="eager").eval()
hf.config.use_cache = False
base = hf.model if hasattr(hf.model, "layers") else hf.model.language_model
cfg = hf.config.get_text_config()
print("layers", cfg.num_hidden_layers, "hidden", cfg.hidden_size, "heads", cfg.num_attention_heads, cfg.num_key_value_heads,
      "head_dim", cfg.head_dim, "window", cfg.sliding_window, "vocab", cfg.vocab_size,
      "softcap", getattr(cfg, "final_logit_softcapping", None), getattr(cfg, "attn_logit_softcapping", None))
assert getattr(cfg, "final_logit_softcapping", None) is None and getattr(cfg, "attn_logit_softcapping", None) is None


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


class Scorer(nn.Module):
    def __init__(s, base, cfg):
        super().__init__()
        s.b, s.cfg = base, cfg
        s.sliding = [t == "sliding_attention" for t in cfg.layer_types]
        s.nh, s.nkv, s.hd = cfg.num_attention_heads, cfg.num_key_value_heads, cfg.head_dim

    def attn(s, a, x, cos, sin, bias):
        B, T, _ = x.shape
        q = a.q_norm(a.q_proj(x).view(B, T, s.nh, s.hd)).transpose(1, 2)
        k = a.k_norm(a.k_proj(x).view(B, T, s.nkv, s.hd)).transpose(1, 2)
        v = a.v_proj(x).view(B, T, s.nkv, s.hd).transpose(1, 2)
        cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        rep = s.nh // s.nkv
        if rep > 1:
            k = k.repeat_interleave(rep, dim=1)
            v = v.repeat_interleave(rep, dim=1)
        w = torch.matmul(q, k.transpose(2, 3)) * a.scaling + bias
        w = torch.softmax(w, dim=-1)
        o = torch.matmul(w, v).transpose(1, 2).reshape(B, T, s.nh * s.hd)
        return a.o_proj(o)

    def forward(s, input_ids, attention_mask, target_pos=None):
        b = s.b
        h = b.embed_tokens(input_ids)  # Gemma3TextScaledWordEmbedding: already times sqrt(hidden)
        T = input_ids.shape[1]
        pos = torch.arange(T, device=input_ids.device).unsqueeze(0)
        cos_g, sin_g = b.rotary_emb(h, pos)
        cos_l, sin_l = b.rotary_emb_local(h, pos)
        i = pos.transpose(0, 1)
        causal = pos <= i  # [T,T]: key j visible from query i
        local = causal & (i - pos < s.cfg.sliding_window)
        keys = attention_mask[:, None, None, :] > 0
        neg = torch.finfo(torch.float32).min
        zero = torch.zeros((), dtype=torch.float32)
        bias_g = torch.where(causal[None, None] & keys, zero, neg)
        bias_l = torch.where(local[None, None] & keys, zero, neg)
        for li, layer in enumerate(b.layers):
            sl = s.sliding[li]
            r = h
            x = layer.input_layernorm(h)
            x = s.attn(layer.self_attn, x, cos_l if sl else cos_g, sin_l if sl else sin_g, bias_l if sl else bias_g)
            h = r + layer.post_attention_layernorm(x)
            r = h
            x = layer.mlp(layer.pre_feedforward_layernorm(h))
            h = r + layer.post_feedforward_layernorm(x)
        h = b.norm(h)[:, :-1, :]
        tgt = input_ids[:, 1:]
        if target_pos is not None:
            h = torch.gather(h, 1, target_pos.unsqueeze(-1).expand(-1, -1, h.shape[-1]))
            tgt = torch.gather(tgt, 1, target_pos)
        logits = torch.matmul(h, b.embed_tokens.weight.t())  # lm_head is tied to the embedding
        lp = torch.log_softmax(logits, dim=-1)
        tok_lp = torch.gather(lp, 2, tgt.unsqueeze(-1)).squeeze(-1)
        ent = -(lp.exp() * lp).sum(-1)
        return tok_lp, ent


assert torch.equal(hf.lm_head.weight, base.embed_tokens.weight), "lm_head not tied"
sc = Scorer(base, cfg).eval()
tk = Tokenizer.from_file(tok_path)
texts = ["Finnish: Venäjän pelätään auttavan Pohjois-Koreaa.\nEnglish: Russia is feared to be helping North Korea.",
         "English: The cat sat on the mat."]
seqs = [[2] + tk.encode(t, add_special_tokens=False).ids for t in texts]
T = max(map(len, seqs))
ids = torch.tensor([q + [0] * (T - len(q)) for q in seqs])
am = torch.tensor([[1] * len(q) + [0] * (T - len(q)) for q in seqs])
with torch.no_grad():
    tl, ent = sc(ids, am)
    worst = 0.0
    for n, q in enumerate(seqs):  # HF reference, one unpadded sequence at a time
        ref = torch.log_softmax(hf(input_ids=torch.tensor([q])).logits[0, :-1].float(), -1)
        ref = ref.gather(1, torch.tensor(q[1:])[:, None])[:, 0]
        worst = max(worst, (ref - tl[n, :len(q) - 1]).abs().max().item())
print("max |scorer - HF| log p:", worst)
assert worst < 1e-3, worst
args, names = (ids, am), ["input_ids", "attention_mask"]
axes = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
        "token_logprob": {0: "batch", 1: "seq_minus_1"}, "entropy": {0: "batch", 1: "seq_minus_1"}}
if TARGETS:
    tp = torch.tensor([[T - 4, T - 3, T - 2], [3, 4, 0]])
    with torch.no_grad():
        sel, _ = sc(ids, am, tp)
    assert torch.allclose(sel, torch.gather(tl, 1, tp), atol=1e-5), "target_pos selection differs from the full graph"
    args, names = (ids, am, tp), names + ["target_pos"]
    axes.update({"target_pos": {0: "batch", 1: "targets"}, "token_logprob": {0: "batch", 1: "targets"},
                 "entropy": {0: "batch", 1: "targets"}})
with torch.no_grad():
    torch.onnx.export(sc, args, out, input_names=names, output_names=["token_logprob", "entropy"],
                      dynamic_axes=axes, opset_version=18, do_constant_folding=True)
print("exported", out)
