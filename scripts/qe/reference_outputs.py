"""Write OUT/reference-outputs.json: exact ORT outputs of embed.onnx -> qe-body.w8.onnx for fixed pairs.

The Rust implementation uses these as exact-match tests: for each pair the token ids (pair layout of
common.py), the `sentence` row (raw: major, critical, da_z, hter, mqm), P(major) = sigmoid(sentence[0]) and the
`token_bad` row (raw logits, one per id). Each pair is run alone (batch 1, no padding) and, to show batch
independence, inside one padded batch of all pairs (max abs difference reported).

usage: reference_outputs.py OUT_DIR   (reads OUT_DIR/embed.onnx and OUT_DIR/qe-body.w8.onnx)
"""
import json, os, sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import MAX_SIDE, TOKENIZER, encode_pair
from eval import Scorer, sha256, sigmoid
from model import HEADS

PAIRS = [
    ("fi-en clean", "Kissa istui matolla ja katseli ulos ikkunasta.", "The cat sat on the mat and looked out of the window."),
    ("fi-en negation flipped", "Kissa istui matolla ja katseli ulos ikkunasta.", "The cat did not sit on the mat and did not look out of the window."),
    ("fi-en number changed", "Yritys palkkasi viime vuonna 250 uutta työntekijää Tampereelle.",
     "Last year the company hired 520 new employees in Tampere."),
    ("fi-en name replaced", "Presidentti Sauli Niinistö tapasi pääministeri Sanna Marinin Helsingissä.",
     "President Sauli Niinistö met Prime Minister Angela Merkel in Helsinki."),
    ("en-de clean", "The meeting has been postponed until next Tuesday.", "Die Sitzung wurde auf nächsten Dienstag verschoben."),
    ("en-de negation flipped", "The committee approved the proposal.", "Der Ausschuss hat den Vorschlag nicht genehmigt."),
    ("en-ja clean", "Please read the instructions carefully before using the device.", "本機をご使用になる前に、取扱説明書をよくお読みください。"),
    ("en-ja unrelated", "Please read the instructions carefully before using the device.", "明日の天気は晴れのち曇りでしょう。"),
    ("et-en agent-patient swapped", "Mari kaebas Jaani kohtusse.", "Jaan sued Mari."),
    ("zh-en clean (unseen pair)", "我们明天上午十点在图书馆见面。", "We will meet at the library at ten o'clock tomorrow morning."),
    ("fi-en untranslated", "Hallitus päätti nostaa polttoaineveroa ensi vuoden alusta.",
     "The government decided to raise polttoaineveroa from the beginning of next year."),
    ("empty translation edge case", "Tämä on lyhyt lause.", ""),
]


def main(out):
    sc = Scorer(os.path.join(out, "qe-body.w8.onnx"), os.path.join(out, "embed.onnx"))
    ids = [encode_pair(sc.tok, s, m)[0] for _, s, m in PAIRS]
    alone = [sc.run([i], batch=1) for i in ids]
    batch_s, batch_t = sc.run(ids, batch=len(ids))
    threads = {}
    for n in (1, 4):  # the same pairs with another intra-op thread count (batch 1)
        other = Scorer(os.path.join(out, "qe-body.w8.onnx"), os.path.join(out, "embed.onnx"), threads=n)
        o = [other.run([i], batch=1) for i in ids]
        threads[f"{n}_vs_2"] = {"sentence": float(max(np.abs(x[0] - y[0]).max() for x, y in zip(o, alone))),
                                "token_bad": float(max(np.abs(x[1][0] - y[1][0]).max() for x, y in zip(o, alone)))}
    rows = []
    for k, ((name, s, m), i, (a_s, a_t)) in enumerate(zip(PAIRS, ids, alone)):
        rows.append({"name": name, "source": s, "translation": m, "input_ids": [int(x) for x in i],
                     "sentence": [float(x) for x in a_s[0]], "p_major": float(sigmoid(a_s[0][0])),
                     "token_bad": [float(x) for x in a_t[0]],
                     "max_abs_diff_in_batch": {"sentence": float(np.abs(a_s[0] - batch_s[k]).max()),
                                               "token_bad": float(np.abs(a_t[0] - batch_t[k]).max())}})
    doc = {"about": "ORT CPU outputs, batch 1, 2 intra-op threads; floats are float32 values written as JSON numbers",
           "pair_layout": f"[0] + src_ids[:{MAX_SIDE}] + [2, 2] + mt_ids[:{MAX_SIDE}] + [2]; ids from tokenizer.encode(text, add_special_tokens=False); pad 1",
           "sentence_columns": HEADS, "tokenizer_sha256": sha256(TOKENIZER),
           "embed_sha256": sha256(os.path.join(out, "embed.onnx")), "qe_body_sha256": sha256(os.path.join(out, "qe-body.w8.onnx")),
           "max_abs_diff_other_thread_counts": threads, "pairs": rows}
    with open(os.path.join(out, "reference-outputs.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
    for r in rows:
        print(f"{r['name']:<32} P(major)={r['p_major']:.3f} sentence={np.round(r['sentence'], 3).tolist()} batch diff={r['max_abs_diff_in_batch']}")
    print("thread counts", threads)


if __name__ == "__main__":
    main(sys.argv[1])
