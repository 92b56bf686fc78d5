"""The framework-neutral emitter of whole models: one function

    func.func @forward(%input: tensor<N x C x ...>, %p0: ..., %p1: ...)
        -> tensor<N x C' x ...>

built operator by operator. The front ends (torch_graph, onnx_graph) walk
their graph in order and call one Graph method per operator; each method
emits the op's MLIR text, infers its result shape (kept explicit, in
`Value.shape`) and returns the result Value. Parameters (weights, biases,
batch-norm scale and shift, PReLU slopes, constant tensors) become the
function's arguments after the input, in the order of their first use.

Transposed convolutions are tconv.conv_transpose (mlir.Layer emits the op);
everything else is upstream MLIR: linalg named convolutions
(linalg.conv_{1,2,3}d_n*_f*, grouped 2-D as linalg.conv_2d_ngchw_gfchw,
grouped 1-D and 3-D as a linalg.generic of the same form), tensor.pad for
their padding, linalg.broadcast of the bias as their init, linalg.generic
with arith / math bodies for elementwise operators and broadcasts,
tensor.concat, tensor.expand_shape + linalg.transpose + tensor.collapse_shape
for the pixel shuffle and a linalg.generic with floordiv maps for nearest
upsampling. With `dynamic_batch` every activation's batch dim is `?` (read
once from the input with tensor.dim). Standard library and numpy only.
"""

import math

import numpy as np

from .mlir import FrontendError, Layer, tensor_type


def unsupported(op, where):
    """The one error of an operator the whole-model importer cannot express."""
    return FrontendError(f"unsupported operator {op} at {where}")


def f32_literal(value):
    """An MLIR f32 literal that round-trips (always with a '.')."""
    return f"{float(np.float32(value)):.9e}"


class Value:
    """A tensor of the function: SSA name (without %), concrete shape (the
    batch dim is the import's batch) and whether dim 0 is the batch (every
    activation; not parameters)."""

    def __init__(self, name, shape, batched, kept=None):
        self.name, self.shape, self.batched = name, list(shape), batched
        # A parameter stored without its size-1 dims: the framework's rank
        # and the framework dims that are kept (see Graph.param).
        self.kept = kept

    @property
    def rank(self):
        return len(self.shape)


class Param:
    """A function argument after the input: the framework's name, its role
    (e.g. conv.weight, batch_norm.scale), the float32 array, its Value, the
    framework tensors it was computed from (batch norm) or [] and the
    framework's shape (size-1 dims included)."""

    def __init__(self, name, role, array, value, sources):
        self.name, self.role, self.array = name, role, array
        self.value, self.sources = value, sources
        self.framework_shape = list(array.shape)


class Body:
    """The region of a linalg.generic: block arguments, then ops appended by
    the helpers, each returning its SSA name."""

    def __init__(self, graph, args):
        self.graph, self.args, self.lines = graph, args, []

    def _emit(self, text):
        name = self.graph.fresh("s")
        self.lines.append(f"%{name} = {text}")
        return name

    def const(self, value):
        return self._emit(f"arith.constant {f32_literal(value)} : f32")

    def op(self, opname, *operands):
        return self._emit(f"{opname} " + ", ".join(f"%{o}" for o in operands)
                          + " : f32")

    def add(self, a, b): return self.op("arith.addf", a, b)
    def sub(self, a, b): return self.op("arith.subf", a, b)
    def mul(self, a, b): return self.op("arith.mulf", a, b)
    def div(self, a, b): return self.op("arith.divf", a, b)
    def max(self, a, b): return self.op("arith.maximumf", a, b)
    def min(self, a, b): return self.op("arith.minimumf", a, b)

    def select_positive(self, x, positive, other):
        """x > 0 ? positive : other."""
        cond = self.graph.fresh("s")
        zero = self.const(0.0)
        self.lines.append(f"%{cond} = arith.cmpf ogt, %{x}, %{zero} : f32")
        return self._emit(f"arith.select %{cond}, %{positive}, %{other} : f32")

    def sigmoid(self, x):
        one = self.const(1.0)
        e = self.op("math.exp", self.op("arith.negf", x))
        return self.div(one, self.add(one, e))


# Elementwise operators: name -> body(b, x, **attributes). Their semantics
# are PyTorch's (and ONNX's, which agree): relu(x) = max(x, 0),
# leaky_relu(x) = x > 0 ? x : alpha * x, clamp to [min, max] (either bound
# may be absent), gelu exact 0.5 x (1 + erf(x / sqrt 2)) or the tanh form.
def _gelu(b, x, approximate="none"):
    half = b.mul(x, b.const(0.5))
    if approximate == "tanh":
        x3 = b.mul(b.mul(x, x), x)
        inner = b.mul(b.add(x, b.mul(x3, b.const(0.044715))),
                      b.const(math.sqrt(2 / math.pi)))
        return b.mul(half, b.add(b.const(1.0), b.op("math.tanh", inner)))
    erf = b.op("math.erf", b.mul(x, b.const(1 / math.sqrt(2))))
    return b.mul(half, b.add(b.const(1.0), erf))


def _clamp(b, x, min=None, max=None):
    if min is not None:
        x = b.max(x, b.const(min))
    if max is not None:
        x = b.min(x, b.const(max))
    return x


def _pow(b, x, exponent):
    if exponent == 2:
        return b.mul(x, x)
    if exponent == 3:
        return b.mul(b.mul(x, x), x)
    return b.op("math.powf", x, b.const(exponent))


UNARY = {
    "relu": lambda b, x: b.max(x, b.const(0.0)),
    "leaky_relu": lambda b, x, alpha: b.select_positive(
        x, x, b.mul(x, b.const(alpha))),
    "clamp": _clamp,
    "tanh": lambda b, x: b.op("math.tanh", x),
    "sigmoid": lambda b, x: b.sigmoid(x),
    "silu": lambda b, x: b.mul(x, b.sigmoid(x)),
    "gelu": _gelu,
    "erf": lambda b, x: b.op("math.erf", x),
    "exp": lambda b, x: b.op("math.exp", x),
    "neg": lambda b, x: b.op("arith.negf", x),
    "sqrt": lambda b, x: b.op("math.sqrt", x),
    "pow": _pow,
}

BINARY = {"add": Body.add, "sub": Body.sub, "mul": Body.mul, "div": Body.div}


class Graph:
    """One @forward function under construction."""

    def __init__(self, input_shape, dynamic_batch=False):
        self.dynamic = dynamic_batch
        self.input = Value("input", input_shape, True)
        self.params, self._params = [], {}
        self.lines, self.ops = [], []
        self._count = 0
        self.output = None

    # -- naming, types, helpers ------------------------------------------------
    def fresh(self, prefix="v"):
        self._count += 1
        return f"{prefix}{self._count}"

    def dims(self, shape, batched):
        return (["?"] + list(shape[1:])) if batched and self.dynamic else list(shape)

    def type(self, value):
        return tensor_type(self.dims(value.shape, value.batched))

    def _type_of(self, shape, batched):
        return tensor_type(self.dims(shape, batched))

    def _emit(self, text):
        self.lines.extend("  " + line for line in text.rstrip("\n").split("\n"))

    def _note(self, kind, source, inputs, result, text=""):
        """Records an operator (for the report and manifest) and a comment."""
        self.ops.append({"op": kind, "source": source,
                         "input_shapes": [v.shape for v in inputs],
                         "output_shape": result})
        detail = f" ({text})" if text else ""
        self._emit(f"// {source}: {kind}{detail} -> {result}")

    def _empty(self, shape, batched):
        name = self.fresh("e")
        size = "%batch" if batched and self.dynamic else ""
        self._emit(f"%{name} = tensor.empty({size}) : "
                   f"{self._type_of(shape, batched)}")
        return name

    def _activation(self, value, source):
        if not isinstance(value, Value) or not value.batched:
            raise FrontendError(f"{source}: the operand is not an activation "
                                f"(a tensor computed from the input)")
        return value

    # -- parameters ------------------------------------------------------------
    def param(self, name, role, array, sources=()):
        """The argument for the framework tensor `name` in `role` (one per
        (name, role), however often it is used). Operands of elementwise
        operators (every role but conv* ones) are stored without their
        size-1 dims, which broadcast anyway: a (C, 1, 1) PReLU slope is a
        (C) argument read at the channel index, a one-element one a
        tensor<f32>. (Indexing maps with constant 0 results, which the
        size-1 dims would need, make tconv's pipeline vectorize the whole
        linalg.generic as one vector: see the report of issue 17.)"""
        key = (name, role)
        if key not in self._params:
            array = np.ascontiguousarray(array, dtype=np.float32)
            kept, framework_shape = None, list(array.shape)
            if not role.startswith("conv"):
                kept = (array.ndim, [i for i, s in enumerate(array.shape) if s != 1])
                array = array.reshape([s for s in array.shape if s != 1])
            value = Value(f"p{len(self.params)}", array.shape, False, kept)
            param = Param(name, role, array, value, list(sources))
            param.framework_shape = framework_shape
            self.params.append(param)
            self._params[key] = param
        return self._params[key].value

    # -- elementwise -----------------------------------------------------------
    @staticmethod
    def _dims(value, rank, dims):
        """The result dim of each dim of `value`: `dims` (per framework dim)
        or right-aligned, for a squeezed parameter those of its kept dims."""
        framework_rank, kept = value.kept or (value.rank, range(value.rank))
        if dims is None:
            dims = list(range(rank - framework_rank, rank))
        if len(dims) != framework_rank or min(dims, default=0) < 0:
            raise FrontendError(f"shape {value.shape} does not broadcast to "
                                f"rank {rank}")
        return [dims[i] for i in kept]

    def _broadcast_map(self, value, out_shape, dims=None):
        """The indexing map reading `value` at a result index: `dims` lists
        the result dim of each of its dims, else numpy's right-aligned
        broadcasting; size-1 dims against larger ones read index 0."""
        rank = len(out_shape)
        dims = self._dims(value, rank, dims)
        exprs = []
        for size, d in zip(value.shape, dims):
            if size == out_shape[d] and (d != 0 or value.batched or not self.dynamic):
                exprs.append(f"d{d}")
            elif size == 1 and not (d == 0 and value.batched):
                exprs.append("0")
            else:
                raise FrontendError(
                    f"shape {value.shape} does not broadcast to {out_shape}"
                    + (" with a dynamic batch" if self.dynamic else ""))
        ds = ", ".join(f"d{i}" for i in range(rank))
        return f"affine_map<({ds}) -> ({', '.join(exprs)})>"

    def elementwise(self, kind, source, operands, body, text=""):
        """A linalg.generic over the broadcast shape of `operands` (Values,
        each optionally a (Value, dims) pair, see _broadcast_map); `body(b,
        *args)` builds the scalar computation on the block arguments."""
        pairs = [o if isinstance(o, tuple) else (o, None) for o in operands]
        if not any(v.batched for v, _ in pairs):
            raise FrontendError(f"{source}: {kind} of parameters only; "
                                f"expected an activation operand")
        rank = max(v.kept[0] if v.kept else v.rank for v, _ in pairs)
        shape = [1] * rank
        for v, dims in pairs:
            for size, d in zip(v.shape, self._dims(v, rank, dims)):
                if shape[d] == 1:
                    shape[d] = size
                elif size not in (1, shape[d]):
                    raise FrontendError(f"{source}: shapes "
                                        f"{[v.shape for v, _ in pairs]} do "
                                        f"not broadcast")
        maps = [self._broadcast_map(v, shape, dims) for v, dims in pairs]
        ids = ", ".join(f"d{i}" for i in range(rank))
        maps.append(f"affine_map<({ids}) -> ({ids})>")
        args = [self.fresh("a") for _ in pairs]
        b = Body(self, args)
        result = body(b, *args)
        self._note(kind, source, [v for v, _ in pairs], shape, text)
        init = self._empty(shape, True)
        name = self.fresh()
        out_type = self._type_of(shape, True)
        iters = ", ".join(['"parallel"'] * rank)
        block = ", ".join(f"%{a}: f32" for a in args) + ", %out: f32"
        self._emit(
            f"%{name} = linalg.generic {{indexing_maps = [{', '.join(maps)}], "
            f"iterator_types = [{iters}]}}\n"
            f"    ins(" + ", ".join(f"%{v.name}" for v, _ in pairs) + " : "
            + ", ".join(self.type(v) for v, _ in pairs) + f") "
            f"outs(%{init} : {out_type}) {{\n"
            f"  ^bb0({block}):\n"
            + "".join(f"    {line}\n" for line in b.lines)
            + f"    linalg.yield %{result} : f32\n"
            f"  }} -> {out_type}")
        return Value(name, shape, True)

    def unary(self, kind, source, x, **attrs):
        """relu, leaky_relu(alpha), clamp(min, max), tanh, sigmoid, silu,
        gelu(approximate), erf, exp, neg, sqrt, pow(exponent)."""
        self._activation(x, source)
        text = ", ".join(f"{k} {v}" for k, v in attrs.items() if v is not None)
        return self.elementwise(kind, source, [x],
                                lambda b, a: UNARY[kind](b, a, **attrs), text)

    def binary(self, kind, source, a, b):
        """add, sub, mul, div of two tensors (numpy broadcasting) or a
        tensor and a Python float."""
        operands, scalars = [], []
        for v in (a, b):
            if isinstance(v, Value):
                operands.append(v)
                scalars.append(None)
            else:
                scalars.append(float(v))

        def body(bb, *args):
            it = iter(args)
            names = [next(it) if s is None else bb.const(s) for s in scalars]
            return BINARY[kind](bb, *names)
        text = ", ".join(f"{s:g}" for s in scalars if s is not None)
        return self.elementwise(kind, source, operands, body, text)

    def batch_norm(self, source, x, scale, shift):
        """Inference batch norm as x * scale + shift, per channel (dim 1)."""
        self._activation(x, source)
        return self.elementwise(
            "batch_norm", source, [x, (scale, [1]), (shift, [1])],
            lambda b, a, s, t: b.add(b.mul(a, s), t))

    def prelu(self, source, x, slope, per_channel):
        """x > 0 ? x : slope * x, the slope per channel (dim 1) or one."""
        self._activation(x, source)
        operand = (slope, [1]) if per_channel else slope
        return self.elementwise(
            "prelu", source, [x, operand],
            lambda b, a, s: b.select_positive(a, a, b.mul(a, s)))

    # -- convolutions ----------------------------------------------------------
    def _pad(self, x, begin, end):
        if not any(begin) and not any(end):
            return x
        shape = x.shape[:2] + [s + b + e for s, b, e in
                               zip(x.shape[2:], begin, end)]
        name = self.fresh()
        idx = ", ".join(f"%i{i}: index" for i in range(x.rank))
        low = ", ".join(map(str, [0, 0] + list(begin)))
        high = ", ".join(map(str, [0, 0] + list(end)))
        self._emit(f"%{name} = tensor.pad %{x.name} low[{low}] high[{high}] {{\n"
                   f"  ^bb0({idx}):\n    tensor.yield %zero : f32\n"
                   f"  }} : {self.type(x)} to {self._type_of(shape, True)}")
        return Value(name, shape, True)

    def _init(self, shape, bias):
        """The accumulator: the bias broadcast along dim 1, or zeros."""
        empty = self._empty(shape, True)
        name = self.fresh()
        ty = self._type_of(shape, True)
        if bias is None:
            self._emit(f"%{name} = linalg.fill ins(%zero : f32) "
                       f"outs(%{empty} : {ty}) -> {ty}")
        else:
            dims = ", ".join(str(d) for d in range(len(shape)) if d != 1)
            self._emit(f"%{name} = linalg.broadcast ins(%{bias.name} : "
                       f"{self.type(bias)}) outs(%{empty} : {ty}) "
                       f"dimensions = [{dims}]")
        return Value(name, shape, True)

    def _reshape(self, op, x, shape):
        """tensor.expand_shape ("expand") splitting, or collapse_shape
        merging, the group dim: dim 1 of an activation (N, G, C/G, ...),
        dim 0 of a weight (G, Cout/G, ...)."""
        name = self.fresh()
        first = 1 if x.batched else 0
        rank = max(x.rank, len(shape))
        assoc = ([[i] for i in range(first)] + [[first, first + 1]]
                 + [[i] for i in range(first + 2, rank)])
        assoc_text = ", ".join("[" + ", ".join(map(str, g)) + "]" for g in assoc)
        result_type = self._type_of(shape, x.batched)
        if op == "expand":
            sizes = ", ".join("%batch" if x.batched and self.dynamic and i == 0
                              else str(s) for i, s in enumerate(shape))
            self._emit(f"%{name} = tensor.expand_shape %{x.name} [{assoc_text}] "
                       f"output_shape [{sizes}] : {self.type(x)} into {result_type}")
        else:
            self._emit(f"%{name} = tensor.collapse_shape %{x.name} [{assoc_text}] "
                       f": {self.type(x)} into {result_type}")
        return Value(name, shape, x.batched)

    def conv(self, source, x, w, b, strides, pad_begin, pad_end, dilations,
             groups):
        """Convolution (cross-correlation), PyTorch/ONNX weight (Cout,
        Cin/G, k...), zero padding pad_begin/pad_end per spatial dim."""
        self._activation(x, source)
        d = x.rank - 2
        if not 1 <= d <= 3 or w.rank != d + 2:
            raise FrontendError(f"{source}: convolution with {d} spatial "
                                f"dims (1 to 3 are supported)")
        cin, cout, k = x.shape[1], w.shape[0], w.shape[2:]
        if cin % groups or cout % groups or w.shape[1] * groups != cin:
            raise FrontendError(f"{source}: weight {w.shape} does not fit "
                                f"input channels {cin} and groups {groups}")
        if min(list(pad_begin) + list(pad_end)) < 0:
            raise FrontendError(f"{source}: negative padding")
        out = [(i + pb + pe - dil * (kk - 1) - 1) // s + 1 for i, pb, pe, dil, kk, s
               in zip(x.shape[2:], pad_begin, pad_end, dilations, k, strides)]
        shape = [x.shape[0], cout] + out
        if min(out) < 1:
            raise FrontendError(f"{source}: empty output {shape}")
        text = (f"{cin}->{cout}, k {'x'.join(map(str, k))}, s {list(strides)}, "
                f"pads {list(pad_begin)}/{list(pad_end)}, dilation "
                f"{list(dilations)}, groups {groups}"
                + ("" if b is not None else ", no bias"))
        self._note("conv", source, [x], shape, text)
        xp = self._pad(x, pad_begin, pad_end)
        acc = self._init(shape, b)
        attrs = (f"{{strides = dense<[{', '.join(map(str, strides))}]> : "
                 f"tensor<{d}xi64>, dilations = dense<"
                 f"[{', '.join(map(str, dilations))}]> : tensor<{d}xi64>}}")
        name = self.fresh()
        ty = self._type_of(shape, True)
        if groups == 1:
            op = {1: "conv_1d_ncw_fcw", 2: "conv_2d_nchw_fchw",
                  3: "conv_3d_ncdhw_fcdhw"}[d]
            self._emit(f"%{name} = linalg.{op} {attrs}\n"
                       f"    ins(%{xp.name}, %{w.name} : {self.type(xp)}, "
                       f"{self.type(w)}) outs(%{acc.name} : {ty}) -> {ty}")
            return Value(name, shape, True)
        # Grouped: (N, G, Cin/G, I...) * (G, Cout/G, Cin/G, k...) ->
        # (N, G, Cout/G, O...), then the groups merged back.
        g = groups
        xg = self._reshape("expand", xp, [xp.shape[0], g, cin // g] + xp.shape[2:])
        wg = self._reshape("expand", w, [g, cout // g] + w.shape[1:])
        gshape = [shape[0], g, cout // g] + out
        accg = self._reshape("expand", acc, gshape)
        gty = self._type_of(gshape, True)
        ins = (f"ins(%{xg.name}, %{wg.name} : {self.type(xg)}, {self.type(wg)}) "
               f"outs(%{accg.name} : {gty})")
        if d == 2:
            self._emit(f"%{name} = linalg.conv_2d_ngchw_gfchw {attrs}\n"
                       f"    {ins} -> {gty}")
        else:
            # loops (n, g, f, o..., c, k...)
            nd = 3 + 2 * d + 1
            ds = ", ".join(f"d{i}" for i in range(nd))
            o = [f"d{3 + i}" for i in range(d)]
            c = f"d{3 + d}"
            kk = [f"d{4 + d + i}" for i in range(d)]
            xin = [f"{oi} * {s} + {ki} * {dil}" for oi, ki, s, dil
                   in zip(o, kk, strides, dilations)]
            maps = [f"affine_map<({ds}) -> (d0, d1, {c}, {', '.join(xin)})>",
                    f"affine_map<({ds}) -> (d1, d2, {c}, {', '.join(kk)})>",
                    f"affine_map<({ds}) -> (d0, d1, d2, {', '.join(o)})>"]
            iters = ", ".join(['"parallel"'] * (3 + d) + ['"reduction"'] * (1 + d))
            self._emit(
                f"%{name} = linalg.generic {{indexing_maps = [{', '.join(maps)}], "
                f"iterator_types = [{iters}]}}\n    {ins} {{\n"
                f"  ^bb0(%xa: f32, %wa: f32, %acc: f32):\n"
                f"    %pr = arith.mulf %xa, %wa : f32\n"
                f"    %sm = arith.addf %acc, %pr : f32\n"
                f"    linalg.yield %sm : f32\n  }} -> {gty}")
        return self._reshape("collapse", Value(name, gshape, True), shape)

    def conv_transpose(self, source, x, w, b, strides, pad_begin, pad_end,
                       output_padding, dilations, groups):
        """tconv.conv_transpose: channels first, weight (Cin, Cout/G, k...)."""
        self._activation(x, source)
        layer = Layer(name="", source=source, input_shape=list(x.shape),
                      weight_shape=list(w.shape), has_bias=b is not None,
                      strides=list(strides), pad_begin=list(pad_begin),
                      pad_end=list(pad_end), output_padding=list(output_padding),
                      dilations=list(dilations), groups=groups)
        layer.validate()
        shape = layer.output_shape
        self._note("conv_transpose", source, [x], shape, layer.describe())
        name = self.fresh()
        operands = [x.name, w.name] + ([b.name] if b is not None else [])
        self._emit(layer.op(name, operands, self.dynamic, indent=""))
        return Value(name, shape, True)

    # -- data movement ---------------------------------------------------------
    def concat(self, source, values):
        """Concatenation along the channel dim (1)."""
        for v in values:
            self._activation(v, source)
        shape = list(values[0].shape)
        for v in values[1:]:
            if v.rank != len(shape) or v.shape[:1] + v.shape[2:] != \
                    shape[:1] + shape[2:]:
                raise FrontendError(f"{source}: cannot concatenate shapes "
                                    f"{[v.shape for v in values]} on dim 1")
        shape[1] = sum(v.shape[1] for v in values)
        self._note("concat", source, values, shape)
        if len(values) == 1:
            return values[0]
        name = self.fresh()
        self._emit(f"%{name} = tensor.concat dim(1) "
                   + ", ".join(f"%{v.name}" for v in values) + " : ("
                   + ", ".join(self.type(v) for v in values)
                   + f") -> {self._type_of(shape, True)}")
        return Value(name, shape, True)

    def pixel_shuffle(self, source, x, r, mode="CRD"):
        """(N, C r r, H, W) -> (N, C, H r, W r): PyTorch's PixelShuffle and
        ONNX DepthToSpace CRD (channel c*r*r + i*r + j goes to (h*r + i,
        w*r + j)); DCR (ONNX's default) reads channel (i*r + j)*C + c."""
        self._activation(x, source)
        if x.rank != 4 or x.shape[1] % (r * r):
            raise FrontendError(f"{source}: pixel shuffle of {x.shape} by {r}")
        n, crr, h, w = x.shape
        c = crr // (r * r)
        shape = [n, c, h * r, w * r]
        self._note("pixel_shuffle", source, [x], shape, f"{mode}, r {r}")
        if mode == "CRD":
            split, perm = [n, c, r, r, h, w], [0, 1, 4, 2, 5, 3]
        else:
            split, perm = [n, r, r, c, h, w], [0, 3, 4, 1, 5, 2]
        e = self.fresh()
        sizes = ", ".join(["%batch" if self.dynamic else str(n)]
                          + [str(s) for s in split[1:]])
        self._emit(f"%{e} = tensor.expand_shape %{x.name} [[0], [1, 2, 3], [4], [5]] "
                   f"output_shape [{sizes}] : {self.type(x)} into "
                   f"{self._type_of(split, True)}")
        moved = [split[p] for p in perm]
        init = self._empty(moved, True)
        t = self.fresh()
        self._emit(f"%{t} = linalg.transpose ins(%{e} : {self._type_of(split, True)}) "
                   f"outs(%{init} : {self._type_of(moved, True)}) "
                   f"permutation = [{', '.join(map(str, perm))}]")
        name = self.fresh()
        self._emit(f"%{name} = tensor.collapse_shape %{t} [[0], [1], [2, 3], [4, 5]] "
                   f": {self._type_of(moved, True)} into {self._type_of(shape, True)}")
        return Value(name, shape, True)

    def upsample_nearest(self, source, x, sizes):
        """Nearest upsampling of the spatial dims to `sizes`: output index o
        reads input floor(o * I / O) (PyTorch's 'nearest', ONNX Resize
        nearest / asymmetric / floor), for integer scales o floordiv s."""
        self._activation(x, source)
        if len(sizes) != x.rank - 2:
            raise FrontendError(f"{source}: {len(sizes)} sizes for {x.shape}")
        shape = x.shape[:2] + list(sizes)
        self._note("upsample_nearest", source, [x], shape)
        rank = x.rank
        exprs = ["d0", "d1"]
        for i, (I, O) in enumerate(zip(x.shape[2:], sizes)):
            d = f"d{i + 2}"
            if O == I:
                exprs.append(d)
            elif O % I == 0:
                exprs.append(f"{d} floordiv {O // I}")
            else:
                exprs.append(f"({d} * {I}) floordiv {O}")
        ds = ", ".join(f"d{i}" for i in range(rank))
        init = self._empty(shape, True)
        name = self.fresh()
        ty = self._type_of(shape, True)
        iters = ", ".join(['"parallel"'] * rank)
        self._emit(
            f"%{name} = linalg.generic {{indexing_maps = [affine_map<({ds}) -> "
            f"({', '.join(exprs)})>, affine_map<({ds}) -> ({ds})>], "
            f"iterator_types = [{iters}]}}\n"
            f"    ins(%{x.name} : {self.type(x)}) outs(%{init} : {ty}) {{\n"
            f"  ^bb0(%in: f32, %out: f32):\n    linalg.yield %in : f32\n"
            f"  }} -> {ty}")
        return Value(name, shape, True)

    # -- the function ----------------------------------------------------------
    def finish(self, value, source="output"):
        self._activation(value, source)
        self.output = value

    def param_offsets(self):
        """(parameter, offset in floats) in params.bin's order: the one
        definition of its layout, contiguous in argument order."""
        offsets, offset = [], 0
        for p in self.params:
            offsets.append((p, offset))
            offset += int(p.array.size)
        return offsets

    def params_size(self):
        """The number of floats of all parameters, as in params.bin."""
        return sum(int(p.array.size) for p in self.params)

    def text(self, header, blob=False):
        """The module: `header` as // comments, the argument list
        documented, then @forward. With `blob`, @forward takes the
        parameters as one argument %params holding params.bin, marked
        {tconv.pack} (what tconv-aot --pack-weights packs), and slices each
        %pN out of it."""
        lines = [f"// {line}".rstrip() for line in header.splitlines()]
        lines.append(f"// %input: {self.input.shape} (batch "
                     f"{'dynamic' if self.dynamic else 'static'}); parameters "
                     f"in order of first use"
                     f"{', sliced out of %params' if blob else ''}:")
        for p in self.params:
            lines.append(f"//   %{p.value.name}: {p.name} ({p.role}) {p.value.shape}")
        args = [f"%input: {self.type(self.input)}"]
        blob_type = f"tensor<{self.params_size()}xf32>"
        if blob:
            args.append(f"%params: {blob_type} {{tconv.pack}}")
        else:
            args += [f"%{p.value.name}: {self.type(p.value)}"
                     for p in self.params]
        out_type = self.type(self.output)
        lines.append("func.func @forward(" + ", ".join(args) + f") -> {out_type} {{")
        if blob:
            lines.extend(self._blob_slices(blob_type))
        lines.append(f"  %zero = arith.constant {f32_literal(0)} : f32")
        if self.dynamic:
            lines.append("  %c0 = arith.constant 0 : index")
            lines.append(f"  %batch = tensor.dim %input, %c0 : {self.type(self.input)}")
        lines.extend(self.lines)
        lines.append(f"  return %{self.output.name} : {out_type}")
        lines.append("}")
        return "\n".join(lines) + "\n"

    def _blob_slices(self, blob_type):
        """Each parameter as a slice of %params at its params.bin offset,
        reshaped to its shape."""
        lines = []
        for p, offset in self.param_offsets():
            name, size = p.value.name, int(p.array.size)
            flat = f"tensor<{size}xf32>"
            target = name if p.value.rank == 1 else f"{name}.flat"
            lines.append(f"  %{target} = tensor.extract_slice %params[{offset}]"
                         f" [{size}] [1] : {blob_type} to {flat}")
            if p.value.rank == 0:
                lines.append(f"  %{name} = tensor.collapse_shape %{target} []"
                             f" : {flat} into {self.type(p.value)}")
            elif p.value.rank > 1:
                shape = ", ".join(str(d) for d in p.value.shape)
                lines.append(f"  %{name} = tensor.expand_shape %{target} "
                             f"[{list(range(p.value.rank))}] output_shape "
                             f"[{shape}] : {flat} into {self.type(p.value)}")
        return lines

    def summary(self):
        """{op kind: count} in first-seen order."""
        counts = {}
        for op in self.ops:
            counts[op["op"]] = counts.get(op["op"], 0) + 1
        return counts
