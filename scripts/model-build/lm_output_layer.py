"""Rewrite the quantized LM scorer's output layer so it holds fewer [B,T,49152] float tensors.

usage: lm_output_layer.py IN.onnx OUT.onnx   (build-models.sh runs it after quantize.py)


Before: hidden[B,T,576] -> lm_head -> logits[B,T,V] -> Slice(:, :-1) -> LogSoftmax -> GatherElements (token_logprob)
                                                                        \-> Exp -> Mul -> ReduceSum -> Neg (entropy)
After:  hidden -> Slice(:, :-1) -> lm_head -> LogSoftmax L -> GatherElements (token_logprob)
                                          \-> Exp P ; entropy = -(P[N,1,V] @ L[N,V,1])
The slice moves before the 49,152-wide projection (no [B,T,V] copy) and the Mul + ReduceSum pair
becomes one MatMul (no third [B,T,V] tensor)."""
import sys, onnx
from onnx import helper, TensorProto, numpy_helper
import numpy as np
src, dst = sys.argv[1], sys.argv[2]
m = onnx.load(src)
g = m.graph
byout = {o: n for n in g.node for o in n.output}
head = byout['/m/lm_head/MatMul_output_0']
slice_logits = next(n for n in g.node if n.op_type == 'Slice' and n.input[0] == '/m/lm_head/MatMul_output_0')
logsm = byout['/LogSoftmax_output_0']
exp = byout['/Exp_output_0']; mul = byout['/Mul_output_0']; rsum = byout['/ReduceSum_output_0']; neg = byout['entropy']
# 1. slice the hidden states instead of the logits
hid = head.input[0]
slice_logits.input[0] = hid
slice_logits.output[0] = '/hidden_sliced'
head.input[0] = '/hidden_sliced'
head.output[0] = '/logits_sliced'
logsm.input[0] = '/logits_sliced'
# move the head after the slice in topological order
nodes = list(g.node)
nodes.remove(head)
nodes.insert(nodes.index(slice_logits) + 1, head)
# 2. entropy = -(P . L) via MatMul on [B,T-1,1,V] x [B,T-1,V,1]
for n in (mul, rsum):
    nodes.remove(n)
# the ReduceSum's axes (a Constant node) is left without a user
used = {i for n in nodes for i in n.input}
nodes = [n for n in nodes if not (n.op_type == 'Constant' and n.output[0].startswith('onnx::ReduceSum') and n.output[0] not in used)]
c1 = numpy_helper.from_array(np.array([2], dtype=np.int64), '/ax2')
c3 = numpy_helper.from_array(np.array([3], dtype=np.int64), '/ax3')
c23 = numpy_helper.from_array(np.array([2, 3], dtype=np.int64), '/ax23')
g.initializer.extend([c1, c3, c23])
i = nodes.index(neg)
new = [
    helper.make_node('Unsqueeze', ['/Exp_output_0', '/ax2'], ['/P4']),
    helper.make_node('Unsqueeze', ['/LogSoftmax_output_0', '/ax3'], ['/L4']),
    helper.make_node('MatMul', ['/P4', '/L4'], ['/PL']),
    helper.make_node('Squeeze', ['/PL', '/ax23'], ['/ReduceSum_output_0']),
]
nodes[i:i] = new
del g.node[:]
g.node.extend(nodes)
onnx.checker.check_model(m)
onnx.save(m, dst)
print(f'rewrote the output layer: {src} -> {dst}')
