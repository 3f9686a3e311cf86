"""Shared QE input rule: tokenisation, truncation, pair layout and per-token labels.

Pair layout (what the Rust side must reproduce exactly):
  ids = [0] + src_ids[:120] + [2, 2] + mt_ids[:120] + [2], right-padded with 1, attention_mask 1 on real tokens,
  where *_ids = tokenizer.encode(text, add_special_tokens=False).ids with models/encoder/tokenizer.json.
Token labels: a sub-token takes the tag of the word its character span overlaps; a bare "▁" piece takes the
tag of the word that starts where it ends; special tokens and padding get -1 (ignored by the loss).
"""
import os

import numpy as np

MAX_SIDE = 120
BOS, PAD, EOS = 0, 1, 2
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TOKENIZER = os.path.join(REPO, "models", "encoder", "tokenizer.json")
# The unsplit w8g4 encoder the body weights are read from. The repository ships it split (embed + body), so
# scripts/train-qe.sh restores it from the git history into the work dir and names it here.
ENCODER = os.environ.get("MTLINT_QE_ENCODER", os.path.join(REPO, "models", "encoder", "e5-small.w8g4.onnx"))


def load_tokenizer(path=TOKENIZER):
    from tokenizers import Tokenizer
    return Tokenizer.from_file(path)


def _labels(enc, words, n):
    if words is None:
        return [-1] * n
    out = []
    for (b, e) in enc.offsets[:n]:
        tag = -1
        for wb, we, t in words:
            if wb < e and b < we:
                tag = t if tag < 0 else max(tag, t)
        if tag < 0:
            for wb, we, t in words:
                if wb >= e and wb <= e + 1 and we > wb:
                    tag = t
                    break
        out.append(tag)
    return out


def word_tokens(tok, text, words, shift):
    """For each labelled word (b, e, tag) of one side: the pair positions of its tokens (same rule as the labels).
    shift: 1 for the source side, 3 + n_src_tokens for the translation. Words cut off by truncation get []."""
    enc = tok.encode(text, add_special_tokens=False)
    offs = enc.offsets[:MAX_SIDE]
    out = [[] for _ in words]
    for t, (b, e) in enumerate(offs):
        hit = [k for k, (wb, we, _) in enumerate(words) if wb < e and b < we]
        if not hit:
            hit = [k for k, (wb, we, _) in enumerate(words) if e <= wb <= e + 1 and we > wb][:1]
        for k in hit:
            out[k].append(t + shift)
    return out


def encode_pair(tok, src, mt, src_words=None, mt_words=None):
    """(ids, token labels, n_src_tokens, n_mt_tokens) for one pair; labels -1 where unlabelled."""
    es = tok.encode(src, add_special_tokens=False)
    em = tok.encode(mt, add_special_tokens=False)
    ns, nm = min(len(es.ids), MAX_SIDE), min(len(em.ids), MAX_SIDE)
    ids = [BOS] + es.ids[:ns] + [EOS, EOS] + em.ids[:nm] + [EOS]
    lab = [-1] + _labels(es, src_words, ns) + [-1, -1] + _labels(em, mt_words, nm) + [-1]
    return ids, lab, ns, nm


def side_masks(ns, nm, T):
    """Boolean [T] masks of the source and translation token positions inside one encoded pair."""
    s = np.zeros(T, bool)
    m = np.zeros(T, bool)
    s[1:1 + ns] = True
    m[3 + ns:3 + ns + nm] = True
    return s, m


def pad_batch(seqs, pad=PAD):
    T = max(len(s) for s in seqs)
    ids = np.full((len(seqs), T), pad, np.int64)
    am = np.zeros((len(seqs), T), np.int64)
    for i, s in enumerate(seqs):
        ids[i, :len(s)] = s
        am[i, :len(s)] = 1
    return ids, am
