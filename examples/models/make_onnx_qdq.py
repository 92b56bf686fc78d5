#!/usr/bin/python3
"""Writes a small quantized ONNX model in QDQ form (DequantizeLinear ->
ConvTranspose -> QuantizeLinear) for tconv-import (docs/tutorials/onnx.md,
test/Frontends). Seeded scales, zero points and int8 weights; onnx.helper
only.

usage: make_onnx_qdq.py OUT.onnx

Graph inputs x (1, 4, 5, 5) uint8, x1d (1, 6, 7) uint8, x3d (1, 2, 3, 3, 3)
int8, xi (1, 3, 4, 5) int8:
  up1   2-D u8, per-tensor weight scale, stride 2, pads [1, 2, 0, 1],
        int32 bias (scale x_scale * w_scale)                 -> uint8
  up2   2-D on up1's output, per-axis weight scales, group 3, dilation 2,
        output_padding 1, float bias                         -> int8
  up1d  1-D u8, per-axis weight scales, group 2, stride 3, int32 bias with
        per-axis scales x_scale * w_scale[c]                 -> uint8
  up3d  3-D i8, weight zero point -3, stride [1, 2, 2], pads
        [1, 0, 1, 0, 1, 1], int32 bias of another scale      -> int8
  upi   2-D i8 without input zero point, per-axis weight scales and zero
        points (all 2), auto_pad SAME_UPPER, no bias          -> uint8
"""

import argparse

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def build():
    rng = np.random.default_rng(11)
    inits, nodes = [], []

    def const(name, value):
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def dequantize(name, q, scale, zero_point=None, axis=None):
        inputs = [q, const(name + ".scale", np.float32(scale))]
        if zero_point is not None:
            inputs.append(const(name + ".zero_point", zero_point))
        nodes.append(helper.make_node("DequantizeLinear", inputs, [name],
                                      name=name, **({} if axis is None
                                                    else {"axis": axis})))
        return name

    def layer(name, x, x_scale, x_zero_point, w_shape, per_axis=False,
              w_zero_point=0, bias=None, y_type=np.uint8, y_zero_point=0,
              **attrs):
        """DequantizeLinear(x) -> ConvTranspose -> QuantizeLinear; bias
        "int32" (scale x_scale * w_scale), "other" (int32, another scale),
        "float" or None."""
        groups = attrs.get("group", 1)
        w_q = const(name + ".weight", rng.integers(-128, 128, w_shape,
                                                    dtype=np.int8))
        cog = w_shape[1]
        w_scale = np.float32(rng.uniform(0.002, 0.02, cog if per_axis else None))
        zp = (np.full(cog, w_zero_point, np.int8) if per_axis
              else np.int8(w_zero_point))
        inputs = [dequantize(name + ".x", x, x_scale, x_zero_point),
                  dequantize(name + ".w", w_q, w_scale, zp,
                             1 if per_axis else None)]
        cout = cog * groups
        if bias in ("int32", "other"):
            b_scale = (np.tile(np.float32(x_scale) * w_scale, groups)
                       if bias == "int32" else np.float32(0.0007))
            b_q = const(name + ".bias", rng.integers(-3000, 3000, cout,
                                                     dtype=np.int32))
            inputs.append(dequantize(name + ".b", b_q, b_scale,
                                     axis=0 if np.ndim(b_scale) else None))
        elif bias == "float":
            inputs.append(const(name + ".bias", rng.uniform(
                -2, 2, cout).astype(np.float32)))
        nodes.append(helper.make_node("ConvTranspose", inputs, [name + ".y"],
                                      name=name, **attrs))
        # About 60 output steps per standard deviation of the result: some
        # saturate.
        taps = w_shape[0] // groups * np.prod(w_shape[2:])
        y_scale = np.float32(x_scale * np.max(w_scale) * 74 ** 2 *
                             np.sqrt(taps) / 150)
        nodes.append(helper.make_node(
            "QuantizeLinear", [name + ".y", const(name + ".y_scale", y_scale),
                               const(name + ".y_zero_point",
                                     y_type(y_zero_point))], [name + ".q"],
            name=name + ".quantize"))
        return name + ".q", y_scale, y_type(y_zero_point)

    y, scale, zero_point = layer(
        "up1", "x", 0.031, np.uint8(120), [4, 6, 3, 3], bias="int32",
        y_zero_point=128, strides=[2, 2], pads=[1, 2, 0, 1])
    y, _, _ = layer(
        "up2", y, scale, zero_point, [6, 2, 3, 3], per_axis=True,
        bias="float", y_type=np.int8, y_zero_point=-5, strides=[2, 2],
        group=3, dilations=[2, 2], output_padding=[1, 1], pads=[2, 2, 2, 2])
    y1, _, _ = layer(
        "up1d", "x1d", 0.017, np.uint8(3), [6, 3, 4], per_axis=True,
        bias="int32", y_zero_point=100, strides=[3], group=2)
    y3, _, _ = layer(
        "up3d", "x3d", 0.023, np.int8(-10), [2, 3, 3, 3, 3], w_zero_point=-3,
        bias="other", y_type=np.int8, y_zero_point=7, strides=[1, 2, 2],
        pads=[1, 0, 1, 0, 1, 1])
    yi, _, _ = layer(
        "upi", "xi", 0.011, None, [3, 4, 2, 3], per_axis=True,
        w_zero_point=2, y_zero_point=60, strides=[2, 2], auto_pad="SAME_UPPER")
    value = lambda name, elem, dims: helper.make_tensor_value_info(name, elem, dims)
    graph = helper.make_graph(
        nodes, "qdq",
        [value("x", TensorProto.UINT8, [1, 4, 5, 5]),
         value("x1d", TensorProto.UINT8, [1, 6, 7]),
         value("x3d", TensorProto.INT8, [1, 2, 3, 3, 3]),
         value("xi", TensorProto.INT8, [1, 3, 4, 5])],
        [value(name, elem, [f"{name}_{i}" for i in range(rank)])  # inferred
         for name, elem, rank in ((y, TensorProto.INT8, 4),
                                  (y1, TensorProto.UINT8, 3),
                                  (y3, TensorProto.INT8, 5),
                                  (yi, TensorProto.UINT8, 4))], inits)
    # Opset 13: per-axis DequantizeLinear.
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model)
    return model


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output")
    args = parser.parse_args()
    onnx.save(build(), args.output)
