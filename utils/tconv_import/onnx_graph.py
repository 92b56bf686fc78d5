"""ONNX whole-model front end: the nodes of a model (one graph input, one
output) translated into graph.Graph calls in the order of the graph.

Supported nodes: Conv, ConvTranspose (1-3-D, every attribute),
BatchNormalization (inference), Relu, LeakyRelu, PRelu, Clip, Tanh, Sigmoid,
Gelu, Erf, Exp, Sqrt, Neg, Pow (constant scalar exponent), Add, Sub, Mul,
Div (numpy broadcasting; constants become arguments, one-element constants
literals), Concat (channels), Dropout, Identity, DepthToSpace (CRD and DCR;
what torch.onnx.export writes for PixelShuffle), Resize / Upsample (nearest,
asymmetric, floor: what export writes for nn.Upsample(mode='nearest')),
Constant. torch.onnx.export writes GELU as Div/Erf/Add/Mul and SiLU as
Sigmoid/Mul, which these cover. Parameter names are the initializers'.

The attribute rules (Conv's and ConvTranspose's padding, Resize's sizes)
are functions shared with the numpy reference evaluator (onnx_reference).
"""

import math

import numpy as np

from .graph import Graph, Value, unsupported
from .mlir import FrontendError
from .onnx_frontend import spec_pads

try:
    from onnx import helper, numpy_helper
except ImportError as e:
    raise FrontendError(f"ONNX is not available ({e}); install python3-onnx "
                        f"and use /usr/bin/python3") from None


def attributes(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _text(value, default):
    if value is None:
        return default
    return value.decode() if isinstance(value, bytes) else value


def node_name(node, index):
    return node.name or f"{node.op_type}_{index}"


def conv_attributes(node, x_shape, w_shape):
    """(strides, pad_begin, pad_end, dilations, groups) of a Conv node on an
    input of shape x_shape, per the operator specification (auto_pad SAME_*:
    output ceil(in / stride), the odd padding at the end for SAME_UPPER)."""
    a = attributes(node)
    d = len(w_shape) - 2
    kernel = list(a.get("kernel_shape", w_shape[2:]))
    strides = list(a.get("strides", [1] * d))
    dilations = list(a.get("dilations", [1] * d))
    auto_pad = _text(a.get("auto_pad"), "NOTSET")
    if auto_pad in ("SAME_UPPER", "SAME_LOWER"):
        begin, end = [], []
        for i, k, s, dil in zip(x_shape[2:], kernel, strides, dilations):
            total = max(0, (-(-i // s) - 1) * s + (k - 1) * dil + 1 - i)
            small, big = total // 2, total - total // 2
            begin.append(small if auto_pad == "SAME_UPPER" else big)
            end.append(big if auto_pad == "SAME_UPPER" else small)
    elif auto_pad == "VALID":
        begin, end = [0] * d, [0] * d
    else:
        pads = list(a.get("pads", [0] * 2 * d))
        begin, end = pads[:d], pads[d:]
    return strides, begin, end, dilations, a.get("group", 1)


def conv_transpose_attributes(node, x_shape, w_shape):
    """(strides, pad_begin, pad_end, output_padding, dilations, groups) of a
    ConvTranspose node (onnx_frontend.spec_pads)."""
    a = attributes(node)
    d = len(w_shape) - 2
    kernel = list(a.get("kernel_shape", w_shape[2:]))
    strides = list(a.get("strides", [1] * d))
    dilations = list(a.get("dilations", [1] * d))
    output_padding = list(a.get("output_padding", [0] * d))
    begin, end = spec_pads(x_shape[2:], kernel, strides, dilations,
                           output_padding, a.get("pads"),
                           _text(a.get("auto_pad"), "NOTSET"),
                           a.get("output_shape"))
    return strides, begin, end, output_padding, dilations, a.get("group", 1)


def clip_bounds(node, constants, opset):
    """(min, max) of a Clip, either None: attributes before opset 11,
    optional constant inputs after."""
    if opset < 11:
        a = attributes(node)
        return a.get("min"), a.get("max")
    bounds = []
    for i in (1, 2):
        name = node.input[i] if len(node.input) > i else ""
        if not name:
            bounds.append(None)
        elif name in constants:
            bounds.append(float(constants[name].reshape(())))
        else:
            raise FrontendError(f"Clip bound '{name}' is not a constant")
    return tuple(bounds)


def resize_sizes(node, constants, x_shape, where):
    """The output shape of a Resize / Upsample node, which must be nearest
    neighbour with output index o reading floor(o / scale) (Resize:
    coordinate_transformation_mode asymmetric, nearest_mode floor; Upsample:
    always), of the spatial dims only."""
    a = attributes(node)
    mode = _text(a.get("mode"), "nearest")
    if node.op_type == "Resize":
        ctm = _text(a.get("coordinate_transformation_mode"), "half_pixel")
        nearest = _text(a.get("nearest_mode"), "round_prefer_floor")
        if mode != "nearest" or ctm != "asymmetric" or nearest != "floor":
            raise unsupported(f"Resize (mode {mode}, coordinate_transformation"
                              f"_mode {ctm}, nearest_mode {nearest})", where)
        scales_name = node.input[2] if len(node.input) > 2 else ""
        sizes_name = node.input[3] if len(node.input) > 3 else ""
    else:
        if mode != "nearest":
            raise unsupported(f"Upsample (mode {mode})", where)
        scales_name, sizes_name = (node.input[1] if len(node.input) > 1
                                   else ""), ""
    if sizes_name:
        if sizes_name not in constants:
            raise FrontendError(f"{where}: sizes '{sizes_name}' is not a constant")
        sizes = [int(v) for v in constants[sizes_name]]
    elif scales_name:
        if scales_name not in constants:
            raise FrontendError(f"{where}: scales '{scales_name}' is not a constant")
        scales = [float(v) for v in constants[scales_name]]
        sizes = [int(math.floor(i * s)) for i, s in zip(x_shape, scales)]
    elif "scales" in a:
        sizes = [int(math.floor(i * s)) for i, s in zip(x_shape, a["scales"])]
    else:
        raise FrontendError(f"{where}: neither scales nor sizes")
    if len(sizes) != len(x_shape) or sizes[:2] != list(x_shape[:2]):
        raise unsupported(f"{node.op_type} (of the batch or channel dims)",
                          where)
    return sizes


def fold(node, inputs, opset):
    """The output of a shape computation node (Shape, Slice, Gather, Concat,
    Unsqueeze, Squeeze, Cast, Reshape, Transpose, ConstantOfShape, Floor,
    Ceil, and arithmetic) on numpy `inputs` (None for absent optional ones;
    Shape only reads the shape of its input), or None when `node` is not
    one. torch.onnx.export computes
    Resize's sizes this way for F.interpolate(size=...); the translation
    folds them into constants, the reference evaluator runs them."""
    op, a, v = node.op_type, attributes(node), inputs
    if op == "Shape":
        shape = np.array(v[0].shape, dtype=np.int64)
        return shape[a.get("start", 0):a.get("end", len(shape))]
    if op == "Slice":
        if opset < 10:
            starts, ends, axes, steps = a["starts"], a["ends"], a.get("axes"), None
        else:
            starts, ends = v[1], v[2]
            axes = v[3] if len(v) > 3 else None
            steps = v[4] if len(v) > 4 else None
        axes = list(range(len(starts))) if axes is None else list(axes)
        steps = [1] * len(starts) if steps is None else list(steps)
        index = [slice(None)] * v[0].ndim
        for ax, b, e, st in zip(axes, starts, ends, steps):
            index[ax] = slice(int(b), int(e), int(st))
        return v[0][tuple(index)]
    if op == "Gather":
        return np.take(v[0], v[1], axis=a.get("axis", 0))
    if op == "Concat":
        return np.concatenate(v, axis=a["axis"])
    if op in ("Unsqueeze", "Squeeze"):
        axes = a.get("axes") if opset < 13 else (
            v[1] if len(v) > 1 and v[1] is not None else None)
        if op == "Squeeze":
            return np.squeeze(v[0], axis=None if axes is None else tuple(
                int(x) for x in axes))
        out = v[0]
        rank = out.ndim + len(axes)
        for ax in sorted(int(x) % rank for x in axes):
            out = np.expand_dims(out, ax)
        return out
    if op == "Cast":
        if hasattr(helper, "tensor_dtype_to_np_dtype"):
            return v[0].astype(helper.tensor_dtype_to_np_dtype(a["to"]))
        from onnx import mapping  # onnx < 1.13
        return v[0].astype(mapping.TENSOR_TYPE_TO_NP_TYPE[a["to"]])
    if op == "Reshape":
        shape = [int(d) for d in v[1]]
        shape = [v[0].shape[i] if d == 0 and not a.get("allowzero", 0) else d
                 for i, d in enumerate(shape)]
        return v[0].reshape(shape)
    if op == "Transpose":
        return np.transpose(v[0], a.get("perm"))
    if op == "ConstantOfShape":
        value = (numpy_helper.to_array(a["value"]) if "value" in a
                 else np.zeros(1, np.float32))
        return np.full([int(d) for d in v[0]], value.reshape(-1)[0],
                       dtype=value.dtype)
    if op in ("Floor", "Ceil"):
        return (np.floor if op == "Floor" else np.ceil)(v[0])
    if op in ("Add", "Sub", "Mul", "Div"):
        if op == "Div" and v[0].dtype.kind in "iu":
            return v[0] // v[1]
        return {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply,
                "Div": np.divide}[op](v[0], v[1])
    if op == "Identity":
        return v[0]
    return None


def opset_of(model):
    return max((o.version for o in model.opset_import
                if o.domain in ("", "ai.onnx")), default=1)


def constants_of(model):
    """{name: numpy array} of the initializers, Constant nodes and
    Identity nodes of constants (torch.onnx.export writes those for tied
    batch-norm statistics)."""
    graph = model.graph
    constants = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant":
            a = attributes(node)
            if "value" in a:
                constants[node.output[0]] = numpy_helper.to_array(a["value"])
            else:
                for key in ("value_float", "value_int"):
                    if key in a:
                        constants[node.output[0]] = np.array(a[key])
                for key in ("value_floats", "value_ints"):
                    if key in a:
                        constants[node.output[0]] = np.array(a[key])
        elif node.op_type == "Identity" and node.input[0] in constants:
            constants[node.output[0]] = constants[node.input[0]]
    return constants


def graph_io(model):
    """(input ValueInfo, output name) of a model with one of each."""
    graph = model.graph
    init = {t.name for t in graph.initializer}
    inputs = [i for i in graph.input if i.name not in init]
    if len(inputs) != 1 or len(graph.output) != 1:
        raise FrontendError(f"whole-model import needs one graph input and "
                            f"one output; the model has "
                            f"{[i.name for i in inputs]} -> "
                            f"{[o.name for o in graph.output]}")
    return inputs[0], graph.output[0].name


_UNARY = {"Relu": "relu", "Tanh": "tanh", "Sigmoid": "sigmoid", "Erf": "erf",
          "Exp": "exp", "Sqrt": "sqrt", "Neg": "neg"}
_BINARY = {"Add": "add", "Sub": "sub", "Mul": "mul", "Div": "div"}


def translate(model, input_shape, dynamic_batch):
    """The model as a Graph on an input of `input_shape`."""
    constants = constants_of(model)
    opset = opset_of(model)
    x_info, out_name = graph_io(model)
    g = Graph(list(input_shape), dynamic_batch)
    env = {x_info.name: g.input}

    def tensor(name, where):
        if name in env:
            return env[name]
        if name in constants:
            return g.param(name, "constant", constants[name])
        raise FrontendError(f"{where}: input '{name}' is not computed before "
                            f"its use")

    def operand(name, where):
        if name not in env and name in constants and constants[name].size == 1:
            return float(constants[name].reshape(()))
        return tensor(name, where)

    def weight(name, role, where):
        if name not in constants:
            raise FrontendError(f"{where}: {role} '{name}' is not a constant "
                                f"(initializer or Constant node)")
        return g.param(name, role, constants[name])

    def activation(name, where):
        v = tensor(name, where)
        if not v.batched:
            raise FrontendError(f"{where}: '{name}' is a constant, expected "
                                f"an activation")
        return v

    for index, node in enumerate(model.graph.node):
        op, where = node.op_type, node_name(node, index)
        if node.domain not in ("", "ai.onnx"):
            raise unsupported(f"{node.domain}.{op}", where)
        if op == "Constant" or (op == "Identity" and node.output[0] in constants
                                and node.input[0] in constants):
            continue
        # Shape computations: folded into constants (Shape reads the shape
        # an activation has in this import; only Resize's spatial sizes may
        # use the result, so a dynamic batch stays dynamic).
        known = [n == "" or n in constants or (op == "Shape" and n in env)
                 for n in node.input]
        if node.input and all(known) and op != "Dropout":
            inputs = [None if not n else constants[n] if n in constants else
                      np.broadcast_to(np.float32(0), env[n].shape)
                      for n in node.input]
            try:
                value = fold(node, inputs, opset)
            except Exception as e:
                raise FrontendError(f"{where}: cannot compute {op} on "
                                    f"constants: {type(e).__name__}: {e}") from None
            if value is not None:
                constants[node.output[0]] = value
                continue
        a = attributes(node)
        ins = [i for i in node.input]
        if op in ("Conv", "ConvTranspose"):
            x = activation(ins[0], where)
            kind = "conv" if op == "Conv" else "conv_transpose"
            w = weight(ins[1], f"{kind}.weight", where)
            b = (weight(ins[2], f"{kind}.bias", where)
                 if len(ins) > 2 and ins[2] else None)
            if op == "Conv":
                s, pb, pe, dil, groups = conv_attributes(node, x.shape, w.shape)
                y = g.conv(where, x, w, b, s, pb, pe, dil, groups)
            else:
                s, pb, pe, op_, dil, groups = conv_transpose_attributes(
                    node, x.shape, w.shape)
                y = g.conv_transpose(where, x, w, b, s, pb, pe, op_, dil, groups)
        elif op == "BatchNormalization":
            if a.get("training_mode", 0):
                raise unsupported("BatchNormalization (training_mode)", where)
            x = activation(ins[0], where)
            gamma, beta, mean, var = (constants.get(n) for n in ins[1:5])
            if any(v is None for v in (gamma, beta, mean, var)):
                raise FrontendError(f"{where}: batch norm parameters must be "
                                    f"constants")
            scale = gamma / np.sqrt(var.astype(np.float64) + a.get("epsilon", 1e-5))
            shift = beta - mean * scale
            s = g.param(f"{where}.scale", "batch_norm.scale", scale, ins[1:5])
            t = g.param(f"{where}.shift", "batch_norm.shift", shift, ins[1:5])
            y = g.batch_norm(where, x, s, t)
        elif op in _UNARY:
            y = g.unary(_UNARY[op], where, activation(ins[0], where))
        elif op == "LeakyRelu":
            y = g.unary("leaky_relu", where, activation(ins[0], where),
                        alpha=a.get("alpha", 0.01))
        elif op == "Gelu":
            y = g.unary("gelu", where, activation(ins[0], where),
                        approximate=_text(a.get("approximate"), "none"))
        elif op == "Clip":
            lo, hi = clip_bounds(node, constants, opset)
            y = g.unary("clamp", where, activation(ins[0], where), min=lo, max=hi)
        elif op == "Pow":
            e = constants.get(ins[1])
            if e is None or e.size != 1:
                raise unsupported("Pow (a tensor exponent)", where)
            y = g.unary("pow", where, activation(ins[0], where),
                        exponent=float(e.reshape(())))
        elif op == "PRelu":
            x = activation(ins[0], where)
            slope = weight(ins[1], "prelu.slope", where)
            y = g.prelu(where, x, slope, per_channel=False)  # numpy broadcast
        elif op in _BINARY:
            l, r = operand(ins[0], where), operand(ins[1], where)
            if not isinstance(l, Value) and not isinstance(r, Value):
                raise FrontendError(f"{where}: {op} of two constants")
            y = g.binary(_BINARY[op], where, l, r)
        elif op == "Concat":
            values = [activation(n, where) for n in ins]
            if a["axis"] % values[0].rank != 1:
                raise unsupported(f"Concat (axis {a['axis']})", where)
            y = g.concat(where, values)
        elif op in ("Dropout", "Identity"):
            if op == "Dropout" and len(ins) > 2 and ins[2]:
                training = constants.get(ins[2])
                if training is None or bool(training):
                    raise unsupported("Dropout (training_mode)", where)
            y = activation(ins[0], where)
        elif op == "DepthToSpace":
            y = g.pixel_shuffle(where, activation(ins[0], where),
                                a["blocksize"], _text(a.get("mode"), "DCR"))
        elif op in ("Resize", "Upsample"):
            x = activation(ins[0], where)
            sizes = resize_sizes(node, constants, x.shape, where)
            y = g.upsample_nearest(where, x, sizes[2:])
        else:
            raise unsupported(op, where)
        env[node.output[0]] = y
    if out_name not in env:
        raise FrontendError(f"the graph output '{out_name}' is not computed")
    g.finish(env[out_name])
    return g
