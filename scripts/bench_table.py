#!/usr/bin/env python3
"""Turns the outputs of scripts/bench.sh (bench-out/) into the tables of BENCHMARKS.md."""
import csv
import os
import platform
import re
import subprocess
import sys

out, bench = sys.argv[1], sys.argv[2]
SETS = ["ted_zhen_mqm", "wmt23_zhen_mqm", "demetr_xx_en", "mlqe_eten_da"]


def grab(path, key):
    text = open(path).read()
    m = re.search(key, text)
    return m.group(1) if m else "–"


def rows(name):
    with open(os.path.join(out, name + ".csv"), newline="") as f:
        return sum(1 for _ in csv.DictReader(f))


def timing(name):
    e, m = open(os.path.join(out, name + ".time")).read().split()
    return float(e), int(m) / 1024


def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
print("# Benchmarks\n")
print(f"Measured by `scripts/bench.sh` at commit {commit} on {os.cpu_count()} CPU cores ({cpu()}),")
print("release build, ONNX Runtime 1.32.0 CPU. Regenerate with `scripts/bench.sh`; the tables below are its output.\n")
print("## Quality on the DEV split (`../shared/bench`)\n")
print("`mtlint check --all --id-column id --target-column mt --source-column source --doc-column doc_id FILE -o OUT.csv`,")
print("scored with `python3 ../shared/bench/score.py FILE --flags OUT.csv [--label has_major_acc]`.")
print("Per-sentence rows are merged per segment by score.py (max score).\n")
print("| set | ROC-AUC has_major | MT-length baseline | ROC-AUC has_major_acc | baseline (acc) | Kendall τ vs mqm (plain / grouped) | baseline τ (plain / grouped) |")
print("|---|---|---|---|---|---|---|")
for s in SETS:
    sc, acc, base, bacc = (os.path.join(out, f"{s}{x}.txt") for x in (".score", ".score_acc", ".baseline", ".baseline_acc"))
    auc = grab(sc, r"ROC-AUC ([-\d.]+)")
    bauc = grab(base, r"ROC-AUC ([-\d.]+)")
    aauc = grab(acc, r"ROC-AUC ([-\d.]+)")
    tau = grab(sc, r"tau_b vs (?:mqm |-da )\s*([-\d.]+)")
    gtau = grab(sc, r"tau_b vs (?:mqm |-da ).*?grouped by segment ([-\d.]+)")
    btau = grab(base, r"tau_b vs (?:mqm |-da )\s*([-\d.]+)")
    bgtau = grab(base, r"tau_b vs (?:mqm |-da ).*?grouped by segment ([-\d.]+)")
    bacc_auc = grab(bacc, r"ROC-AUC ([-\d.]+)")
    print(f"| {s} | {auc} | {bauc} | {aauc} | {bacc_auc} | {tau} / {gtau} | {btau} / {bgtau} |")
print()
print("## Throughput and memory\n")
print("Whole process (model load included) after one warm-up run; wall time and peak RSS from `/usr/bin/time -f '%e %M'`.")
print("`sentences` counts the CSV rows written with `--all` (one per sentence).\n")
print("| run | checks | sentences | wall s | sentences/s | peak RSS MiB |")
print("|---|---|---|---|---|---|")
for name, checks in [(s, "all") for s in SETS] + [("fluency_wmt23", "MT101 only"), ("fluency_mlqe", "MT101 only"),
                                                  ("qe_wmt23", "MT310 only"), ("qe_mlqe", "MT310 only")]:
    if not os.path.exists(os.path.join(out, name + ".time")):
        continue
    n = rows(name)
    e, m = timing(name)
    print(f"| {name} | {checks} | {n} | {e:.1f} | {n / e:.1f} | {m:.0f} |")
print()
load = os.path.join(out, "loadavg.txt")
if os.path.exists(load):
    print(f"Load average (1/5/15 min) when the runs ended: {' / '.join(open(load).read().split()[:3])} on {os.cpu_count()} cores")
    print("(above 2 means other work shared the cores and the rates are lower than on a quiet machine).\n")

def per_perturbation():
    """Recall of each DEMETR perturbation at mtlint's flags, its ROC-AUC against the clean rows, and
    which checks fired: read from the run's CSV and the bench TSV's `system` column."""
    tsv = os.path.join(bench, "demetr_xx_en.dev.tsv")
    with open(tsv, newline="") as f:
        gold = {r["id"]: r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}
    score, flag, checks = {}, {}, {}
    with open(os.path.join(out, "demetr_xx_en.csv"), newline="") as f:
        for r in csv.DictReader(f):
            i = r["id"]
            score[i] = max(score.get(i, 0.0), float(r["score"] or 0))
            flag[i] = flag.get(i, False) or r["flag"] == "1"
            if r["flag"] == "1":
                checks.setdefault(i, set()).update(c for c in r["checks"].split(";") if c)
    by = {}
    for i, r in gold.items():
        by.setdefault(r["system"], []).append(i)
    clean = by.get("clean_mt", []) + by.get("reference_as_mt", [])

    def auc(pos, neg):
        if not pos or not neg:
            return float("nan")
        wins = sum((score.get(p, 0) > score.get(n, 0)) + 0.5 * (score.get(p, 0) == score.get(n, 0)) for p in pos for n in neg)
        return wins / (len(pos) * len(neg))

    print("## DEMETR per perturbation\n")
    print("Rows of `demetr_xx_en.dev.tsv` by `system`: how many mtlint flags (the CSV's `flag`: a finding at minor or above,")
    print("the default `--flag-at`),")
    print("the ROC-AUC of `score` for those rows against the 120 clean rows (`clean_mt` + `reference_as_mt`),")
    print("and the checks behind the flags (rows per check). `has_major` = 0 rows are the minor")
    print("perturbations: flagging them counts against the score.\n")
    print("| perturbation | has_major | rows | flagged | recall | AUC vs clean | flagged by |")
    print("|---|---|---|---|---|---|---|")
    for sysname in sorted(by, key=lambda k: (gold[by[k][0]]["has_major"] != "1", k)):
        ids = by[sysname]
        n_flag = sum(flag.get(i, False) for i in ids)
        count = {}
        for i in ids:
            for c in checks.get(i, ()):
                count[c] = count.get(c, 0) + 1
        top = ", ".join(f"{c} {n}" for c, n in sorted(count.items(), key=lambda x: (-x[1], x[0]))[:4])
        a = "–" if sysname in ("clean_mt", "reference_as_mt") else f"{auc(ids, clean):.3f}"
        print(f"| {sysname} | {gold[ids[0]]['has_major']} | {len(ids)} | {n_flag} | {n_flag / len(ids):.2f} | {a} | {top} |")
    print()


per_perturbation()
notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-notes.md")
print(open(notes).read())
print("## Per-set scorer output\n")
for s in SETS:
    print(f"### {s}\n\n```")
    print(open(os.path.join(out, s + ".score.txt")).read().strip())
    print(open(os.path.join(out, s + ".score_acc.txt")).read().strip())
    print("```\n")
