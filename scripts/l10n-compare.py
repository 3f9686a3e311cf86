#!/usr/bin/env python3
"""Scores checkers on the localisation fixtures (tests/fixtures/l10n/canon): for each planted
error of manifest.tsv, whether a checker reported its unit, and how many units of the clean
files (and unplanted units of the planted files) it flagged.

  scripts/l10n-compare.py pofilter VENV_BIN WORK_DIR   run Translate Toolkit's pofilter
  scripts/l10n-compare.py mtlint JSONL_PLANTED JSONL_CLEAN

pofilter reads no XLIFF 2, so its run uses the same fixtures rebuilt with every XLIFF file as 1.2
(build.py --xliff12). A unit counts as caught by pofilter when any of its tests fires on it,
except the tests that fire on every unit of a file (`isfuzzy` on XLIFF without approved="yes",
`isreview`), which are reported apart. Count kinds (`count:*`: fuzzy, needs review, untranslated)
are caught when the checker reports the unit's state at all.
"""

import collections
import csv
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CANON = os.path.join(ROOT, "tests", "fixtures", "l10n", "canon")
ALWAYS_ON = {"isfuzzy", "isreview"}
# pofilter tests that look for the error each mtlint code stands for: a planted error counts as
# caught by pofilter only when one of these fires on its unit (any test firing is reported too).
RELEVANT = {
    "MT303": {"unchanged", "untranslated"},
    "MT304": {"numbers"},
    "MT306": set(),
    "MT401": {"printf", "pythonbraceformat", "variables", "functions"},
    "MT402": {"pythonbraceformat", "variables"},
    "MT403": {"xmltags"},
    "MT404": {"urls", "emails", "filepaths", "options"},
    "MT405": {"numbers"},
    "MT406": {"endpunc"},
    "MT407": {"puncspacing", "startpunc", "endpunc"},
    "MT408": {"brackets", "doublequoting", "singlequoting"},
    "MT409": {"doublespacing", "startwhitespace", "endwhitespace"},
    "MT410": {"startcaps", "simplecaps"},
    "MT411": {"newlines", "escapes", "tabs"},
    "MT412": {"accelerators"},
    "MT413": {"unchanged"},
    "MT414": {"long"},
    "MT415": {"sentencecount", "short", "long"},
    "MT416": set(),
    "MT417": set(),
    "MT418": {"nplurals"},
}
STATE_TESTS = {"isfuzzy", "isreview", "untranslated"}


def manifest(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        r["unit"] = r["unit"].replace("\\n", "\n")
        rows.append(r)
    return rows


def lang_of(name):
    m = re.search(r"[.-]([a-z]{2})\.[a-z]+$", name)
    return m.group(1) if m else "en"


def po_units(text):
    """(key, tests) per entry of pofilter's PO output."""
    out = {}
    for block in re.split(r"\n\s*\n", text):
        tests = re.findall(r"^# \(pofilter\) (\w+):", block, re.M)
        ctxt = re.search(r'^msgctxt "(.*)"', block, re.M)
        mid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not mid:
            continue
        msgid = "".join(re.findall(r'"(.*)"', mid.group(1)))
        msgid = bytes(msgid, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        if not msgid:
            continue
        key = f"{ctxt.group(1)}|{msgid}" if ctxt else msgid
        out[key] = set(tests)
    return out


def xml_units(text, unit_tag, id_attr):
    out = {}
    for m in re.finditer(rf'<{unit_tag} {id_attr}="([^"]+)"[^>]*>(.*?)</{unit_tag}>', text, re.S):
        tests = set(re.findall(r"<note[^>]*>(\w+):", m.group(2)))
        out[m.group(1)] = tests
    return out


def run_pofilter(venv_bin, work):
    rebuilt = os.path.join(work, "fixtures")
    subprocess.run([sys.executable, os.path.join(CANON, "build.py"), "--xliff12", rebuilt], check=True,
                   stdout=subprocess.DEVNULL)
    results = {}
    for kind in ("clean", "planted"):
        for name in sorted(os.listdir(os.path.join(rebuilt, kind))):
            if name.endswith(".srt"):
                continue  # pofilter reads no subtitles
            src = os.path.join(rebuilt, kind, name)
            out = os.path.join(work, "pofilter", kind, name)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            if os.path.exists(out):
                os.remove(out)
            subprocess.run([os.path.join(venv_bin, "pofilter"), "--progress=none",
                            f"--language={lang_of(name)}", "-i", src, "-o", out], check=True)
            text = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
            if name.endswith(".po"):
                units = po_units(text)
            elif name.endswith(".tmx"):
                units = xml_units(text, "tu", "tuid")
            else:
                units = xml_units(text, "trans-unit", "id")
            results[(kind, name)] = units
    return results, manifest(os.path.join(rebuilt, "manifest.tsv"))


def score(results, rows, tests_of, total_units):
    """Prints caught/planted per code and kind, and false alarms on clean units."""
    planted = {(r["file"], r["unit"]) for r in rows}
    caught = collections.Counter()
    planted_n = collections.Counter()
    langs = collections.defaultdict(set)
    for r in rows:
        key = r["code"]
        planted_n[key] += 1
        units = results.get(("planted", r["file"]), {})
        hit = tests_of(units, r["unit"], r["code"])
        if hit:
            caught[key] += 1
            langs[key].add(r["lang"])
    clean_flagged = sum(1 for (k, f), units in results.items() if k == "clean" for u in units if tests_of(units, u, None))
    extra = sum(1 for (k, f), units in results.items() if k == "planted" for u in units
                if (f, u) not in planted and tests_of(units, u, None))
    print(f"{'code':22} caught/planted  languages")
    for code in sorted(planted_n):
        print(f"{code:22} {caught[code]:3}/{planted_n[code]:<3}        {','.join(sorted(langs[code]))}")
    print(f"total: {sum(caught.values())}/{sum(planted_n.values())} planted errors caught")
    print(f"clean files: {clean_flagged} of {total_units} units flagged "
          f"({1000 * clean_flagged / max(total_units, 1):.0f} per 1,000)")
    print(f"planted files: {extra} unplanted units flagged")
    return planted


def count_units(kind="clean"):
    n = 0
    d = os.path.join(CANON, kind)
    for name in os.listdir(d):
        text = open(os.path.join(d, name), encoding="utf-8").read()
        if name.endswith(".po"):
            n += len(re.findall(r"^msgid ", text, re.M)) - 1
        elif name.endswith(".tmx"):
            n += text.count("<tu ")
        elif name.endswith(".srt"):
            n += len(re.findall(r"-->", text))
        else:
            n += len(re.findall(r"<(trans-unit|unit) ", text))
    return n


def main():
    if sys.argv[1:2] == ["pofilter"] and len(sys.argv) == 4:
        results, rows = run_pofilter(sys.argv[2], sys.argv[3])
        srt = [r for r in rows if r["file"].endswith(".srt")]
        rows = [r for r in rows if not r["file"].endswith(".srt")]
        total = count_units() - sum(4 for _ in ("fr", "es"))

        def relevant(units, unit, code):
            t = units.get(unit, set())
            if code and code.startswith("count:"):
                return bool(t & STATE_TESTS)
            if code:
                return bool(t & RELEVANT.get(code, set()))
            return bool(t - ALWAYS_ON)

        def any_test(units, unit, code):
            t = units.get(unit, set())
            if code and code.startswith("count:"):
                return bool(t & STATE_TESTS)
            return bool(t - ALWAYS_ON)

        def with_always_on(units, unit, code):
            return bool(units.get(unit))

        print(f"pofilter (Translate Toolkit), {len(srt)} SRT plants not readable; caught = a test for that kind of error fired")
        score(results, rows, relevant, total)
        print("\npofilter, caught = any test fired on the unit (tests firing on every unit left out)")
        score(results, rows, any_test, total)
        print("\npofilter, every test counted (isfuzzy fires on XLIFF units without approved=\"yes\")")
        score(results, rows, with_always_on, total)
        by_test = collections.Counter(t for (k, f), units in results.items() if k == "clean" for ts in units.values() for t in ts)
        print("\nclean-file flags by pofilter test:", dict(by_test.most_common()))
    elif sys.argv[1:2] == ["mtlint"] and len(sys.argv) == 4:
        results = {}
        for kind, path in (("planted", sys.argv[2]), ("clean", sys.argv[3])):
            for line in open(path, encoding="utf-8"):
                rec = json.loads(line)
                if rec.get("type") == "finding":
                    name = os.path.basename(rec["file"])
                    unit = re.sub(r"#plural\[\d+\]$", "", rec["id"])
                    results.setdefault((kind, name), {}).setdefault(unit, set()).add(rec["code"])
                elif rec.get("type") == "unit-state":
                    name = os.path.basename(rec["file"])
                    unit = re.sub(r"#plural\[\d+\]$", "", rec["id"])
                    results.setdefault((kind, name), {}).setdefault(unit, set()).add("count:" + rec["state"])
        rows = manifest(os.path.join(CANON, "manifest.tsv"))

        def codes(units, unit, code):
            got = units.get(unit, set())
            if code is None:
                return bool({c for c in got if not c.startswith("count:")})
            return code in got

        print("mtlint")
        score(results, rows, codes, count_units())
        allowed = collections.defaultdict(set)
        for r in rows:
            allowed[(r["file"], r["unit"])] |= {r["code"]} | set(filter(None, r["also"].split(",")))
        unexpected = []
        for (kind, name), units in sorted(results.items()):
            for unit, got in sorted(units.items()):
                if kind == "planted" and (name, unit) in allowed:
                    extra_codes = {c for c in got if not c.startswith("count:")} - allowed[(name, unit)]
                    if extra_codes:
                        unexpected.append(f"{name} {unit}: {sorted(extra_codes)}")
        print(f"planted units with codes besides the planted one: {len(unexpected)}")
        for u in unexpected:
            print("  " + u)
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
