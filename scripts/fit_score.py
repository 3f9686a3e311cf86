#!/usr/bin/env python3
"""Fits models/score.json, the calibrated sentence score, on the DEV benchmark's feature dumps.

A logistic model over the engine's per-sentence features (`mtlint check --features X.jsonl`), in
the form src/score.rs evaluates: score = sigmoid(bias + sum weight * clamp(feature, min, max)),
an absent feature taking its `default`. Standard library only.

    python3 scripts/fit_score.py --bench ../shared/bench --features bench-out/features -o models/score.json

- Label: `has_major_acc` of the row (a row with several sentences gives each sentence its label).
- Weights: every dataset counts the same in total, every row within a dataset the same (a row's
  weight is shared among its sentences).
- `finding.*` default to 0 and have weight >= 0 (a check firing never lowers the score); other
  features default to their weighted mean. Values are clamped to the weighted 1st/99th percentile
  (widened to hold the default, because src/score.rs clamps the default too).
- L2-regularised (not the bias) projected Newton: each step minimises the quadratic model by
  coordinate descent under the bounds, then halves the step until the objective drops.
- Calibration: the chosen lambda shrinks the margin toward the base rate, so the refit margin is
  rescaled by a 1-D logistic fit (slope, intercept) on the same data; the ranking does not change.
- lambda: 5-fold CV grouped by src_doc (sha256(src_doc) mod 5); criterion = mean over datasets of
  the out-of-fold ROC-AUC, rows scored by their highest sentence score as score.py does.
"""

import argparse
import csv
import hashlib
import json
import math
import operator
import os
import sys

DATASETS = ["demetr_xx_en", "wmt23_zhen_mqm", "ted_zhen_mqm", "mlqe_eten_da"]
LABEL = "has_major_acc"
LAMBDAS = [1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0, 3.0]
FOLDS = 5


def fold_of(src_doc):
    return int(hashlib.sha256(src_doc.encode("utf-8")).hexdigest(), 16) % FOLDS


def load(bench, feat_dir, drop):
    """Rows (dataset, id, src_doc, label, mt_len) and sentences (row index, {feature: value})."""
    csv.field_size_limit(sys.maxsize)
    rows, sents, notes = [], [], []
    for name in DATASETS:
        jsonl = os.path.join(feat_dir, name + ".jsonl")
        if not os.path.exists(jsonl):
            notes.append(f"{name}: no {jsonl}, skipped")
            continue
        tsv = os.path.join(bench, name + ".dev.tsv")
        by_id = {}
        with open(tsv, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                by_id[r["id"]] = len(rows)
                rows.append(
                    {
                        "dataset": name,
                        "id": r["id"],
                        "src_doc": r["src_doc"],
                        "y": int(r[LABEL]),
                        "mt_len": len(r["mt"]),
                        "sents": [],
                    }
                )
        unknown = no_features = 0
        with open(jsonl, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                o = json.loads(line)
                feats = o.get("features")
                if feats is None:
                    no_features += 1
                    continue
                ri = by_id.get(o.get("id"))
                if ri is None:
                    unknown += 1
                    continue
                feats = {
                    k: float(v)
                    for k, v in feats.items()
                    if v is not None and not any(k.startswith(p) for p in drop)
                }
                rows[ri]["sents"].append(len(sents))
                sents.append({"row": ri, "f": feats, "dump_score": o.get("score")})
        missing = sum(1 for i in by_id.values() if not rows[i]["sents"])
        if unknown or no_features or missing:
            notes.append(
                f"{name}: {unknown} dump lines with an id not in the TSV, {no_features} without "
                f"features, {missing} TSV rows without any sentence (scored lowest)"
            )
    return rows, sents, notes


def sentence_weights(rows, sents, row_ok):
    """Per-sentence weight: each dataset 1/D in total, each row equal within it, split over its sentences."""
    per_ds = {}
    for i, r in enumerate(rows):
        if row_ok(i) and r["sents"]:
            per_ds[r["dataset"]] = per_ds.get(r["dataset"], 0) + 1
    w = [0.0] * len(sents)
    for i, r in enumerate(rows):
        if row_ok(i) and r["sents"]:
            rw = 1.0 / (len(per_ds) * per_ds[r["dataset"]])
            for s in r["sents"]:
                w[s] = rw / len(r["sents"])
    return w


def weighted_quantile(pairs, q):
    """pairs = sorted [(value, weight)]; the first value whose cumulative weight reaches q."""
    total = sum(w for _, w in pairs)
    acc = 0.0
    for v, w in pairs:
        acc += w
        if acc >= q * total - 1e-15:
            return v
    return pairs[-1][0]


def prepare(sents, w, names):
    """Feature terms (name, default, min, max, mean, sd) and standardised columns, from the weighted rows."""
    terms, cols = [], []
    idx = [i for i, wi in enumerate(w) if wi > 0]
    for name in names:
        obs = sorted((sents[i]["f"][name], w[i]) for i in idx if name in sents[i]["f"])
        if not obs:
            continue
        if name.startswith("finding."):
            default = 0.0
        else:
            default = sum(v * wi for v, wi in obs) / sum(wi for _, wi in obs)
        lo = min(weighted_quantile(obs, 0.01), default)
        hi = max(weighted_quantile(obs, 0.99), default)
        raw = [min(max(s["f"].get(name, default), lo), hi) for s in sents]
        tw = sum(w[i] for i in idx)
        mean = sum(raw[i] * w[i] for i in idx) / tw
        var = sum((raw[i] - mean) ** 2 * w[i] for i in idx) / tw
        if var <= 1e-12:
            continue  # constant on the training data: its weight cannot be learned
        sd = math.sqrt(var)
        terms.append({"name": name, "default": default, "min": lo, "max": hi, "mean": mean, "sd": sd})
        cols.append([(x - mean) / sd for x in raw])
    return terms, cols


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def log1pexp(z):
    return z + math.log1p(math.exp(-z)) if z > 0 else math.log1p(math.exp(z))


def fit(cols, y, w, lam, nonneg, beta=None, max_iter=50):
    """Minimise sum w_i * logloss_i + lam/2 * |beta[1:]|^2 with beta[j+1] >= 0 where nonneg[j].

    cols: standardised feature columns restricted to the rows with w > 0; beta[0] is the bias.
    """
    p = len(cols)
    X = [[1.0] * len(y)] + cols
    lower = [-math.inf] + [0.0 if nn else -math.inf for nn in nonneg]
    beta = list(beta) if beta else [0.0] * (p + 1)
    beta = [max(b, lo) for b, lo in zip(beta, lower)]

    def margins(b):
        z = [b[0]] * len(y)
        for j in range(1, p + 1):
            if b[j] != 0.0:
                bj = b[j]
                z = [zi + bj * xi for zi, xi in zip(z, X[j])]
        return z

    def objective(z, b):
        loss = sum(wi * (log1pexp(zi) - yi * zi) for wi, zi, yi in zip(w, z, y))
        return loss + 0.5 * lam * sum(bj * bj for bj in b[1:])

    z = margins(beta)
    obj = objective(z, beta)
    for _ in range(max_iter):
        mu = [sigmoid(zi) for zi in z]
        r = [wi * (mi - yi) for wi, mi, yi in zip(w, mu, y)]
        h = [wi * mi * (1.0 - mi) for wi, mi in zip(w, mu)]
        g = [sum(map(operator.mul, r, X[j])) + (lam * beta[j] if j else 0.0) for j in range(p + 1)]
        hx = [list(map(operator.mul, h, X[j])) for j in range(p + 1)]
        H = [[0.0] * (p + 1) for _ in range(p + 1)]
        for j in range(p + 1):
            for k in range(j, p + 1):
                H[j][k] = H[k][j] = sum(map(operator.mul, hx[j], X[k]))
            if j:
                H[j][j] += lam
        # Newton direction under the bounds: min 1/2 d'Hd + g'd, beta + d >= lower (coordinate descent).
        d = [0.0] * (p + 1)
        Hd = [0.0] * (p + 1)
        for _sweep in range(500):
            change = 0.0
            for j in range(p + 1):
                if H[j][j] <= 0:
                    continue
                new = d[j] - (g[j] + Hd[j]) / H[j][j]
                new = max(new, lower[j] - beta[j])
                delta = new - d[j]
                if delta != 0.0:
                    d[j] = new
                    for k in range(p + 1):
                        Hd[k] += H[k][j] * delta
                    change = max(change, abs(delta))
            if change < 1e-12:
                break
        t = 1.0
        while True:
            cand = [max(b + t * dj, lo) for b, dj, lo in zip(beta, d, lower)]
            zc = margins(cand)
            oc = objective(zc, cand)
            if oc <= obj or t < 1e-10:
                break
            t *= 0.5
        step = max(abs(c - b) for c, b in zip(cand, beta))
        improved = obj - oc
        if oc <= obj:
            beta, z, obj = cand, zc, oc
        if step < 1e-9 or improved < 1e-13:
            break
    return beta


def auc(scores, labels):
    """ROC-AUC with ties counted half (Mann-Whitney)."""
    pos = sum(labels)
    neg = len(labels) - pos
    if pos == 0 or neg == 0:
        return float("nan")
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    rank_sum, i = 0.0, 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        avg = (i + j) / 2 + 1
        rank_sum += avg * sum(labels[order[k]] for k in range(i, j + 1))
        i = j + 1
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def row_scores(rows, sent_scores, row_idx):
    """A row's score is its highest sentence score; rows without sentences score lowest (as score.py)."""
    return [max((sent_scores[s] for s in rows[i]["sents"]), default=-math.inf) for i in row_idx]


def per_dataset_auc(rows, datasets, row_score):
    out = {}
    for ds in datasets:
        idx = [i for i, r in enumerate(rows) if r["dataset"] == ds]
        out[ds] = auc([row_score[i] for i in idx], [rows[i]["y"] for i in idx])
    return out


def train(rows, sents, names, lam, row_ok, beta=None):
    """Fits on the rows row_ok accepts; returns (terms with raw-scale weights, raw bias, std beta)."""
    w = sentence_weights(rows, sents, row_ok)
    terms, cols = prepare(sents, w, names)
    idx = [i for i, wi in enumerate(w) if wi > 0]
    y = [rows[sents[i]["row"]]["y"] for i in idx]
    beta = fit(
        [[c[i] for i in idx] for c in cols],
        y,
        [w[i] for i in idx],
        lam,
        [t["name"].startswith("finding.") for t in terms],
        beta if beta and len(beta) == len(terms) + 1 else None,
    )
    bias = beta[0]
    for t, b in zip(terms, beta[1:]):
        t["weight"] = b / t["sd"]
        t["std_weight"] = b
        bias -= b * t["mean"] / t["sd"]
    return terms, bias, beta


def predict(terms, bias, feats):
    z = bias
    for t in terms:
        z += t["weight"] * min(max(feats.get(t["name"], t["default"]), t["min"]), t["max"])
    return z  # the margin ranks like the probability


def recalibrate(rows, sents, terms, bias):
    """Rescales the margin by a 1-D logistic fit (slope >= 0, intercept) on the same weighted data.

    The lambda that ranks best shrinks the weights, which pulls every probability toward the base
    rate; one slope and intercept undo that without changing the ranking (AUC) or the direction.
    """
    w = sentence_weights(rows, sents, lambda i: True)
    idx = [i for i, wi in enumerate(w) if wi > 0]
    z = [predict(terms, bias, sents[i]["f"]) for i in idx]
    ws = [w[i] for i in idx]
    mean = sum(a * b for a, b in zip(z, ws)) / sum(ws)
    sd = math.sqrt(sum((a - mean) ** 2 * b for a, b in zip(z, ws)) / sum(ws)) or 1.0
    y = [rows[sents[i]["row"]]["y"] for i in idx]
    b0, b1 = fit([[(a - mean) / sd for a in z]], y, ws, 0.0, [True])
    slope = b1 / sd
    for t in terms:
        t["weight"] *= slope
        t["std_weight"] *= slope
    return slope, b0 - b1 * mean / sd + slope * bias


MIN_SUPPORT = 30


def prior_weights(rules_path, sents, terms):
    """Gives every check that fired on fewer than MIN_SUPPORT DEV sentences (page furniture, speaker
    mismatch, terminology: errors of articles the DEV sets do not contain) a prior weight instead of
    whatever the fit made of a handful of rows, so that such a finding still raises the score. The
    prior is the median positive weight of the well-supported checks, halved for checks whose
    default severity is minor. (A well-supported check the fit zeroes, such as MT102/MT103 whose
    DEV firings are DEMETR's minor perturbations, says nothing about what a check that finds a
    real error is worth.) Changes `terms` in place; returns the terms it set."""
    support = {}
    for s in sents:
        for name in s["f"]:
            if name.startswith("finding."):
                support[name] = support.get(name, 0) + 1
    fitted = sorted(t["weight"] for t in terms if t["name"].startswith("finding.") and support.get(t["name"], 0) >= MIN_SUPPORT and t["weight"] > 0)
    if not fitted:
        return []
    median = fitted[len(fitted) // 2] if len(fitted) % 2 else (fitted[len(fitted) // 2 - 1] + fitted[len(fitted) // 2]) / 2
    by_name = {t["name"]: t for t in terms}
    set_terms = []
    with open(rules_path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3 or not cols[0].startswith("MT"):
                continue
            name = "finding." + cols[0]
            if support.get(name, 0) >= MIN_SUPPORT:
                continue
            t = by_name.get(name)
            if t is None:
                t = {"name": name, "default": 0.0, "min": 0.0, "max": 1.0, "std_weight": 0.0}
                terms.append(t)
                by_name[name] = t
            t["weight"] = median * (0.5 if cols[2] == "minor" else 1.0)
            t["default"], t["min"], t["max"] = 0.0, 0.0, 1.0
            t["support"] = support.get(name, 0)
            set_terms.append(t)
    return set_terms


def sig6(x):
    x = float(f"{x:.6g}")
    return 0.0 if x == 0 else x


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", default="../shared/bench", help="folder with NAME.dev.tsv")
    ap.add_argument("--features", required=True, help="folder with NAME.jsonl feature dumps")
    ap.add_argument("-o", "--output", required=True, help="score.json to write")
    ap.add_argument("--rules", help="output of `mtlint rules` (code, name, severity, ...): checks the DEV data rarely fires get a prior weight")
    ap.add_argument("--drop", action="append", default=[], metavar="PREFIX", help="leave out features starting with PREFIX (repeatable)")
    args = ap.parse_args()

    rows, sents, notes = load(args.bench, args.features, args.drop)
    for n in notes:
        print("note:", n, file=sys.stderr)
    datasets = [ds for ds in DATASETS if any(r["dataset"] == ds for r in rows)]
    if not datasets:
        sys.exit("no feature dumps found")
    names = sorted({k for s in sents for k in s["f"]})

    # Cross-validation: out-of-fold sentence margins per lambda, warm-started along the grid.
    cv = {}
    betas = [None] * FOLDS
    for lam in LAMBDAS:
        oof = [0.0] * len(sents)
        for k in range(FOLDS):
            held = lambda i, k=k: fold_of(rows[i]["src_doc"]) == k
            if not any(held(i) for i in range(len(rows))):
                continue
            terms, bias, betas[k] = train(rows, sents, names, lam, lambda i: not held(i), betas[k])
            for s in range(len(sents)):
                if held(sents[s]["row"]):
                    oof[s] = predict(terms, bias, sents[s]["f"])
        rs = row_scores(rows, oof, range(len(rows)))
        cv[lam] = per_dataset_auc(rows, datasets, rs)
        cv[lam]["mean"] = sum(cv[lam][d] for d in datasets) / len(datasets)
    # Ties go to the larger lambda (the simpler model).
    best = max(LAMBDAS, key=lambda lam: (cv[lam]["mean"], lam))

    terms, bias, _ = train(rows, sents, names, best, lambda i: True)
    slope, bias = recalibrate(rows, sents, terms, bias)
    ins = per_dataset_auc(rows, datasets, row_scores(rows, [predict(terms, bias, s["f"]) for s in sents], range(len(rows))))
    mtlen = per_dataset_auc(rows, datasets, [r["mt_len"] for r in rows])
    dump = None
    if all(isinstance(s["dump_score"], (int, float)) for s in sents):
        dump = per_dataset_auc(rows, datasets, row_scores(rows, [s["dump_score"] for s in sents], range(len(rows))))

    print(f"label {LABEL}; lambda by {FOLDS}-fold CV grouped by src_doc; CV ROC-AUC per dataset:")
    print("lambda   " + " ".join(f"{d[:14]:>14}" for d in datasets) + "           mean")
    for lam in LAMBDAS:
        mark = "  <- chosen" if lam == best else ""
        print(f"{lam:<8g} " + " ".join(f"{cv[lam][d]:14.4f}" for d in datasets) + f" {cv[lam]['mean']:14.4f}{mark}")
    print()
    head = f"{'dataset':<16}{'rows':>6}{'sents':>7}{'pos':>6}{'CV AUC':>9}{'in-sample':>11}{'mt_len':>8}"
    print(head + (f"{'dump score':>12}" if dump else ""))
    for d in datasets:
        idx = [i for i, r in enumerate(rows) if r["dataset"] == d]
        line = (
            f"{d:<16}{len(idx):>6}{sum(len(rows[i]['sents']) for i in idx):>7}{sum(rows[i]['y'] for i in idx):>6}"
            f"{cv[best][d]:9.4f}{ins[d]:11.4f}{mtlen[d]:8.4f}"
        )
        print(line + (f"{dump[d]:12.4f}" if dump else ""))
    print()
    dropped = [n for n in names if n not in {t["name"] for t in terms}]
    print(f"margin rescaled by {slope:.4g} for calibration")
    print(f"bias {bias:.6g}; weights (raw scale; std = weight x weighted sd, comparable across features):")
    print(f"{'feature':<28}{'weight':>11}{'std':>9}{'default':>11}{'min':>11}{'max':>11}")
    for t in terms:
        print(f"{t['name']:<28}{t['weight']:11.4g}{t['std_weight']:9.3f}{t['default']:11.4g}{t['min']:11.4g}{t['max']:11.4g}")
    if dropped:
        print("not fitted (constant on the data): " + ", ".join(dropped))

    priors = prior_weights(args.rules, sents, terms) if args.rules else []
    for t in priors:
        print(f"prior {t['name']:<22}{t['weight']:11.4g}  (fired on {t['support']} DEV sentences < {MIN_SUPPORT})")
    prior_txt = (
        f"; prior weights (median positive fitted finding weight, halved for minor checks) for checks firing on fewer than {MIN_SUPPORT} DEV sentences: "
        + ", ".join(t["name"].removeprefix("finding.") for t in priors)
        if priors
        else ""
    )

    counts = ", ".join(f"{d} {sum(1 for r in rows if r['dataset'] == d)} rows" for d in datasets)
    cv_txt = ", ".join(f"{d} {cv[best][d]:.3f}" for d in datasets)
    fitted_on = (
        f"DEV {counts}; label {LABEL}; datasets weighted equally; L2 lambda {best:g} chosen by "
        f"{FOLDS}-fold CV grouped by src_doc, margin then rescaled x{slope:.3g} for calibration; CV ROC-AUC {cv_txt} (mean {cv[best]['mean']:.3f}); "
        f"scripts/fit_score.py{prior_txt}" + (f" --drop {' --drop '.join(args.drop)}" if args.drop else "")
    )
    model = {
        "fitted_on": fitted_on,
        "bias": sig6(bias),
        "features": [
            {
                "name": t["name"],
                "weight": sig6(t["weight"]),
                "default": sig6(t["default"]),
                "min": sig6(t["min"]),
                "max": sig6(t["max"]),
            }
            for t in sorted(terms, key=lambda t: t["name"])
        ],
    }
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(json.dumps(model, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwrote {args.output}")


if __name__ == "__main__":
    main()
