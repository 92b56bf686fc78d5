#!/usr/bin/env python3
"""Seeded random property test of tconv.conv_transpose through tconv-run --check.

For each of --count random configurations (1-D/2-D/3-D, strides 1..4, kernels
1..5, dilations 1..3, asymmetric padding (including crop: padding larger than
dil*(k-1)), valid output_padding, groups 1/2/3/depthwise, both layouts, with or
without bias, f32/f16/bf16, static or dynamic batch and spatial dims) this
script writes a .mlir file with one @layer function in the generic op form,
random float32 .npy inputs, runs

    tconv-run FILE --entry=layer --inputs=x.npy,w.npy[,b.npy] --check

and counts the configurations that pass. With --path=aot each configuration
instead goes through the ahead-of-time path: tconv-aot compiles it to an
object, the C compiler links it into a shared library, and a child process
(this script with --replay) calls the C function through ctypes and compares
its result with the scatter definition computed in Python, in double
(tconv_import/reference.py). The last line printed is always

    random configs: N passed, M failed

and the exit status is 1 if M > 0. Python 3.11 standard library only.

Configuration i depends only on (--seed, i), so `--only I` reruns one of them.
Input values are uniform in [-1, 1) drawn with random.Random(S * 1000 + j) for
the j-th argument (S = the config's input seed), the same scheme as
test/Execution/Inputs/write_npy.py, so a failing configuration printed with
--print-failing-as-lit reproduces with exactly the same data. --seed=random
draws a new seed and prints it: for long runs that look for new failures.
"""

import argparse
import concurrent.futures
import ctypes
import json
import math
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading

# The one .npy writer and output-size formula (standard library only, same
# directory).
from tconv_import.mlir import out_size
from tconv_import.npy import compare, npy_bytes
from tconv_import.reference import conv_transpose as scatter_reference

MAX_MACS = 200_000       # most configurations; a few get up to BIG_MACS
BIG_MACS = 600_000


def random_values(seed, count):
    rng = random.Random(seed)
    return [rng.uniform(-1.0, 1.0) for _ in range(count)]


# ----------------------------------------------------------------------------
# Configurations
# ----------------------------------------------------------------------------

class Config:
    """One random transposed convolution; all fields are plain Python values."""

    FIELDS = ("index", "d", "cl", "dtype", "bias", "G", "Cin", "Cout", "N",
              "I", "k", "s", "dil", "op", "pb", "pe", "O", "dyn_batch",
              "dyn_dims", "attr_mode", "attr_seed", "input_seed")

    def to_json(self):
        fields = {name: getattr(self, name) for name in self.FIELDS}
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
    def _ttype(self, dims):
        return ("tensor<" + "x".join("?" if v is None else str(v) for v in dims)
                + "x" + self.dtype + ">")

    def x_type(self):
        n = None if self.dyn_batch else self.N
        sp = [None if i in self.dyn_dims else self.I[i] for i in range(self.d)]
        return self._ttype([n] + sp + [self.Cin] if self.cl else [n, self.Cin] + sp)

    def w_type(self):
        return self._ttype(self.w_shape())

    def y_type(self):
        n = None if self.dyn_batch else self.N
        sp = [None if i in self.dyn_dims else self.O[i] for i in range(self.d)]
        return self._ttype([n] + sp + [self.Cout] if self.cl else [n, self.Cout] + sp)

    def is_static(self):
        return not self.dyn_batch and not self.dyn_dims

    def describe(self):
        dims = []
        for i in range(self.d):
            dims.append(f"I={self.I[i]} k={self.k[i]} s={self.s[i]} "
                        f"p={self.pb[i]}/{self.pe[i]} dil={self.dil[i]} "
                        f"op={self.op[i]} -> O={self.O[i]}"
                        + (" (dynamic)" if i in self.dyn_dims else ""))
        return (f"{self.d}-D {'channels_last' if self.cl else 'channels_first'} "
                f"{self.dtype} N={self.N}{' (dynamic)' if self.dyn_batch else ''} "
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
        bt = self._ttype([self.Cout])
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


def make_config(seed, index, static_spatial=False, ungrouped=False):
    rng = random.Random(f"tconv-random-configs/{seed}/{index}")
    big_ok = rng.random() < 0.05
    for _attempt in range(1000):
        c = Config()
        c.index = index
        c.d = rng.choices([1, 2, 3], weights=[35, 40, 25])[0]
        d = c.d
        c.cl = rng.random() < 0.5
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
        for _ in range(d):
            I = rng.randint(1, max_i)
            k = rng.randint(1, 5)
            s = rng.randint(1, 4)
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
    c.validate()
    return c


# ----------------------------------------------------------------------------
# Running
# ----------------------------------------------------------------------------

def run_config(c, tconv_run, workdir, timeout, extra_args=()):
    """Returns (passed, tconv-run output)."""
    base = os.path.join(workdir, f"config{c.index:04d}")
    mlir_path = base + ".mlir"
    with open(mlir_path, "w") as f:
        f.write(c.mlir())
    paths = []
    for j, shape in enumerate(c.arg_shapes()):
        path = f"{base}.arg{j}.npy"
        with open(path, "wb") as f:
            f.write(npy_bytes(shape, random_values(c.input_seed * 1000 + j,
                                                   math.prod(shape))))
        paths.append(path)
    cmd = [tconv_run, mlir_path, "--entry=layer", "--inputs=" + ",".join(paths),
           "--check", *extra_args]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout)
        output = proc.stdout
        rc = proc.returncode
    except subprocess.TimeoutExpired as e:
        output = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        output += f"\ntimeout after {timeout} s"
        rc = None
    except OSError as e:  # e.g. the tool is being rebuilt
        output, rc = f"cannot run {tconv_run}: {e}", None
    checks = [l for l in output.splitlines() if l.startswith("check conv_transpose")]
    passed = (rc == 0 and len(checks) == 1 and checks[0].rstrip().endswith("PASS")
              and "FAIL" not in output)
    if rc is not None and rc < 0:
        output += f"\ntconv-run killed by signal {-rc}"
    elif rc not in (0, None):
        output += f"\ntconv-run exit status {rc}"
    if passed:
        for p in paths + [mlir_path]:
            try:
                os.remove(p)
            except OSError:
                pass
    return passed, " ".join(cmd), output


def default_tolerances(args):
    """The largest normwise relative error that passes, per element type:
    tconv-run --check's defaults, from tconv-run (--tconv-run, else the one
    beside tconv-aot)."""
    tconv_run = args.tconv_run or os.path.join(
        os.path.dirname(args.tconv_aot), "tconv-run")
    out = subprocess.run([tconv_run, "--print-default-tolerances"], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return {dtype: float(value) for dtype, value in map(str.split,
                                                        out.splitlines())}


def to_kernel_type(values, dtype):
    """(a ctypes array of `values` in `dtype` as the C interface takes it:
    float, or uint16_t bits for f16/bf16; the values it holds, as floats)."""
    n = len(values)
    if dtype == "f32":
        buf = (ctypes.c_float * n)(*values)
        return buf, list(buf)
    if dtype == "f16":
        bits = struct.unpack(f"<{n}H", struct.pack(f"<{n}e", *values))
    else:  # bf16: the float32 bits rounded to nearest even
        words = struct.unpack(f"<{n}I", struct.pack(f"<{n}f", *values))
        bits = [((u + 0x7FFF + ((u >> 16) & 1)) >> 16) & 0xFFFF for u in words]
    buf = (ctypes.c_uint16 * n)(*bits)
    return buf, from_kernel_type(buf, dtype)


def from_kernel_type(buf, dtype):
    """The floats a ctypes array of `dtype` holds."""
    n = len(buf)
    if dtype == "f32":
        return list(buf)
    if dtype == "f16":
        return list(struct.unpack(f"<{n}e", struct.pack(f"<{n}H", *buf)))
    return list(struct.unpack(f"<{n}f", struct.pack(
        f"<{n}I", *[b << 16 for b in buf])))


def check_aot(c, module_path, args, workdir):
    """Compiles `module_path` (config c) with tconv-aot, links it into a
    shared library, calls it through ctypes on the config's data and prints
    one line comparing the result with the scatter definition. True if it
    passed."""
    base = os.path.join(workdir, f"config{c.index:04d}")
    obj, lib, header = base + ".o", base + ".so", base + ".h"
    aot = [args.tconv_aot, module_path, "-o", obj]
    if args.target_cpu:
        aot.append("--target-cpu=" + args.target_cpu)
    if args.pipeline_options:
        aot.append("--pipeline-options=" + args.pipeline_options)
    if args.pack_weights:
        aot += ["--pack-weights", "--header=" + header]
    for cmd in (aot, [args.cc, "-shared", obj, "-o", lib]):
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            print(f"{' '.join(cmd)} failed:\n{proc.stdout.strip()}")
            return False
    library = ctypes.CDLL(lib)
    buffers, values = [], []
    for j, shape in enumerate(c.arg_shapes()):
        buf, seen = to_kernel_type(
            random_values(c.input_seed * 1000 + j, math.prod(shape)), c.dtype)
        buffers.append(buf)
        values.append(seen)
    # One int64_t per dynamic input dim, in dim order, before the buffers.
    sizes = ([c.N] if c.dyn_batch else []) + [c.I[i] for i in sorted(c.dyn_dims)]
    calls = [(library.layer, buffers)]
    if args.pack_weights:
        # layer_pack(weight, packed) once; layer_packed takes `packed` in the
        # weight's place. The size is the header's "packed: N" comment.
        with open(header) as f:
            packed_size = int(re.search(r"packed: +(\d+) ", f.read()).group(1))
        # Not zeros: every element must be written by layer_pack.
        packed = to_kernel_type([float("nan")] * packed_size, c.dtype)[0]
        library.layer_pack.restype = None
        library.layer_pack(buffers[1], packed)
        calls.append((library.layer_packed,
                      [buffers[0], packed] + buffers[2:]))
    expected = scatter_reference(
        values[0], values[1], values[2] if c.bias else None, N=c.N,
        Cin=c.Cin, Cout=c.Cout, G=c.G, I=c.I, k=c.k, s=c.s, dil=c.dil,
        pb=c.pb, O=c.O, channels_last=c.cl)
    max_abs, rel, finite = 0.0, 0.0, True
    for kernel, kernel_buffers in calls:
        kernel.restype = None
        out = to_kernel_type([0.0] * math.prod(c.y_shape()), c.dtype)[0]
        kernel(*[ctypes.c_int64(v) for v in sizes], *kernel_buffers, out)
        got = from_kernel_type(out, c.dtype)
        call_abs, call_rel = compare(got, expected)
        max_abs, rel = max(max_abs, call_abs), max(rel, call_rel)
        finite = finite and all(math.isfinite(v) for v in got)
    tolerance = default_tolerances(args)[c.dtype]
    passed = finite and rel <= tolerance
    print(f"aot check: max abs error {max_abs:.3e}, max rel error {rel:.3e} "
          f"(tolerance {tolerance:.1e}){'' if finite else ', non-finite values'} "
          f"{'PASS' if passed else 'FAIL'}")
    return passed


def replay_command(module_path, args, workdir):
    """The command that checks one module file of a configuration through
    the AOT path (--replay, in a child process: a crashing kernel must not
    take the harness down)."""
    cmd = [sys.executable, os.path.abspath(__file__), "--replay", module_path,
           "--path=aot", "--tconv-aot", args.tconv_aot, "--cc", args.cc,
           "--workdir", workdir]
    if args.target_cpu:
        cmd.append("--target-cpu=" + args.target_cpu)
    if args.pipeline_options:
        cmd.append("--pipeline-options=" + args.pipeline_options)
    if args.pack_weights:
        cmd.append("--pack-weights")
    return cmd


def run_config_aot(c, args, workdir):
    """Returns (passed, command, output) of the AOT path for config c."""
    mlir_path = os.path.join(workdir, f"config{c.index:04d}.mlir")
    with open(mlir_path, "w") as f:
        f.write(c.mlir())
    cmd = replay_command(mlir_path, args, workdir)
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True,
                              timeout=args.timeout)
        output, rc = proc.stdout, proc.returncode
    except subprocess.TimeoutExpired:
        output, rc = f"timeout after {args.timeout} s", None
    except OSError as e:
        output, rc = f"cannot run {cmd[0]}: {e}", None
    passed = rc == 0 and output.rstrip().endswith("PASS")
    if rc is not None and rc < 0:
        output += f"\nthe AOT check was killed by signal {-rc}"
    if passed:
        base = os.path.join(workdir, f"config{c.index:04d}")
        for suffix in (".mlir", ".o", ".so", ".h"):
            try:
                os.remove(base + suffix)
            except OSError:
                pass
    return passed, " ".join(cmd), output


def lit_test_aot(c, command, output, pipeline_options, pack_weights):
    """A complete lit test file reproducing config c on the AOT path."""
    options = (f" --pipeline-options={pipeline_options}"
               if pipeline_options else "")
    if pack_weights:
        options += " --pack-weights"
    head = [
        f"// Random configuration {c.index} of utils/random_configs.py "
        f"through the AOT path.",
        f"// Failing command: {command}",
        "// It said:",
    ] + ["//   " + l for l in output.strip().splitlines()] + [
        "",
        "// REQUIRES: cc",
        "// RUN: rm -rf %t && mkdir -p %t",
        "// RUN: %python %tconv_src_root/utils/random_configs.py --replay %s "
        f"--path=aot --tconv-aot tconv-aot --cc %cc --workdir %t{options} "
        "| FileCheck %s",
        "// CHECK: aot check: {{.*}} PASS", ""]
    return "\n".join(head) + "\n" + c.mlir()


def lit_test(c, command, output):
    """A complete lit test file (for test/Execution/) reproducing config c."""
    shapes = c.arg_shapes()
    head = [
        f"// Random configuration {c.index} of utils/random_configs.py "
        f"(see the --seed of the run that printed it).",
        f"// Failing command: {command}",
        "// tconv-run said:",
    ] + ["//   " + l for l in output.strip().splitlines()] + [""]
    run = []
    if c.is_static():
        run += ["// RUN: tconv-run %s --entry=layer --check | FileCheck %s",
                "// CHECK-NOT: FAIL",
                "// CHECK: check conv_transpose #0 {{.*}} PASS", ""]
    # Exactly the data of the failing run (same generator as write_npy.py).
    files = [f"%t.arg{j}.npy={'x'.join(str(v) for v in shape)}"
             for j, shape in enumerate(shapes)]
    run += [f"// RUN: %python %S/Inputs/write_npy.py --seed {c.input_seed} " +
            " ".join(files),
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
                        help="jit: tconv-run --check (default); aot: "
                             "tconv-aot, a shared library called through "
                             "ctypes, the Python reference")
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
    parser.add_argument("--pack-weights", action="store_true",
                        help="--path=aot: also check NAME_packed on the "
                             "weights NAME_pack packed (tconv-aot "
                             "--pack-weights)")
    parser.add_argument("--replay", metavar="FILE",
                        help="check the configuration of FILE (a module "
                             "this script wrote, with its config-json line) "
                             "through --path=aot and exit")
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
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--only", type=int, action="append",
                        help="run only configuration I (repeatable)")
    parser.add_argument("--list", action="store_true",
                        help="print the configurations without running them")
    args = parser.parse_args()
    if args.path == "aot" and not (args.tconv_aot and args.cc):
        parser.error("--path=aot needs --tconv-aot and a C compiler (--cc)")
    if args.path == "jit" and not args.tconv_run and not args.replay:
        parser.error("--path=jit needs --tconv-run")
    if args.pipeline_options:
        args.tconv_run_arg.append("--pipeline-options=" + args.pipeline_options)
    if args.target_cpu:
        args.tconv_run_arg.append("--target-cpu=" + args.target_cpu)

    if args.replay:
        if args.path != "aot":
            parser.error("--replay checks the AOT path (--path=aot)")
        with open(args.replay) as f:
            lines = [l for l in f if l.startswith("// config-json: ")]
        if len(lines) != 1:
            print(f"error: {args.replay} has no single '// config-json:' line")
            return 1
        c = Config.from_json(lines[0][len("// config-json: "):])
        os.makedirs(args.workdir, exist_ok=True)
        return 0 if check_aot(c, args.replay, args, args.workdir) else 1

    if args.count is None or args.seed is None:
        parser.error("--count and --seed are required")
    if args.seed == "random":
        args.seed = random.SystemRandom().randrange(10**9)
        print(f"seed: {args.seed}")
    else:
        args.seed = int(args.seed)
    indices = args.only if args.only else list(range(args.count))
    configs = [make_config(args.seed, i, args.static_spatial, args.ungrouped)
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
        if args.path == "aot":
            passed, command, output = run_config_aot(c, args, rundir)
        else:
            passed, command, output = run_config(c, args.tconv_run, rundir,
                                                 args.timeout,
                                                 args.tconv_run_arg)
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
                    print(lit_test_aot(c, command, output,
                                       args.pipeline_options,
                                       args.pack_weights)
                          if args.path == "aot" else
                          lit_test(c, command, output), end="")
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
