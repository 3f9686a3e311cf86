"""QE cross-encoder in torch, initialised from the shipped encoder ONNX (no other weights needed).

Weights: every fp32 body weight is recovered from models/encoder/e5-small.w8g4.onnx itself: the 8-bit
MatMulNBits blocks are dequantized ((q - 128) * scale), biases and LayerNorms are plain initializers, and
the 4-bit GatherBlockQuantized tables (words, positions, token type; signed INT4) are dequantized (q * scale).
The word table stays frozen and outside the model (inputs are word embeddings, exactly what embed.onnx
returns); positions, the token-type row and the embedding LayerNorm are trainable.

Architecture: e5-small (BERT post-LN, GELU-erf, 12 heads of 32) cut to its bottom N layers, masked mean
pooling over all non-pad tokens -> MLP -> 5 sentence outputs in HEADS order, and a per-token BAD logit.
With tok_mix (contrast.py), the `major` output also adds tok_mix x the largest BAD logit of the pair: mean pooling
dilutes one wrong word among thirty, the largest token logit does not.
"""
import numpy as np
import onnx
from onnx import numpy_helper
import torch
import torch.nn as nn
import torch.nn.functional as F

HEADS = ["major", "critical", "da_z", "hter", "mqm"]  # fixed order of the `sentence` output columns
HIDDEN, FF, N_HEADS, MAX_POS = 384, 1536, 12, 256  # 2 * 120 + 4 = 244 tokens at most


def _dequant_gbq(q, scales):
    """4-bit GatherBlockQuantized table (ONNX INT4, signed, no zero point) -> float32 [V, H] = q * scale per 32-block."""
    vals = q.astype(np.int8).astype(np.float32)
    V = vals.shape[0]
    return (vals.reshape(V, -1, 32) * scales.astype(np.float32)[:, :, None]).reshape(V, -1)


def _dequant_mnb(b, scales, K, N):
    """8-bit symmetric MatMulNBits B [N, K/32, 32] -> float32 W [K, N] (y = x @ W)."""
    q = b.reshape(N, -1, 32).astype(np.int16) - 128
    w = q.astype(np.float32) * scales.reshape(N, -1, 1).astype(np.float32)
    return w.reshape(N, K).T.copy()


def load_e5_onnx(path):
    """Dict of numpy arrays: word table, pos, type, emb LN, and per layer q/k/v/ao/fi/fo weights+biases, LNs."""
    m = onnx.load(path)
    g = m.graph
    init = {i.name: i for i in g.initializer}
    arr = lambda n: numpy_helper.to_array(init[n])
    out = {}
    for n in g.node:
        if n.op_type == "GatherBlockQuantized":
            key = n.name.split("/")[3]  # word_embeddings | token_type_embeddings | position_embeddings
            out[key] = _dequant_gbq(arr(n.input[0]), arr(n.input[2]))
        elif n.op_type == "MatMulNBits" and "/encoder/layer." in n.name:
            attrs = {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}
            assert attrs["bits"] == 8 and attrs["block_size"] == 32 and len(n.input) == 3, n.name
            out[n.name] = _dequant_mnb(arr(n.input[1]), arr(n.input[2]), attrs["K"], attrs["N"])
        elif n.op_type == "LayerNormalization":
            out[n.name + ".w"], out[n.name + ".b"] = arr(n.input[1]), arr(n.input[2])
    for name in init:
        if name.startswith("m.") and name.endswith(".bias") and "LayerNorm" not in name:
            out[name] = arr(name)
    return out


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.ao = (nn.Linear(HIDDEN, HIDDEN) for _ in range(4))
        self.ln1 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.fi, self.fo = nn.Linear(HIDDEN, FF), nn.Linear(FF, HIDDEN)
        self.ln2 = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.drop = nn.Dropout(0.1)

    def forward(self, x, bias):
        B, T, _ = x.shape
        sh = lambda t: t.view(B, T, N_HEADS, HIDDEN // N_HEADS).transpose(1, 2)
        q, k, v = sh(self.q(x)), sh(self.k(x)), sh(self.v(x))
        a = torch.matmul(q, k.transpose(-1, -2)) / (HIDDEN // N_HEADS) ** 0.5 + bias
        a = self.drop(torch.softmax(a, -1))
        c = torch.matmul(a, v).transpose(1, 2).reshape(B, T, HIDDEN)
        x = self.ln1(x + self.drop(self.ao(c)))
        return self.ln2(x + self.drop(self.fo(F.gelu(self.fi(x)))))


class QEModel(nn.Module):
    def __init__(self, n_layers, tok_mix=False):
        super().__init__()
        self.n_layers = n_layers
        self.tok_mix = nn.Parameter(torch.zeros(1)) if tok_mix else None
        self.pos = nn.Parameter(torch.zeros(MAX_POS, HIDDEN))
        self.type0 = nn.Parameter(torch.zeros(HIDDEN))
        self.ln = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(n_layers))
        self.drop = nn.Dropout(0.1)
        self.sent = nn.Sequential(nn.Linear(HIDDEN, HIDDEN), nn.Tanh(), nn.Dropout(0.1), nn.Linear(HIDDEN, len(HEADS)))
        self.tok = nn.Linear(HIDDEN, 1)

    def init_from_e5(self, w):
        with torch.no_grad():
            self.pos.copy_(torch.from_numpy(w["position_embeddings"][:MAX_POS]))
            self.type0.copy_(torch.from_numpy(w["token_type_embeddings"][0]))
            self.ln.weight.copy_(torch.from_numpy(w["/m/embeddings/LayerNorm/LayerNormalization.w"]))
            self.ln.bias.copy_(torch.from_numpy(w["/m/embeddings/LayerNorm/LayerNormalization.b"]))
            names = {"q": "attention/self/query", "k": "attention/self/key", "v": "attention/self/value",
                     "ao": "attention/output/dense", "fi": "intermediate/dense", "fo": "output/dense"}
            for l, layer in enumerate(self.layers):
                for attr, path in names.items():
                    lin = getattr(layer, attr)
                    lin.weight.copy_(torch.from_numpy(w[f"/m/encoder/layer.{l}/{path}/MatMul_Q8"].T))
                    lin.bias.copy_(torch.from_numpy(w[f"m.encoder.layer.{l}.{path.replace('/', '.')}.bias"]))
                for ln, path in ((layer.ln1, "attention/output/LayerNorm"), (layer.ln2, "output/LayerNorm")):
                    ln.weight.copy_(torch.from_numpy(w[f"/m/encoder/layer.{l}/{path}/LayerNormalization.w"]))
                    ln.bias.copy_(torch.from_numpy(w[f"/m/encoder/layer.{l}/{path}/LayerNormalization.b"]))
        return self

    def forward(self, word_embeddings, attention_mask):
        T = word_embeddings.shape[1]
        x = self.ln(word_embeddings + self.type0 + self.pos[:T])
        x = self.drop(x)
        m = attention_mask.to(x.dtype)
        bias = ((1.0 - m) * torch.finfo(torch.float32).min)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, bias)
        pooled = (x * m[:, :, None]).sum(1) / m.sum(1, keepdim=True).clamp(min=1.0)
        sent, tok = self.sent(pooled), self.tok(x).squeeze(-1)
        if self.tok_mix is not None:
            top = tok.masked_fill(attention_mask == 0, -1e4).max(1).values
            sent = torch.cat([sent[:, :1] + self.tok_mix * top[:, None], sent[:, 1:]], 1)
        return sent, tok


def load_qe_onnx(path):
    """State dict of a QEModel from an exported qe-body ONNX (8-bit MatMulNBits dequantized, the rest as stored):
    the way back from a shipped model to torch, for continued training when the checkpoint is gone."""
    m = onnx.load(path)
    init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    sd = {k: torch.from_numpy(v.copy()) for k, v in init.items() if not k.startswith("onnx::")}
    for n in m.graph.node:
        if n.op_type == "MatMulNBits":
            attrs = {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}
            assert attrs["bits"] == 8 and attrs["block_size"] == 32 and len(n.input) == 3, n.name
            mod = n.name.strip("/").rsplit("/", 1)[0].replace("/", ".")  # /layers.0/q/MatMul_Q8 -> layers.0.q
            w = _dequant_mnb(init[n.input[1]], init[n.input[2]], attrs["K"], attrs["N"])
            sd[mod + ".weight"] = torch.from_numpy(w.T.copy())
    return sd


class WordTable:
    """The frozen 4-bit word table, dequantized once (exactly embed.onnx's output)."""

    def __init__(self, table):
        self.t = torch.from_numpy(table)

    def __call__(self, ids):
        return F.embedding(ids, self.t)
