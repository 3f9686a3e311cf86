"""Write the English word-frequency table (SUBTLEX-US counts from PyPI CEScore==0.0.1) as TSV: header word<TAB>count, lowercase, sorted by count desc then word, top N.
usage: wordfreq.py SUBTLEX_US_frequency_list.csv OUT_TSV [N=60000]"""
import csv, io, sys
src, out = sys.argv[1], sys.argv[2]; N = int(sys.argv[3]) if len(sys.argv) > 3 else 60000
text = open(src, encoding="utf-8-sig").read()
counts = {}
for row in csv.DictReader(io.StringIO(text), delimiter=";"):
    w = row["Word"].strip().lower(); c = int(row["FREQcount"])
    if not w or "\t" in w or " " in w or c <= 0: continue
    counts[w] = counts.get(w, 0) + c
items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:N]
with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("word\tcount\n")
    for w, c in items: f.write(f"{w}\t{c}\n")
print("wordfreq:", len(counts), "distinct words,", len(items), "written ->", out)
