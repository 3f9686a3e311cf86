"""Fine-tune the QE cross-encoder (masked multi-task), CPU, deterministic, resumable.

One pass over the prepared examples in a seeded order: chunks of 50 batches are length-sorted into
batches (less padding), then the batches are shuffled. A rerun with the same data file and seed resumes
from the newest checkpoint in RUN_DIR and continues the same schedule.

Losses (each over the rows/tokens that carry that label): major, critical: BCE on the logit; da_z: MSE;
hter: 5 x MSE; mqm: 0.5 x MSE on log1p(points); token BAD: BCE over every labelled token of both sides.

usage: train.py DATA.pkl RUN_DIR [--layers 6] [--batch 16] [--seed 13] [--ckpt-every 200] [--max-steps N]
"""
import argparse, glob, json, math, os, pickle, random, sys, time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ENCODER, pad_batch
from model import HEADS, QEModel, WordTable, load_e5_onnx

LOSS_W = {"major": 1.0, "critical": 1.0, "da_z": 1.0, "hter": 5.0, "mqm": 0.5}
BINARY = {"major", "critical"}


def batches(exs, batch, seed):
    rng = random.Random(seed)
    idx = list(range(len(exs)))
    rng.shuffle(idx)
    out, chunk = [], batch * 50
    for c in range(0, len(idx), chunk):
        part = sorted(idx[c:c + chunk], key=lambda i: len(exs[i]["ids"]))
        out += [part[i:i + batch] for i in range(0, len(part), batch)]
    rng.shuffle(out)
    return out


def collate(exs, b):
    ids, am = pad_batch([exs[i]["ids"] for i in b])
    lab = np.full(ids.shape, -1, np.float32)
    for r, i in enumerate(b):
        lab[r, :len(exs[i]["labels"])] = exs[i]["labels"]
    tgt = np.array([exs[i]["target"] for i in b], np.float32)
    return torch.from_numpy(ids), torch.from_numpy(am), torch.from_numpy(lab), torch.from_numpy(tgt)


def losses(sent, tok, lab, tgt):
    out = {}
    for j, h in enumerate(HEADS):
        m = ~torch.isnan(tgt[:, j])
        if m.any():
            p, y = sent[m, j], tgt[m, j]
            out[h] = F.binary_cross_entropy_with_logits(p, y) if h in BINARY else F.mse_loss(p, y)
    m = lab >= 0
    if m.any():
        out["token"] = F.binary_cross_entropy_with_logits(tok[m], lab[m])
    return out


def start_run(run_dir, seed):
    """Two deterministic torch threads seeded with `seed`, run_dir made; returns a logger that writes each line to
    stdout and to run_dir/train.log."""
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(seed)
    os.makedirs(run_dir, exist_ok=True)
    log = open(os.path.join(run_dir, "train.log"), "a", buffering=1)

    def say(msg):
        line = f"[{time.strftime('%Y-%m-%d %H:%M:%S')}] {msg}"
        print(line, flush=True)
        log.write(line + "\n")
    return say


def make_optimizer(model, lr, head_lr):
    """AdamW in three groups: body matrices (weight decay 0.01), other body weights (none), and the heads with
    tok_mix where the model has it, at head_lr."""
    head_params = list(model.sent.parameters()) + list(model.tok.parameters())
    if model.tok_mix is not None:
        head_params.append(model.tok_mix)
    head_ids = {id(p) for p in head_params}
    body = [p for p in model.parameters() if id(p) not in head_ids]
    return torch.optim.AdamW([
        {"params": [p for p in body if p.dim() > 1], "lr": lr, "weight_decay": 0.01},
        {"params": [p for p in body if p.dim() <= 1], "lr": lr, "weight_decay": 0.0},
        {"params": head_params, "lr": head_lr, "weight_decay": 0.0}], foreach=True)


def update(model, opt, sched, loss):
    """One optimizer step on `loss`, gradients clipped to norm 1, then the schedule's step."""
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()


def resume(run_dir, model, opt, sched):
    """Load the newest checkpoint in run_dir into the model, optimizer, schedule and torch's RNG:
    (its step, its path), or (0, None) when there is none."""
    cks = sorted(glob.glob(os.path.join(run_dir, "ckpt-*.pt")))
    if not cks:
        return 0, None
    ck = torch.load(cks[-1], map_location="cpu", weights_only=False)
    model.load_state_dict(ck["model"])
    opt.load_state_dict(ck["opt"])
    sched.load_state_dict(ck["sched"])
    torch.set_rng_state(ck["rng"])
    return ck["step"], cks[-1]


def save_checkpoint(run_dir, step, model, opt, sched, **meta):
    """ckpt-STEP.pt (written whole, then renamed), keeping the newest two; meta goes in beside the states."""
    path = os.path.join(run_dir, f"ckpt-{step:06d}.pt")
    tmp = path + ".tmp"
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                "rng": torch.get_rng_state(), "step": step, **meta}, tmp)
    os.replace(tmp, path)
    for old in sorted(glob.glob(os.path.join(run_dir, "ckpt-*.pt")))[:-2]:
        os.remove(old)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("run_dir")
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--head-lr", type=float, default=4e-4)
    ap.add_argument("--ckpt-every", type=int, default=200)
    ap.add_argument("--max-steps", type=int, default=0, help="stop early (the schedule still assumes the full pass)")
    ap.add_argument("--bf16", type=int, default=1)
    a = ap.parse_args()

    say = start_run(a.run_dir, a.seed)

    with open(a.data, "rb") as f:
        exs = pickle.load(f)
    plan = batches(exs, a.batch, a.seed)
    total = len(plan)
    w = load_e5_onnx(ENCODER)
    table = WordTable(w.pop("word_embeddings"))
    model = QEModel(a.layers).init_from_e5(w)
    opt = make_optimizer(model, a.lr, a.head_lr)
    warm = max(1, int(0.05 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))

    step, ck = resume(a.run_dir, model, opt, sched)
    if ck:
        say(f"resumed from {ck} at step {step}/{total}")
    else:
        say(f"start: {len(exs)} examples, {total} steps of {a.batch}, layers {a.layers}, seed {a.seed}, bf16 {a.bf16}, data {a.data}")

    def save(step):
        save_checkpoint(a.run_dir, step, model, opt, sched, total=total, n_layers=a.layers, seed=a.seed, data=a.data,
                        args=vars(a))

    model.train()
    run, n_ex, t0 = {}, 0, time.time()
    stop = min(total, a.max_steps) if a.max_steps else total
    while step < stop:
        ids, am, lab, tgt = collate(exs, plan[step])
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bool(a.bf16)):
            sent, tok = model(table(ids), am)
        ls = losses(sent.float(), tok.float(), lab, tgt)
        loss = sum(LOSS_W.get(k, 1.0) * v for k, v in ls.items())
        update(model, opt, sched, loss)
        step += 1
        n_ex += len(plan[step - 1])
        for k, v in ls.items():
            run[k] = 0.98 * run.get(k, v.item()) + 0.02 * v.item()
        if step % 25 == 0 or step == stop:
            el = time.time() - t0
            say(f"step {step}/{total} loss {loss.item():.4f} " + " ".join(f"{k} {v:.4f}" for k, v in sorted(run.items())) +
                f" | {n_ex / el:.1f} ex/s, lr {sched.get_last_lr()[0]:.2e}, eta {(total - step) * el / max(1, n_ex) * a.batch / 60:.0f} min")
        if step % a.ckpt_every == 0 or step == stop:
            save(step)
    if step >= total:
        final = os.path.join(a.run_dir, "final.pt")
        torch.save({"model": model.state_dict(), "step": step, "n_layers": a.layers, "seed": a.seed, "data": a.data,
                    "args": vars(a)}, final)
        say(f"done: {final}")


if __name__ == "__main__":
    main()
