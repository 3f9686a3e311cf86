"""Evaluate an exported QE body through ONNX Runtime (embed.onnx -> qe-body), never through torch.

1. bench DEV (validation only): P(major) = sigmoid(sentence[:, 0]) per row -> OUT/bench-<set>.csv, scored by
   ../shared/bench/score.py (--label has_major for DEMETR and MLQE, has_major_acc for TED and WMT23).
2. word level on the MLQE-PE dev sets (never trained on): MCC of MT-word tags and source tags per pair; a word's
   score is the max BAD probability of its sub-tokens; one global threshold, chosen to maximise MCC on the
   held-out slice of TRAIN (prepare.split_heldout), MT and source words pooled.
3. sentence level on data not trained on: WMT21 critical-error dev (ROC-AUC of `critical` and `major`), MLQE dev
   Pearson of da_z / hter per pair, held-out MQM en-de slice (Kendall of mqm).
   Every bench set is also scored with the other heads and two fixed combinations (ALT; the z-scaling comes from
   the held-out TRAIN slices, not from the bench), each through score.py; raw heads go to OUT/bench-<set>.heads.csv.
4. clean pairs: P(major) quantiles and the share above 0.5 ... 0.95 on DEMETR DEV clean_mt + reference_as_mt rows,
   MLQE et-en rows with DA > 70, and (source, human post-edit) pairs of all 7 MLQE-PE pairs (dev; et-en: held-out train).
5. batch independence (one pair alone vs inside a batch of 16 with longer and shorter mates) and pairs/s.
Writes OUT/qe-result.json (with --run: training facts, data sha256s, file sha256s).

usage: eval.py --body QE.onnx --embed EMBED.onnx --out DIR [--run RUN_DIR --data DATA.pkl --seed 13] [--bench-only]
"""
import argparse, csv, glob, hashlib, json, math, os, subprocess, sys, time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import REPO, encode_pair, load_tokenizer, pad_batch, word_tokens
from model import HEADS

BENCH = os.path.join(os.path.dirname(REPO), "shared", "bench")
SETS = [("demetr", "demetr_xx_en.dev.tsv", "has_major"), ("mlqe", "mlqe_eten_da.dev.tsv", "has_major"),
        ("ted", "ted_zhen_mqm.dev.tsv", "has_major_acc"), ("wmt23", "wmt23_zhen_mqm.dev.tsv", "has_major_acc")]


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, np.float64)))


class Scorer:
    def __init__(self, body, embed, threads=2):
        import onnxruntime as ort
        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.emb = ort.InferenceSession(embed, so, providers=["CPUExecutionProvider"])
        self.body = ort.InferenceSession(body, so, providers=["CPUExecutionProvider"])
        self.tok = load_tokenizer()

    def run(self, ids_list, batch=32):
        """sentence [N, 5] and per-pair token_bad arrays, batches of length-sorted pairs."""
        order = sorted(range(len(ids_list)), key=lambda i: len(ids_list[i]))
        sent = np.zeros((len(ids_list), len(HEADS)), np.float32)
        tokb = [None] * len(ids_list)
        for s in range(0, len(order), batch):
            b = order[s:s + batch]
            ids, am = pad_batch([ids_list[i] for i in b])
            we = self.emb.run(None, {"input_ids": ids})[0]
            so, to = self.body.run(None, {"word_embeddings": we, "attention_mask": am})
            for r, i in enumerate(b):
                sent[i] = so[r]
                tokb[i] = to[r, :len(ids_list[i])]
        return sent, tokb

    def pairs(self, rows):
        return [encode_pair(self.tok, s, m)[0] for s, m in rows]


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def auc(y, s):
    y, s = np.asarray(y), np.asarray(s, np.float64)
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sv = s[order]
    i = 0
    while i < len(s):  # average ranks over ties
        j = i
        while j + 1 < len(s) and sv[j + 1] == sv[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    npos = y.sum()
    return float((ranks[y == 1].sum() - npos * (npos + 1) / 2) / (npos * (len(y) - npos)))


def mcc(y, p):
    y, p = np.asarray(y, bool), np.asarray(p, bool)
    tp, tn = float((y & p).sum()), float((~y & ~p).sum())
    fp, fn = float((~y & p).sum()), float((y & ~p).sum())
    d = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / d if d else 0.0


def f1_mult(y, p):
    """F1 of the BAD class times F1 of the OK class: WMT20 task 2's primary word-level metric before MCC."""
    y, p = np.asarray(y, bool), np.asarray(p, bool)

    def f1(a, b):
        tp = float((a & b).sum())
        return 2 * tp / (float(a.sum()) + float(b.sum())) if a.sum() + b.sum() else 0.0
    return f1(y, p) * f1(~y, ~p)


def kendall(x, y):
    from itertools import combinations
    x, y = np.asarray(x), np.asarray(y)
    n = len(x)
    if n > 1500:
        idx = np.random.RandomState(0).choice(n, 1500, replace=False)
        x, y = x[idx], y[idx]
    conc = disc = tx = ty = 0
    for i, j in combinations(range(len(x)), 2):
        a, b = np.sign(x[i] - x[j]), np.sign(y[i] - y[j])
        if a == 0 and b == 0:
            continue
        if a == 0:
            tx += 1
        elif b == 0:
            ty += 1
        elif a == b:
            conc += 1
        else:
            disc += 1
    return (conc - disc) / math.sqrt((conc + disc + tx) * (conc + disc + ty))


TARGETS = {"demetr": ("roc_auc", 0.80), "mlqe_tau": ("kendall -da", 0.40), "ted": ("roc_auc", 0.762), "wmt23": ("roc_auc", 0.652)}
ALT = ["p_major", "critical", "neg_da_z", "hter", "mqm", "z_major_neg_da", "z_all"]
THRESHOLDS = [round(0.5 + 0.05 * k, 2) for k in range(10)]  # 0.5 ... 0.95


def heldout_norm(sc, seed):
    """Mean and std of each raw head over the held-out TRAIN slices (MLQE + MQM, never trained on): the fixed
    scaling of the combined scores (no bench row is used to build them)."""
    from prepare import split_heldout
    _, hold, _, mqm_hold = split_heldout(seed)
    sent, _ = sc.run(sc.pairs([(r["src"], r["mt"]) for r in hold + mqm_hold]))
    return {"n": len(sent), "mean": sent.mean(0).tolist(), "std": sent.std(0).tolist()}


def alt_scores(sent, norm):
    """Higher = more suspect. z_* are means of heads z-scored with the held-out TRAIN statistics (-da_z flipped)."""
    z = (sent - np.array(norm["mean"])) / np.array(norm["std"])
    z[:, 2] = -z[:, 2]
    return {"p_major": sigmoid(sent[:, 0]), "critical": sent[:, 1], "neg_da_z": -sent[:, 2], "hter": sent[:, 3],
            "mqm": sent[:, 4], "z_major_neg_da": (z[:, 0] + z[:, 2]) / 2, "z_all": z.mean(1)}


def score_py(tsv, csv_path, label, js, bootstrap=0):
    """Run ../shared/bench/score.py on one flags file; (printed report, the one dataset's JSON result)."""
    cmd = [sys.executable, os.path.join(BENCH, "score.py"), tsv, "--flags", csv_path, "--label", label, "--json", js]
    if bootstrap:
        cmd += ["--bootstrap", str(bootstrap)]
    txt = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    res = json.load(open(js))
    return txt, [v for k, v in res.items() if k not in ("ALL", "MACRO")][0]


def write_scores(path, rows, vals):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("id,score\n")
        for r, v in zip(rows, vals):
            f.write(f"{r['id']},{float(v):.9g}\n")


def summary(js):
    out = {"roc_auc": round(js["roc_auc"], 4), "avg_precision": round(js["avg_precision"], 4)}
    for col in ("-da", "mqm", "mqm_acc"):
        if col in js["kendall"]:
            t = js["kendall"][col]
            out[f"kendall_tau_vs_{col.replace('-', 'neg_')}"] = round(t["tau_b"], 4)
            if t["tau_b_grouped_by_segment"] is not None:
                out[f"kendall_tau_vs_{col.replace('-', 'neg_')}_grouped"] = round(t["tau_b_grouped_by_segment"], 4)
    if "bootstrap" in js:
        out["roc_auc_95ci"] = [round(x, 4) for x in js["bootstrap"]["roc_auc_95ci"]]
    return out


def bench(sc, out, norm, bootstrap=1000):
    """Main score P(major) through score.py (with a cluster bootstrap), then every ALT score the same way."""
    res = {}
    os.makedirs(os.path.join(out, "alt"), exist_ok=True)
    for name, fn, label in SETS:
        tsv = os.path.join(BENCH, fn)
        rows = read_tsv(tsv)
        sent, _ = sc.run(sc.pairs([(r["source"], r["mt"]) for r in rows]))
        with open(os.path.join(out, f"bench-{name}.heads.csv"), "w", encoding="utf-8", newline="\n") as f:
            f.write("id," + ",".join(HEADS) + "\n")
            for r, v in zip(rows, sent):
                f.write(r["id"] + "," + ",".join(f"{float(x):.7g}" for x in v) + "\n")
        alts = alt_scores(sent, norm)
        p = alts["p_major"]
        csv_path = os.path.join(out, f"bench-{name}.csv")
        write_scores(csv_path, rows, p)
        txt, js = score_py(tsv, csv_path, label, os.path.join(out, f"bench-{name}.score.json"), bootstrap)
        with open(os.path.join(out, f"bench-{name}.score.txt"), "w") as f:
            f.write(txt)
        r = {"label": label, "n": len(rows), "score": "sigmoid(major)", **summary(js)}
        r["alt_scores"] = {}
        for a in ALT[1:]:
            ap = os.path.join(out, "alt", f"bench-{name}.{a}.csv")
            write_scores(ap, rows, alts[a])
            r["alt_scores"][a] = summary(score_py(tsv, ap, label, ap[:-4] + ".score.json")[1])
        key = "kendall_tau_vs_neg_da" if name == "mlqe" else "roc_auc"
        best = max(ALT, key=lambda a: (r if a == "p_major" else r["alt_scores"][a])[key])
        r["best_score_on_dev"] = {"by": key, "score": best,
                                  "value": (r if best == "p_major" else r["alt_scores"][best])[key]}
        if name == "demetr":
            clean = [i for i, x in enumerate(rows) if x["system"] in ("clean_mt", "reference_as_mt")]
            r["clean_pairs"] = clean_stats(p[clean])
            r["positives_p_major"] = clean_stats(p[[i for i, x in enumerate(rows) if x[label] == "1"]])
            kinds = {}
            for x, v in zip(rows, p):
                kinds.setdefault(x["system"], []).append(float(v))
            r["mean_p_by_kind"] = {k: round(float(np.mean(v)), 3) for k, v in sorted(kinds.items())}
            by_lp = {}
            for x, v in zip(rows, p):
                by_lp.setdefault(x["lp"], ([], []))
                by_lp[x["lp"]][0].append(int(x[label]))
                by_lp[x["lp"]][1].append(v)
            r["auc_by_source_language"] = {k: round(auc(*v), 4) for k, v in sorted(by_lp.items()) if 0 < sum(v[0]) < len(v[0])}
        if name == "mlqe":
            r["clean_pairs_da_gt_70"] = clean_stats(p[[i for i, x in enumerate(rows) if float(x["da"]) > 70]])
        if name in ("ted", "wmt23"):
            r["language_pair_seen_in_training"] = False  # zh->en: training has en->zh only
        res[name] = r
        print(name, json.dumps({k: v for k, v in r.items() if k not in ("mean_p_by_kind",)}), flush=True)
    res["targets"] = {
        "demetr_roc_auc>=0.80": res["demetr"]["roc_auc"] >= 0.80,
        "mlqe_tau_vs_neg_da>=0.40": res["mlqe"]["kendall_tau_vs_neg_da"] >= 0.40,
        "ted_roc_auc>=0.762": res["ted"]["roc_auc"] >= 0.762,
        "wmt23_roc_auc>=0.652": res["wmt23"]["roc_auc"] >= 0.652}
    return res


def clean_stats(p):
    p = np.asarray(p, np.float64)
    qs = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0]
    return {"n": int(len(p)), "quantiles": {str(q): round(float(np.quantile(p, q)), 4) for q in qs},
            "frac_above": {str(t): round(float((p > t).mean()), 4) for t in THRESHOLDS}}


def clean_pairs(sc, seed):
    """P(major) on human post-edits used as the translation: MLQE-PE dev (src, pe) of the six dev pairs in
    ../shared/train, and for et-en (whose dev set is the bench file, which has no post-edits) the held-out
    et-en TRAIN slice. The post-edits are Moses-tokenised; they are detokenised as synth.py does."""
    from data import load_mlqe
    from prepare import split_heldout
    from synth import detok, lang_of
    dev, _ = load_mlqe("dev")
    _, hold, _, _ = split_heldout(seed)
    recs = dev + [r for r in hold if r["lp"] == "et-en"]
    sent, _ = sc.run(sc.pairs([(r["src"], detok(r["tok_pe"], lang_of(r["lp"]))) for r in recs]))
    p = sigmoid(sent[:, 0])
    res = {"what": "P(major) of (source, detokenised post-edit); et-en from the held-out TRAIN slice (not trained on)",
           "pooled_7_pairs": clean_stats(p), "by_pair": {}}
    for lp in sorted({r["lp"] for r in recs}):
        idx = [i for i, r in enumerate(recs) if r["lp"] == lp]
        res["by_pair"][lp] = clean_stats(p[idx])
        res["by_pair"][lp]["source"] = "held-out TRAIN" if lp == "et-en" else "dev"
    print("clean pairs", json.dumps(res["pooled_7_pairs"]), flush=True)
    return res


def word_scores(sc, recs):
    """Per record: (src word probs, src tags, mt word probs, mt tags); word prob = max of its sub-token probs."""
    ids, metas = [], []
    for r in recs:
        i, _, ns, nm = encode_pair(sc.tok, r["src"], r["mt"])
        ids.append(i)
        metas.append((word_tokens(sc.tok, r["src"], r["src_words"], 1), word_tokens(sc.tok, r["mt"], r["mt_words"], 3 + ns)))
    sent, tokb = sc.run(ids)
    out = []
    for r, (sw, mw), tb in zip(recs, metas, tokb):
        pb = sigmoid(tb)
        f = lambda toks: [float(pb[t].max()) if t else 0.0 for t in toks]
        out.append((f(sw), [t for _, _, t in r["src_words"]], f(mw), [t for _, _, t in r["mt_words"]]))
    return sent, out


def best_threshold(ys, ps):
    ys, ps = np.asarray(ys), np.asarray(ps)
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    scores = [mcc(ys, ps >= t) for t in grid]
    k = int(np.argmax(scores))
    return float(grid[k]), float(scores[k])


def word_level(sc, seed):
    from data import load_mlqe
    from prepare import split_heldout
    _, hold, _, mqm_hold = split_heldout(seed)
    _, hs = word_scores(sc, hold)
    ys = [t for x in hs for t in x[1] + x[3]]
    ps = [p for x in hs for p in x[0] + x[2]]
    thr, hold_mcc = best_threshold(ys, ps)
    res = {"threshold": thr, "threshold_from": f"max MCC on {len(hold)} held-out MLQE TRAIN rows (MT+source words pooled)",
           "heldout_mcc_pooled": round(hold_mcc, 4), "word_score": "max sub-token P(BAD)", "dev": {}}
    dev, _ = load_mlqe("dev")
    sent, ds = word_scores(sc, dev)
    for lp in sorted({r["lp"] for r in dev}):
        idx = [i for i, r in enumerate(dev) if r["lp"] == lp]
        mt_y = [t for i in idx for t in ds[i][3]]
        mt_p = [p for i in idx for p in ds[i][2]]
        s_y = [t for i in idx for t in ds[i][1]]
        s_p = [p for i in idx for p in ds[i][0]]
        da = np.array([dev[i]["da_z"] for i in idx])
        ht = np.array([dev[i]["hter"] for i in idx])
        res["dev"][lp] = {"mcc_mt_words": round(mcc(mt_y, np.array(mt_p) >= thr), 4),
                          "mcc_src_words": round(mcc(s_y, np.array(s_p) >= thr), 4),
                          "f1_mult_mt_words": round(f1_mult(mt_y, np.array(mt_p) >= thr), 4),
                          "f1_mult_src_words": round(f1_mult(s_y, np.array(s_p) >= thr), 4),
                          "mcc_mt_words_best_thr_on_dev": round(best_threshold(mt_y, mt_p)[1], 4),
                          "bad_rate_mt": round(float(np.mean(mt_y)), 4),
                          "pearson_da_z": round(float(np.corrcoef(sent[idx, 2], da)[0, 1]), 4),
                          "pearson_hter": round(float(np.corrcoef(sent[idx, 3], ht)[0, 1]), 4),
                          "auc_major_da_le_50": round(auc([int(dev[i]["da"] <= 50) for i in idx], sent[idx, 0]), 4)
                          if 0 < sum(dev[i]["da"] <= 50 for i in idx) < len(idx) else None}
        print(lp, res["dev"][lp], flush=True)
    # held-out MQM en-de slice (TRAIN, not trained on)
    ms, _ = sc.run(sc.pairs([(r["src"], r["mt"]) for r in mqm_hold]))
    res["mqm_heldout"] = {"n": len(mqm_hold), "kendall_mqm_head": round(kendall(ms[:, 4], [r["mqm"] for r in mqm_hold]), 4),
                          "auc_major": round(auc([r["major"] for r in mqm_hold], ms[:, 0]), 4)}
    from data import load_ced
    ced = load_ced("dev")
    cs, _ = sc.run(sc.pairs([(r["src"], r["mt"]) for r in ced]))
    res["ced_dev"] = {}
    for lp in sorted({r["lp"] for r in ced}):
        idx = [i for i, r in enumerate(ced) if r["lp"] == lp]
        y = [ced[i]["critical"] for i in idx]
        res["ced_dev"][lp] = {"n": len(idx), "err": int(sum(y)), "auc_critical": round(auc(y, cs[idx, 1]), 4),
                              "auc_major": round(auc(y, cs[idx, 0]), 4)}
    print("mqm_heldout", res["mqm_heldout"], "ced_dev", res["ced_dev"], flush=True)
    return res


def batch_independence(sc):
    rows = read_tsv(os.path.join(BENCH, "mlqe_eten_da.dev.tsv"))[:200]
    ids = sorted(sc.pairs([(r["source"], r["mt"]) for r in rows]), key=len)
    target = ids[len(ids) // 2]
    mates = ids[:8] + ids[-7:]  # shorter and longer pairs
    alone_s, alone_t = sc.run([target], batch=1)
    mixed_s, mixed_t = sc.run(mates[:8] + [target] + mates[8:], batch=16)
    d_s = float(np.abs(alone_s[0] - mixed_s[8]).max())
    d_t = float(np.abs(alone_t[0] - mixed_t[8]).max())
    return {"max_abs_diff_sentence": d_s, "max_abs_diff_token_bad": d_t,
            "batch_lengths": [len(x) for x in mates[:8] + [target] + mates[8:]]}


def throughput(sc):
    from speed import sample_pairs
    res = {}
    for long in (False, True):
        seqs = sample_pairs(long=long)
        best, best_cpu = 0.0, 0.0
        for _ in range(3):
            t, c = time.perf_counter(), time.process_time()
            sc.run(seqs, batch=32)
            best = max(best, len(seqs) / (time.perf_counter() - t))
            best_cpu = max(best_cpu, len(seqs) / ((time.process_time() - c) / 2))
        res["mlqe_dev_25w" if long else "mlqe_dev"] = {"pairs_per_s_wall_best_of_3": round(best, 1),
                                                      "pairs_per_s_cpu_time_over_2": round(best_cpu, 1),
                                                      "mean_tokens": round(float(np.mean([len(s) for s in seqs])), 1)}
    res["load_avg_at_end"] = open("/proc/loadavg").read().split()[:3]
    return res


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()


def training_facts(run, data, seed):
    import torch
    from data import TRAIN
    man = json.load(open(os.path.join(TRAIN, "MANIFEST.json")))
    used = {k: v["sha256"] for k, v in man["files"].items()
            if ("/train/" in k or "_train" in k or k.startswith("mqm/")) and not k.endswith(("LICENSE", ".md"))}
    evald = {k: v["sha256"] for k, v in man["files"].items() if "/dev/" in k or "_dev" in k}
    ck = torch.load(os.path.join(run, "final.pt"), map_location="cpu", weights_only=False)
    log = open(os.path.join(run, "train.log")).read().splitlines()
    git = subprocess.run(["git", "-C", REPO, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "scripts/qe", "scripts/train-qe.sh"], capture_output=True, text=True).stdout
    scripts = {os.path.relpath(p, REPO): sha256(p) for p in sorted(glob.glob(os.path.join(REPO, "scripts", "qe", "*"))) + [os.path.join(REPO, "scripts", "train-qe.sh")]}
    ablation = {}
    for e in sorted(glob.glob(os.path.join(os.path.dirname(run), "*", "eval", "eval.json"))):
        tag = os.path.basename(os.path.dirname(os.path.dirname(e)))
        b = json.load(open(e))["bench_dev"]
        stp = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(e)))), "data", tag + ".pkl.json")
        if not os.path.exists(stp):  # not an ablation run (no data set of its own)
            continue
        st = json.load(open(stp))
        ablation[tag] = {"examples": st["n"], "synthetic": st["origin"].get("synth", 0),
                         **{k: b[k]["roc_auc"] for k, _, _ in SETS}, "mlqe_tau": b["mlqe"].get("kendall_tau_vs_neg_da")}
    bman = json.load(open(os.path.join(BENCH, "MANIFEST.json")))
    evald.update({"bench/" + k: v["sha256"] for k, v in bman["files"].items()})
    return {"ablation": ablation, "train_files_sha256": used, "eval_files_sha256": evald, "source_commits": man.get("sources"),
            "seed": seed, "n_layers": ck["n_layers"], "steps": ck["step"], "args": ck["args"],
            "data_file": data, "data_sha256": sha256(data) if os.path.exists(data) else None,
            "data_stats": json.load(open(data + ".json")) if os.path.exists(data + ".json") else None,
            "git_head": git, "scripts_uncommitted": bool(dirty.strip()), "scripts_sha256": scripts,
            "train_log_first": log[0] if log else None, "train_log_last": [l for l in log if "step" in l][-1:]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--body", required=True)
    ap.add_argument("--embed", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--run")
    ap.add_argument("--data")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--bench-only", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    sc = Scorer(a.body, a.embed)
    res = {"model": {"body": os.path.basename(a.body), "sentence_columns": HEADS,
                     "inputs": {"word_embeddings": "f32 [B,T,384] (embed.onnx output)", "attention_mask": "int64 [B,T]"},
                     "outputs": {"sentence": f"f32 [B,{len(HEADS)}] raw", "token_bad": "f32 [B,T] raw BAD logits"}}}
    res["load_avg_at_start"] = open("/proc/loadavg").read().split()[:3]
    norm = heldout_norm(sc, a.seed)
    res["combined_score_norm"] = norm
    res["bench_dev"] = bench(sc, a.out, norm, bootstrap=0 if a.bench_only else 1000)
    if not a.bench_only:
        res["clean_pairs_post_edits"] = clean_pairs(sc, a.seed)
        res["word_level"] = word_level(sc, a.seed)
        res["batch_independence"] = batch_independence(sc)
        print("batch independence", res["batch_independence"], flush=True)
        res["throughput"] = throughput(sc)
        print("throughput", res["throughput"], flush=True)
        res["files_sha256"] = {os.path.basename(p): sha256(p) for p in
                               [a.body, a.embed, os.path.join(os.path.dirname(a.embed), "e5-body.onnx")] if os.path.exists(p)}
        res["files_bytes"] = {os.path.basename(p): os.path.getsize(p) for p in
                              [a.body, a.embed, os.path.join(os.path.dirname(a.embed), "e5-body.onnx")] if os.path.exists(p)}
    if a.run:
        res["training"] = training_facts(a.run, a.data, a.seed)
    path = os.path.join(a.out, "qe-result.json" if not a.bench_only else "eval.json")
    with open(path, "w") as f:  # written afresh: verify.py adds its "verification" section afterwards
        json.dump(res, f, indent=1, ensure_ascii=False)
    print("wrote", path)


if __name__ == "__main__":
    main()
