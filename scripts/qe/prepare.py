"""Build the tokenised QE training set (deterministic) and the held-out slices of TRAIN.

Composition (--synth-frac 0 drops synthetic rows for the ablation; the real rows stay identical):
  MLQE-PE train: PER_LP rows of each of the 7 pairs, after holding out HOLD_MLQE rows per pair
  WMT21 critical errors train: CED rows (en-cs/de/ja/zh, stratified per pair)
  MQM en-de (TED + WMT23): MQM rows, after holding out HOLD_MQM segments
  synthetic (synth.py) from the post-edits of the MLQE rows not held out: SYNTH rows (<= 30 % of the total)
Each example: ids, token labels (-1/0/1), sentence targets in model.HEADS order (NaN = unlabelled).

usage: prepare.py OUT.pkl [--seed 13] [--scale 1.0] [--synth-frac 0.27]
"""
import argparse, hashlib, json, math, os, pickle, random, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import encode_pair, load_tokenizer
from data import load_ced, load_mlqe, load_mqm
from model import HEADS
from synth import generate

PER_LP, CED, MQM = 3430, 5000, 4500
HOLD_MLQE, HOLD_MQM = 150, 300


def split_heldout(seed):
    """(mlqe_train, mlqe_hold, mqm_train, mqm_hold): the held-out slices are fixed by the seed."""
    mlqe, _ = load_mlqe("train")
    rng = random.Random(seed)
    by = {}
    for r in mlqe:
        by.setdefault(r["lp"], []).append(r)
    tr, ho = [], []
    for lp in sorted(by):
        rows = by[lp][:]
        rng.shuffle(rows)
        ho += rows[:HOLD_MLQE]
        tr += rows[HOLD_MLQE:]
    mqm = load_mqm()
    rng.shuffle(mqm)
    return tr, ho, mqm[HOLD_MQM:], mqm[:HOLD_MQM]


def example(tok, r):
    ids, lab, ns, nm = encode_pair(tok, r["src"], r["mt"], r.get("src_words"), r.get("mt_words"))
    tgt = [float("nan") if r.get(h) is None else float(r[h]) for h in HEADS]
    return dict(id=r["id"], origin=r["origin"], kind=r.get("kind", ""), lp=r["lp"], ids=ids, labels=lab, target=tgt, ns=ns, nm=nm)


def build(seed, scale, synth_frac):
    tok = load_tokenizer()
    rng = random.Random(seed + 1)
    mlqe_tr, _, mqm_tr, _ = split_heldout(seed)
    by = {}
    for r in mlqe_tr:
        by.setdefault(r["lp"], []).append(r)
    rows = []
    for lp in sorted(by):
        rows += rng.sample(by[lp], min(len(by[lp]), int(PER_LP * scale)))
    ced = load_ced("train")
    byc = {}
    for r in ced:
        byc.setdefault(r["lp"], []).append(r)
    for lp in sorted(byc):
        rows += rng.sample(byc[lp], int(CED * scale) // len(byc))
    rows += rng.sample(mqm_tr, int(MQM * scale))
    n_real = len(rows)
    n_syn = int(round(n_real * synth_frac / (1 - synth_frac))) if synth_frac > 0 else 0
    syn = generate(mlqe_tr, n_syn, seed) if n_syn else []
    exs = [example(tok, r) for r in rows + syn]
    rng.shuffle(exs)
    return exs


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--synth-frac", type=float, default=0.27)
    a = ap.parse_args()
    exs = build(a.seed, a.scale, a.synth_frac)
    blob = pickle.dumps(exs, protocol=4)
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "wb") as f:
        f.write(blob)
    from collections import Counter
    stats = dict(n=len(exs), sha256=hashlib.sha256(blob).hexdigest(), origin=Counter(e["origin"] for e in exs),
                 kinds=Counter(e["kind"] for e in exs if e["origin"] == "synth"),
                 mean_tokens=sum(len(e["ids"]) for e in exs) / len(exs),
                 labelled={h: sum(not math.isnan(e["target"][i]) for e in exs) for i, h in enumerate(HEADS)},
                 major_pos=sum(e["target"][0] == 1 for e in exs),
                 token_labels=sum(x >= 0 for e in exs for x in e["labels"]), token_bad=sum(x == 1 for e in exs for x in e["labels"]))
    with open(a.out + ".json", "w") as f:
        json.dump(stats, f, indent=1)
    print(json.dumps(stats))
