"""Score a bench TSV with the Gemma 3 270M ONNX scorer: log p(MT | source prompt) and log p(MT | no source).

  gemma_eval.py score MODEL.onnx TOKENIZER.json BENCH.tsv OUT.tsv [--threads 2] [--batch 4] [--limit N]
  gemma_eval.py flags FEATURES.tsv OUTDIR [--bench BENCH.tsv]
      -> OUTDIR/{neg_mean,neg_gain,neg_min}.csv (id,score) for score.py (+ OUTDIR/gold.tsv: BENCH rows scored so far)
  gemma_eval.py demetr FEATURES.tsv BENCH.tsv -> per perturbation type: share where the clean MT of the same
                                               source scores better (mean, gain = mean - nosrc mean, min, sum)
  gemma_eval.py seed MODEL.onnx TOKENIZER.json [--gguf FILE.gguf] -> the Finnish seed pair, per-token means
                                               (with --gguf also PyTorch fp32 on the same ids)

Prompt (one example, as in the reference study), ids = <bos>(2) + enc(prompt) + enc(" " + mt):
  "Finnish: Presidentti tapasi pääministerin Helsingissä.\nEnglish: The president met the prime minister in Helsinki.\n\n"
  "<Language>: {source}\nEnglish:"
nosrc = the same MT after the neutral prompt "English:" (fluency only; adequacy = with-source minus nosrc).
Output TSV columns: id n_tokens sum_logprob mean_logprob min_logprob sum_logprob_nosrc mean_logprob_nosrc
(n_tokens = MT tokens scored). Rows already in OUT.tsv are skipped, so an interrupted run resumes."""
import argparse, csv, os, random, sys, time

csv.field_size_limit(1 << 30)
SHOT = ("Finnish: Presidentti tapasi pääministerin Helsingissä.\n"
        "English: The president met the prime minister in Helsinki.\n\n")
LANG = {"zh": "Chinese", "chinese_simple": "Chinese", "german": "German", "hindi": "Hindi", "czech": "Czech",
        "spanish": "Spanish", "polish": "Polish", "french": "French", "russian": "Russian", "japanese": "Japanese",
        "italian": "Italian", "et": "Estonian", "fi": "Finnish", "de": "German", "ja": "Japanese", "ru": "Russian"}
BOS, PAD, MAX_TOKENS = 2, 0, 512
COLS = ["id", "n_tokens", "sum_logprob", "mean_logprob", "min_logprob", "sum_logprob_nosrc", "mean_logprob_nosrc"]


def language(lp):
    src = lp.split("-")[0]
    return LANG.get(src, src.replace("_", " ").title())


class Scorer:
    def __init__(self, model, tok, threads):
        import onnxruntime as ort
        from tokenizers import Tokenizer
        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
        self.sess = ort.InferenceSession(model, so, providers=["CPUExecutionProvider"])
        self.tk = Tokenizer.from_file(tok)
        self.inputs = {i.name for i in self.sess.get_inputs()}  # a --targets export also takes target_pos

    def enc(self, s):
        return self.tk.encode(s, add_special_tokens=False).ids

    def pair(self, prompt, mt):
        """(ids, first scored position): prompt and MT are encoded apart so the MT's tokens never depend on the prompt."""
        p = [BOS] + self.enc(prompt)
        ids = (p + self.enc(" " + mt))[:MAX_TOKENS]
        return ids, len(p)

    def run(self, items):
        """items: [(ids, start)] -> per item the list of log p of ids[start:]."""
        import numpy as np
        T = max(len(i) for i, _ in items)
        ids = np.full((len(items), T), PAD, dtype=np.int64)
        am = np.zeros((len(items), T), dtype=np.int64)
        for n, (q, _) in enumerate(items):
            ids[n, :len(q)] = q
            am[n, :len(q)] = 1
        feeds = {"input_ids": ids, "attention_mask": am}
        if "target_pos" not in self.inputs:
            lp = self.sess.run(["token_logprob"], feeds)[0]
            return [lp[n, s - 1:len(q) - 1].astype(float).tolist() for n, (q, s) in enumerate(items)]
        K = max(len(q) - s for q, s in items)
        tp = np.zeros((len(items), K), dtype=np.int64)
        for n, (q, s) in enumerate(items):
            tp[n, :len(q) - s] = np.arange(s - 1, len(q) - 1)
        feeds["target_pos"] = tp
        lp = self.sess.run(["token_logprob"], feeds)[0]
        return [lp[n, :len(q) - s].astype(float).tolist() for n, (q, s) in enumerate(items)]


def read_bench(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def score(a):
    sc = Scorer(a.model, a.tokenizer, a.threads)
    rows = read_bench(a.bench)[: a.limit or None]
    done = set()
    if os.path.exists(a.out):
        with open(a.out, encoding="utf-8") as f:
            done = {l.split("\t", 1)[0] for l in f.read().splitlines()[1:] if l}
    todo = [r for r in rows if r["id"] not in done]
    jobs = []
    for r in todo:
        prompt = SHOT + f"{language(r['lp'])}: {r['source'].strip()}\nEnglish:"
        jobs.append((r["id"], sc.pair(prompt, r["mt"].strip()), sc.pair("English:", r["mt"].strip())))
    # Random blocks (fixed seed) so a partial run is a fair sample; sorted by length inside a block: less padding.
    random.Random(0).shuffle(jobs)
    jobs = [j for b in range(0, len(jobs), 64) for j in sorted(jobs[b:b + 64], key=lambda j: len(j[1][0]))]
    new = not os.path.exists(a.out) or not done
    out = open(a.out, "a" if not new else "w", encoding="utf-8")
    if new:
        out.write("\t".join(COLS) + "\n")
    t0, n = time.time(), 0
    for b in range(0, len(jobs), a.batch):
        chunk = jobs[b:b + a.batch]
        src = sc.run([j[1] for j in chunk])
        nos = sc.run([j[2] for j in chunk])
        for (rid, _, _), s, z in zip(chunk, src, nos):
            k = len(s)
            out.write(f"{rid}\t{k}\t{sum(s):.4f}\t{sum(s) / k:.4f}\t{min(s):.4f}\t{sum(z):.4f}\t{sum(z) / len(z):.4f}\n")
        out.flush()
        n += len(chunk)
        if (b // a.batch) % 20 == 0:
            el = time.time() - t0
            print(f"{n}/{len(jobs)} rows, {el / n:.3f} s/row", file=sys.stderr, flush=True)
    el = time.time() - t0
    print(f"done {n} rows in {el:.1f} s = {el / max(n, 1):.3f} s/row (2 forward passes each, batch {a.batch}, "
          f"{a.threads} threads)", file=sys.stderr)


def flags(a):
    os.makedirs(a.outdir, exist_ok=True)
    with open(a.features, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    defs = {"neg_mean": lambda r: -float(r["mean_logprob"]),
            "neg_gain": lambda r: -(float(r["mean_logprob"]) - float(r["mean_logprob_nosrc"])),
            "neg_min": lambda r: -float(r["min_logprob"])}
    for name, fn in defs.items():
        with open(os.path.join(a.outdir, name + ".csv"), "w", encoding="utf-8") as f:
            f.write("id,score\n")
            for r in rows:
                f.write(f"{r['id']},{fn(r):.6f}\n")
    if a.bench:  # gold restricted to the scored rows, so a partial run is not scored as "tool silent" on the rest
        ids = {r["id"] for r in rows}
        with open(a.bench, encoding="utf-8") as f, open(os.path.join(a.outdir, "gold.tsv"), "w", encoding="utf-8") as g:
            lines = f.read().split("\n")
            g.write(lines[0] + "\n" + "".join(l + "\n" for l in lines[1:] if l and l.split("\t", 1)[0] in ids))
    print("wrote", ", ".join(defs), "to", a.outdir, "for", len(rows), "rows")


def demetr(a):
    """DEMETR's own measure: per perturbation type, the share of pairs where the perturbed MT scores worse than the
    clean MT of the same source (ties count half). Only rows scored so far are used."""
    import re
    from collections import defaultdict
    with open(a.features, encoding="utf-8") as f:
        feat = {r["id"]: r for r in csv.DictReader(f, delimiter="\t")}
    feats = {"mean": lambda r: float(r["mean_logprob"]), "gain": lambda r: float(r["mean_logprob"]) - float(r["mean_logprob_nosrc"]),
             "min": lambda r: float(r["min_logprob"]), "sum": lambda r: float(r["sum_logprob"])}
    by_doc = defaultdict(dict)
    for r in read_bench(a.bench):
        if r["id"] in feat:
            by_doc[r["src_doc"]][re.sub(r"_id\d+", "", r["system"])] = feat[r["id"]]
    wins = defaultdict(lambda: defaultdict(float))
    n = defaultdict(int)
    for rows in by_doc.values():
        clean = rows.get("clean_mt")
        if clean is None:
            continue
        for typ, r in rows.items():
            if typ == "clean_mt":
                continue
            n[typ] += 1
            for k, fn in feats.items():
                d = fn(clean) - fn(r)
                wins[typ][k] += 1.0 if d > 0 else 0.5 if d == 0 else 0.0
    print("type\tpairs\t" + "\t".join(f"clean>{k}" for k in feats))
    tot, tw = 0, defaultdict(float)
    for typ in sorted(n):
        tot += n[typ]
        for k in feats:
            tw[k] += wins[typ][k]
        print(f"{typ}\t{n[typ]}\t" + "\t".join(f"{wins[typ][k] / n[typ]:.2f}" for k in feats))
    print(f"ALL\t{tot}\t" + "\t".join(f"{tw[k] / max(tot, 1):.3f}" for k in feats))


def seed(a):
    sc = Scorer(a.model, a.tokenizer, a.threads)
    src = "Venäjän pelätään auttavan Pohjois-Koreaa kehittämään ydinasetekniikkaa."
    prompt = SHOT + f"Finnish: {src}\nEnglish:"
    hf = None
    if a.gguf:  # PyTorch fp32 reference: the HF model dequantized from the same GGUF
        import torch
        from transformers import AutoModelForCausalLM
        torch.set_num_threads(a.threads)
        hf = AutoModelForCausalLM.from_pretrained(os.path.dirname(a.gguf), gguf_file=os.path.basename(a.gguf),
                                                  dtype=torch.float32).eval()

    def torch_lp(ids, start):
        with torch.no_grad():
            lp = torch.log_softmax(hf(input_ids=torch.tensor([ids])).logits[0, :-1].float(), -1)
        return lp.gather(1, torch.tensor(ids[1:])[:, None])[:, 0][start - 1:].tolist()

    for mt in ["Russia, on the other hand, fears helping North Korea develop nuclear weapons technology.",
               "Russia, on the other hand, is feared to be helping North Korea develop nuclear weapons technology."]:
        s = sc.run([sc.pair(prompt, mt)])[0]
        z = sc.run([sc.pair("English:", mt)])[0]
        print(f"onnx  mean={sum(s) / len(s):.4f} sum={sum(s):.3f} n={len(s)} min={min(s):.3f} | "
              f"nosrc mean={sum(z) / len(z):.4f} :: {mt}")
        if hf is not None:
            t = torch_lp(*sc.pair(prompt, mt))
            tz = torch_lp(*sc.pair("English:", mt))
            d = max(abs(x - y) for x, y in zip(s, t))
            print(f"torch mean={sum(t) / len(t):.4f} sum={sum(t):.3f} n={len(t)} min={min(t):.3f} | "
                  f"nosrc mean={sum(tz) / len(tz):.4f} | max |onnx - torch| per token {d:.3f}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sp = p.add_subparsers(dest="cmd", required=True)
    s = sp.add_parser("score")
    for x in ("model", "tokenizer", "bench", "out"):
        s.add_argument(x)
    s.add_argument("--threads", type=int, default=2)
    s.add_argument("--batch", type=int, default=4)
    s.add_argument("--limit", type=int, default=0)
    f = sp.add_parser("flags")
    f.add_argument("features")
    f.add_argument("outdir")
    f.add_argument("--bench", help="also write OUTDIR/gold.tsv: this bench TSV restricted to the scored ids")
    m = sp.add_parser("demetr")
    m.add_argument("features")
    m.add_argument("bench")
    d = sp.add_parser("seed")
    d.add_argument("model")
    d.add_argument("tokenizer")
    d.add_argument("--threads", type=int, default=2)
    d.add_argument("--gguf", help="also score with PyTorch fp32 from this GGUF file")
    a = p.parse_args()
    {"score": score, "flags": flags, "demetr": demetr, "seed": seed}[a.cmd](a)


if __name__ == "__main__":
    main()
