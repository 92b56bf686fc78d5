"""ONNX QDQ ConvTranspose: the quantized form of a ConvTranspose node,

    x_q -> DequantizeLinear -> ConvTranspose -> QuantizeLinear -> y_q
                  w_q (int8) -> DequantizeLinear /  \\ bias: DequantizeLinear
                                                      of int32, or float

with x_q uint8 or int8, per-tensor input and output quantization, the
weight's scale per tensor or per axis on axis 1 (the output channels of the
(Cin, Cout/G, k...) weight) and its zero point per tensor (per axis when all
are equal), becomes one quantized layer: tconv.conv_transpose on the raw
integers, then (mlir.Requantization, in f64, c the output channel)

    v = float(acc) * (x_scale * w_scale[c] / y_scale) + post[c]
    y = saturate(roundeven(v) + y_zero_point)

acc is the exact sum of (x - x_zero_point)(w - w_zero_point), plus the
int32 bias b when the bias is a DequantizeLinear of int32 with zero point 0
and scale x_scale * w_scale[c] up to float32 rounding; then post[c] =
b[c] * (b_scale[c] - x_scale * w_scale[c]) / y_scale takes the rounding
into account (0 when the scale is the exact product). Any other bias is
dequantized in double and post[c] = bias[c] / y_scale. This is the
specifications' arithmetic (QuantizeLinear of the float ConvTranspose of
the dequantized values) with a few double roundings.
"""

from dataclasses import dataclass

import numpy as np

from .mlir import FrontendError, Requantization

try:
    from onnx import TensorProto, helper, numpy_helper
except ImportError as e:
    raise FrontendError(f"ONNX is not available ({e}); install python3-onnx "
                        f"and use /usr/bin/python3") from None

# Types newer than Debian's onnx 1.12 knows by name.
_NEWER_TYPES = {17: "FLOAT8E4M3FN", 18: "FLOAT8E4M3FNUZ", 19: "FLOAT8E5M2",
                20: "FLOAT8E5M2FNUZ", 21: "UINT4", 22: "INT4"}
_ACTIVATION_TYPES = {TensorProto.UINT8: "ui8", TensorProto.INT8: "i8"}
_DTYPES = {TensorProto.UINT8: np.uint8, TensorProto.INT8: np.int8}


def type_name(code):
    """The name of an ONNX tensor element type."""
    try:
        return TensorProto.DataType.Name(code)
    except ValueError:
        return _NEWER_TYPES.get(code, f"data type {code}")


def _is(node, op_type):
    return (node is not None and node.op_type == op_type and
            node.domain in ("", "ai.onnx"))


@dataclass
class QdqLayer:
    """What the importer needs of one QDQ ConvTranspose."""
    x_name: str               # the quantized input (DequantizeLinear's)
    weight: np.ndarray        # int8, (Cin, Cout/G, k...)
    bias: np.ndarray          # int32 operand of the conv, or None
    quant: Requantization
    # The model's quantization, as tconv_testing.quantized.qdq_conv_transpose
    # takes it (x_scale, x_zero_point, w_scales: per output channel of a
    # group, w_zero_point, bias: dequantized or None, y_scale, y_zero_point,
    # y_range), independent of `quant`; and the input's and output's numpy
    # dtypes.
    definition: dict
    x_dtype: type
    y_dtype: type


class Index:
    """A graph's producers, consumers and constant tensors (TensorProto, so
    that types numpy_helper does not know can be reported)."""

    def __init__(self, graph, tensors, elem_types):
        self.tensors, self.elem_types = tensors, elem_types
        self.producer = {o: n for n in graph.node for o in n.output}
        self.consumers = {}
        for n in graph.node:
            for i in n.input:
                self.consumers.setdefault(i, []).append(n)
        self.outputs = {o.name for o in graph.output}

    def tensor(self, name, where, role):
        """The TensorProto of the constant `name`."""
        if name not in self.tensors:
            raise FrontendError(f"{where}: {role} '{name}' is not a constant "
                                f"(initializer or Constant node)")
        return self.tensors[name]

    def array(self, name, where, role):
        return numpy_helper.to_array(self.tensor(name, where, role))


def _attributes(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _dequantize_parameters(dq, index, where, role):
    """(scale, zero point, zero point's element type or None) of the
    DequantizeLinear `dq`: float64 and int64 arrays (zero point 0 when
    absent)."""
    names = list(dq.input) + [""] * (3 - len(dq.input))
    if _attributes(dq).get("block_size", 0):
        raise FrontendError(f"{where}: blocked quantization (block_size) of "
                            f"the {role} is not supported")
    scale = index.array(names[1], where, f"{role} scale").astype(np.float64)
    if not names[2]:
        return scale, np.zeros(1, np.int64), None
    zero_point = index.tensor(names[2], where, f"{role} zero point")
    return (scale, numpy_helper.to_array(zero_point).astype(np.int64),
            zero_point.data_type)


def _scalar(values, where, what):
    if values.size != 1:
        raise FrontendError(f"{where}: {what} has shape {list(values.shape)}; "
                            f"tconv-import takes one (per-tensor)")
    return values.item()


def match(node, source, index):
    """None when neither the input nor the weight of the ConvTranspose `node`
    is dequantized (a float layer); else its QdqLayer. Raises FrontendError
    for a QDQ pattern tconv does not import."""
    dq_x = index.producer.get(node.input[0])
    dq_w = index.producer.get(node.input[1])
    if not _is(dq_x, "DequantizeLinear") and not _is(dq_w, "DequantizeLinear"):
        return None
    for role, name, dq in (("input", node.input[0], dq_x),
                           ("weight", node.input[1], dq_w)):
        if not _is(dq, "DequantizeLinear"):
            raise FrontendError(f"{source}: {role} '{name}' is not the output "
                                f"of a DequantizeLinear (a quantized "
                                f"ConvTranspose dequantizes input and weight)")

    # Input: per-tensor uint8 or int8.
    x_name = dq_x.input[0]
    sx, zx, zx_code = _dequantize_parameters(dq_x, index, source, "input")
    x_code = index.elem_types.get(x_name, zx_code)
    if x_code not in _ACTIVATION_TYPES:
        raise FrontendError(
            f"{source}: input '{x_name}' is "
            f"{type_name(x_code) if x_code else 'of unknown type'}; "
            f"tconv-import takes uint8 or int8")
    sx = _scalar(sx, source, "the input scale")
    zx = _scalar(zx, source, "the input zero point")

    # Weight: a constant int8 tensor, scale per tensor or per axis 1.
    w_name = dq_w.input[0]
    w_tensor = index.tensor(w_name, f"{source}: DequantizeLinear "
                            f"'{dq_w.name or dq_w.output[0]}'", "weight")
    if w_tensor.data_type != TensorProto.INT8:
        raise FrontendError(f"{source}: weight '{w_name}' is "
                            f"{type_name(w_tensor.data_type)}; tconv takes int8")
    weight = numpy_helper.to_array(w_tensor)
    cog = weight.shape[1]
    sw, zw, _ = _dequantize_parameters(dq_w, index, source, "weight")
    axis = _attributes(dq_w).get("axis", 1) % weight.ndim
    if sw.size != 1 and (sw.ndim != 1 or axis != 1 or sw.size != cog):
        raise FrontendError(
            f"{source}: weight scales of shape {list(sw.shape)} on axis "
            f"{axis}; tconv-import takes one scale, or one per output channel "
            f"(axis 1, {cog} values)")
    if len(set(zw.ravel().tolist())) != 1:
        raise FrontendError(f"{source}: per-axis weight zero points "
                            f"{zw.ravel().tolist()} differ; tconv.conv_transpose"
                            f" takes one weight zero point")
    w_scales = np.broadcast_to(sw.ravel(), [cog]).tolist()

    groups = _attributes(node).get("group", 1)
    cout = cog * groups
    product = np.tile(sx * np.array(w_scales), groups)    # per output channel

    # Output: one QuantizeLinear, per tensor, to uint8 or int8.
    users = index.consumers.get(node.output[0], [])
    if (len(users) != 1 or not _is(users[0], "QuantizeLinear") or
            node.output[0] in index.outputs):
        raise FrontendError(f"{source}: output '{node.output[0]}' is not "
                            f"quantized by one QuantizeLinear (its only "
                            f"consumer)")
    q = users[0]
    q_where = f"{source}: QuantizeLinear '{q.name or q.output[0]}'"
    names = list(q.input) + [""] * (3 - len(q.input))
    sy = _scalar(index.array(names[1], q_where, "scale"), q_where, "y_scale")
    y_code = _attributes(q).get("output_dtype", TensorProto.UINT8)
    if names[2]:
        y_code = index.tensor(names[2], q_where, "zero point").data_type
    if y_code not in _ACTIVATION_TYPES:
        raise FrontendError(f"{q_where} quantizes to {type_name(y_code)}; "
                            f"tconv-import takes uint8 or int8 outputs")
    zy = (_scalar(index.array(names[2], q_where, "zero point"), q_where,
                  "y_zero_point") if names[2] else 0)

    # Bias: int32 into the conv when its scale is x_scale * w_scale.
    multiplier = product / sy
    bias = bias_values = post = None
    if len(node.input) > 2 and node.input[2]:
        b_name = node.input[2]
        dq_b = index.producer.get(b_name)
        if _is(dq_b, "DequantizeLinear"):
            b_tensor = index.tensor(dq_b.input[0], source, "bias")
            b = numpy_helper.to_array(b_tensor)
            sb, zb, _ = _dequantize_parameters(dq_b, index, source, "bias")
            if b.shape != (cout,) or sb.size not in (1, cout):
                raise FrontendError(f"{source}: bias of shape {list(b.shape)} "
                                    f"with {sb.size} scales for {cout} "
                                    f"output channels")
            sb = np.broadcast_to(sb.ravel(), [cout])
            bias_values = (b.astype(np.float64) - zb.ravel()) * sb
            if (b_tensor.data_type == TensorProto.INT32 and not zb.any()
                    and np.all(abs(sb - product) <= product * 2.0 ** -24)):
                bias = b.astype(np.int32)
                post = b * (sb - product) / sy
        else:
            bias_values = index.array(b_name, source, "bias").astype(np.float64)
        if bias is None:
            post = bias_values / sy
    quant = Requantization(
        input_type=_ACTIVATION_TYPES[x_code], input_zero_point=int(zx),
        weight_zero_point=int(zw.ravel()[0]),
        output_type=_ACTIVATION_TYPES[y_code], output_zero_point=int(zy),
        multiplier=multiplier.tolist(),
        post=None if post is None else np.asarray(post, np.float64).tolist(),
        float_type="f64",
        scheme="QDQ " + ("per-axis" if sw.size != 1 else "per-tensor"))
    definition = dict(
        x_scale=sx, x_zero_point=zx, w_scales=w_scales,
        w_zero_point=zw.ravel()[0].item(),
        bias=None if bias_values is None else bias_values.tolist(),
        y_scale=sy, y_zero_point=zy,
        y_range=(np.iinfo(_DTYPES[y_code]).min, np.iinfo(_DTYPES[y_code]).max))
    return QdqLayer(x_name=x_name, weight=weight, bias=bias, quant=quant,
                    definition=definition, x_dtype=_DTYPES[x_code],
                    y_dtype=_DTYPES[y_code])
