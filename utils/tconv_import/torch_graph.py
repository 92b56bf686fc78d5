"""PyTorch whole-model front end: the module traced by torch.fx
(symbolic_trace, so any module made of the supported operators works), its
shapes from one run of the traced graph on the import's input (ShapeProp),
each node translated into graph.Graph calls in graph order.

Supported: the modules Conv{1,2,3}d, ConvTranspose{1,2,3}d,
BatchNorm{1,2,3}d (inference: running statistics), ReLU, LeakyReLU, PReLU,
ReLU6, Hardtanh, Tanh, Sigmoid, SiLU, GELU, Dropout*, Identity,
PixelShuffle, Upsample (nearest), and the functional / tensor-method forms
of the same operators plus + - * / on tensors and Python numbers, torch.cat
on dim 1, torch.clamp, F.interpolate (nearest). Parameter names are the
state_dict's (module path + .weight ...); batch norm's scale and shift are
named PATH.scale / PATH.shift and list the four tensors they come from.
"""

import operator
import warnings

import numpy as np

from tconv_testing.reference import out_size

from .graph import Graph, Value, unsupported
from .mlir import FrontendError

try:
    import torch
    import torch.fx
    from torch import nn
    from torch.fx.passes.shape_prop import ShapeProp
except ImportError as e:  # reported by the command line, not a traceback
    raise FrontendError(f"PyTorch is not available ({e}); install "
                        f"python3-torch and use /usr/bin/python3") from None


class _Const:
    """A get_attr tensor (parameter or buffer): becomes an argument where
    a tensor operand needs it, a Python float where it has one element and
    a scalar will do."""

    def __init__(self, name, tensor):
        self.name, self.tensor = name, tensor.detach()


def _arg(node, index, name, default=None):
    if len(node.args) > index:
        return node.args[index]
    return node.kwargs.get(name, default)


def _tuple(value, d):
    return list(value) if isinstance(value, (tuple, list)) else [value] * d


def _conv_padding(padding, d, kernel, dilations, where):
    """(begin, end) of a convolution's padding: ints, 'valid', or 'same'
    (PyTorch puts the odd one at the end)."""
    if padding == "valid":
        return [0] * d, [0] * d
    if padding == "same":
        total = [dil * (k - 1) for dil, k in zip(dilations, kernel)]
        return [t // 2 for t in total], [t - t // 2 for t in total]
    if isinstance(padding, str):
        raise unsupported(f"convolution (padding '{padding}')", where)
    p = _tuple(padding, d)
    return p, p


def _fn_name(fn):
    """torch.softmax, torch.nn.functional.softmax, operator.getitem..."""
    module = getattr(fn, "__module__", None) or "torch"
    if module.startswith("torch._C"):
        module = "torch"
    module = module.lstrip("_")  # _operator
    return f"{module}.{getattr(fn, '__name__', repr(fn))}"


_DROPOUT = (nn.Dropout, nn.Dropout1d, nn.Dropout2d, nn.Dropout3d,
            nn.AlphaDropout, nn.FeatureAlphaDropout, nn.Identity)
_CONV = {nn.Conv1d: 1, nn.Conv2d: 2, nn.Conv3d: 3}
_TCONV = {nn.ConvTranspose1d: 1, nn.ConvTranspose2d: 2, nn.ConvTranspose3d: 3}
_BN = (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d)


class _Translator:
    def __init__(self, gm, graph):
        self.gm, self.g = gm, graph
        self.env = {}

    # -- operands --------------------------------------------------------------
    def value(self, arg, where):
        """An activation or parameter operand."""
        v = self.env.get(arg) if isinstance(arg, torch.fx.Node) else None
        if isinstance(v, _Const):
            return self.g.param(v.name, "constant", v.tensor.numpy())
        if not isinstance(v, Value):
            raise FrontendError(f"{where}: operand {arg!r} is not a tensor of "
                                f"the model")
        return v

    def operand(self, arg, where):
        """A tensor operand, or a float for a number or one-element constant."""
        if isinstance(arg, (int, float)) and not isinstance(arg, bool):
            return float(arg)
        v = self.env.get(arg) if isinstance(arg, torch.fx.Node) else None
        if isinstance(v, _Const) and v.tensor.numel() == 1:
            return float(v.tensor.reshape(()))
        return self.value(arg, where)

    def weight(self, arg, role, where):
        v = self.env.get(arg) if isinstance(arg, torch.fx.Node) else None
        if not isinstance(v, _Const):
            raise FrontendError(f"{where}: the {role} is not a parameter or "
                                f"buffer of the model")
        return self.g.param(v.name, role, v.tensor.numpy())

    def const_tensor(self, arg, where):
        v = self.env.get(arg) if isinstance(arg, torch.fx.Node) else None
        if not isinstance(v, _Const):
            raise FrontendError(f"{where}: expected a parameter or buffer")
        return v

    @staticmethod
    def out_shape(node):
        meta = node.meta.get("tensor_meta")
        return list(meta.shape) if meta is not None and hasattr(meta, "shape") else None

    # -- shared by modules and functions -------------------------------------
    def conv(self, where, x, w, b, stride, padding, dilation, groups):
        d = w.rank - 2
        dil = _tuple(dilation, d)
        begin, end = _conv_padding(padding, d, w.shape[2:], dil, where)
        return self.g.conv(where, x, w, b, _tuple(stride, d), begin, end, dil,
                           groups)

    def conv_transpose(self, node, where, x, w, b, stride, padding, dilation,
                       groups):
        d = w.rank - 2
        stride, padding, dil = _tuple(stride, d), _tuple(padding, d), _tuple(dilation, d)
        out = self.out_shape(node)
        # forward(x, output_size=...) picks output_padding per call: read the
        # effective one off the traced output.
        op = [O - out_size(I, s, p, p, dl, k, 0) for O, I, s, p, dl, k
              in zip(out[2:], x.shape[2:], stride, padding, dil, w.shape[2:])]
        return self.g.conv_transpose(where, x, w, b, stride, padding, padding,
                                     op, dil, groups)

    def batch_norm(self, where, x, path, mean, var, weight, bias, eps):
        scale = 1.0 / np.sqrt(var.astype(np.float64) + eps)
        if weight is not None:
            scale = scale * weight
        shift = -mean * scale
        if bias is not None:
            shift = shift + bias
        sources = [f"{path}.{n}" for n in ("weight", "bias", "running_mean",
                                           "running_var")]
        s = self.g.param(f"{path}.scale", "batch_norm.scale", scale, sources)
        t = self.g.param(f"{path}.shift", "batch_norm.shift", shift, sources)
        return self.g.batch_norm(where, x, s, t)

    def upsample(self, node, where, x, mode, scale_factor, what):
        if mode != "nearest":
            raise unsupported(f"{what} (mode '{mode}')", where)
        sizes = self.out_shape(node)[2:]
        if scale_factor is not None and any(o % i for o, i in zip(sizes, x.shape[2:])):
            raise unsupported(f"{what} (a non-integer scale_factor)", where)
        return self.g.upsample_nearest(where, x, sizes)

    def cat(self, where, tensors, dim):
        values = [self.value(t, where) for t in tensors]
        rank = values[0].rank
        if dim % rank != 1:
            raise unsupported(f"torch.cat (dim {dim})", where)
        return self.g.concat(where, values)

    def clamp(self, where, x, lo, hi):
        lo = None if lo is None else float(lo)
        hi = None if hi is None else float(hi)
        return self.g.unary("clamp", where, x, min=lo, max=hi)

    # -- nodes -----------------------------------------------------------------
    def module(self, node):
        path = node.target
        m = self.gm.get_submodule(path)
        a0 = node.args[0] if node.args else None
        x = self.value(a0, path) if a0 is not None else None
        param = lambda name, role: self.g.param(
            f"{path}.{name}", role, getattr(m, name).detach().numpy())
        if isinstance(m, _DROPOUT):
            return x
        if type(m) in _CONV or type(m) in _TCONV:
            if m.padding_mode != "zeros":
                raise unsupported(f"{type(m).__name__} (padding_mode "
                                  f"'{m.padding_mode}')", path)
            kind = "conv" if type(m) in _CONV else "conv_transpose"
            w = param("weight", f"{kind}.weight")
            b = param("bias", f"{kind}.bias") if m.bias is not None else None
            if kind == "conv":
                return self.conv(path, x, w, b, m.stride, m.padding,
                                 m.dilation, m.groups)
            return self.conv_transpose(node, path, x, w, b, m.stride,
                                       m.padding, m.dilation, m.groups)
        if isinstance(m, _BN):
            if m.running_mean is None:
                raise unsupported(f"{type(m).__name__} (no running "
                                  f"statistics)", path)
            t = lambda v: None if v is None else v.detach().numpy()
            return self.batch_norm(path, x, path, t(m.running_mean),
                                   t(m.running_var), t(m.weight), t(m.bias), m.eps)
        if isinstance(m, nn.ReLU):
            return self.g.unary("relu", path, x)
        if isinstance(m, nn.LeakyReLU):
            return self.g.unary("leaky_relu", path, x, alpha=m.negative_slope)
        if isinstance(m, nn.PReLU):
            return self.g.prelu(path, x, param("weight", "prelu.slope"),
                                m.num_parameters > 1)
        if isinstance(m, nn.Hardtanh):  # ReLU6 is one
            return self.clamp(path, x, m.min_val, m.max_val)
        if isinstance(m, nn.Tanh):
            return self.g.unary("tanh", path, x)
        if isinstance(m, nn.Sigmoid):
            return self.g.unary("sigmoid", path, x)
        if isinstance(m, nn.SiLU):
            return self.g.unary("silu", path, x)
        if isinstance(m, nn.GELU):
            return self.g.unary("gelu", path, x, approximate=m.approximate)
        if isinstance(m, nn.PixelShuffle):
            return self.g.pixel_shuffle(path, x, m.upscale_factor)
        if isinstance(m, nn.Upsample):
            return self.upsample(node, path, x, m.mode, m.scale_factor,
                                 type(m).__name__)
        raise unsupported(type(m).__name__, path)

    def function(self, node):
        fn, where = node.target, node.name
        if node.op == "call_method":
            name = fn
        else:
            name = {operator.add: "add", operator.sub: "sub",
                    operator.mul: "mul", operator.truediv: "div",
                    operator.iadd: "add", operator.imul: "mul",
                    operator.isub: "sub", operator.itruediv: "div"}.get(fn)
            if name is None:
                name = getattr(fn, "__name__", "")
                module = getattr(fn, "__module__", "") or ""
                if not (module.startswith("torch") or module == "" and
                        name in dir(torch)):
                    raise unsupported(_fn_name(fn), where)
        base = name.rstrip("_") if name.endswith("_") and not name.startswith("_") else name
        arg = lambda i, n, default=None: _arg(node, i, n, default)
        if base in ("add", "sub", "mul", "div", "true_divide", "multiply",
                    "subtract"):
            kind = {"true_divide": "div", "multiply": "mul",
                    "subtract": "sub"}.get(base, base)
            a = self.operand(node.args[0], where)
            b = self.operand(arg(1, "other"), where)
            if node.kwargs.get("alpha", 1) != 1:
                raise unsupported(f"{base} (alpha)", where)
            if node.kwargs.get("rounding_mode") is not None:
                raise unsupported(f"{base} (rounding_mode)", where)
            if not isinstance(a, Value) and not isinstance(b, Value):
                raise FrontendError(f"{where}: {kind} of two constants")
            return self.g.binary(kind, where, a, b)
        simple = {"relu": "relu", "tanh": "tanh", "sigmoid": "sigmoid",
                  "silu": "silu", "erf": "erf", "exp": "exp", "neg": "neg",
                  "negative": "neg", "sqrt": "sqrt"}
        x0 = node.args[0] if node.args else node.kwargs.get("input")
        if base in simple:
            return self.g.unary(simple[base], where, self.value(x0, where))
        if base in ("contiguous", "dropout", "dropout1d", "dropout2d",
                    "dropout3d", "alpha_dropout", "feature_alpha_dropout",
                    "identity"):
            if "dropout" in base and arg(2, "training", False):
                raise unsupported(f"{base} (training)", where)
            return self.value(x0, where)
        x = lambda: self.value(x0, where)
        if base == "leaky_relu":
            return self.g.unary("leaky_relu", where, x(),
                                alpha=float(arg(1, "negative_slope", 0.01)))
        if base == "relu6":
            return self.clamp(where, x(), 0.0, 6.0)
        if base == "hardtanh":
            return self.clamp(where, x(), arg(1, "min_val", -1.0),
                              arg(2, "max_val", 1.0))
        if base in ("clamp", "clip"):
            return self.clamp(where, x(), arg(1, "min"), arg(2, "max"))
        if base == "gelu":
            return self.g.unary("gelu", where, x(),
                                approximate=arg(1, "approximate", "none"))
        if base == "prelu":
            w = self.weight(arg(1, "weight"), "prelu.slope", where)
            return self.g.prelu(where, x(), w, w.shape[0] > 1)
        if base == "pixel_shuffle":
            return self.g.pixel_shuffle(where, x(), int(arg(1, "upscale_factor")))
        if base in ("interpolate", "upsample", "upsample_nearest"):
            mode = "nearest" if base == "upsample_nearest" else arg(3, "mode", "nearest")
            return self.upsample(node, where, x(), mode, arg(2, "scale_factor"),
                                 _fn_name(fn))
        if base in ("cat", "concat", "concatenate"):
            return self.cat(where, arg(0, "tensors"), arg(1, "dim", 0))
        if base in ("conv1d", "conv2d", "conv3d"):
            w = self.weight(arg(1, "weight"), "conv.weight", where)
            b = arg(2, "bias")
            b = self.weight(b, "conv.bias", where) if b is not None else None
            return self.conv(where, x(), w, b, arg(3, "stride", 1),
                             arg(4, "padding", 0), arg(5, "dilation", 1),
                             arg(6, "groups", 1))
        if base in ("conv_transpose1d", "conv_transpose2d", "conv_transpose3d"):
            w = self.weight(arg(1, "weight"), "conv_transpose.weight", where)
            b = arg(2, "bias")
            b = self.weight(b, "conv_transpose.bias", where) if b is not None else None
            return self.conv_transpose(node, where, x(), w, b, arg(3, "stride", 1),
                                       arg(4, "padding", 0), arg(7, "dilation", 1),
                                       arg(6, "groups", 1))
        if base == "batch_norm":
            if arg(5, "training", False):
                raise unsupported("batch_norm (training)", where)
            t = lambda i, n: (None if arg(i, n) is None else
                              self.const_tensor(arg(i, n), where).tensor.numpy())
            mean = self.const_tensor(arg(1, "running_mean"), where)
            path = mean.name.rsplit(".", 1)[0] if "." in mean.name else where
            return self.batch_norm(where, x(), path, t(1, "running_mean"),
                                   t(2, "running_var"), t(3, "weight"),
                                   t(4, "bias"), float(arg(7, "eps", 1e-5)))
        what = f"Tensor.{fn}" if node.op == "call_method" else _fn_name(fn)
        raise unsupported(what, where)

    # Position of the `inplace` argument of the functional forms.
    _INPLACE_ARG = {"relu": 1, "relu6": 1, "silu": 1, "leaky_relu": 2,
                    "hardtanh": 3, "dropout": 3, "dropout1d": 3,
                    "dropout2d": 3, "dropout3d": 3, "alpha_dropout": 3,
                    "feature_alpha_dropout": 3}

    def mutated(self, node):
        """The node whose tensor an in-place operator overwrites, or None:
        modules with inplace=True, functions with inplace=True, relu_ and
        other methods and functions ending in _, x += y and friends."""
        if node.op == "call_module":
            m = self.gm.get_submodule(node.target)
            return node.args[0] if getattr(m, "inplace", False) else None
        fn = node.target
        if fn in (operator.iadd, operator.isub, operator.imul,
                  operator.itruediv):
            return node.args[0]
        name = fn if node.op == "call_method" else getattr(fn, "__name__", "")
        if name.endswith("_") and not name.startswith("_"):
            return node.args[0]
        index = self._INPLACE_ARG.get(name)
        if node.op == "call_function" and index is not None and (
                node.kwargs.get("inplace") or
                (len(node.args) > index and node.args[index] is True)):
            return node.args[0]
        return None

    def run(self):
        output = None
        for node in self.gm.graph.nodes:
            if node.op == "placeholder":
                self.env[node] = self.g.input
            elif node.op == "get_attr":
                t = self.gm
                for part in node.target.split("."):
                    t = getattr(t, part)
                if not isinstance(t, torch.Tensor):
                    raise unsupported(f"attribute {type(t).__name__}", node.target)
                self.env[node] = _Const(node.target, t.float())
            elif node.op == "call_module":
                self.env[node] = self.module(node)
            elif node.op in ("call_function", "call_method"):
                self.env[node] = self.function(node)
            if node.op.startswith("call_"):
                # torch.fx does not functionalize: an in-place operator
                # changes its input for every later use.
                target = self.mutated(node)
                if isinstance(target, torch.fx.Node) and \
                        isinstance(self.env.get(target), Value):
                    self.env[target] = self.env[node]
            if node.op == "output":
                out = node.args[0]
                if not isinstance(out, torch.fx.Node):
                    raise FrontendError("the model must return one tensor")
                output = self.value(out, "output")
        self.g.finish(output)


def seeded_input(shape, seed):
    generator = torch.Generator().manual_seed(seed)
    return torch.rand(shape, generator=generator) * 2 - 1


def run_model(model, x):
    """PyTorch eager's output (float32 numpy) for a numpy input."""
    try:
        with torch.no_grad():
            # A copy: an in-place first layer would change `x`.
            return model(torch.from_numpy(np.array(x))).numpy()
    except Exception as e:
        raise FrontendError(f"running the model on an input of shape "
                            f"{list(x.shape)}: {type(e).__name__}: {e}") from None


def translate(model, input_shape, seed, dynamic_batch):
    """(graph, input, expected): the whole model as a Graph, the seeded
    random input in [-1, 1) and PyTorch eager's output for it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gm = torch.fx.symbolic_trace(model)
    except Exception as e:
        raise FrontendError(f"torch.fx cannot trace the model: "
                            f"{type(e).__name__}: {e}") from None
    placeholders = [n for n in gm.graph.nodes if n.op == "placeholder"]
    if len(placeholders) != 1:
        raise FrontendError(f"the model must take one tensor; its forward has "
                            f"{len(placeholders)} arguments")
    x = seeded_input(input_shape, seed)
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ShapeProp(gm).propagate(x.clone())
    except Exception as e:
        raise FrontendError(f"running the model on an input of shape "
                            f"{list(input_shape)}: {type(e).__name__}: {e}") from None
    graph = Graph(list(input_shape), dynamic_batch)
    _Translator(gm, graph).run()
    x = x.numpy()
    return graph, x, run_model(model, x)
