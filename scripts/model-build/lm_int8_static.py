"""Measures static int8 (QDQ, fixed scales) for the LM scorer: speed and log-probability error.

usage: lm_int8_static.py LM.onnx TOKENIZER.json CALIB.tsv:COLUMN EVAL.tsv:COLUMN WORKDIR [EXCLUDE...]

An experiment for issue 16 (BENCHMARKS.md, *Speed and memory*), not a build step: nothing it
writes is shipped. It
1. turns every 4-bit `MatMulNBits` of LM.onnx (the shipped scorer, or the file before
   `lm_optimize.py`) back into a float32 `MatMul` (the dequantized weights are exact), and checks
   that this float model scores like the 4-bit one;
2. quantizes the float model with `onnxruntime.quantization.quantize_static`: QDQ format, int8
   weights per channel, uint8 activations with one fixed scale per tensor measured (MinMax) on 64
   translations of CALIB (training data, never the bench), weight MatMuls only. Fixed scales keep
   a sentence's scores independent of its batch mates, which dynamic quantization would not;
   MatMul nodes whose name contains an EXCLUDE word (e.g. `down_proj`, `lm_head`) stay float;
3. scores the first 300 texts of EVAL with each model (2 threads, length-sorted batches of at
   most 256 tokens, as mtlint) and prints sentences/s and the mean and max |Δ log p| per token
   against the float model.
Needs the model-build venv (onnx, onnxruntime, tokenizers).
"""

import csv
import os
import sys
import time

import numpy as np
import onnx
import onnxruntime as ort
from onnx import helper, numpy_helper
from onnxruntime.quantization import (
    CalibrationDataReader,
    CalibrationMethod,
    QuantFormat,
    QuantType,
    quantize_static,
)
from tokenizers import Tokenizer


def column(spec, n):
    path, col = spec.rsplit(":", 1)
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [r[col] for _, r in zip(range(n), rows)]


def dequantize(src, dst):
    m = onnx.load(src)
    inits = {i.name: i for i in m.graph.initializer}
    nodes, extra, drop = [], [], set()
    for n in m.graph.node:
        if n.op_type != "MatMulNBits":
            nodes.append(n)
            continue
        at = {a.name: helper.get_attribute_value(a) for a in n.attribute}
        k, nn, bs = at["K"], at["N"], at["block_size"]
        assert at.get("bits", 4) == 4 and len(n.input) == 3, n.name
        q = numpy_helper.to_array(inits[n.input[1]])  # [N, K/bs, bs/2], low nibble first
        sc = numpy_helper.to_array(inits[n.input[2]]).reshape(nn, -1)
        vals = np.stack([q & 0x0F, q >> 4], axis=-1).reshape(nn, k // bs, bs)
        w = ((vals.astype(np.float32) - 8.0) * sc[:, :, None]).reshape(nn, k)
        name = n.input[1] + "_fp32"
        extra.append(numpy_helper.from_array(np.ascontiguousarray(w.T), name))
        drop.update(n.input[1:3])
        nodes.append(helper.make_node("MatMul", [n.input[0], name], list(n.output), name=n.name + "_mm"))
    keep = [i for i in m.graph.initializer if i.name not in drop]
    del m.graph.initializer[:]
    m.graph.initializer.extend(keep + extra)
    del m.graph.node[:]
    m.graph.node.extend(nodes)
    onnx.save(m, dst, save_as_external_data=True, location=os.path.basename(dst) + ".data")


def encode(tok, texts):
    return [[0] + tok.encode(t, add_special_tokens=False).ids[:255] for t in texts]


def batches(ids, max_tokens=256, max_batch=32):
    order = sorted(range(len(ids)), key=lambda i: (len(ids[i]), i))
    groups, cur = [], []
    for i in order:
        width = max(len(ids[j]) for j in cur + [i])
        if cur and (width * (len(cur) + 1) > max_tokens or len(cur) >= max_batch):
            groups.append(cur)
            cur = []
        cur.append(i)
    if cur:
        groups.append(cur)
    out = []
    for g in groups:
        w = max(len(ids[i]) for i in g)
        a = np.full((len(g), w), 2, dtype=np.int64)
        m = np.zeros((len(g), w), dtype=np.int64)
        for r, i in enumerate(g):
            a[r, : len(ids[i])] = ids[i]
            m[r, : len(ids[i])] = 1
        out.append((g, a, m))
    return out


class Calibration(CalibrationDataReader):
    """Fixed-shape batches (4 x 48 tokens, right-padded) of the calibration texts."""

    def __init__(self, ids):
        items = []
        for k in range(0, len(ids) - 3, 4):
            a = np.full((4, 48), 2, dtype=np.int64)
            m = np.zeros((4, 48), dtype=np.int64)
            for r, x in enumerate(ids[k : k + 4]):
                x = x[:48]
                a[r, : len(x)] = x
                m[r, : len(x)] = 1
            items.append({"input_ids": a, "attention_mask": m})
        self.it = iter(items)

    def get_next(self):
        return next(self.it, None)


def score(path, bs):
    so = ort.SessionOptions()
    so.intra_op_num_threads = 2
    s = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    run = lambda b: s.run(["token_logprob"], {"input_ids": b[1], "attention_mask": b[2]})[0]
    for b in bs[:3]:
        run(b)
    lp, t = {}, time.time()
    for b in bs:
        o = run(b)
        for r, i in enumerate(b[0]):
            lp[i] = o[r, : int(b[2][r].sum()) - 1]
    return lp, time.time() - t


def main():
    lm, tok_path, calib, evals, work, *exclude = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    tok = Tokenizer.from_file(tok_path)
    fp32 = os.path.join(work, "lm_fp32.onnx")
    dequantize(lm, fp32)
    names = [n.name for n in onnx.load(fp32, load_external_data=False).graph.node if n.op_type == "MatMul"]
    excl = [n for n in names if any(e in n for e in exclude)]
    int8 = os.path.join(work, "lm_int8_qdq.onnx")
    for f in (int8, int8 + ".data"):
        if os.path.exists(f):
            os.remove(f)
    quantize_static(
        fp32, int8, Calibration(encode(tok, column(calib, 64))), quant_format=QuantFormat.QDQ,
        per_channel=True, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul"], nodes_to_exclude=excl, calibrate_method=CalibrationMethod.MinMax,
        use_external_data_format=True, extra_options={"MatMulConstBOnly": True},
    )
    texts = column(evals, 300)
    bs = batches(encode(tok, texts))
    ref, _ = score(fp32, bs)
    for name, path in (("4-bit (as given)", lm), ("float32", fp32), (f"int8 QDQ, {len(excl)} MatMuls kept float", int8)):
        lp, dt = score(path, bs)
        d = np.concatenate([np.abs(lp[i] - ref[i]) for i in ref])
        print(f"{name}: {len(texts) / dt:.1f} sentences/s; |dlogp| vs float32 mean {d.mean():.3f} max {d.max():.2f}")


if __name__ == "__main__":
    main()
