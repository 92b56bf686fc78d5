#!/usr/bin/env python3
"""Seeded random property test of tconv.conv_transpose, against an oracle.

For each of --count random configurations (1-D/2-D/3-D, strides 1..4, kernels
1..5, dilations 1..3, asymmetric padding (including crop: padding larger than
dil*(k-1)), valid output_padding, groups 1/2/3/depthwise, both layouts, with or
without bias, f32/f16/bf16, static or dynamic batch and spatial dims) this
script writes a .mlir file with one @layer function in the generic op form and
random float32 .npy inputs, runs it through one of two paths and compares the
result with an oracle:

--path=jit (default): tconv-run (JIT). With --oracle=reference (default)

    tconv-run FILE --entry=layer --inputs=x.npy,w.npy[,b.npy] --check

compares with tconv's C++ reference library; with another oracle tconv-run
writes the result (--output) and this script reads it back.

--path=aot: tconv-aot compiles the configuration to an object, the C compiler
links it into a shared library, and a child process (this script with
--replay) calls the C function through ctypes (tconv_testing.aot).

Oracles (--oracle): `reference`, the scatter definition in double (through
tconv-run --check on the JIT path, tconv_testing/reference.py on the AOT
path); `python`, tconv_testing/reference.py on either path, independent of
tconv's reference library; `torch`, PyTorch's conv_transpose{1,2,3}d in
float64 (channels-last tensors permuted to PyTorch's layouts; asymmetric
padding, which PyTorch cannot take, computed with none and cropped). Each
compares on the values the kernel sees (f16/bf16 inputs rounded). The last
line printed is always

    random configs: N passed, M failed

and the exit status is 1 if M > 0. Python 3.11 standard library only (and
PyTorch for --oracle=torch); tconv_testing is found next to this script.

Configuration i depends only on (--seed, i), so `--only I` reruns one of them.
Input values are uniform in [-1, 1) drawn with random.Random(S * 1000 + j) for
the j-th argument (S = the config's input seed; tconv_testing.data, as
test/Execution/Inputs/write_npy.py), so a failing configuration printed with
--print-failing-as-lit reproduces with exactly the same data. --seed=random
draws a new seed and prints it: for long runs that look for new failures.

--quantized draws quantized configurations instead: input i8 or ui8, weight
i8, bias i32, result i32, and input_zero_point / weight_zero_point anywhere
in their types' ranges, often at the extremes (-128, 127; 0, 255 for ui8)
or 0; everything else as for floats. The inputs are integers uniform over
int8's or uint8's range, and in [-2^16, 2^16] for the i32 bias (as
write_npy.py and tconv-run's random data: results stay in i32); for two in
five configurations (by their input seed) the weights are uniform in
[-64, 63], which VPMADDUBSW computes on x86 without VNNI
(tconv-dispatch-narrow-weights); and
tconv-run --check compares bit-exactly with its exact integer reference:
JIT path and reference oracle only.
"""

import argparse
import concurrent.futures
import glob
import importlib.util
import json
import math
import os
import random
import re
import shlex
import shutil
import sys
import tempfile
import threading

from tconv_testing.aot import Call, InProcessRunner, ProgramRunner
from tconv_testing.data import random_values, rounded
from tconv_testing.npy import compare, read_npy, write_npy
from tconv_testing.reference import conv_transpose, out_size
from tconv_testing.run import (ToolError, check_tool, default_tolerances,
                               run_tool, tconv_run_command)

MAX_MACS = 200_000       # most configurations; a few get up to BIG_MACS
BIG_MACS = 600_000

# The weights of quantized configurations drawn narrow (narrow_weights).
NARROW_WEIGHTS = (-64, 63)

# The integer element types of quantized configurations: write_npy.py's
# --dtype, the .npy descr and the range of random values (a bias range small
# enough that every result fits in i32, as tconv-run's random data).
INT_TYPES = {"i8": ("int8", "|i1", (-128, 127)),
             "ui8": ("uint8", "|u1", (0, 255)),
             "i32": ("int32", "<i4", (-(1 << 16), 1 << 16))}


# ----------------------------------------------------------------------------
# Configurations
# ----------------------------------------------------------------------------

class Config:
    """One random transposed convolution; all fields are plain Python values."""

    FIELDS = ("index", "d", "cl", "dtype", "bias", "G", "Cin", "Cout", "N",
              "I", "k", "s", "dil", "op", "pb", "pe", "O", "dyn_batch",
              "dyn_dims", "attr_mode", "attr_seed", "input_seed")

    def to_json(self):
        # Zero points only in quantized configurations: float ones print as
        # they always did.
        names = self.FIELDS + (("zx", "zw") if self.quantized() else ())
        fields = {name: getattr(self, name) for name in names}
        fields["dyn_dims"] = sorted(self.dyn_dims)
        return json.dumps(fields, separators=(",", ":"))

    @staticmethod
    def from_json(text):
        c = Config()
        for name, value in json.loads(text).items():
            setattr(c, name, value)
        c.dyn_dims = set(c.dyn_dims)
        c.validate()
        return c

    def narrow_weights(self):
        """Whether the weights are drawn from [-64, 63] (quantized only;
        from the input seed, so that the other draws stay as they were)."""
        return self.quantized() and self.input_seed % 5 < 2

    def weight_range(self, j):
        """The range of quantized argument j's integers."""
        if j == 1 and self.narrow_weights():
            return NARROW_WEIGHTS
        return INT_TYPES[self.arg_dtypes()[j]][2]

    def quantized(self):
        """Quantized: dtype (the input's element type) is i8 or ui8."""
        return self.dtype in ("i8", "ui8")

    def arg_dtypes(self):
        """The element types of the arguments (input, weight[, bias])."""
        types = ([self.dtype, "i8", "i32"] if self.quantized()
                 else [self.dtype] * 3)
        return types[:3 if self.bias else 2]

    def y_dtype(self):
        return "i32" if self.quantized() else self.dtype

    def macs(self):
        return (self.N * self.Cin * math.prod(self.I) * (self.Cout // self.G) *
                math.prod(self.k))

    def validate(self):
        d = self.d
        assert 1 <= d <= 3
        for name in ("I", "k", "s", "dil", "pb", "pe", "op", "O"):
            assert len(getattr(self, name)) == d, name
        assert self.G >= 1 and self.Cin % self.G == 0 and self.Cout % self.G == 0
        for i in range(d):
            assert self.I[i] >= 1 and self.k[i] >= 1
            assert self.s[i] >= 1 and self.dil[i] >= 1
            assert self.pb[i] >= 0 and self.pe[i] >= 0
            assert 0 <= self.op[i] < max(self.s[i], self.dil[i])
            o = out_size(self.I[i], self.s[i], self.pb[i], self.pe[i],
                         self.dil[i], self.k[i], self.op[i])
            assert o == self.O[i] and o >= 1
        if self.quantized():
            lo, hi = INT_TYPES[self.dtype][2]
            assert lo <= self.zx <= hi and -128 <= self.zw <= 127

    # Shapes (actual sizes) -------------------------------------------------
    def x_shape(self):
        if self.cl:
            return [self.N] + self.I + [self.Cin]
        return [self.N, self.Cin] + self.I

    def w_shape(self):
        if self.cl:
            return [self.Cout] + self.k + [self.Cin // self.G]
        return [self.Cin, self.Cout // self.G] + self.k

    def y_shape(self):
        if self.cl:
            return [self.N] + self.O + [self.Cout]
        return [self.N, self.Cout] + self.O

    def arg_shapes(self):
        shapes = [self.x_shape(), self.w_shape()]
        if self.bias:
            shapes.append([self.Cout])
        return shapes

    # Types (with ? for dynamic dims) -------------------------------------
    def _ttype(self, dims, dtype=None):
        return ("tensor<" + "x".join("?" if v is None else str(v) for v in dims)
                + "x" + (dtype or self.dtype) + ">")

    def x_type(self):
        n = None if self.dyn_batch else self.N
        sp = [None if i in self.dyn_dims else self.I[i] for i in range(self.d)]
        return self._ttype([n] + sp + [self.Cin] if self.cl else [n, self.Cin] + sp)

    def w_type(self):
        return self._ttype(self.w_shape(), self.arg_dtypes()[1])

    def y_type(self):
        n = None if self.dyn_batch else self.N
        sp = [None if i in self.dyn_dims else self.O[i] for i in range(self.d)]
        dims = [n] + sp + [self.Cout] if self.cl else [n, self.Cout] + sp
        return self._ttype(dims, self.y_dtype())

    def is_static(self):
        return not self.dyn_batch and not self.dyn_dims

    def describe(self):
        dims = []
        for i in range(self.d):
            dims.append(f"I={self.I[i]} k={self.k[i]} s={self.s[i]} "
                        f"p={self.pb[i]}/{self.pe[i]} dil={self.dil[i]} "
                        f"op={self.op[i]} -> O={self.O[i]}"
                        + (" (dynamic)" if i in self.dyn_dims else ""))
        dtype = (f"{self.dtype}/i8->i32 zx={self.zx} zw={self.zw}"
                 + (" narrow-weights" if self.narrow_weights() else "")
                 if self.quantized() else self.dtype)
        return (f"{self.d}-D {'channels_last' if self.cl else 'channels_first'} "
                f"{dtype} N={self.N}{' (dynamic)' if self.dyn_batch else ''} "
                f"Cin={self.Cin} Cout={self.Cout} G={self.G}"
                f"{'' if self.bias else ' no-bias'} MACs={self.macs()}; "
                + "; ".join(dims))

    # MLIR ------------------------------------------------------------------
    def attributes(self):
        """The attribute list of the generic op, in a random order."""
        rng = random.Random(self.attr_seed)
        arr = lambda v: "array<i64: " + ", ".join(str(x) for x in v) + ">"
        d = self.d
        entries = [
            ("strides", arr(self.s), self.s == [1] * d),
            ("padding", arr(self.pb + self.pe), self.pb + self.pe == [0] * (2 * d)),
            ("output_padding", arr(self.op), self.op == [0] * d),
            ("dilations", arr(self.dil), self.dil == [1] * d),
            ("groups", f"{self.G} : i64", self.G == 1),
            ("layout", "#tconv.layout<%s>" % ("channels_last" if self.cl
                                              else "channels_first"), not self.cl),
        ]
        if self.quantized():
            entries += [
                ("input_zero_point", f"{self.zx} : i32", self.zx == 0),
                ("weight_zero_point", f"{self.zw} : i32", self.zw == 0),
            ]
        out = []
        for name, value, is_default in entries:
            # attr_mode: 0 = omit every default, 1 = write every attribute,
            # 2 = write each default with probability 1/2.
            if (not is_default or self.attr_mode == 1 or
                    (self.attr_mode == 2 and rng.random() < 0.5)):
                out.append(f"{name} = {value}")
        rng.shuffle(out)
        return out

    def mlir(self, extra_comment=""):
        xt, wt, yt = self.x_type(), self.w_type(), self.y_type()
        bt = self._ttype([self.Cout], self.y_dtype())
        args = [f"%x: {xt}", f"%w: {wt}"] + ([f"%b: {bt}"] if self.bias else [])
        operands = ["%x", "%w"] + (["%b"] if self.bias else [])
        types = [xt, wt] + ([bt] if self.bias else [])
        attrs = self.attributes()
        attr_txt = (" <{" + ", ".join(attrs) + "}>") if attrs else ""
        lines = [f"// config: {self.describe()}",
                 f"// config-json: {self.to_json()}"]
        if extra_comment:
            lines += ["// " + l for l in extra_comment.splitlines()]
        lines += [
            f"func.func @layer({', '.join(args)}) -> {yt} {{",
            f'  %y = "tconv.conv_transpose"({", ".join(operands)}){attr_txt}',
            f"       : ({', '.join(types)}) -> {yt}",
            f"  return %y : {yt}",
            "}",
            "",
        ]
        return "\n".join(lines)


def zero_point(rng, lo, hi):
    """A zero point in [lo, hi]: uniform half of the time, else 0 or an
    extreme, where x - z spans the most."""
    if rng.random() < 0.5:
        return rng.randint(lo, hi)
    return rng.choice([0, lo, hi])


def random_dim(rng, max_i, wide_strides):
    """(I, k, s, dil, op, pb, pe) of a dim: strides 1..4, kernels 1..5,
    dilations 1..3, padding that may crop; with `wide_strides` (the other
    dims of wide_stride_dim's), half of the strides 1 and mostly an output
    size that is a multiple of the stride."""
    I = rng.randint(1, max_i)
    k = rng.randint(1, 5)
    s = 1 if wide_strides and rng.random() < 0.5 else rng.randint(1, 4)
    dil = rng.randint(1, 3)
    op = rng.randint(0, max(s, dil) - 1) if rng.random() < 0.4 else 0
    # Size with no padding; pb + pe <= full - 1 keeps O >= 1.
    full = out_size(I, s, 0, 0, dil, k, op)
    budget = full - 1
    reach = dil * (k - 1) + s + 1   # lets the padding exceed dil*(k-1)
    mode = rng.random()
    if mode < 0.3:
        pb = pe = 0
    elif mode < 0.45:
        pb = pe = min(rng.randint(0, reach), budget // 2)
    else:
        # Half of the time stay within dil*(k-1) (pure padding of the
        # zero-inserted input), otherwise allow cropping beyond it.
        lim = reach if rng.random() < 0.5 else dil * (k - 1)
        pb = rng.randint(0, min(lim, budget))
        pe = rng.randint(0, min(lim, budget - pb))
    if wide_strides and rng.random() < 0.7:
        extra = out_size(I, s, pb, pe, dil, k, op) % s
        if out_size(I, s, pb, pe + extra, dil, k, op) >= s:
            pe += extra
    return I, k, s, dil, op, pb, pe


def wide_stride_dim(rng):
    """(I, k, s, dil, op, pb, pe) of a dim with a stride of 8 to 32 (FCN's
    upsampling): kernels of s to 2 s, no dilation nor output padding, and
    mostly a crop of 4 residues or more and an output size that is a
    multiple of the stride, where a channels-first sub-pixel result is
    written in rows of residues."""
    s = rng.choice([8, 12, 16, 24, 32])
    k = rng.choice([s, 2 * s, s + rng.randint(1, s)])
    I = rng.randint(1, 3)
    pb = rng.randint(0, k - 1)
    if rng.random() < 0.8:
        # A crop of 4 residues or more on both sides of a block.
        pb = rng.choice([b for b in range(k) if 4 <= b % s <= s - 4] or [pb])
    full = out_size(I, s, pb, 0, 1, k, 0)
    if rng.random() < 0.7 and full >= s:
        pe = full % s
    else:
        pe = rng.randint(0, min(k - 1, full - 1))
    return I, k, s, 1, 0, pb, pe


def make_config(seed, index, static_spatial=False, ungrouped=False,
                quantized=False, wide_strides=False):
    rng = random.Random(f"tconv-random-configs/{seed}/{index}")
    big_ok = rng.random() < 0.05
    for _attempt in range(1000):
        c = Config()
        c.index = index
        c.d = (rng.choice([2, 3]) if wide_strides else
               rng.choices([1, 2, 3], weights=[35, 40, 25])[0])
        d = c.d
        c.cl = rng.random() < (0.2 if wide_strides else 0.5)
        if quantized:  # one draw as for floats: a seed's float shapes
            c.dtype = rng.choices(["i8", "ui8"])[0]
        else:
            c.dtype = rng.choices(["f32", "f16", "bf16"], weights=[80, 10, 10])[0]
        c.bias = rng.random() < 0.7
        gkind = rng.choices(["1", "2", "3", "dw"], weights=[40, 20, 15, 25])[0]
        if gkind == "dw":
            c.G = rng.randint(1, 6)
            c.Cin = c.G
            c.Cout = c.G * rng.choice([1, 1, 1, 2])
        else:
            c.G = int(gkind)
            c.Cin = c.G * rng.randint(1, 4)
            c.Cout = c.G * rng.randint(1, 4)
        c.N = rng.randint(1, 3)
        max_i = {1: 16, 2: 8, 3: 5}[d]
        c.I, c.k, c.s, c.dil, c.op, c.pb, c.pe, c.O = ([] for _ in range(8))
        for dim in range(d):
            if wide_strides and dim == d - 1:
                I, k, s, dil, op, pb, pe = wide_stride_dim(rng)
            else:
                I, k, s, dil, op, pb, pe = random_dim(rng, max_i,
                                                      wide_strides)
            c.I.append(I); c.k.append(k); c.s.append(s); c.dil.append(dil)
            c.op.append(op); c.pb.append(pb); c.pe.append(pe)
            c.O.append(out_size(I, s, pb, pe, dil, k, op))
        if c.macs() > (BIG_MACS if big_ok else MAX_MACS):
            continue
        if c.N * c.Cout * math.prod(c.O) > 300_000:
            continue
        break
    else:
        raise RuntimeError(f"config {index}: no small configuration found")
    c.dyn_batch = rng.random() < 0.2
    c.dyn_dims = set()
    if rng.random() < 0.25:
        c.dyn_dims = {i for i in range(c.d) if rng.random() < 0.6} or {0}
    if static_spatial:  # for algorithms that need static spatial sizes
        c.dyn_dims = set()
    if ungrouped:  # for algorithm=subpixel
        c.G = 1
    c.attr_mode = rng.choices([0, 1, 2], weights=[40, 25, 35])[0]
    c.attr_seed = rng.getrandbits(32)
    c.input_seed = rng.randint(1, 10**6)
    if quantized:
        c.zx = zero_point(rng, *INT_TYPES[c.dtype][2])
        c.zw = zero_point(rng, *INT_TYPES["i8"][2])
    c.validate()
    return c


# ----------------------------------------------------------------------------
# Running
# ----------------------------------------------------------------------------

def tconv_run_args(args):
    """The extra tconv-run arguments of the command line."""
    extra = list(args.tconv_run_arg)
    if args.pipeline_options:
        extra.append("--pipeline-options=" + args.pipeline_options)
    if args.target_cpu:
        extra.append("--target-cpu=" + args.target_cpu)
    return extra


def remove_files(base):
    """Removes the files of a configuration that passed (BASE.*)."""
    for path in glob.glob(glob.escape(base) + ".*"):
        os.remove(path)


def arg_data(c, j, shape):
    """(.npy descr, values) of argument j of config c, of `shape`: as
    write_npy.py --seed c.input_seed writes its j-th file (of its --dtype)."""
    seed, count = c.input_seed * 1000 + j, math.prod(shape)
    if not c.quantized():
        return "<f4", random_values(seed, count)
    descr = INT_TYPES[c.arg_dtypes()[j]][1]
    lo, hi = c.weight_range(j)
    rng = random.Random(seed)
    return descr, [rng.randint(lo, hi) for _ in range(count)]


def run_config(c, args, workdir):
    """Config c through tconv-run --check (the JIT path, default oracle).
    Returns (passed, command, tconv-run output)."""
    base = os.path.join(workdir, f"config{c.index:04d}")
    mlir_path = base + ".mlir"
    with open(mlir_path, "w") as f:
        f.write(c.mlir())
    passed, command, output = run_check(c, mlir_path, args, base)
    if passed:
        remove_files(base)
    return passed, command, output


def run_check(c, mlir_path, args, base):
    """The module of config c at `mlir_path` through tconv-run --check on
    the config's data (written to BASE.argJ.npy). Returns (passed, command,
    tconv-run output)."""
    paths = []
    for j, shape in enumerate(c.arg_shapes()):
        paths.append(f"{base}.arg{j}.npy")
        descr, values = arg_data(c, j, shape)
        write_npy(paths[-1], shape, values, descr)
    cmd = tconv_run_command(args.tconv_run, mlir_path, "layer", paths,
                            check=True, extra_args=tconv_run_args(args))
    rc, output = run_tool(cmd, args.timeout)
    checks = [l for l in output.splitlines() if l.startswith("check conv_transpose")]
    passed = (rc == 0 and len(checks) == 1 and checks[0].rstrip().endswith("PASS")
              and "FAIL" not in output)
    if rc is not None and rc < 0:
        output += f"\ntconv-run killed by signal {-rc}"
    elif rc not in (0, None):
        output += f"\ntconv-run exit status {rc}"
    return passed, " ".join(cmd), output


def torch_output(c, x, w, b):
    """PyTorch's conv_transpose{1,2,3}d of config c in float64, flat in the
    config's layout. Channels-last tensors are permuted to PyTorch's layouts
    and back; asymmetric padding (PyTorch takes one padding per dim) is
    computed with none and the result cropped by pb at the begin and pe at
    the end of each dim, which is what the padding means."""
    import torch
    import torch.nn.functional as F
    d, G = c.d, c.G
    conv = (F.conv_transpose1d, F.conv_transpose2d, F.conv_transpose3d)[d - 1]
    tx = torch.tensor(x, dtype=torch.float64).reshape(c.x_shape())
    tw = torch.tensor(w, dtype=torch.float64).reshape(c.w_shape())
    if c.cl:
        tx = tx.permute(0, d + 1, *range(1, d + 1))
        # (Cout, k..., Cin/G) -> (G, Cin/G, Cout/G, k...) -> (Cin, Cout/G, k...)
        tw = tw.reshape([G, c.Cout // G] + c.k + [c.Cin // G])
        tw = tw.permute(0, d + 2, 1, *range(2, d + 2))
        tw = tw.reshape([c.Cin, c.Cout // G] + c.k)
    tb = None if b is None else torch.tensor(b, dtype=torch.float64)
    symmetric = c.pb == c.pe
    y = conv(tx, tw, tb, stride=c.s, padding=c.pb if symmetric else 0,
             output_padding=c.op, groups=G, dilation=c.dil)
    if not symmetric:
        y = y[(slice(None), slice(None)) + tuple(
            slice(pb, size - pe)
            for pb, pe, size in zip(c.pb, c.pe, y.shape[2:]))]
    if c.cl:
        y = y.permute(0, *range(2, d + 2), 1)
    return y.flatten().tolist()


def oracle_output(c, values, oracle):
    """The output of config c on the argument values `values` by the oracle
    (tconv_testing's reference, or PyTorch), flat in the config's layout."""
    x, w, b = values[0], values[1], values[2] if c.bias else None
    if oracle == "torch":
        return torch_output(c, x, w, b)
    return conv_transpose(x, w, b, N=c.N, Cin=c.Cin, Cout=c.Cout, G=c.G,
                          I=c.I, k=c.k, s=c.s, dil=c.dil, pb=c.pb, O=c.O,
                          channels_last=c.cl)


def run_jit(c, module_path, values, args, workdir):
    """The result of config c's module run by tconv-run on `values`, read
    back from its --output file (a list holding one flat list)."""
    base = os.path.join(workdir, f"config{c.index:04d}")
    paths = []
    for j, (shape, v) in enumerate(zip(c.arg_shapes(), values)):
        paths.append(f"{base}.arg{j}.npy")
        write_npy(paths[-1], shape, v)
    out_path = base + ".out.npy"
    cmd = tconv_run_command(args.tconv_run, module_path, "layer", paths,
                            output=out_path, extra_args=tconv_run_args(args))
    check_tool(cmd, args.timeout)
    shape, got = read_npy(out_path)
    if list(shape) != c.y_shape():
        raise ToolError(f"{' '.join(cmd)}: output shape {list(shape)}, "
                        f"expected {c.y_shape()}")
    return [got]


def run_aot(c, module_path, values, args, workdir):
    """The results of config c's module compiled by tconv-aot and called on
    `values` (in this process through ctypes, or with --target-triple by a
    C program under --run-prefix): of `layer`, and with --pack-weights of
    `layer_packed` on the weights `layer_pack` packed."""
    base = os.path.join(workdir, f"config{c.index:04d}")
    obj, header = base + ".o", base + ".h"
    aot_args = ["--header=" + header]
    if args.target_triple:
        aot_args.append("--target-triple=" + args.target_triple)
    if args.target_cpu:
        aot_args.append("--target-cpu=" + args.target_cpu)
    if args.pipeline_options:
        aot_args.append("--pipeline-options=" + args.pipeline_options)
    if args.pack_weights:
        aot_args.append("--pack-weights")
    check_tool([args.tconv_aot, module_path, "-o", obj, *aot_args])
    # Buffers: the inputs, then (packed weights and) one output per call.
    buffers = list(values)
    # One int64_t per dynamic input dim, in dim order, before the buffers.
    sizes = ([c.N] if c.dyn_batch else []) + [c.I[i] for i in sorted(c.dyn_dims)]
    inputs = list(range(len(values)))
    calls = []
    if args.pack_weights:
        # layer_pack(weight, packed) once; layer_packed takes `packed` in the
        # weight's place. The header defines its size in elements as
        # LAYER_PACKED_ELEMENTS.
        with open(header) as f:
            packed_size = int(re.search(r"^#define LAYER_PACKED_ELEMENTS (\d+)",
                                        f.read(), re.MULTILINE).group(1))
        # Not zeros: every element must be written by layer_pack.
        packed = len(buffers)
        buffers.append([float("nan")] * packed_size)
        calls.append(Call("layer_pack", [1, packed]))
    outputs = []
    for name, arguments in [("layer", inputs)] + (
            [("layer_packed", [0, packed] + inputs[2:])]
            if args.pack_weights else []):
        outputs.append(len(buffers))
        buffers.append([0.0] * math.prod(c.y_shape()))
        calls.append(Call(name, arguments + [outputs[-1]], sizes))
    runner = (ProgramRunner(args.cc, shlex.split(args.run_prefix),
                            args.timeout)
              if args.target_triple else InProcessRunner(args.cc))
    return runner.run(obj, header, buffers, calls, c.dtype, outputs)


def check_module(c, module_path, args, workdir):
    """Runs `module_path` (config c) through args.path on the config's data
    and compares every result with args.oracle. Returns (passed, one line
    saying so, or what failed)."""
    values = [rounded(random_values(c.input_seed * 1000 + j, math.prod(shape)),
                      c.dtype)
              for j, shape in enumerate(c.arg_shapes())]
    run = run_aot if args.path == "aot" else run_jit
    try:
        results = run(c, module_path, values, args, workdir)
    except ToolError as e:
        return False, str(e)
    expected = oracle_output(c, values, args.oracle)
    max_abs, rel, finite = 0.0, 0.0, True
    for got in results:
        call_abs, call_rel = compare(got, expected)
        max_abs, rel = max(max_abs, call_abs), max(rel, call_rel)
        finite = finite and all(math.isfinite(v) for v in got)
    tolerance = default_tolerances(
        args.tconv_run or os.path.join(os.path.dirname(args.tconv_aot),
                                       "tconv-run"))[c.dtype]
    passed = finite and rel <= tolerance
    return passed, (
        f"{args.path} check: max abs error {max_abs:.3e}, max rel error "
        f"{rel:.3e} (tolerance {tolerance:.1e}, oracle {args.oracle})"
        f"{'' if finite else ', non-finite values'} "
        f"{'PASS' if passed else 'FAIL'}")


def replay_options(args):
    """The options of the command line that a --replay of one of its
    configurations needs, besides the tools and the work directory."""
    options = [f"--path={args.path}", f"--oracle={args.oracle}"]
    if args.target_triple:
        options += ["--target-triple=" + args.target_triple,
                    "--run-prefix=" + args.run_prefix]
    if args.target_cpu:
        options.append("--target-cpu=" + args.target_cpu)
    if args.pipeline_options:
        options.append("--pipeline-options=" + args.pipeline_options)
    if args.pack_weights:
        options.append("--pack-weights")
    options += ["--tconv-run-arg=" + a for a in args.tconv_run_arg]
    return options


def replay_command(module_path, args, workdir):
    """The command that checks one module file of a configuration
    (--replay); the AOT path runs it in a child process, as a crashing
    kernel must not take the harness down."""
    tools = (["--tconv-aot", args.tconv_aot, "--cc", args.cc]
             if args.path == "aot" else ["--tconv-run", args.tconv_run])
    return ([sys.executable, os.path.abspath(__file__), "--replay",
             module_path, *tools, "--workdir", workdir] +
            replay_options(args))


def run_config_checked(c, args, workdir):
    """Returns (passed, command, output) of config c through check_module:
    on the AOT path in a child process, on the JIT path (where tconv-run is
    the child) in this one."""
    base = os.path.join(workdir, f"config{c.index:04d}")
    mlir_path = base + ".mlir"
    with open(mlir_path, "w") as f:
        f.write(c.mlir())
    cmd = replay_command(mlir_path, args, workdir)
    command = " ".join(cmd)
    if args.path == "jit":
        passed, output = check_module(c, mlir_path, args, workdir)
    else:
        rc, output = run_tool(cmd, args.timeout)
        passed = rc == 0 and output.rstrip().endswith("PASS")
        if rc is not None and rc < 0:
            output += f"\nthe AOT check was killed by signal {-rc}"
    if passed:
        remove_files(base)
    return passed, command, output


def lit_test_head(c, origin, command, who, output):
    """The comment lines that open a lit test reproducing config c: where it
    comes from, the failing command and what `who` printed."""
    return [
        f"// Random configuration {c.index} of utils/random_configs.py "
        f"{origin}",
        f"// Failing command: {command}",
        f"// {who} said:",
    ] + ["//   " + l for l in output.strip().splitlines()] + [""]


def lit_test_replay(c, command, output, args):
    """A complete lit test file reproducing config c through --replay."""
    # In lit, %run runs the program of a cross target (the cross suite's
    # tconv-aot substitution names the triple; natively %run is empty).
    tools = ("--tconv-aot tconv-aot --cc %cc --run-prefix=%run"
             if args.path == "aot" else "--tconv-run tconv-run")
    options = [o for o in replay_options(args)
               if not o.startswith(("--target-triple=", "--run-prefix="))]
    head = lit_test_head(
        c, f"through the {args.path.upper()} path, oracle {args.oracle}.",
        command, "It", output)
    if args.path == "aot":
        head.append("// REQUIRES: cc")
    if args.oracle == "torch":
        head.append("// REQUIRES: torch")
    head += [
        "// RUN: rm -rf %t && mkdir -p %t",
        "// RUN: %python %tconv_src_root/utils/random_configs.py --replay %s "
        f"{tools} --workdir %t {' '.join(options)} "
        "| FileCheck %s",
        f"// CHECK: {args.path} check: {{{{.*}}}} PASS", ""]
    return "\n".join(head) + "\n" + c.mlir()


def lit_test(c, command, output):
    """A complete lit test file (for test/Execution/) reproducing config c."""
    shapes = c.arg_shapes()
    head = lit_test_head(c, "(see the --seed of the run that printed it).",
                         command, "tconv-run", output)
    run = []
    if c.is_static():
        run += ["// RUN: tconv-run %s --entry=layer --check | FileCheck %s",
                "// CHECK-NOT: FAIL",
                "// CHECK: check conv_transpose #0 {{.*}} PASS", ""]
    # Exactly the data of the failing run (same generator as write_npy.py).
    files = [f"%t.arg{j}.npy={'x'.join(str(v) for v in shape)}"
             + (":{}..{}".format(*NARROW_WEIGHTS)
                if j == 1 and c.narrow_weights() else "")
             for j, shape in enumerate(shapes)]
    dtypes = (" --dtype " + ",".join(INT_TYPES[t][0] for t in c.arg_dtypes())
              if c.quantized() else "")
    run += [f"// RUN: %python %S/Inputs/write_npy.py --seed {c.input_seed}"
            f"{dtypes} " + " ".join(files),
            "// RUN: tconv-run %s --entry=layer --inputs=" +
            ",".join(f"%t.arg{j}.npy" for j in range(len(shapes))) +
            " --check | FileCheck %s --check-prefix=DATA",
            "// DATA-NOT: FAIL",
            "// DATA: check conv_transpose #0 {{.*}} PASS", ""]
    return "\n".join(head + run) + "\n" + c.mlir()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int)
    parser.add_argument("--seed",
                        help="seed of the configurations: an integer, or "
                             "'random' for a new one (printed)")
    parser.add_argument("--path", choices=["jit", "aot"], default="jit",
                        help="jit: tconv-run (default); aot: tconv-aot, a "
                             "shared library called through ctypes")
    parser.add_argument("--oracle", choices=["reference", "python", "torch"],
                        default="reference",
                        help="what the results are compared with: "
                             "reference (default): the scatter definition, "
                             "through tconv-run --check on the JIT path and "
                             "in Python on the AOT path; python: the Python "
                             "scatter definition on either path; torch: "
                             "PyTorch")
    parser.add_argument("--tconv-run", help="path of tconv-run (--path=jit)")
    parser.add_argument("--tconv-aot", help="path of tconv-aot (--path=aot)")
    parser.add_argument("--cc", default=shutil.which("cc"),
                        help="C compiler that links the AOT objects "
                             "(default: cc)")
    parser.add_argument("--pipeline-options", default="",
                        help="tconv-to-llvm options for either path, e.g. "
                             "algorithm=phase")
    parser.add_argument("--target-cpu", default="",
                        help="--target-cpu of tconv-run or tconv-aot (one "
                             "the host runs, e.g. haswell on any AVX2 host)")
    parser.add_argument("--target-triple", default="",
                        help="--path=aot: compile for this triple (e.g. "
                             "aarch64-linux-gnu) and run the calls in a C "
                             "program built by --cc (that triple's cross "
                             "compiler) under --run-prefix")
    parser.add_argument("--run-prefix", default="",
                        help="with --target-triple: the command that runs "
                             "the program, e.g. qemu-aarch64")
    parser.add_argument("--pack-weights", action="store_true",
                        help="--path=aot: also check NAME_packed on the "
                             "weights NAME_pack packed (tconv-aot "
                             "--pack-weights)")
    parser.add_argument("--replay", metavar="FILE",
                        help="check the configuration of FILE (a module "
                             "this script wrote, with its config-json line) "
                             "through --path against --oracle and exit")
    parser.add_argument("--workdir", required=True,
                        help="directory for the .mlir and .npy files (created; each "
                             "run works in a new subdirectory, removed if "
                             "everything passed)")
    parser.add_argument("--keep-going", action="store_true",
                        help="run every configuration even after a failure "
                             "(default: stop starting new ones after the first)")
    parser.add_argument("--print-failing-as-lit", action="store_true",
                        help="print each failing configuration as a lit test")
    parser.add_argument("--tconv-run-arg", action="append", default=[],
                        help="extra tconv-run argument (repeatable), e.g. "
                             "--pipeline-options=algorithm=zero-insertion")
    parser.add_argument("--static-spatial", action="store_true",
                        help="no dynamic spatial dims (the batch may still "
                             "be dynamic), for algorithm=phase/subpixel")
    parser.add_argument("--ungrouped", action="store_true",
                        help="groups = 1 only, for algorithm=subpixel")
    parser.add_argument("--wide-strides", action="store_true",
                        help="2-D and 3-D configurations, mostly "
                             "channels-first, take a stride of 8 to 32 in "
                             "their last dim (FCN-style upsampling), most "
                             "with output sizes that are multiples of the "
                             "strides")
    parser.add_argument("--quantized", action="store_true",
                        help="quantized configurations: i8/ui8 input, i8 "
                             "weight, i32 bias and result, random zero "
                             "points; compared bit-exactly by tconv-run "
                             "--check (--path=jit --oracle=reference only)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--only", type=int, action="append",
                        help="run only configuration I (repeatable)")
    parser.add_argument("--list", action="store_true",
                        help="print the configurations without running them")
    args = parser.parse_args()
    if args.path == "aot" and not (args.tconv_aot and args.cc):
        parser.error("--path=aot needs --tconv-aot and a C compiler (--cc)")
    if args.path == "jit" and not args.tconv_run:
        parser.error("--path=jit needs --tconv-run")
    exact = args.path == "jit" and args.oracle == "reference"
    if args.quantized and not exact:
        parser.error("--quantized needs --path=jit and --oracle=reference "
                     "(tconv-run --check's exact integer reference)")
    if args.oracle == "torch" and importlib.util.find_spec("torch") is None:
        sys.exit("random_configs.py: cannot import torch; --oracle=python "
                 "tests without PyTorch")

    if args.replay:
        with open(args.replay) as f:
            lines = [l for l in f if l.startswith("// config-json: ")]
        if len(lines) != 1:
            print(f"error: {args.replay} has no single '// config-json:' line")
            return 1
        c = Config.from_json(lines[0][len("// config-json: "):])
        os.makedirs(args.workdir, exist_ok=True)
        if c.quantized():
            if not exact:
                parser.error(f"{args.replay} is a quantized configuration: "
                             "it needs --path=jit and --oracle=reference")
            base = os.path.join(args.workdir, f"config{c.index:04d}")
            passed, _, output = run_check(c, args.replay, args, base)
            print(output.strip())
            return 0 if passed else 1
        passed, report = check_module(c, args.replay, args, args.workdir)
        print(report)
        return 0 if passed else 1

    if args.count is None or args.seed is None:
        parser.error("--count and --seed are required")
    if args.seed == "random":
        args.seed = random.SystemRandom().randrange(10**9)
        print(f"seed: {args.seed}")
    else:
        args.seed = int(args.seed)
    indices = args.only if args.only else list(range(args.count))
    configs = [make_config(args.seed, i, args.static_spatial, args.ungrouped,
                           args.quantized, args.wide_strides)
               for i in indices]
    if args.list:
        for c in configs:
            print(f"config {c.index}: {c.describe()}")
        return 0
    os.makedirs(args.workdir, exist_ok=True)
    # A fresh subdirectory per run, so that concurrent runs sharing --workdir
    # (e.g. two lit invocations on one build tree) do not clobber each other.
    rundir = tempfile.mkdtemp(prefix=f"seed{args.seed}-", dir=args.workdir)

    stop = threading.Event()
    lock = threading.Lock()
    results = {}

    def task(c):
        if stop.is_set():
            return None
        if exact:
            passed, command, output = run_config(c, args, rundir)
        else:
            passed, command, output = run_config_checked(c, args, rundir)
        with lock:
            results[c.index] = passed
            if not passed:
                print(f"FAIL config {c.index}: {c.describe()}")
                print(f"  command: {command}")
                for line in output.strip().splitlines():
                    print("  | " + line)
                if args.print_failing_as_lit:
                    print(f"----- lit test for config {c.index} "
                          f"(e.g. test/Execution/random-config-{c.index}.mlir) -----")
                    print(lit_test(c, command, output)
                          if exact else lit_test_replay(c, command, output, args),
                          end="")
                    print(f"----- end of lit test for config {c.index} -----")
                sys.stdout.flush()
                if not args.keep_going:
                    stop.set()
        return passed

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        list(pool.map(task, configs))

    passed = sum(1 for v in results.values() if v)
    failed = sum(1 for v in results.values() if not v)
    if stop.is_set() and len(results) < len(configs):
        print(f"stopped after the first failure: {len(configs) - len(results)} "
              f"configurations not run (use --keep-going to run them all)")
    if failed:
        print(f"files of the failing configurations are in {rundir}")
    else:
        shutil.rmtree(rundir, ignore_errors=True)
    print(f"random configs: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
