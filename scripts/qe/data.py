"""Loaders for the QE training data in ../shared/train (MLQE-PE, WMT21 critical errors, WMT MQM en-de).

Every loader returns plain dict records:
  id, origin ('mlqe' | 'ced' | 'mqm' | 'synth'), lp, src, mt (untokenised text as the tool will see it),
  src_words / mt_words: list of (char_begin, char_end, tag) with tag 1 = BAD, 0 = OK, or None when that
  side has no word labels, and the sentence labels major, critical, da_z, hter, mqm (None = unlabelled).
MLQE records also keep the tokenised .src/.mt/.pe words and the src-mt alignments for synth.py.

Word tags come from tokenised text (MLQE is Moses-tokenised); they are projected onto the raw text by
matching the non-space character streams, and the raw text is what the model reads.
"""
import csv, io, json, math, os, re, tarfile

csv.field_size_limit(1 << 30)
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TRAIN = os.environ.get("MTLINT_QE_DATA", os.path.join(os.path.dirname(REPO), "shared", "train"))
MLQE_LPS = ["en-de", "en-zh", "et-en", "ne-en", "ro-en", "ru-en", "si-en"]
CED_LPS = ["encs", "ende", "enja", "enzh"]


def _tar_members(path):
    out = {}
    with tarfile.open(path, "r:gz") as t:
        for m in t.getmembers():
            name = os.path.basename(m.name)
            if m.isfile() and (name.startswith(("train.", "dev.")) and "word_probas" not in m.name):
                out[name] = t.extractfile(m).read().decode("utf-8")
    return out


def _lines(text):
    ls = text.split("\n")
    if ls and ls[-1] == "":
        ls.pop()
    return ls


ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"
# The MLQE tokeniser dropped zero-width joiners (Sinhala, Nepali) and straightened curly quotes.
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"'})


def project(words, text):
    """Char spans of `words` (tokenised) inside raw `text`, matching non-space characters in order; None if they differ."""
    spans, pos = [], 0
    for w in words:
        b = None
        for ch in w.translate(QUOTES):
            if ch in ZERO_WIDTH:
                continue
            while pos < len(text) and (text[pos].isspace() or text[pos] in ZERO_WIDTH):
                pos += 1
            if pos >= len(text) or text[pos].translate(QUOTES) != ch:
                return None
            if b is None:
                b = pos
            pos += 1
        spans.append((pos, pos) if b is None else (b, pos))
    if text[pos:].strip(" \t\n" + ZERO_WIDTH):
        return None
    return spans


def _word_labels(words, tags, text):
    """(text, [(b, e, tag)]): raw text if the projection works, else the tokenised text itself."""
    spans = project(words, text)
    if spans is None:
        text = " ".join(words)
        spans = project(words, text)
    return text, [(b, e, t) for (b, e), t in zip(spans, tags)]


def load_mlqe(split, lps=MLQE_LPS):
    recs, stats = [], {"projected": 0, "fallback": 0}
    for lp in lps:
        pe_path = os.path.join(TRAIN, "mlqe-pe", "post-editing", split, f"{lp}-{split}.tar.gz")
        da_path = os.path.join(TRAIN, "mlqe-pe", "direct-assessments", split, f"{lp}-{split}.tar.gz")
        if not os.path.exists(pe_path):
            continue
        pe = _tar_members(pe_path)
        da = _tar_members(da_path)
        tsv = [v for k, v in da.items() if k.endswith(".df.short.tsv")][0]
        rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
        src, mt, pet = (_lines(pe[f"{split}.{x}"]) for x in ("src", "mt", "pe"))
        hter = [float(x) for x in _lines(pe[f"{split}.hter"])]
        tags = _lines(pe[f"{split}.tags"])
        stags = _lines(pe[f"{split}.source_tags"])
        ali = _lines(pe[f"{split}.src-mt.alignments"])
        assert len(rows) == len(src) == len(mt) == len(hter) == len(tags) == len(stags), lp
        for i, r in enumerate(rows):
            sw, mw = src[i].split(), mt[i].split()
            t = tags[i].split()
            assert len(t) == 2 * len(mw) + 1, (lp, i)
            # MT-word tags are the odd positions; gap tags (even positions) are not used.
            mtag = [1 if x == "BAD" else 0 for x in t[1::2]]
            stag = [1 if x == "BAD" else 0 for x in stags[i].split()]
            assert len(stag) == len(sw), (lp, i)
            s_text, s_words = _word_labels(sw, stag, r["original"])
            m_text, m_words = _word_labels(mw, mtag, r["translation"])
            ok = s_text == r["original"] and m_text == r["translation"]
            stats["projected" if ok else "fallback"] += 1
            mean = float(r["mean"])
            recs.append(dict(id=f"mlqe/{lp}/{split}/{i}", origin="mlqe", lp=lp, src=s_text, mt=m_text,
                             src_words=s_words, mt_words=m_words,
                             major=1 if mean <= 50 else 0, critical=None, da_z=float(r["z_mean"]), hter=hter[i], mqm=None,
                             da=mean, tok_src=sw, tok_mt=mw, tok_pe=pet[i].split(),
                             align=[tuple(int(y) for y in a.split("-")) for a in ali[i].split()]))
    return recs, stats


def load_ced(split):
    recs = []
    for lp in CED_LPS:
        path = os.path.join(TRAIN, "mlqe-pe", "catastrophic_errors", f"{lp}_majority_{split}.tsv")
        with open(path, encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 5:
                    continue
                err = row[4].strip() == "ERR"
                recs.append(dict(id=f"ced/{lp}/{split}/{row[0]}", origin="ced", lp=f"{lp[:2]}-{lp[2:]}", src=row[1], mt=row[2],
                                 src_words=None, mt_words=None, major=1 if err else None, critical=1 if err else 0,
                                 da_z=None, hter=None, mqm=None))
    return recs


V_RE = re.compile(r"<v>(.*?)</v>", re.S)


def _strip_v(text):
    """Target without <v> markers, and the char spans the markers enclosed (in the stripped text)."""
    out, spans, pos = [], [], 0
    for m in V_RE.finditer(text):
        out.append(text[pos:m.start()])
        b = sum(len(x) for x in out)
        out.append(m.group(1))
        spans.append((b, b + len(m.group(1))))
        pos = m.end()
    out.append(text[pos:])
    clean = "".join(out).replace("<v>", "").replace("</v>", "")
    return clean, spans


def _mqm_points(cat, sev):
    c = cat.lower()
    if sev == "Major":
        return 25.0 if c.startswith("non-translation") else 5.0
    if sev == "Minor":
        return 0.1 if c == "fluency/punctuation" else 1.0
    return 0.0


def _counts_for_major(cat):
    c = cat.lower()
    return not (c.startswith("source") or "creative reinterpretation" in c)


def load_mqm():
    """WMT MQM en-de (TED + WMT23 general), aggregated per (system, doc, segment) over raters."""
    segs = {}

    def add(key, rater, src, tgt, cat, sev):
        clean, spans = _strip_v(tgt)
        s = segs.setdefault(key, dict(src=src, mt=clean, raters={}))
        r = s["raters"].setdefault(rater, dict(points=0.0, major=False, spans=[]))
        r["points"] += _mqm_points(cat, sev)
        if sev == "Major" and _counts_for_major(cat):
            r["major"] = True
        if sev in ("Major", "Minor") and not cat.lower().startswith("source") and clean == s["mt"]:
            r["spans"].extend(spans)

    with open(os.path.join(TRAIN, "mqm", "mqm_ted_ende.tsv"), encoding="utf-8") as f:
        rd = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rd)
        for row in rd:
            system, doc, _, seg, rater, src, tgt, cat, sev = row[:9]
            add(("ted", system, doc, seg), rater, src, tgt, cat, sev)
    with tarfile.open(os.path.join(TRAIN, "mqm", "sxs_mqm_generalMT2023_ende.3ratingsPerSegment.tsv.tar.gz")) as t:
        m = [x for x in t.getmembers() if x.isfile() and x.name.endswith(".tsv")][0]
        text = t.extractfile(m).read().decode("utf-8")
    rd = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    next(rd)
    hotw = set()
    rows = []
    for row in rd:
        system, doc, seg, _, rater, src, tgt, cat, sev = row[:9]
        key = ("wmt23", system, doc, seg)
        if sev.startswith("HOTW") or cat in ("Found", "Missed"):
            hotw.add((key, rater))  # attention-check ratings: the target was altered on purpose
        rows.append((key, rater, src, tgt, cat, sev))
    for key, rater, src, tgt, cat, sev in rows:
        if (key, rater) not in hotw:
            add(key, rater, src, tgt, cat, sev)
    recs = []
    for key, s in sorted(segs.items()):
        rs = list(s["raters"].values())
        n = len(rs)
        majors = sum(r["major"] for r in rs)
        bad = [sp for r in rs for sp in r["spans"]]
        words = [(m.start(), m.end(), int(any(b < m.end() and m.start() < e for b, e in bad)))
                 for m in re.finditer(r"\S+", s["mt"])]
        recs.append(dict(id="mqm/" + "/".join(key), origin="mqm", lp="en-de", src=s["src"], mt=s["mt"],
                         src_words=None, mt_words=words, major=1 if 2 * majors > n else 0, critical=None,
                         da_z=None, hter=None, mqm=math.log1p(sum(r["points"] for r in rs) / n), n_raters=n))
    return recs


def verification_sentences(n):
    """n real sentences (MLQE dev sources and translations, several languages) for encoder checks."""
    recs, _ = load_mlqe("dev", ["en-de", "en-zh", "ru-en", "si-en"])
    out = []
    for i in range(n):
        r = recs[(i * 397) % len(recs)]
        out.append(r["src"] if i % 2 else r["mt"])
    return out


if __name__ == "__main__":
    m, st = load_mlqe("train")
    print("mlqe train", len(m), st)
    c = load_ced("train")
    print("ced train", len(c), sum(x["critical"] for x in c))
    q = load_mqm()
    print("mqm", len(q), "major", sum(x["major"] for x in q), "bad-word frac",
          sum(t for r in q for _, _, t in r["mt_words"]) / sum(len(r["mt_words"]) for r in q))
    print(json.dumps({k: v for k, v in m[0].items() if k not in ("align",)}, ensure_ascii=False)[:600])
    print(json.dumps(q[5], ensure_ascii=False)[:600])
