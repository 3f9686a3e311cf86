"""Export the QE body to ONNX and quantize it weight-only (8-bit MatMulNBits, block 32, symmetric, accuracy_level 0).

qe-body.w8.onnx: inputs  word_embeddings f32 [B,T,384] (= embed.onnx output), attention_mask int64 [B,T]
                 outputs sentence f32 [B,5] (raw: major, critical, da_z, hter, mqm), token_bad f32 [B,T] (raw BAD logits)
Positions are arange(T), as in e5-body.onnx, so no input_ids are needed.

usage: export.py CHECKPOINT OUT_DIR            (writes qe-body.fp32.onnx and qe-body.w8.onnx)
       export.py --untrained N_LAYERS OUT_DIR  (e5 init, for speed measurements)
"""
import argparse, hashlib, logging, os, sys

import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ENCODER
from model import HEADS, QEModel, load_e5_onnx


def export_fp32(model, path):
    model = model.eval().float()
    we = torch.zeros(2, 7, 384)
    am = torch.tensor([[1] * 7, [1] * 4 + [0] * 3])
    with torch.no_grad():
        torch.onnx.export(model, (we, am), path, input_names=["word_embeddings", "attention_mask"],
                          output_names=["sentence", "token_bad"],
                          dynamic_axes={"word_embeddings": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                                        "sentence": {0: "batch"}, "token_bad": {0: "batch", 1: "seq"}},
                          opset_version=18, do_constant_folding=True)


def quantize_w8(src, dst):
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer
    logging.getLogger("onnxruntime.quantization.matmul_nbits_quantizer").setLevel(logging.WARNING)
    m = onnx.load(src)
    q = MatMulNBitsQuantizer(m, bits=8, block_size=32, is_symmetric=True, accuracy_level=0,
                             op_types_to_quantize=("MatMul",), quant_axes=(("MatMul", 0),))
    q.process()
    qm = q.model.model
    qm.doc_string = "mtlint QE body; sentence columns: " + ",".join(HEADS)
    onnx.save(qm, dst)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()


def export_checkpoint(ckpt_path, out_dir, name="qe-body"):
    ck = torch.load(ckpt_path, map_location="cpu", weights_only=False)
    model = QEModel(ck["n_layers"], tok_mix="tok_mix" in ck["model"])
    model.load_state_dict(ck["model"])
    os.makedirs(out_dir, exist_ok=True)
    fp = os.path.join(out_dir, f"{name}.fp32.onnx")
    w8 = os.path.join(out_dir, f"{name}.w8.onnx")
    export_fp32(model, fp)
    quantize_w8(fp, w8)
    return fp, w8


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("ckpt", nargs="?")
    ap.add_argument("out_dir")
    ap.add_argument("--untrained", type=int, default=0)
    a = ap.parse_args()
    torch.manual_seed(0)
    if a.untrained:
        m = QEModel(a.untrained).init_from_e5(load_e5_onnx(ENCODER))
        os.makedirs(a.out_dir, exist_ok=True)
        fp = os.path.join(a.out_dir, f"qe-body-L{a.untrained}.fp32.onnx")
        w8 = os.path.join(a.out_dir, f"qe-body-L{a.untrained}.w8.onnx")
        export_fp32(m, fp)
        quantize_w8(fp, w8)
    else:
        fp, w8 = export_checkpoint(a.ckpt, a.out_dir)
    print("wrote", w8, os.path.getsize(w8), "bytes sha256", sha256(w8))
