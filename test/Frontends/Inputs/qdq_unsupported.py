"""QDQ ConvTranspose models that tconv-import rejects
(test/Frontends/onnx-qdq.test), one per NAME, written as OUTDIR/NAME.onnx:

  zero-points   per-axis weight zero points that differ
  axis0         per-axis weight scales on axis 0 (input channels)
  float8        QuantizeLinear to FLOAT8E4M3FN (data type 17, which
                Debian's onnx 1.12 stores but does not name)
  dynamic-weight  the weight's DequantizeLinear reads a graph input
  float-output  no QuantizeLinear after the ConvTranspose
  float-input   a float input with a dequantized weight

usage: qdq_unsupported.py OUTDIR
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def build(name):
    inits = []

    def const(tensor_name, value):
        inits.append(numpy_helper.from_array(np.asarray(value), tensor_name))
        return tensor_name

    w_scale, w_zero_point, axis = np.float32(0.01), np.int8(0), 1
    if name == "zero-points":
        w_scale, w_zero_point = np.full(3, 0.01, np.float32), np.int8([1, 2, 1])
    elif name == "axis0":
        w_scale, w_zero_point, axis = np.full(4, 0.01, np.float32), np.zeros(4, np.int8), 0
    weight = np.arange(36, dtype=np.int8).reshape(4, 3, 3)
    graph_inputs = [helper.make_tensor_value_info("x", TensorProto.UINT8, [1, 4, 5])]
    if name == "dynamic-weight":
        graph_inputs.append(helper.make_tensor_value_info("w", TensorProto.INT8, [4, 3, 3]))
    else:
        const("w", weight)
    nodes = [helper.make_node("DequantizeLinear", ["w", const("sw", w_scale),
                                                  const("zw", w_zero_point)],
                              ["wd"], name="dq_w", axis=axis)]
    x = "x"
    if name == "float-input":
        graph_inputs[0] = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 5])
    else:
        nodes.append(helper.make_node("DequantizeLinear", ["x", const("sx", np.float32(0.02)),
                                                           const("zx", np.uint8(3))], ["xd"]))
        x = "xd"
    nodes.append(helper.make_node("ConvTranspose", [x, "wd"], ["yf"], name="up", strides=[2]))
    y, y_type = "yf", TensorProto.FLOAT
    if name != "float-output":
        zy = numpy_helper.from_array(np.uint8(0), "zy")
        if name == "float8":
            zy.data_type, y_type = 17, 17
        else:
            y_type = TensorProto.UINT8
        inits.append(zy)
        nodes.append(helper.make_node("QuantizeLinear", ["yf", const("sy", np.float32(0.05)),
                                                         "zy"], ["y"], name="q"))
        y = "y"
    graph = helper.make_graph(nodes, name, graph_inputs,
                              [helper.make_tensor_value_info(y, y_type, [1, 3, 11])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


if __name__ == "__main__":
    for name in ("zero-points", "axis0", "float8", "dynamic-weight",
                 "float-output", "float-input"):
        onnx.save(build(name), os.path.join(sys.argv[1], name + ".onnx"))
