"""Split the shipped encoder (models/encoder/e5-small.w8g4.onnx) into embed.onnx and e5-body.onnx by graph surgery.

embed.onnx:   input_ids int64 [B,T] -> word_embeddings f32 [B,T,384] (the 4-bit GatherBlockQuantized lookup, nothing else)
e5-body.onnx: word_embeddings f32 [B,T,384], attention_mask int64 [B,T] -> token_embeddings, sentence_embedding, ner_logits

The e5 graph derives position ids as arange(T) (BERT style, not XLM-R's cumsum over non-pad ids) and token
types as zeros([B,T]); both need only the shape of input_ids, so the body takes that shape from
word_embeddings (Shape with end=2) and needs no input_ids. One copy of the 250,002-row table (in
embed.onnx) then serves both the e5 body and the QE body.

usage: split_encoder.py ENCODER_ONNX OUT_DIR [--verify N_SENTENCES]   (verification: embed->body must equal the
original bit for bit at batch sizes 1 and 16 on real MLQE sentences)
"""
import argparse, os, sys
import numpy as np
import onnx
from onnx import helper, TensorProto

WORD_GATHER_OUT = "/m/embeddings/word_embeddings/Gather_output_0"


def _consumers(g, name):
    return [n for n in g.node if name in n.input]


def split(src_path, out_dir):
    m = onnx.load(src_path)
    g = m.graph
    word = [n for n in g.node if n.op_type == "GatherBlockQuantized" and WORD_GATHER_OUT in n.output]
    assert len(word) == 1, "word-embedding GatherBlockQuantized not found"
    word = word[0]
    inits = {i.name: i for i in g.initializer}
    table = [inits[x] for x in word.input if x in inits]

    # --- embed.onnx: the single lookup node
    emb_node = helper.make_node(word.op_type, list(word.input), ["word_embeddings"], name=word.name, domain=word.domain)
    emb_node.attribute.extend(word.attribute)
    eg = helper.make_graph([emb_node], "e5_embed",
                           [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"])],
                           [helper.make_tensor_value_info("word_embeddings", TensorProto.FLOAT, ["batch", "seq", 384])],
                           initializer=table)
    em = helper.make_model(eg, opset_imports=list(m.opset_import), ir_version=m.ir_version, producer_name="mtlint-split")
    onnx.checker.check_model(em)

    # --- e5-body.onnx: everything else; input_ids was only used for its shape (and the word lookup)
    users = [n for n in _consumers(g, "input_ids") if n is not word]
    assert all(n.op_type == "Shape" and not n.attribute for n in users), [(n.op_type, n.name) for n in users]
    body_nodes = []
    shape_done = False
    for n in g.node:
        if n is word:
            continue
        if n in users:
            # Shape(input_ids) == Shape(word_embeddings)[0:2]; one node feeds every former user.
            if not shape_done:
                body_nodes.append(helper.make_node("Shape", ["word_embeddings"], ["body_input_shape"], name="/body/Shape", start=0, end=2))
                shape_done = True
            body_nodes.append(helper.make_node("Identity", ["body_input_shape"], list(n.output), name=n.name + "/from_embeddings"))
            continue
        body_nodes.append(n)
    for n in body_nodes:
        for i, x in enumerate(n.input):
            if x == WORD_GATHER_OUT:
                n.input[i] = "word_embeddings"
    used = {x for n in body_nodes for x in n.input}
    body_inits = [i for i in g.initializer if i.name in used]
    inputs = [helper.make_tensor_value_info("word_embeddings", TensorProto.FLOAT, ["batch", "seq", 384])] + \
             [i for i in g.input if i.name == "attention_mask"]
    bg = helper.make_graph(body_nodes, "e5_body", inputs, list(g.output), initializer=body_inits)
    bm = helper.make_model(bg, opset_imports=list(m.opset_import), ir_version=m.ir_version, producer_name="mtlint-split")
    onnx.checker.check_model(bm)
    os.makedirs(out_dir, exist_ok=True)
    ep, bp = os.path.join(out_dir, "embed.onnx"), os.path.join(out_dir, "e5-body.onnx")
    onnx.save(em, ep)
    onnx.save(bm, bp)
    return ep, bp


def _session(path):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = 2
    so.inter_op_num_threads = 1
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def verify(src_path, ep, bp, sentences, tok_path):
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(tok_path)
    full, emb, body = _session(src_path), _session(ep), _session(bp)
    enc = [[0] + tok.encode(s, add_special_tokens=False).ids[:254] + [2] for s in sentences]
    worst = {}
    for bs in (1, 16):
        n_cmp = 0
        for i in range(0, len(enc), bs):
            chunk = enc[i:i + bs]
            T = max(len(x) for x in chunk)
            ids = np.full((len(chunk), T), 1, np.int64)
            am = np.zeros((len(chunk), T), np.int64)
            for r, x in enumerate(chunk):
                ids[r, :len(x)] = x
                am[r, :len(x)] = 1
            ref = full.run(None, {"input_ids": ids, "attention_mask": am})
            we = emb.run(None, {"input_ids": ids})[0]
            out = body.run(None, {"word_embeddings": we, "attention_mask": am})
            for name, a, b in zip(["token_embeddings", "sentence_embedding", "ner_logits"], ref, out):
                same = a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()
                if not same:
                    worst[(bs, name)] = max(worst.get((bs, name), 0.0), float(np.abs(a - b).max()))
                n_cmp += 1
        print(f"batch {bs}: {len(enc)} sentences, {n_cmp} output tensors compared; "
              f"{'all bit-identical' if not any(k[0] == bs for k in worst) else 'DIFFERENCES'}")
    if worst:
        print("max abs diff:", worst)
        return False
    return True


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("encoder")
    ap.add_argument("out_dir")
    ap.add_argument("--verify", type=int, default=0, help="number of MLQE sentences to compare")
    ap.add_argument("--tokenizer", default=None)
    a = ap.parse_args()
    ep, bp = split(a.encoder, a.out_dir)
    print("wrote", ep, os.path.getsize(ep), "bytes;", bp, os.path.getsize(bp), "bytes")
    if a.verify:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from data import verification_sentences
        tok_path = a.tokenizer or os.path.join(os.path.dirname(a.encoder), "tokenizer.json")
        ok = verify(a.encoder, ep, bp, verification_sentences(a.verify), tok_path)
        sys.exit(0 if ok else 1)
