"""The ONNX side's expected output: onnx.reference.ReferenceEvaluator (the
specification's Python implementation, onnx >= 1.13) when it is installed,
else this module's evaluator of the nodes onnx_graph supports, in numpy
float64 from the operator specification's definitions (Debian's onnx 1.12
has no onnx.reference and onnxruntime is not packaged). It shares only the
attribute rules (padding, Resize sizes) with onnx_graph, none of the MLIR.
"""

import itertools
import math

import numpy as np

from . import onnx_graph as og


def _conv(x, w, b, strides, pb, pe, dil, groups):
    d = w.ndim - 2
    xp = np.pad(x, [(0, 0), (0, 0)] + list(zip(pb, pe)))
    n, cin = x.shape[:2]
    cout, k = w.shape[0], w.shape[2:]
    out = [(i - dl * (kk - 1) - 1) // s + 1
           for i, dl, kk, s in zip(xp.shape[2:], dil, k, strides)]
    xg = xp.reshape(n, groups, cin // groups, *xp.shape[2:])
    wg = w.reshape(groups, cout // groups, cin // groups, *k)
    y = np.zeros([n, groups, cout // groups] + out)
    for tap in itertools.product(*[range(kk) for kk in k]):
        sl = tuple(slice(t * dl, t * dl + (o - 1) * s + 1, s)
                   for t, dl, o, s in zip(tap, dil, out, strides))
        y += np.einsum("ngc...,gfc->ngf...", xg[(Ellipsis,) + sl],
                       wg[(Ellipsis,) + tap])
    y = y.reshape([n, cout] + out)
    return y if b is None else y + b.reshape([1, -1] + [1] * d)


def _conv_transpose(x, w, b, strides, pb, pe, op, dil, groups):
    """The scatter definition: input pixel i times tap t lands on
    i * s - pb + t * dil."""
    d = w.ndim - 2
    n, cin = x.shape[:2]
    k = w.shape[2:]
    cout = w.shape[1] * groups
    full = [(i - 1) * s + (kk - 1) * dl + 1 + o
            for i, s, kk, dl, o in zip(x.shape[2:], strides, k, dil, op)]
    xg = x.reshape(n, groups, cin // groups, *x.shape[2:])
    wg = w.reshape(groups, cin // groups, cout // groups, *k)
    y = np.zeros([n, groups, cout // groups] + full)
    for tap in itertools.product(*[range(kk) for kk in k]):
        sl = tuple(slice(t * dl, t * dl + (i - 1) * s + 1, s)
                   for t, dl, i, s in zip(tap, dil, x.shape[2:], strides))
        y[(Ellipsis,) + sl] += np.einsum("ngc...,gcf->ngf...", xg,
                                         wg[(Ellipsis,) + tap])
    y = y.reshape([n, cout] + full)
    crop = tuple(slice(p, f - e) for p, e, f in zip(pb, pe, full))
    y = y[(slice(None), slice(None)) + crop]
    return y if b is None else y + b.reshape([1, -1] + [1] * d)


def _nearest(x, sizes):
    for axis, (i, o) in enumerate(zip(x.shape, sizes)):
        if i != o:
            idx = np.minimum(np.floor(np.arange(o) / (o / i)).astype(int), i - 1)
            x = np.take(x, idx, axis=axis)
    return x


def _depth_to_space(x, r, mode):
    n, c, h, w = x.shape
    if mode == "DCR":
        t = x.reshape(n, r, r, c // (r * r), h, w).transpose(0, 3, 4, 1, 5, 2)
    else:
        t = x.reshape(n, c // (r * r), r, r, h, w).transpose(0, 1, 4, 2, 5, 3)
    return t.reshape(n, c // (r * r), h * r, w * r)


_erf = np.frompyfunc(math.erf, 1, 1)


def _gelu(x, approximate):
    if approximate == "tanh":
        return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))
    return 0.5 * x * (1 + _erf(x / math.sqrt(2)).astype(np.float64))


def _numpy_evaluate(model, x):
    constants = {k: np.asarray(v, dtype=np.float64) if v.dtype.kind == "f" else v
                 for k, v in og.constants_of(model).items()}
    opset = og.opset_of(model)
    x_info, out_name = og.graph_io(model)
    env = dict(constants)
    env[x_info.name] = x.astype(np.float64)
    for index, node in enumerate(model.graph.node):
        op, where = node.op_type, og.node_name(node, index)
        if op == "Constant":
            continue
        a = og.attributes(node)
        v = [env[n] if n else None for n in node.input]
        if op in ("Shape", "Slice", "Gather", "Unsqueeze", "Squeeze", "Cast",
                  "Reshape", "ConstantOfShape", "Floor", "Ceil") or (
                op in ("Concat", "Add", "Sub", "Mul", "Div") and
                all(t is None or t.dtype.kind in "iu" for t in v)):
            y = og.fold(node, v, opset)
        elif op == "Conv":
            s, pb, pe, dil, g = og.conv_attributes(node, v[0].shape, v[1].shape)
            y = _conv(v[0], v[1], v[2] if len(v) > 2 else None, s, pb, pe, dil, g)
        elif op == "ConvTranspose":
            s, pb, pe, opad, dil, g = og.conv_transpose_attributes(
                node, v[0].shape, v[1].shape)
            y = _conv_transpose(v[0], v[1], v[2] if len(v) > 2 else None,
                                s, pb, pe, opad, dil, g)
        elif op == "BatchNormalization":
            shape = [1, -1] + [1] * (v[0].ndim - 2)
            scale, bias, mean, var = (t.reshape(shape) for t in v[1:5])
            y = (v[0] - mean) / np.sqrt(var + a.get("epsilon", 1e-5)) * scale + bias
        elif op == "Relu":
            y = np.maximum(v[0], 0)
        elif op == "LeakyRelu":
            y = np.where(v[0] > 0, v[0], v[0] * a.get("alpha", 0.01))
        elif op == "PRelu":
            y = np.where(v[0] > 0, v[0], v[0] * v[1])
        elif op == "Clip":
            lo, hi = og.clip_bounds(node, env, opset)
            y = np.clip(v[0], -np.inf if lo is None else lo,
                        np.inf if hi is None else hi)
        elif op == "Tanh":
            y = np.tanh(v[0])
        elif op == "Sigmoid":
            y = 1 / (1 + np.exp(-v[0]))
        elif op == "Erf":
            y = _erf(v[0]).astype(np.float64)
        elif op == "Exp":
            y = np.exp(v[0])
        elif op == "Sqrt":
            y = np.sqrt(v[0])
        elif op == "Neg":
            y = -v[0]
        elif op == "Pow":
            y = np.power(v[0], v[1])
        elif op == "Gelu":
            y = _gelu(v[0], og._text(a.get("approximate"), "none"))
        elif op in ("Add", "Sub", "Mul", "Div"):
            y = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply,
                 "Div": np.divide}[op](v[0], v[1])
        elif op == "Concat":
            y = np.concatenate(v, axis=a["axis"])
        elif op in ("Dropout", "Identity"):
            y = v[0]
        elif op == "DepthToSpace":
            y = _depth_to_space(v[0], a["blocksize"], og._text(a.get("mode"), "DCR"))
        elif op in ("Resize", "Upsample"):
            y = _nearest(v[0], og.resize_sizes(node, env, v[0].shape, where))
        else:
            raise og.unsupported(op, where)
        env[node.output[0]] = y
    return np.asarray(env[out_name], dtype=np.float64)


def evaluate(model, x):
    """(output as float32, the evaluator's name) for input x."""
    try:
        from onnx.reference import ReferenceEvaluator
    except ImportError:
        return (_numpy_evaluate(model, x).astype(np.float32),
                "ONNX (numpy reference)")
    x_info, _ = og.graph_io(model)
    y = ReferenceEvaluator(model).run(None, {x_info.name: x})[0]
    return np.asarray(y, dtype=np.float32), "ONNX (onnx.reference)"
