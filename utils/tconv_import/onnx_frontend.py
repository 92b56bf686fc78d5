"""ONNX front end: every ConvTranspose node of a model as a tconv layer, its
padding derived from pads / auto_pad / output_shape as the ONNX operator
specification says, checked against ONNX's own shape inference. A node
between DequantizeLinear and QuantizeLinear nodes (QDQ) becomes a quantized
layer (onnx_qdq)."""

import itertools

import numpy as np

from tconv_testing.quantized import qdq_conv_transpose
from tconv_testing.reference import conv_transpose

from . import onnx_qdq
from .mlir import FrontendError, Layer, symbol_name

try:
    import onnx
    from onnx import helper, shape_inference
except ImportError as e:
    raise FrontendError(f"ONNX is not available ({e}); install python3-onnx "
                        f"and use /usr/bin/python3") from None


def spec_pads(in_sizes, kernel, strides, dilations, output_padding, pads,
              auto_pad, output_shape):
    """(pad_begin, pad_end) per spatial dim, from the ConvTranspose spec:
    with output_shape (or auto_pad SAME_*, where output_shape = in * stride)

        total = stride * (in - 1) + output_padding
                + ((kernel - 1) * dilation + 1) - output_shape

    split total // 2 at the begin for SAME_UPPER (the odd one at the end),
    the other way round otherwise; else the explicit pads (VALID: none)."""
    d = len(in_sizes)
    if output_shape is None and auto_pad in ("SAME_UPPER", "SAME_LOWER"):
        output_shape = [i * s for i, s in zip(in_sizes, strides)]
    if output_shape is None:
        if auto_pad == "VALID" or not pads:
            return [0] * d, [0] * d
        return list(pads[:d]), list(pads[d:])
    begin, end = [], []
    for i, k, s, dil, op, o in zip(in_sizes, kernel, strides, dilations,
                                   output_padding, output_shape[-d:]):
        total = s * (i - 1) + op + ((k - 1) * dil + 1) - o
        small, big = total // 2, total - total // 2
        begin.append(small if auto_pad == "SAME_UPPER" else big)
        end.append(big if auto_pad == "SAME_UPPER" else small)
    return begin, end


def _static_shape(value_info):
    dims = value_info.type.tensor_type.shape.dim
    return [d.dim_value if d.HasField("dim_value") else None for d in dims]


def load(path, input_shapes):
    """The model with `input_shapes` ({graph input: shape}) set and shapes
    inferred."""
    try:
        model = onnx.load(path)
    except Exception as e:
        raise FrontendError(f"cannot read ONNX model {path}: {e}") from None
    inputs = {i.name: i for i in model.graph.input}
    for name, shape in input_shapes.items():
        if name not in inputs:
            raise FrontendError(f"--input-shape: the model has no input "
                                f"'{name}' (inputs: {', '.join(inputs)})")
        dims = inputs[name].type.tensor_type.shape.dim
        if len(dims) != len(shape):
            raise FrontendError(f"--input-shape: '{name}' has rank {len(dims)}")
        for dim, size in zip(dims, shape):
            dim.dim_value = size
    try:
        return shape_inference.infer_shapes(model)
    except Exception as e:
        raise FrontendError(f"ONNX shape inference failed: {e}") from None


def import_model(model, seed):
    """(layers, arrays): per ConvTranspose node the Layer and its weight,
    bias, a seeded random input of the inferred input shape and the
    expected output. Float nodes: input in [-1, 1), output by the scatter
    definition in double, rounded to float32. Quantized (QDQ) nodes
    (onnx_qdq): integer input over its type's whole range, output by
    tconv_testing.quantized (the QDQ definition in double), and its values
    before rounding ("before_rounding")."""
    graph = model.graph
    value_infos = list(itertools.chain(graph.input, graph.value_info,
                                       graph.output))
    shapes = {vi.name: _static_shape(vi) for vi in value_infos}
    tensors = {t.name: t for t in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant":
            tensors[node.output[0]] = helper.get_attribute_value(node.attribute[0])
    qdq_index = onnx_qdq.Index(graph, tensors, {
        vi.name: vi.type.tensor_type.elem_type for vi in value_infos})
    nodes = [n for n in graph.node
             if n.op_type == "ConvTranspose" and n.domain in ("", "ai.onnx")]
    if not nodes:
        raise FrontendError("the model has no ConvTranspose node")
    rng = np.random.default_rng(seed)
    layers, arrays, taken = [], {}, set()
    for index, node in enumerate(nodes):
        source = node.name or f"ConvTranspose_{index}"
        qdq = onnx_qdq.match(node, source, qdq_index)
        if qdq:
            x_name, w, b = qdq.x_name, qdq.weight, qdq.bias
        else:
            x_name = node.input[0]
            b_name = node.input[2] if len(node.input) > 2 and node.input[2] else None
            w = qdq_index.array(node.input[1], source, "weight").astype(np.float32)
            b = (None if b_name is None else
                 qdq_index.array(b_name, source, "bias").astype(np.float32))
        x_shape = shapes.get(x_name)
        if not x_shape or None in x_shape:
            raise FrontendError(f"{source}: the shape of input '{x_name}' is not "
                                f"known statically ({x_shape}); give the model "
                                f"input shapes with --input-shape NAME=N,C,...")
        d = w.ndim - 2
        attrs = {a.name: helper.get_attribute_value(a) for a in node.attribute}
        auto_pad = attrs.get("auto_pad", b"NOTSET").decode()
        if auto_pad not in ("NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"):
            raise FrontendError(f"{source}: unknown auto_pad '{auto_pad}'")
        kernel = list(attrs.get("kernel_shape", w.shape[2:]))
        if kernel != list(w.shape[2:]):
            raise FrontendError(f"{source}: kernel_shape {kernel} differs from "
                                f"the weight's {list(w.shape[2:])}")
        strides = list(attrs.get("strides", [1] * d))
        dilations = list(attrs.get("dilations", [1] * d))
        output_padding = list(attrs.get("output_padding", [0] * d))
        groups = attrs.get("group", 1)
        begin, end = spec_pads(x_shape[2:], kernel, strides, dilations,
                               output_padding, attrs.get("pads"), auto_pad,
                               attrs.get("output_shape"))
        layer = Layer(name=symbol_name(source, taken), source=source,
                      input_shape=x_shape, weight_shape=list(w.shape),
                      has_bias=b is not None, strides=strides,
                      pad_begin=begin, pad_end=end,
                      output_padding=output_padding, dilations=dilations,
                      groups=groups, extra={"auto_pad": auto_pad},
                      quant=qdq.quant if qdq else None)
        layer.validate()
        inferred = shapes.get(node.output[0])
        if inferred and None not in inferred and inferred != layer.output_shape:
            # Known case: onnx <= 1.13's shape inference adds output_padding
            # to auto_pad SAME's output (in * stride) that the spec's text
            # keeps; runtimes differ too. The spec's text wins here.
            print(f"tconv-import: warning: {source}: output shape "
                  f"{layer.output_shape} (ONNX spec) differs from ONNX shape "
                  f"inference's {inferred}; following the spec")
        if qdq:
            arrays[layer.name] = quantized_data(layer, qdq, rng)
        else:
            x = rng.uniform(-1, 1, size=x_shape).astype(np.float32)
            arrays[layer.name] = {"input": x, "weight": w, "bias": b,
                                  "expected": reference(layer, x, w, b)}
        layers.append(layer)
    return layers, arrays


def _geometry(layer):
    """The shape arguments of tconv_testing's references for `layer`."""
    return dict(N=layer.input_shape[0], Cin=layer.input_shape[1],
                Cout=layer.out_channels, G=layer.groups,
                I=layer.input_shape[2:], k=layer.weight_shape[2:],
                s=layer.strides, dil=layer.dilations, pb=layer.pad_begin,
                O=layer.output_shape[2:])


def quantized_data(layer, qdq, rng):
    """The arrays of a QDQ layer: integer input uniform over its type, the
    expected output by the QDQ definition in double, from the model's
    quantization (not the importer's requantization constants), and the
    values before rounding."""
    info = np.iinfo(qdq.x_dtype)
    x = rng.integers(info.min, info.max + 1, size=layer.input_shape,
                     dtype=qdq.x_dtype)
    y, before = qdq_conv_transpose(x.ravel().tolist(),
                                   w=qdq.weight.ravel().tolist(),
                                   **qdq.definition, **_geometry(layer))
    return {"input": x, "weight": qdq.weight, "bias": qdq.bias,
            "expected": np.array(y, qdq.y_dtype).reshape(layer.output_shape),
            "before_rounding": np.array(before).reshape(layer.output_shape)}


def reference(layer, x, w, b):
    """The layer's output by tconv_testing's scatter definition in double,
    independent of tconv, as a float32 array."""
    y = conv_transpose(x.ravel().tolist(), w.ravel().tolist(),
                       None if b is None else b.tolist(), **_geometry(layer))
    return np.array(y, dtype=np.float32).reshape(layer.output_shape)
