#!/usr/bin/python3
"""Writes a small ONNX model with ConvTranspose nodes covering the padding
rules of the operator, for tconv-import (docs/tutorials/onnx.md,
test/Frontends). Seeded weights; onnx.helper only.

usage: make_onnx_decoder.py OUT.onnx [--dynamic-batch]

Graph inputs x (N, 8, 5, 5), x1d (N, 4, 7), x3d (N, 2, 3, 3, 3):
  up1  explicit asymmetric pads [1, 2, 0, 1], stride 2, k 3, bias  -> Relu
  up2  auto_pad SAME_UPPER, stride 2, k 3 (odd total padding)      -> Relu
  up3  auto_pad SAME_LOWER, stride 2, k 3 (odd total padding)
  up4  output_shape [80, 61] (odd total padding in W), output_padding 1,
       group 2, dilation 2, stride 2
  up1d auto_pad VALID, stride 3, depthwise (group 4), bias
  up1d_same  auto_pad SAME_UPPER with output_padding 1 (where onnx 1.12's
       shape inference and the spec's text disagree)
  up3d pads [1, 0, 1, 0, 1, 1], stride [1, 2, 2], k 3
"""

import argparse

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def build(dynamic_batch=False):
    rng = np.random.default_rng(7)
    inits, nodes = [], []

    def const(name, shape):
        inits.append(numpy_helper.from_array(
            rng.uniform(-0.5, 0.5, size=shape).astype(np.float32), name))
        return name

    def conv(name, x, w_shape, bias=True, **attrs):
        inputs = [x, const(name + ".weight", w_shape)]
        if bias:
            inputs.append(const(name + ".bias", [w_shape[1] * attrs.get("group", 1)]))
        nodes.append(helper.make_node("ConvTranspose", inputs, [name], name=name, **attrs))
        return name

    def relu(x):
        nodes.append(helper.make_node("Relu", [x], [x + ".relu"]))
        return x + ".relu"

    y = relu(conv("up1", "x", [8, 6, 3, 3], strides=[2, 2], pads=[1, 2, 0, 1]))
    y = relu(conv("up2", y, [6, 4, 3, 3], bias=False, strides=[2, 2],
                  auto_pad="SAME_UPPER"))
    y = conv("up3", y, [4, 4, 3, 3], strides=[2, 2], auto_pad="SAME_LOWER")
    y = conv("up4", y, [4, 2, 3, 3], strides=[2, 2], group=2, dilations=[2, 2],
             output_padding=[1, 1], output_shape=[80, 61])
    y1 = conv("up1d", "x1d", [4, 1, 2], strides=[3], group=4, auto_pad="VALID")
    y1 = conv("up1d_same", y1, [4, 2, 3], strides=[2], auto_pad="SAME_UPPER",
              output_padding=[1])
    y3 = conv("up3d", "x3d", [2, 3, 3, 3, 3], strides=[1, 2, 2],
              pads=[1, 0, 1, 0, 1, 1])
    n = "N" if dynamic_batch else 1
    value = lambda name, dims: helper.make_tensor_value_info(name, TensorProto.FLOAT, dims)
    graph = helper.make_graph(
        nodes, "decoder",
        [value("x", [n, 8, 5, 5]), value("x1d", [n, 4, 7]), value("x3d", [n, 2, 3, 3, 3])],
        [value(name, [f"{name}_{i}" for i in range(rank)])  # inferred
         for name, rank in ((y, 4), (y1, 3), (y3, 5))], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output")
    parser.add_argument("--dynamic-batch", action="store_true")
    args = parser.parse_args()
    onnx.save(build(args.dynamic_batch), args.output)
