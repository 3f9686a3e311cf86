#!/usr/bin/env python3
"""mtlint on the hand-written pairs of tests/fixtures/qe/pairs.tsv (fi/et/de→en, en→de/ja: clean, swapped
roles, dropped negation, omission, antonym, changed gender, fluent addition; names in inflected forms among the clean
ones): per label, how many pairs
have a finding at major or above, and which checks fired. Issue 12's bar: at most 5 % of clean pairs at major.

usage: scripts/qe/fixture_pairs.py [MTLINT_BINARY] [--select CODES]"""
import collections, csv, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
args = sys.argv[1:]
binary = args.pop(0) if args and not args[0].startswith("-") else os.path.join(ROOT, "target/release/mtlint")
rows = list(csv.DictReader(open(os.path.join(ROOT, "tests/fixtures/qe/pairs.tsv"), encoding="utf-8"), delimiter="\t"))
by_lp = collections.defaultdict(list)
for r in rows:
    by_lp[r["lp"]].append(r)
major, anyf, checks = {}, {}, collections.defaultdict(collections.Counter)
with tempfile.TemporaryDirectory() as d:
    for lp, rs in sorted(by_lp.items()):
        src, tgt = lp.split("-")
        inp, out = os.path.join(d, f"{lp}.tsv"), os.path.join(d, f"{lp}.csv")
        with open(inp, "w", encoding="utf-8") as f:
            f.write("id\tsource\tmt\n")
            for r in rs:
                f.write(f"{r['id']}\t{r['source']}\t{r['mt']}\n")
        subprocess.run([binary, "check", "--all", "--exit-zero", "-q", "--source-lang", src, "--target-lang", tgt,
                        *args, "-o", out, inp], check=True)
        for o in csv.DictReader(open(out, encoding="utf-8")):
            sev = o["severity"]
            major[o["id"]] = major.get(o["id"], False) or sev in ("major", "critical")
            anyf[o["id"]] = anyf.get(o["id"], False) or bool(sev)
            for c in filter(None, o["checks"].split(";")):
                checks[o["id"]][c.strip()] += 1
labels = collections.defaultdict(list)
for r in rows:
    labels[r["label"]].append(r["id"])
print(f"{'label':10} {'pairs':>5} {'major':>6} {'any':>4}  checks (pairs)")
for label, ids in sorted(labels.items()):
    per = collections.Counter(c for i in ids for c in checks[i])
    print(f"{label:10} {len(ids):5} {sum(major.get(i, False) for i in ids):6} {sum(anyf.get(i, False) for i in ids):4}  "
          + ", ".join(f"{c} {n}" for c, n in per.most_common()))
clean = labels["clean"]
print("clean pairs at major:", [i for i in clean if major.get(i)])
