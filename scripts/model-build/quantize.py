"""Weight-only block-32 quantization (MatMulNBits / GatherBlockQuantized) of an fp32 ONNX model; never dynamic int8.
Weight-only block-32 quantization, batch-independent (per-block activation quantization inside MatMulNBits).
usage: in out MODE
  w8g4  : all MatMul 8-bit (accuracy_level 4), embedding Gather 4-bit  (encoders; LM with 8-bit lm_head)
  w8h4  : all MatMul 8-bit except the LM head (4-bit), embedding Gather 4-bit
  w4    : all MatMul + Gather 4-bit"""
import logging, sys, onnx
from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer, DefaultWeightOnlyQuantConfig
logging.getLogger("onnxruntime.quantization.matmul_nbits_quantizer").setLevel(logging.WARNING)
src, dst, mode = sys.argv[1:4]
m = onnx.load(src)
def run(model, bits, ops, axes, exclude=None, include=None):
    q = MatMulNBitsQuantizer(model, bits=bits, block_size=32, is_symmetric=True, accuracy_level=4,
                             nodes_to_exclude=exclude, nodes_to_include=include, op_types_to_quantize=ops, quant_axes=axes)
    q.process(); return q.model.model
head = [n.name for n in m.graph.node if n.op_type == "MatMul" and "lm_head" in n.name]
if mode == "w4":
    m = run(m, 4, ("MatMul", "Gather"), (("MatMul", 0), ("Gather", 1)))
else:
    m = run(m, 8, ("MatMul",), (("MatMul", 0),), exclude=head if mode == "w8h4" else None)
    m = run(m, 4, ("MatMul", "Gather") if mode == "w8h4" else ("Gather",), (("MatMul", 0), ("Gather", 1)))
onnx.save(m, dst); print("done", dst)
