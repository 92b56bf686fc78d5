"""The one emitter of tconv IR text for imported ConvTranspose layers.

A Layer is one framework ConvTranspose (PyTorch module or ONNX node) in
tconv's terms: channels_first, PyTorch's weight layout (Cin, Cout/G, k...),
asymmetric padding. It becomes one function

    func.func @NAME(%input: tensor<N x Cin x I...>, %weight: ..., [%bias: ...])
        -> tensor<N x Cout x O...>

whose C symbol under tconv-aot is NAME too. A quantized layer (a
Requantization in Layer.quant) takes i8/ui8 input, i8 weight and i32 bias:
tconv.conv_transpose computes the exact i32 sum on the raw integers with
the zero points as attributes, and one linalg.generic requantizes it to the
i8/ui8 result. Standard library only.
"""

import math
import re
from dataclasses import dataclass, field

from tconv_testing.reference import out_size


class FrontendError(Exception):
    """A model the importer cannot express; reported as `error: ...`."""


def tensor_type(dims, element="f32"):
    """`tensor<2x?x3xf32>` for dims [2, "?", 3]."""
    return "tensor<" + "".join(f"{d}x" for d in dims) + element + ">"


def i64_array(values):
    """`array<i64: 1, 2>`: the dense array attribute of tconv's ops."""
    return "array<i64: " + ", ".join(map(str, values)) + ">"


def symbol_name(text, taken):
    """A C identifier made of `text` (a module path or ONNX node name), not in
    `taken`; it is added to `taken`."""
    name = re.sub(r"\W", "_", text).strip("_") or "layer"
    if name[0].isdigit():
        name = "layer_" + name
    base, i = name, 2
    while name in taken:
        name, i = f"{base}_{i}", i + 1
    taken.add(name)
    return name


def float_literal(value):
    """`value` as an MLIR float literal that reads back exactly: Python's
    shortest round-trip text, with the '.' MLIR's grammar needs."""
    if not math.isfinite(value):
        raise FrontendError(f"non-finite quantization constant {value}")
    text = repr(float(value))
    if "." not in text:
        mantissa, _, exponent = text.partition("e")
        text = mantissa + ".0" + ("e" + exponent if exponent else "")
    return text


INTEGER_RANGES = {"i8": (-128, 127), "ui8": (0, 255)}

@dataclass
class Requantization:
    """The quantized form of a layer: element types, zero points and the
    requantization of the convolution's exact i32 sum `acc` (the i32 bias
    included when the layer has one) to the output type. Per output channel
    c, in `float_type` (f32 or f64), each step one IEEE operation rounded to
    nearest even:

        v = (float(acc) + pre[c]) * multiplier[c] + post[c]
        y = saturate(roundeven(v + output_zero_point))     zero_point_first
        y = saturate(roundeven(v) + output_zero_point)     otherwise

    roundeven rounds half to even (after saturating to the output type's
    range, which gives the same integers).

    `pre` and `post` are None when absent; the front ends choose the
    constants so that this is their framework's arithmetic."""
    input_type: str               # "i8" or "ui8"
    input_zero_point: int
    weight_zero_point: int
    output_type: str              # "i8" or "ui8"
    output_zero_point: int
    multiplier: list              # one per output channel
    pre: list = None
    post: list = None
    float_type: str = "f32"
    zero_point_first: bool = False
    scheme: str = ""              # for reports, e.g. "qnnpack"

    def describe(self):
        return (f"{self.scheme}: {self.input_type} zp {self.input_zero_point}"
                f", weight zp {self.weight_zero_point} -> {self.output_type} "
                f"zp {self.output_zero_point}")

    def generic(self, acc, shape, indent="  "):
        """The ops requantizing the i32 tensor %`acc` of `shape` into %y."""
        rank, f = len(shape), self.float_type
        dims = ", ".join(f"d{i}" for i in range(rank))
        identity = f"affine_map<({dims}) -> ({dims})>"
        channel = f"affine_map<({dims}) -> (d1)>"
        lines, ins, args = [], [f"%{acc}"], ["%a: i32"]
        types = [tensor_type(shape, "i32")]
        for name in ("multiplier", "pre", "post"):
            values = getattr(self, name)
            if values is None:
                continue
            vt = tensor_type([len(values)], f)
            lines.append(f"%{name} = arith.constant dense<["
                         + ", ".join(map(float_literal, values)) + f"]> : {vt}")
            ins.append(f"%{name}")
            types.append(vt)
            args.append(f"%{name}_c: {f}")
        yt = tensor_type(shape, self.output_type)
        lines.append(f"%init = tensor.empty() : {yt}")
        maps = [identity] + [channel] * (len(ins) - 1) + [identity]
        iterators = ", ".join(['"parallel"'] * rank)
        lines.append(f"%y = linalg.generic {{indexing_maps = [{', '.join(maps)}], "
                     f"iterator_types = [{iterators}]}}")
        lines.append(f"    ins({', '.join(ins)} : {', '.join(types)}) "
                     f"outs(%init : {yt}) {{")
        lines.append(f"^bb0({', '.join(args)}, %out: {self.output_type}):")
        body, count = [], 0

        def op(text):
            """Appends `%vN = text`; returns %vN."""
            nonlocal count
            body.append(f"%v{count} = {text}")
            count += 1
            return f"%v{count - 1}"

        # Saturating first and rounding then is the same for integer
        # bounds; the zero point moves them unless it is added first.
        lo, hi = INTEGER_RANGES[self.output_type]
        zp = self.output_zero_point
        if not self.zero_point_first:
            lo, hi = lo - zp, hi - zp
        for name, value in (("zp", zp), ("lo", lo), ("hi", hi)):
            body.append(f"%{name} = arith.constant {float_literal(value)} : {f}")
        v = op(f"arith.sitofp %a : i32 to {f}")
        if self.pre is not None:
            v = op(f"arith.addf {v}, %pre_c : {f}")
        v = op(f"arith.mulf {v}, %multiplier_c : {f}")
        if self.post is not None:
            v = op(f"arith.addf {v}, %post_c : {f}")
        if self.zero_point_first:
            v = op(f"arith.addf {v}, %zp : {f}")
        v = op(f"arith.minimumf {op(f'arith.maximumf {v}, %lo : {f}')}, %hi : {f}")
        v = op(f"math.roundeven {v} : {f}")
        if not self.zero_point_first:
            v = op(f"arith.addf {v}, %zp : {f}")
        v = op(f"arith.trunci {op(f'arith.fptosi {v} : {f} to i32')} : i32 to i8")
        if self.output_type == "ui8":
            # arith takes signless integers: i8 holds the same bits.
            # tconv.sign_cast, unlike an unrealized cast, is elementwise:
            # the op stays fusable and vectorizable.
            v = op(f"tconv.sign_cast {v} : i8 to ui8")
        body.append(f"linalg.yield {v} : {self.output_type}")
        lines += ["  " + line for line in body]
        lines.append(f"}} -> {yt}")
        return "".join(f"{indent}{line}\n" for line in lines)


@dataclass
class Layer:
    name: str                 # function / C symbol name
    source: str               # the framework's name for it
    input_shape: list         # (N, Cin, I...)
    weight_shape: list        # (Cin, Cout/G, k...)
    has_bias: bool
    strides: list
    pad_begin: list
    pad_end: list
    output_padding: list
    dilations: list
    groups: int = 1
    extra: dict = field(default_factory=dict)   # front-end notes for reports
    quant: Requantization = None                # None: an f32 layer

    @property
    def element_types(self):
        """The element types of the input, weight, bias and result."""
        if self.quant is None:
            return ["f32"] * 4
        return [self.quant.input_type, "i8", "i32", self.quant.output_type]

    @property
    def rank(self):
        return len(self.input_shape) - 2

    @property
    def out_channels(self):
        return self.weight_shape[1] * self.groups

    @property
    def output_shape(self):
        return self.input_shape[:1] + [self.out_channels] + [
            out_size(I, s, pb, pe, dil, k, op)
            for I, s, pb, pe, dil, k, op in zip(
                self.input_shape[2:], self.strides, self.pad_begin,
                self.pad_end, self.dilations, self.weight_shape[2:],
                self.output_padding)]

    @property
    def macs(self):
        N, cin = self.input_shape[:2]
        return (N * cin * math.prod(self.input_shape[2:]) *
                self.weight_shape[1] * math.prod(self.weight_shape[2:]))

    def validate(self):
        """Raises FrontendError for what tconv.conv_transpose rejects."""
        where = f"{self.source}:"
        if not 1 <= self.rank <= 3:
            raise FrontendError(f"{where} {self.rank} spatial dims (tconv "
                               f"supports 1 to 3)")
        lists = (self.strides, self.pad_begin, self.pad_end,
                 self.output_padding, self.dilations)
        if any(len(v) != self.rank for v in lists):
            raise FrontendError(f"{where} attribute lengths do not match "
                               f"{self.rank} spatial dims")
        if any(not isinstance(d, int) or d < 1 for d in self.input_shape):
            raise FrontendError(f"{where} input shape {self.input_shape} is "
                               f"not static and positive")
        cin = self.input_shape[1]
        if self.weight_shape[0] != cin or cin % self.groups:
            raise FrontendError(f"{where} weight {self.weight_shape} does not "
                               f"fit input channels {cin} and groups "
                               f"{self.groups}")
        if min(self.pad_begin + self.pad_end) < 0:
            raise FrontendError(
                f"{where} negative padding {self.pad_begin}/{self.pad_end} "
                f"(an output larger than the full transposed convolution) "
                f"is not supported")
        for s, dil, op in zip(self.strides, self.dilations,
                              self.output_padding):
            if not 0 <= op < max(s, dil):
                raise FrontendError(f"{where} output_padding {op} must be in "
                                   f"[0, max(stride {s}, dilation {dil}))")
        if min(self.output_shape[2:]) < 1:
            raise FrontendError(f"{where} empty output {self.output_shape}")

    def describe(self):
        k = "x".join(map(str, self.weight_shape[2:]))
        text = (f"{self.input_shape[1]}->{self.out_channels}, k {k}, "
                f"s {self.strides}, pads {self.pad_begin}/{self.pad_end}")
        if any(self.output_padding):
            text += f", output_padding {self.output_padding}"
        if any(d != 1 for d in self.dilations):
            text += f", dilation {self.dilations}"
        if self.groups != 1:
            text += f", groups {self.groups}"
        # A quantized layer's float bias is in its requantization.
        if not (self.has_bias or self.quant and (self.quant.pre or
                                                  self.quant.post)):
            text += ", no bias"
        return text + (f"; {self.quant.describe()}" if self.quant else "")

    def attributes(self):
        """The attribute dictionary of the tconv.conv_transpose op."""
        attributes = [f"strides = {i64_array(self.strides)}",
                      f"padding = {i64_array(self.pad_begin + self.pad_end)}",
                      f"output_padding = {i64_array(self.output_padding)}",
                      f"dilations = {i64_array(self.dilations)}",
                      f"groups = {self.groups} : i64"]
        if self.quant:
            attributes += [
                f"input_zero_point = {self.quant.input_zero_point} : i32",
                f"weight_zero_point = {self.quant.weight_zero_point} : i32"]
        return ", ".join(attributes)

    def op(self, result, operands, dynamic_batch=False, indent="  "):
        """The tconv.conv_transpose op `%result = ... %operands...` (SSA
        names without %: input, weight and, with a bias, bias)."""
        batch = ["?"] if dynamic_batch else self.input_shape[:1]
        x, w, b, y = self.element_types
        types = [tensor_type(batch + self.input_shape[1:], x),
                 tensor_type(self.weight_shape, w)]
        if self.has_bias:
            types.append(tensor_type([self.out_channels], b))
        yt = tensor_type(batch + self.output_shape[1:],
                         "i32" if self.quant else y)
        return (f"{indent}%{result} = tconv.conv_transpose "
                + ", ".join(f"%{n}" for n in operands) + "\n"
                f"{indent}       {{{self.attributes()}}}\n"
                f"{indent}     : (" + ", ".join(types) + f") -> {yt}\n")

    def mlir(self, dynamic_batch=False, comment=None):
        """The function; with `dynamic_batch` (f32 layers) the batch dim is
        `?`."""
        batch = ["?"] if dynamic_batch else self.input_shape[:1]
        args = [("input", batch + self.input_shape[1:]),
                ("weight", self.weight_shape)]
        if self.has_bias:
            args.append(("bias", [self.out_channels]))
        x, w, b, y = self.element_types
        yt = tensor_type(batch + self.output_shape[1:], y)
        comment = comment or f"{self.source}: {self.describe()}"
        names = [n for n, _ in args]
        if self.quant:
            body = (self.op("acc", names)
                    + self.quant.generic("acc", self.output_shape))
        else:
            body = self.op("y", names, dynamic_batch)
        return (f"// {comment}\n"
                f"func.func @{self.name}("
                + ", ".join(f"%{n}: {tensor_type(s, t)}"
                            for (n, s), t in zip(args, (x, w, b)))
                + f") -> {yt} {{\n" + body
                + f"  return %y : {yt}\n}}\n")


def module_text(layers, header):
    """One module with a function per layer; `header` becomes // comments."""
    lines = [f"// {line}".rstrip() for line in header.splitlines()]
    return "\n".join(lines) + "\n\n" + "\n".join(l.mlir() for l in layers)
