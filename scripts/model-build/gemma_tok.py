"""Rebuild Gemma 3's SentencePiece-BPE tokenizer.json from the GGUF metadata (tokens, scores, types).

transformers 4.56's GGUF tokenizer conversion is wrong for this file ("English" -> En|gl|ish), so the
merges are rebuilt here: every split of a normal token into two normal tokens is a merge, ranked by the
merged token's score (SentencePiece BPE order). No normalizer beyond ' ' -> '▁', no dummy prefix, byte
fallback on; control/user-defined tokens are added as special/unnormalized. The post-processor adds
nothing: callers prepend <bos> (id 2) themselves.
usage: gemma_tok.py MODEL.gguf OUT/tokenizer.json"""
import sys
from gguf import GGUFReader
from tokenizers import Tokenizer, models, normalizers, decoders, AddedToken

gguf_path, out = sys.argv[1], sys.argv[2]
f = GGUFReader(gguf_path).fields
toks = [bytes(f["tokenizer.ggml.tokens"].parts[i]).decode("utf-8", "surrogatepass") for i in f["tokenizer.ggml.tokens"].data]
scores = [float(f["tokenizer.ggml.scores"].parts[i][0]) for i in f["tokenizer.ggml.scores"].data]
types = [int(f["tokenizer.ggml.token_type"].parts[i][0]) for i in f["tokenizer.ggml.token_type"].data]
vocab = {t: i for i, t in enumerate(toks)}
NORMAL, CONTROL, USER = 1, 3, 4
merges = []
for i, ty in enumerate(types):
    if ty != NORMAL:
        continue
    t = toks[i]
    for k in range(1, len(t)):
        a, b = t[:k], t[k:]
        ia, ib = vocab.get(a), vocab.get(b)
        if ia is not None and ib is not None and types[ia] == NORMAL and types[ib] == NORMAL:
            merges.append((scores[i], ia, ib, a, b))
# Deterministic order: higher score merges first, ties broken by the ids of the parts.
merges.sort(key=lambda m: (-m[0], m[1], m[2]))
bpe = models.BPE(vocab=vocab, merges=[(a, b) for _, _, _, a, b in merges], unk_token="<unk>",
                 fuse_unk=True, byte_fallback=True)
tk = Tokenizer(bpe)
tk.normalizer = normalizers.Replace(" ", "\u2581")
tk.decoder = decoders.Sequence([decoders.Replace("\u2581", " "), decoders.ByteFallback(), decoders.Fuse()])
tk.add_tokens([AddedToken(toks[i], special=(ty == CONTROL), normalized=False)
               for i, ty in enumerate(types) if ty in (CONTROL, USER)])
tk.save(out)
enc = tk.encode("English: Russia fears helping North Korea.", add_special_tokens=False).tokens
assert "▁Russia" in enc or "Russia" in "".join(enc), enc
print("saved", out, "vocab", len(toks), "merges", len(merges), "sample", enc)
