"""Train the 9-label BIO NER head on the FROZEN multilingual-e5-small encoder (features: hidden states of layers 8 and 12), from spaCy silver labels.
usage: ner_frozen_head.py TOKENIZER_JSON SILVER_JSON E5_HF_DIR OUT_PT
Full-vocabulary encoder: for Latin-script text the ids and features are exactly those of the study's pruned model."""
import json, random, sys, time, torch, torch.nn as nn
from tokenizers import Tokenizer
from transformers import BertModel
tok_path, silver_path, hf_dir, out = sys.argv[1:5]
torch.set_num_threads(2); random.seed(0); torch.manual_seed(0)
LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
L2I = {l: i for i, l in enumerate(LABELS)}
tk = Tokenizer.from_file(tok_path)
data = json.load(open(silver_path, encoding="utf-8"))
def encode(ex):
    e = tk.encode(ex["text"]); labs = []
    for tid, (a, b), wid in zip(e.ids, e.offsets, e.word_ids):
        if wid is None or a == b: labs.append(-100); continue
        lab = "O"
        for s, t, typ in ex["ents"]:
            if a < t and b > s:
                # token starts the entity if its (whitespace-stripped) start is at/before the entity start
                lab = ("B-" if a <= s else "I-") + typ; break
        labs.append(L2I[lab])
    return e.ids[:128], labs[:128]
enc = [encode(x) for x in data]; random.shuffle(enc); dev, train = enc[:250], enc[250:]
m = BertModel.from_pretrained(hf_dir, add_pooling_layer=False).eval()
LAYERS = [8, 12]
def feats(items):
    res = []
    with torch.no_grad():
        for i in range(0, len(items), 32):
            b = items[i:i + 32]; T = max(len(x[0]) for x in b)
            ids = torch.ones(len(b), T, dtype=torch.long); am = torch.zeros_like(ids)
            for j, (a, _) in enumerate(b): ids[j, :len(a)] = torch.tensor(a); am[j, :len(a)] = 1
            hs = m(input_ids=ids, attention_mask=am, output_hidden_states=True).hidden_states
            f = torch.cat([hs[l] for l in LAYERS], -1)
            for j, (a, l) in enumerate(b): res.append((f[j, :len(a)].clone(), torch.tensor(l)))
    return res
t0 = time.time(); Ftr, Fdv = feats(train), feats(dev); print("features", round(time.time() - t0), "s", flush=True)
head = nn.Sequential(nn.Dropout(0.1), nn.Linear(384 * len(LAYERS), 256), nn.GELU(), nn.Linear(256, len(LABELS)))
opt = torch.optim.AdamW(head.parameters(), lr=2e-3, weight_decay=0.01); lossf = nn.CrossEntropyLoss(ignore_index=-100)
X = torch.cat([f for f, _ in Ftr]); Y = torch.cat([y for _, y in Ftr]); keep = Y != -100; X, Y = X[keep], Y[keep]
Xd = torch.cat([f for f, _ in Fdv]); Yd = torch.cat([y for _, y in Fdv]); kd = Yd != -100; Xd, Yd = Xd[kd], Yd[kd]
def f1():
    head.eval()
    with torch.no_grad(): p = head(Xd).argmax(-1)
    head.train(); pe, ye = p != 0, Yd != 0; tp = ((p == Yd) & pe).sum().item()
    P = tp / max(pe.sum().item(), 1); R = tp / max(ye.sum().item(), 1); return 2 * P * R / max(P + R, 1e-9)
for ep in range(12):
    perm = torch.randperm(len(X))
    for i in range(0, len(X), 256):
        idx = perm[i:i + 256]; loss = lossf(head(X[idx]), Y[idx]); opt.zero_grad(); loss.backward(); opt.step()
    if ep % 3 == 2: print(f"ep {ep} dev token-F1 vs spaCy silver: {f1():.3f}", flush=True)
torch.save({"head": head.state_dict(), "layers": LAYERS, "labels": LABELS, "dev_f1": round(f1(), 4)}, out)
print("saved", out, "dev F1", round(f1(), 4))
