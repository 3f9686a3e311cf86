"""Continue training a QE body on contrastive pairs: the same source with its clean post-edit and with one major
synthetic error, side by side in a batch, plus replayed real rows and minor slips.

Why: the first model (train.py, pointwise losses, one pass) learnt MLQE-PE's DA and HTER but ranked DEMETR's
single-word meaning errors at chance: a pointwise label says "this pair is bad", never "this pair is worse than
the same pair without the change". A pair loss does, and cancels out how hard the source is.

Start: a train.py checkpoint, or the shipped ONNX (`--init models/qe/qe-body.w8.onnx`, dequantized by
model.load_qe_onnx) when the checkpoint is gone. The model gains `tok_mix` (model.py): the largest BAD logit
joins the `major` output, started at 0 so step 0 reproduces the start model.

Each step: PAIRS base rows of the MLQE-PE train split (prepare.split_heldout, the held-out rows never used), each
as clean + one major kind from MIX (synth.py), + OTHER rows: real rows replayed from prepare.build(scale, synth 0)
(DA, HTER, critical errors, MQM) and minor slips (repeat, typo, adjacent swap; major 0, the slip BAD).
Loss: train.py's masked multi-task losses over all rows + RANK x softplus(1 - (z_err - z_clean)) over the pairs.
Deterministic (seeded rows, kinds and order), checkpoints every 100 steps, resumes from the newest.

Stage 3 is the same loop from stage 2's export with `--mix 3` (MIX3: wider antonyms, fluent additions, gender,
hypernyms).

usage: contrast.py RUN_DIR --init CKPT_OR_ONNX [--steps 1500] [--seed 13] [--pairs 6] [--other 4] [--mix 2|3|4]
"""
import argparse, os, random, sys, time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ENCODER, load_tokenizer, pad_batch
from model import QEModel, WordTable, load_e5_onnx, load_qe_onnx
from prepare import build, example, split_heldout
from synth import Synth
from train import LOSS_W, losses, make_optimizer, resume, save_checkpoint, start_run, update

# Major kinds for the pairs: the meaning errors a fluent translation hides (no unrelated or scrambled
# sentences: the first model already separates those).
MIX = {"negation": 0.12, "antonym": 0.12, "number": 0.10, "name": 0.10, "swap_roles": 0.10, "voice": 0.04,
       "omission": 0.22, "addition": 0.10, "untranslated": 0.04, "tense": 0.06}
# Stage 3 (--mix 3, from stage 2's export): antonyms (wider lexicon), fluent additions, gender and hypernyms, which
# stage 2 left near chance on DEMETR, get a share; the fragment-like `addition` mostly gives way to fluent ones.
MIX3 = {"negation": 0.08, "antonym": 0.14, "number": 0.07, "name": 0.07, "swap_roles": 0.10, "voice": 0.03,
        "omission": 0.16, "addition": 0.03, "fluent_addition": 0.12, "untranslated": 0.03, "tense": 0.04,
        "gender": 0.08, "hypernym": 0.05}
# Stage 3b (--mix 4): stage 2's mix with a smaller share for the new kinds, tried at a lower learning rate to keep
# what stage 2 learnt (omissions, negation).
MIX4 = {"negation": 0.10, "antonym": 0.12, "number": 0.09, "name": 0.09, "swap_roles": 0.09, "voice": 0.03,
        "omission": 0.20, "addition": 0.05, "fluent_addition": 0.07, "untranslated": 0.03, "tense": 0.05,
        "gender": 0.05, "hypernym": 0.03}
MIXES = {2: MIX, 3: MIX3, 4: MIX4}
MINOR = ["repeat", "typo", "adjacent_swap"]
RANK = 1.0


def make_plan(base, replay, steps, n_pairs, n_other, seed, mix=2):
    """Deterministic list of steps; each = (list of (clean, err) records, list of other records)."""
    rng = random.Random(seed)
    s = Synth(base, seed, wide=mix >= 3)
    kinds, weights = zip(*sorted(MIXES[mix].items()))
    order = list(range(len(base)))
    rng.shuffle(order)
    cur, rep = 0, 0
    plan = []
    for _ in range(steps):
        pairs, other = [], []
        while len(pairs) < n_pairs:
            r = base[order[cur % len(order)]]
            cur += 1
            clean = s.make(r, "clean")
            if clean is None:
                continue
            for _ in range(4):  # a few kinds may not apply to this row
                err = s.make(r, rng.choices(kinds, weights)[0])
                if err is not None:
                    pairs.append((clean, err))
                    break
        while len(other) < n_other:
            if rng.random() < 0.75:
                other.append(replay[rep % len(replay)])
                rep += 1
            else:
                rec = s.make(base[order[cur % len(order)]], rng.choice(MINOR))
                cur += 1
                if rec is not None:
                    other.append(rec)
        plan.append((pairs, other))
    return plan


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run_dir")
    ap.add_argument("--init", required=True)
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--pairs", type=int, default=6)
    ap.add_argument("--other", type=int, default=4)
    ap.add_argument("--replay-scale", type=float, default=0.4)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--head-lr", type=float, default=3e-4)
    ap.add_argument("--ckpt-every", type=int, default=100)
    ap.add_argument("--layers", type=int, default=6)
    # bf16 autocast is fast only where the CPU has bf16 instructions (AVX512_BF16, AMX); on an AVX2-only CPU it
    # is emulated and a step takes over a minute, so stage 3 trains in fp32.
    ap.add_argument("--bf16", type=int, default=1, choices=[0, 1])
    ap.add_argument("--mix", type=int, default=2, choices=sorted(MIXES), help="2: stage 2's error mix, 3: stage 3's, 4: stage 3b's")
    a = ap.parse_args()

    say = start_run(a.run_dir, a.seed)

    tok = load_tokenizer()
    base, _, _, _ = split_heldout(a.seed)
    replay = [dict(e) for e in build(a.seed, a.replay_scale, 0.0)]  # already encoded examples
    plan = make_plan(base, replay, a.steps, a.pairs, a.other, a.seed + 7, a.mix)
    enc = lambda r: r if "ids" in r else example(tok, r)

    w = load_e5_onnx(ENCODER)
    table = WordTable(w.pop("word_embeddings"))
    model = QEModel(a.layers, tok_mix=True)
    if a.init.endswith(".onnx"):
        sd = load_qe_onnx(a.init)
    else:
        sd = torch.load(a.init, map_location="cpu", weights_only=False)["model"]
    sd.setdefault("tok_mix", torch.zeros(1))
    model.load_state_dict(sd)
    opt = make_optimizer(model, a.lr, a.head_lr)
    total, warm = a.steps, 50
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / (total - warm))))

    step, ck = resume(a.run_dir, model, opt, sched)
    if ck:
        say(f"resumed from {ck} at step {step}/{total}")
    else:
        say(f"start from {a.init}: {total} steps of {a.pairs} pairs + {a.other} other rows, {len(replay)} replay rows, seed {a.seed}")

    def save(step):
        save_checkpoint(a.run_dir, step, model, opt, sched, total=total, n_layers=a.layers, seed=a.seed, args=vars(a))

    model.train()
    run, t0, n0 = {}, time.time(), step
    while step < total:
        pairs, other = plan[step]
        recs = [enc(c) for c, _ in pairs] + [enc(e) for _, e in pairs] + [enc(o) for o in other]
        ids, am = pad_batch([r["ids"] for r in recs])
        lab = np.full(ids.shape, -1, np.float32)
        for i, r in enumerate(recs):
            lab[i, :len(r["labels"])] = r["labels"]
        tgt = torch.tensor([r["target"] for r in recs], dtype=torch.float32)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bool(a.bf16)):
            sent, tk = model(table(torch.from_numpy(ids)), torch.from_numpy(am))
        sent, tk = sent.float(), tk.float()
        ls = losses(sent, tk, torch.from_numpy(lab), tgt)
        n = len(pairs)
        ls["rank"] = F.softplus(1.0 - (sent[n:2 * n, 0] - sent[:n, 0])).mean()
        loss = sum(LOSS_W.get(k, 1.0) * v for k, v in ls.items() if k != "rank") + RANK * ls["rank"]
        update(model, opt, sched, loss)
        step += 1
        for k, v in ls.items():
            run[k] = 0.95 * run.get(k, v.item()) + 0.05 * v.item()
        if step % 10 == 0 or step == total:
            el = time.time() - t0
            say(f"step {step}/{total} " + " ".join(f"{k} {v:.4f}" for k, v in sorted(run.items())) +
                f" mix {model.tok_mix.item():.3f} | {(step - n0) / el:.2f} steps/s, eta {(total - step) * el / (step - n0) / 60:.0f} min")
        if step % a.ckpt_every == 0 or step == total:
            save(step)
    torch.save({"model": model.state_dict(), "step": step, "n_layers": a.layers, "seed": a.seed, "args": vars(a)},
               os.path.join(a.run_dir, "final.pt"))
    say("done")


if __name__ == "__main__":
    main()
