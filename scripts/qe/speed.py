"""Throughput measurements: ORT inference pairs/s of a QE body (+ embed.onnx), and torch training examples/s.

Inference: 512 MLQE dev pairs (all six dev pairs; ~15 words a side, or ~25 with --long), length-sorted, batches of 32,
ONNX Runtime CPU, intra_op 2 threads; the time includes embed.onnx and building the padded batches.

usage: speed.py infer QE_BODY.onnx EMBED.onnx [--repeat 3] [--long]
       speed.py train N_LAYERS [--bf16] [--steps 8] [--batch 16]
"""
import argparse, os, sys, time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ENCODER, encode_pair, load_tokenizer, pad_batch
from data import load_mlqe


def sample_pairs(n=512, long=False):
    """n MLQE dev pairs spread over all six dev language pairs (~15 words a side, ~52 tokens a pair);
    long=True keeps only pairs of 40-60 words in total (~25 words a side)."""
    recs, _ = load_mlqe("dev")
    if long:
        recs = [r for r in recs if 40 <= len(r["src"].split()) + len(r["mt"].split()) <= 60]
    tok = load_tokenizer()
    step = max(1, len(recs) // n)
    return [encode_pair(tok, r["src"], r["mt"])[0] for r in recs[::step][:n]]


def session(path, threads=2):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def infer(body_path, embed_path, repeat, long=False):
    seqs = sorted(sample_pairs(long=long), key=len)
    emb, body = session(embed_path), session(body_path)
    best, best_cpu = 0.0, 0.0
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        for i in range(0, len(seqs), 32):
            ids, am = pad_batch(seqs[i:i + 32])
            we = emb.run(None, {"input_ids": ids})[0]
            body.run(None, {"word_embeddings": we, "attention_mask": am})
        best = max(best, len(seqs) / (time.perf_counter() - t))
        # CPU seconds / 2 cores: what the wall time would be on two idle cores (spinning is off, so CPU time is work)
        best_cpu = max(best_cpu, len(seqs) / ((time.process_time() - c) / 2))
    print(f"{os.path.basename(body_path)}{' long' if long else ''}: {best:.1f} pairs/s wall (best of {repeat}), "
          f"{best_cpu:.1f} pairs/s from CPU time / 2, mean tokens/pair {np.mean([len(s) for s in seqs]):.1f}")


def train(n_layers, bf16, steps, batch):
    import torch
    from model import QEModel, WordTable, load_e5_onnx
    torch.set_num_threads(2)
    w = load_e5_onnx(ENCODER)
    table = WordTable(w.pop("word_embeddings"))
    m = QEModel(n_layers).init_from_e5(w).train()
    opt = torch.optim.AdamW([p for p in m.parameters()], lr=1e-5)
    seqs = sample_pairs(batch * (steps + 2))
    done, t, c = 0, None, None
    for s in range(steps + 2):
        if s == 2:
            t, c = time.perf_counter(), time.process_time()
        ids, am = pad_batch(seqs[s * batch:(s + 1) * batch])
        ids, am = torch.from_numpy(ids), torch.from_numpy(am)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            sent, tok = m(table(ids), am)
        loss = sent.float().pow(2).mean() + tok.float().pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if s >= 2:
            done += batch
    print(f"train L{n_layers} bf16={bf16}: {done / (time.perf_counter() - t):.1f} ex/s wall, "
          f"{done / ((time.process_time() - c) / 2):.1f} ex/s from CPU time / 2 (batch {batch})")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["infer", "train"])
    ap.add_argument("args", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--bf16", action="store_true")
    ap.add_argument("--long", action="store_true")
    ap.add_argument("--steps", type=int, default=8)
    ap.add_argument("--batch", type=int, default=16)
    a = ap.parse_args()
    if a.mode == "infer":
        infer(a.args[0], a.args[1], a.repeat, a.long)
    else:
        train(int(a.args[0]), a.bf16, a.steps, a.batch)
