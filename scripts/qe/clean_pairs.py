#!/usr/bin/env python3
"""MT310's thresholds from clean pairs the model never trained on: MLQE-PE dev source + human post-edit.

    clean_pairs.py write OUT.tsv              the pairs as a TSV mtlint reads (id, lp, doc_id, source, mt)
    clean_pairs.py checks DIR                 every check's share of pairs with a finding at major (and at
                                              minor) from DIR/<lp>.jsonl + DIR/<lp>.tsv (scripts/qe/clean-checks.sh)
    clean_pairs.py rates FEATURES.jsonl TSV   P(major) (`qe.major`, as mtlint computed it) per pair: quantiles,
                                              the share of pairs at or above candidate thresholds, pooled and
                                              per language pair, and the thresholds for 5 % / 15 % pooled

The pairs: every row of the MLQE-PE dev post-editing sets in ../shared/train (en-de, en-zh, ne-en, ro-en, ru-en,
si-en; the et-en dev set is the bench file and is not there), the post-edit Moses-detokenised as synth.py does.
scripts/qe/calibrate-mt310.sh runs both steps through the release binary. Never reads ../shared/bench.
"""

import json
import math
import sys

from data import load_mlqe
from synth import detok, lang_of

CANDIDATES = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]


def write(path):
    recs, _ = load_mlqe("dev")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("id\tlp\tdoc_id\tsource\tmt\n")
        for r in recs:
            pe = detok(r["tok_pe"], lang_of(r["lp"]))
            clean = [" ".join(x.split()) for x in (r["src"], pe)]
            f.write(f"{r['id']}\t{r['lp']}\t{r['id']}\t{clean[0]}\t{clean[1]}\n")
    print(f"wrote {len(recs)} pairs to {path}", file=sys.stderr)


def quantile(xs, q):
    xs = sorted(xs)
    k = (len(xs) - 1) * q
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def stats(ps):
    return {"n": len(ps),
            "quantiles": {str(q): round(quantile(ps, q), 4) for q in (0.5, 0.85, 0.9, 0.95, 0.99)},
            "share_at_or_above": {str(t): round(sum(p >= t for p in ps) / len(ps), 4) for t in CANDIDATES}}


def rates(features, tsv):
    lp_of = {}
    with open(tsv, encoding="utf-8") as f:
        next(f)
        for line in f:
            i, lp = line.split("\t")[:2]
            lp_of[i] = lp
    # A pair may be read as several sentence units: it counts once, at its highest P(major).
    best = {}
    with open(features, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            v = r.get("features", {}).get("qe.major")
            if v is None:
                continue
            best[r["id"]] = max(v, best.get(r["id"], 0.0))
    missing = [i for i in lp_of if i not in best]
    pooled = [best[i] for i in lp_of if i in best]
    res = {"pairs": len(lp_of), "scored": len(pooled), "unscored": len(missing), "pooled": stats(pooled), "by_pair": {}}
    for lp in sorted(set(lp_of.values())):
        res["by_pair"][lp] = stats([best[i] for i in lp_of if lp_of[i] == lp and i in best])
    # Thresholds: the smallest two-decimal value with at most 5 % (major) / 15 % (minor) of pooled pairs at or above.
    # 1 %: MT310's major cut for pairs outside the calibrated ones (its minor cut there is the 5 % one).
    for name, share in (("major_threshold_5pct", 0.05), ("minor_threshold_15pct", 0.15), ("uncalibrated_major_1pct", 0.01)):
        t = next(t / 100 for t in range(1, 100) if sum(p >= t / 100 for p in pooled) <= share * len(pooled))
        res[name] = {"threshold": t, "pooled_share": round(sum(p >= t for p in pooled) / len(pooled), 4),
                     "by_pair": {lp: round(sum(best[i] >= t for i in lp_of if lp_of[i] == lp and i in best)
                                           / max(1, sum(1 for i in lp_of if lp_of[i] == lp and i in best)), 4)
                                 for lp in res["by_pair"]}}
    print(json.dumps(res, indent=1))


def demetr(features, tsv, major=0.74, minor=0.60):
    import csv
    best = {}
    with open(features, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            v = r.get("features", {}).get("qe.major")
            if v is not None:
                best[r["id"]] = max(v, best.get(r["id"], 0.0))
    by = {}
    with open(tsv, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            by.setdefault(r["system"], []).append(best.get(r["id"]))
    clean = by.get("clean_mt", []) + by.get("reference_as_mt", [])

    def share(ps, t):
        ps = [p for p in ps if p is not None]
        return {"n": len(ps), "at_or_above": sum(p >= t for p in ps), "share": round(sum(p >= t for p in ps) / max(1, len(ps)), 4)}

    res = {"thresholds": {"major": major, "minor": minor},
           "clean_rows": {"major": share(clean, major), "minor": share(clean, minor)},
           "by_system": {k: {"major": share(v, major)["share"], "minor": share(v, minor)["share"], "n": len(v)} for k, v in sorted(by.items())}}
    print(json.dumps(res, indent=1))


def checks(d):
    """Per check and language pair: the share of pairs with a finding at major or critical, and at minor."""
    import glob
    import os
    pooled, total, out = {}, 0, {}
    for tsv in sorted(glob.glob(os.path.join(d, "*.tsv"))):
        lp = os.path.basename(tsv)[:-4]
        with open(tsv, encoding="utf-8") as f:
            n = sum(1 for _ in f) - 1
        by = {}
        with open(os.path.join(d, lp + ".jsonl"), encoding="utf-8") as f:
            for line in f:
                x = json.loads(line)
                if x.get("type") != "finding":
                    continue
                level = "major" if x["severity"] in ("major", "critical") else "minor"
                by.setdefault((x["code"], level), set()).add(x["id"])
        out[lp] = {"pairs": n}
        for (code, level), ids in sorted(by.items()):
            out[lp].setdefault(code, {})[level] = round(len(ids) / n, 4)
            pooled[(code, level)] = pooled.get((code, level), 0) + len(ids)
        total += n
    out["pooled"] = {"pairs": total}
    for (code, level), k in sorted(pooled.items()):
        out["pooled"].setdefault(code, {})[level] = round(k / total, 4)
    over = sorted({f"{code} ({lp} {v['major']:.1%})" for lp, r in out.items() for code, v in r.items()
                   if isinstance(v, dict) and v.get("major", 0) > 0.05})
    out["over_5pct_at_major"] = over
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    if sys.argv[1:2] == ["write"] and len(sys.argv) == 3:
        write(sys.argv[2])
    elif sys.argv[1:2] == ["checks"] and len(sys.argv) == 3:
        checks(sys.argv[2])
    elif sys.argv[1:2] == ["rates"] and len(sys.argv) == 4:
        rates(sys.argv[2], sys.argv[3])
    elif sys.argv[1:2] == ["demetr"] and len(sys.argv) in (4, 6):
        demetr(sys.argv[2], sys.argv[3], *(float(x) for x in sys.argv[4:]))
    else:
        sys.exit(__doc__)
