"""The one emitter of tconv IR text for imported ConvTranspose layers.

A Layer is one framework ConvTranspose (PyTorch module or ONNX node) in
tconv's terms: channels_first, PyTorch's weight layout (Cin, Cout/G, k...),
asymmetric padding. It becomes one function

    func.func @NAME(%input: tensor<N x Cin x I...>, %weight: ..., [%bias: ...])
        -> tensor<N x Cout x O...>

whose C symbol under tconv-aot is NAME too. Standard library only.
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
        return text + ("" if self.has_bias else ", no bias")

    def attributes(self):
        """The attribute dictionary of the tconv.conv_transpose op."""
        return ", ".join([f"strides = {i64_array(self.strides)}",
                          f"padding = {i64_array(self.pad_begin + self.pad_end)}",
                          f"output_padding = {i64_array(self.output_padding)}",
                          f"dilations = {i64_array(self.dilations)}",
                          f"groups = {self.groups} : i64"])

    def op(self, result, operands, dynamic_batch=False, indent="  "):
        """The tconv.conv_transpose op `%result = ... %operands...` (SSA
        names without %: input, weight and, with a bias, bias)."""
        batch = ["?"] if dynamic_batch else self.input_shape[:1]
        types = [tensor_type(batch + self.input_shape[1:]),
                 tensor_type(self.weight_shape)]
        if self.has_bias:
            types.append(tensor_type([self.out_channels]))
        yt = tensor_type(batch + self.output_shape[1:])
        return (f"{indent}%{result} = tconv.conv_transpose "
                + ", ".join(f"%{n}" for n in operands) + "\n"
                f"{indent}       {{{self.attributes()}}}\n"
                f"{indent}     : (" + ", ".join(types) + f") -> {yt}\n")

    def mlir(self, dynamic_batch=False, comment=None):
        """The function; with `dynamic_batch` the batch dim is `?`."""
        batch = ["?"] if dynamic_batch else self.input_shape[:1]
        args = [("input", batch + self.input_shape[1:]),
                ("weight", self.weight_shape)]
        if self.has_bias:
            args.append(("bias", [self.out_channels]))
        yt = tensor_type(batch + self.output_shape[1:])
        comment = comment or f"{self.source}: {self.describe()}"
        return (f"// {comment}\n"
                f"func.func @{self.name}("
                + ", ".join(f"%{n}: {tensor_type(s)}" for n, s in args)
                + f") -> {yt} {{\n"
                + self.op("y", [n for n, _ in args], dynamic_batch)
                + f"  return %y : {yt}\n}}\n")


def module_text(layers, header):
    """One module with a function per layer; `header` becomes // comments."""
    lines = [f"// {line}".rstrip() for line in header.splitlines()]
    return "\n".join(lines) + "\n\n" + "\n".join(l.mlir() for l in layers)
