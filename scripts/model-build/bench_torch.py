"""The fluency LM run the way a Python user would (issue 16's comparison point): SmolLM2-135M in PyTorch
fp32 through transformers, length-sorted batches of 16, per-token log-probabilities and entropies of
every sentence of a DEV file's `mt` column. Prints sentences/s of the scoring loop and with model load.

usage: bench_torch.py HF_DIR TOKENIZER_JSON DEV.tsv [THREADS]"""
import csv, sys, time
t_start = time.time()
import torch
from tokenizers import Tokenizer
from transformers import AutoModelForCausalLM

hf_dir, tok_path, dev = sys.argv[1], sys.argv[2], sys.argv[3]
torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else 2)
csv.field_size_limit(1 << 30)
rows = list(csv.DictReader(open(dev, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
texts = [r["mt"] for r in rows]
tok = Tokenizer.from_file(tok_path)
model = AutoModelForCausalLM.from_pretrained(hf_dir, torch_dtype=torch.float32).eval()
t_loaded = time.time()
# Same input as mtlint's scorer: <|endoftext|> (id 0) first, at most 256 tokens, right-padded.
ids = [[0] + tok.encode(t, add_special_tokens=False).ids[:255] for t in texts]
order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
checksum = 0.0
with torch.inference_mode():
    for k in range(0, len(order), 16):
        batch = [ids[i] for i in order[k:k + 16]]
        T = max(len(b) for b in batch)
        x = torch.full((len(batch), T), 2, dtype=torch.long)
        m = torch.zeros((len(batch), T), dtype=torch.long)
        for r, b in enumerate(batch):
            x[r, :len(b)] = torch.tensor(b)
            m[r, :len(b)] = 1
        logits = model(input_ids=x, attention_mask=m, use_cache=False).logits[:, :-1, :]
        lp = torch.log_softmax(logits, dim=-1)
        tok_lp = torch.gather(lp, 2, x[:, 1:].unsqueeze(-1)).squeeze(-1)
        ent = -(lp.exp() * lp).sum(-1)
        checksum += float((tok_lp * m[:, 1:]).sum() + (ent * m[:, 1:]).sum())
t_end = time.time()
n = len(texts)
print(f"pytorch {torch.__version__} fp32, {torch.get_num_threads()} threads, {n} sentences")
print(f"scoring loop {t_end - t_loaded:.1f} s = {n / (t_end - t_loaded):.1f} sentences/s; "
      f"with imports and model load {t_end - t_start:.1f} s = {n / (t_end - t_start):.1f} sentences/s (checksum {checksum:.1f})")
