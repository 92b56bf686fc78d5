#!/usr/bin/python3
"""Writes an ONNX model (opset 17, onnx.helper) with what torch.onnx.export
does not write but the whole-model importer reads: Conv with explicit
asymmetric pads, auto_pad SAME_UPPER / SAME_LOWER with odd total padding,
BatchNormalization with its own epsilon, PRelu with a (C, 1, 1) slope,
Pow / Sqrt / Neg / Exp, Clip with only a min, Add of a (1, C, 1, 1)
constant, DepthToSpace DCR, Resize with scales, ConvTranspose with
output_shape, Dropout with a ratio, Identity, Concat on axis -3.

usage: make_onnx_ops.py OUT.onnx [--dynamic-batch]

Input x (N, 4, 7, 6), output y (N, 6, 32, 35).
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main():
    path = sys.argv[1]
    dynamic = "--dynamic-batch" in sys.argv[2:]
    rng = np.random.default_rng(5)
    inits, nodes = [], []

    def const(name, array):
        inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def weight(name, *shape, scale=0.4):
        return const(name, rng.uniform(-scale, scale, shape).astype(np.float32))

    def node(op, inputs, name, **attrs):
        nodes.append(helper.make_node(op, inputs, [name], name=name, **attrs))
        return name

    x = node("Conv", ["x", weight("c1.w", 8, 4, 3, 3), weight("c1.b", 8)],
             "c1", pads=[0, 1, 2, 1])                              # (N,8,7,6)
    x = node("BatchNormalization",
             [x, weight("bn.scale", 8), weight("bn.bias", 8),
              weight("bn.mean", 8, scale=0.2),
              const("bn.var", rng.uniform(0.5, 1.5, 8).astype(np.float32))],
             "bn", epsilon=1e-3)
    x = node("PRelu", [x, weight("prelu.slope", 8, 1, 1)], "prelu")
    x = node("Conv", [x, weight("c2.w", 8, 2, 3, 3)], "c2", group=4,
             strides=[2, 2], auto_pad="SAME_UPPER")                 # (N,8,4,3)
    x = node("Conv", [x, weight("c3.w", 8, 8, 2, 2), weight("c3.b", 8)], "c3",
             auto_pad="SAME_LOWER")                                 # (N,8,4,3)
    s = node("Pow", [x, const("two", np.float32(2))], "pow")
    s = node("Add", [s, const("one", np.float32(1))], "add1")
    s = node("Exp", [node("Neg", [node("Sqrt", [s], "sqrt")], "neg")], "exp")
    l = node("LeakyRelu", [x], "lrelu", alpha=0.3)
    l = node("Clip", [l, const("lo", np.float32(-0.1))], "clip")
    l = node("Add", [l, weight("offset", 1, 8, 1, 1)], "add_offset")
    l = node("Mul", [l, const("half", np.float32(0.5))], "mul_half")
    x = node("Concat", [s, l], "cat", axis=-3)                      # (N,16,4,3)
    x = node("DepthToSpace", [x], "d2s", blocksize=2)               # (N,4,8,6)
    x = node("Resize", [x, "", const("scales", np.array(
        [1, 1, 2, 3], np.float32))], "resize", mode="nearest",
        coordinate_transformation_mode="asymmetric", nearest_mode="floor")
    x = node("Dropout", [x, const("ratio", np.float32(0.5))], "dropout")
    x = node("Identity", [x], "identity")                           # (N,4,16,18)
    x = node("ConvTranspose", [x, weight("t.w", 4, 3, 3, 3), weight("t.b", 3)],
             "t", strides=[2, 2], output_shape=[32, 35])            # (N,3,32,35)
    node("Concat", [node("Tanh", [x], "tanh"),
                    node("Sigmoid", [x], "sigmoid")], "y", axis=1)
    batch = "N" if dynamic else 1
    graph = helper.make_graph(
        nodes, "ops",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, 4, 7, 6])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [batch, 6, 32, 35])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


if __name__ == "__main__":
    main()
