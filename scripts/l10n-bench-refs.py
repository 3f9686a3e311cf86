#!/usr/bin/env python3
"""False alarms of the localisation checks on human translations: every unique (source,
reference) pair of the DEV benchmark (../shared/bench/*.dev.tsv) and the DEMETR rows whose
system is `reference_as_mt`, checked as bilingual table rows with the source language of their
`lp`; prints the findings, how many per 1,000 units, and the units each check flagged at each
severity.

  scripts/l10n-bench-refs.py MTLINT_BINARY [CHECKS]    (CHECKS default: MT303,MT304,MT306,MT4)
"""

import collections
import csv
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "..", "shared", "bench")
LANGS = {"chinese_simple": "zh", "german": "de", "hindi": "hi", "japanese": "ja", "polish": "pl",
         "russian": "ru", "czech": "cs", "french": "fr", "spanish": "es", "italian": "it",
         "zh": "zh", "et": "et"}


def pairs():
    """(set name, source language) → {(source, target): id}."""
    csv.field_size_limit(10**9)
    out = collections.defaultdict(dict)
    for name in sorted(os.listdir(BENCH)):
        if not name.endswith(".dev.tsv"):
            continue
        with open(os.path.join(BENCH, name), encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                src = LANGS.get(r["lp"].rsplit("-", 1)[0])
                ref = r.get("reference") or ""
                if src and ref.strip():
                    out[(name, src)][(r["source"] or "", ref)] = r["id"]
                if r["system"] == "reference_as_mt" and (r["mt"] or "").strip() and src:
                    out[(name + ":reference_as_mt", src)][(r["source"] or "", r["mt"])] = r["id"]
    return out


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__)
        sys.exit(2)
    binary = sys.argv[1]
    checks = sys.argv[2] if len(sys.argv) == 3 else "MT303,MT304,MT306,MT4"
    units = collections.Counter()
    found = collections.Counter()
    flagged = collections.defaultdict(set)
    with tempfile.TemporaryDirectory() as tmp:
        for i, ((name, src), rows) in enumerate(sorted(pairs().items())):
            path = os.path.join(tmp, f"{i}.tsv")
            with open(path, "w", encoding="utf-8") as o:
                o.write("id\tsource\ttarget\n")
                for (s, t), rid in rows.items():
                    clean = lambda x: x.replace("\t", " ").replace("\n", " ")
                    o.write(f"{rid}\t{clean(s)}\t{clean(t)}\n")
            units[name] += len(rows)
            out = subprocess.run([binary, "check", path, "--source-lang", src, "--target-lang", "en",
                                  "--select", checks, "--format", "jsonl", "--exit-zero", "-q"],
                                 capture_output=True, text=True, check=True)
            for line in out.stdout.splitlines():
                v = json.loads(line)
                if v["type"] == "finding":
                    found[(name, v["code"])] += 1
                    flagged[(v["code"], v["severity"])].add((name, v["id"]))
                    print(f"{name} {v['id']} {v['code']} {v['severity']}: {v['message']} "
                          f"| {v['text'][:80]}")
    total = sum(units.values())
    for name, n in sorted(units.items()):
        hits = {c: k for (s, c), k in found.items() if s == name}
        print(f"{name}: {n} units, findings {hits or 0}")
    per_code = collections.Counter()
    for (_, c), k in found.items():
        per_code[c] += k
    print(f"total: {total} units, {sum(found.values())} findings "
          f"({1000 * sum(found.values()) / max(total, 1):.1f} per 1,000): {dict(sorted(per_code.items()))}")
    for (code, severity), ids in sorted(flagged.items()):
        print(f"  {code} {severity}: {len(ids)} units ({1000 * len(ids) / max(total, 1):.1f} per 1,000)")


if __name__ == "__main__":
    main()
