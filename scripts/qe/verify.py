"""Reproducibility and export checks for a finished run; results go into OUT/qe-result.json under "verification".

1. re-export: export RUN/final.pt again into a scratch dir; the w8 file must have the same sha256 as OUT/qe-body.w8.onnx.
2. export fidelity: torch (fp32, eval mode) vs qe-body.fp32.onnx vs qe-body.w8.onnx on MLQE-PE dev pairs (max abs
   difference of the raw outputs; the fp32 graph should agree to ~1e-6, the 8-bit one to ~1e-2).
3. --resume: copy the older of the two kept checkpoints into a scratch dir, let train.py (or contrast.py, for a
   stage-2 or stage-3 run) finish the run from there,
   and compare the resulting final.pt with RUN/final.pt tensor by tensor (bit-exact on the same machine and threads).

usage: verify.py RUN_DIR OUT_DIR [--resume] [--n 300]
"""
import argparse, glob, json, os, shutil, subprocess, sys, tempfile

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ENCODER, encode_pair, load_tokenizer, pad_batch
from eval import Scorer, sha256
from export import export_checkpoint
from model import QEModel, WordTable, load_e5_onnx

HERE = os.path.dirname(os.path.abspath(__file__))


def fidelity(ckpt, fp32, w8, embed, n):
    from data import load_mlqe
    recs, _ = load_mlqe("dev")
    recs = recs[::max(1, len(recs) // n)][:n]
    tok = load_tokenizer()
    ids = [encode_pair(tok, r["src"], r["mt"])[0] for r in recs]
    w = load_e5_onnx(ENCODER)
    table = WordTable(w.pop("word_embeddings"))
    ck = torch.load(ckpt, map_location="cpu", weights_only=False)
    m = QEModel(ck["n_layers"], tok_mix="tok_mix" in ck["model"])
    m.load_state_dict(ck["model"])
    m.eval()
    ts, tt = [], []
    for i in range(0, len(ids), 32):
        a, am = pad_batch(ids[i:i + 32])
        with torch.no_grad():
            s, t = m(table(torch.from_numpy(a)), torch.from_numpy(am))
        ts += list(s.numpy())
        tt += [t[r, :len(ids[i + r])].numpy() for r in range(len(s))]
    out = {"pairs": len(ids), "inputs": "MLQE-PE dev (six pairs), batches of 32"}
    for name, path in (("fp32_onnx", fp32), ("w8_onnx", w8)):
        s, t = Scorer(path, embed).run(ids)
        out[name] = {"max_abs_diff_sentence_vs_torch": float(np.abs(s - np.array(ts)).max()),
                     "max_abs_diff_token_bad_vs_torch": float(max(np.abs(a - b).max() for a, b in zip(t, tt)))}
    return out


def resume_check(run):
    cks = sorted(glob.glob(os.path.join(run, "ckpt-*.pt")))
    ck = torch.load(os.path.join(run, "final.pt"), map_location="cpu", weights_only=False)
    a = ck["args"]
    with tempfile.TemporaryDirectory(dir=os.path.dirname(run)) as tmp:
        shutil.copy(cks[0], tmp)
        if "init" in a:  # a contrast.py run (stage 2 or 3)
            cmd = [sys.executable, os.path.join(HERE, "contrast.py"), tmp, "--init", a["init"], "--steps", str(a["steps"]),
                   "--seed", str(a["seed"]), "--pairs", str(a["pairs"]), "--other", str(a["other"]),
                   "--replay-scale", str(a["replay_scale"]), "--lr", str(a["lr"]), "--head-lr", str(a["head_lr"]),
                   "--ckpt-every", str(a["ckpt_every"]), "--layers", str(a["layers"]),
                   "--mix", str(a.get("mix", 2)), "--bf16", str(a.get("bf16", 1))]
        else:
            cmd = [sys.executable, os.path.join(HERE, "train.py"), a["data"], tmp, "--layers", str(a["layers"]), "--batch",
                   str(a["batch"]), "--seed", str(a["seed"]), "--lr", str(a["lr"]), "--head-lr", str(a["head_lr"]),
                   "--bf16", str(a["bf16"]), "--ckpt-every", str(a["ckpt_every"])]
        subprocess.run(cmd, check=True, capture_output=True)
        new = torch.load(os.path.join(tmp, "final.pt"), map_location="cpu", weights_only=False)["model"]
    diff = max(float((new[k].float() - ck["model"][k].float()).abs().max()) for k in ck["model"])
    return {"resumed_from": os.path.basename(cks[0]), "to_step": ck["step"],
            "bit_identical": all(torch.equal(new[k], ck["model"][k]) for k in ck["model"]), "max_abs_diff": diff}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run")
    ap.add_argument("out")
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--n", type=int, default=300)
    a = ap.parse_args()
    torch.set_num_threads(2)
    res = {}
    with tempfile.TemporaryDirectory(dir=a.out) as tmp:
        torch.manual_seed(0)
        fp, w8 = export_checkpoint(os.path.join(a.run, "final.pt"), tmp)
        shipped = os.path.join(a.out, "qe-body.w8.onnx")
        res["reexport"] = {"sha256_shipped": sha256(shipped), "sha256_reexport": sha256(w8),
                           "fp32_sha256_reexport": sha256(fp)}
        res["reexport"]["identical"] = res["reexport"]["sha256_shipped"] == res["reexport"]["sha256_reexport"]
        print("re-export", res["reexport"], flush=True)
        res["export_fidelity"] = fidelity(os.path.join(a.run, "final.pt"), fp, w8, os.path.join(a.out, "embed.onnx"), a.n)
        print("fidelity", res["export_fidelity"], flush=True)
    if a.resume:
        res["resume_reproduction"] = resume_check(a.run)
        print("resume", res["resume_reproduction"], flush=True)
    path = os.path.join(a.out, "qe-result.json")
    doc = json.load(open(path)) if os.path.exists(path) else {}
    doc.setdefault("verification", {}).update(res)
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
