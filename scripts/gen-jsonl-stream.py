#!/usr/bin/env python3
"""Writes a JSON Lines stream of about ARGV[1] bytes for the streaming-memory measurement
(scripts/bench-notes.md): `python3 scripts/gen-jsonl-stream.py 1000000000 > 1g.jsonl`."""
import json
import sys

target = int(sys.argv[1])
sents = [
 "The government announced the reform on Tuesday, the ministry said in a statement.",
 "The minister He said the talks would continue next week in Brussels.",
 "Around 5,000 people have died in Texas alone since the storm began.",
 "Leave a Reply",
 "Opposition leaders said they would vote against the budget on Friday.",
 "Anna Virtanen met Jürgen Müller at the café in Tampere on Friday.",
]
src = ["Pelkästään Texasissa on kuollut noin 50 000 ihmistä.", None]
out = sys.stdout
n = 0; written = 0
while written < target:
    o = {"id": f"r{n}", "doc": f"d{n//5}", "mt": sents[n % len(sents)] + f" Item {n}."}
    s = src[n % 2]
    if s: o["source"] = s
    line = json.dumps(o, ensure_ascii=False) + "\n"
    out.write(line); written += len(line.encode()); n += 1
