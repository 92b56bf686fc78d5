#!/usr/bin/env python3
"""Epilogue chain: an elementwise chain after a conv_transpose against the bare op.

    /usr/bin/python3 bench/epilogue_chain.py [--suite bench/holdout.json]
        [--layers dcgan3,dcgan5] [--rounds 3] [--repeat R | --budget S]
        [--channels-last] [--target-cpu haswell] [--pipeline-options "..."]
        [--mode aot|jit] [--packed-bn] [--cc CC] [--tools-dir DIR]
        [--write-modules DIR]

For each layer of the suite (bench/suite.json by default; its "about" text
gives the fields) it writes a module with two functions, f32, in the
channels-first layout (or channels-last with --channels-last: input
(N, I..., Cin), weight (Cout, k..., Cin/G), result (N, O..., Cout)):

  - @bare(%x, %w, %b): the layer's tconv.conv_transpose with bias;
  - @chain(%x, %w, %b, %s, %t, %r): the same op, then three linalg.generic
    ops as tconv_import writes them: an inference batch norm y * s[c] + t[c],
    LeakyReLU 0.2 (arith.cmpf ogt + arith.select) and a residual add of %r,
    a tensor of the result's shape.

and times each as deployed (the default, --mode aot): compiled by
`tconv-aot --pack-weights=only` into one object with a C driver that fills
every buffer with random data, packs the weights once (NAME_pack) and prints
the median of R calls of NAME. With --packed-bn the batch norm's s and t are
weights too (marked tconv.pack, as a whole model's parameter blob is), so
they fold into the packed weights; by default they are given at the call.
--mode jit times `tconv-run FILE --entry=NAME --repeat=R` instead (its
random inputs; the weights rearranged on every call, which a deployed
layer does not do). Either for the host CPU or --target-cpu, with
--pipeline-options passed through. R is --repeat, or by default what makes
--budget (1 s) of calls from a first timing of @bare (3 to 200). The two
functions alternate for --rounds rounds (the order swapped every round), so
the machine's noise hits both; each figure is the median over the
rounds. The ratio chain / bare is what the
epilogue costs; the target is at most 1.1 (an epilogue fused into the
kernel's stores costs next to nothing; three more passes over the result
do not). A layer that tconv-run cannot compile or run is reported with its
error and skipped. The benchmark, not a test: the numbers go into issue
notes.
"""

import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET_RATIO = 1.1
TIME_RE = re.compile(r"time: median ([0-9.eE+-]+) ms over (\d+) runs")
# float(numpy.float32(0.2)), written as tconv_import's f32_literal does.
LEAKY_SLOPE = "2.000000030e-01"


class LayerError(Exception):
    """A tool failed on a layer: the message is its error output."""


def per_dim(value, rank, name):
    """A suite field: one number for every spatial dim, or a list of them."""
    values = value if isinstance(value, list) else [value] * rank
    if len(values) != rank:
        raise ValueError(f"{name} {value} for {rank} spatial dims")
    return [int(v) for v in values]


def tensor(shape):
    return "tensor<" + "x".join(map(str, shape)) + "xf32>"


def layer_module(layer, channels_last, packed_bn=False):
    """The MLIR module (text) with @bare and @chain for one suite layer
    (with `packed_bn`, @chain's %s and %t are marked tconv.pack), and the
    shapes of its x, w, per-channel and y tensors (keys X, W, C, Y)."""
    spatial = [int(s) for s in layer["spatial"]]
    rank = len(spatial)
    if rank not in (1, 2, 3):
        raise ValueError(f"{rank} spatial dims (1, 2 or 3 supported)")
    n, cin, cout = int(layer["N"]), int(layer["Cin"]), int(layer["Cout"])
    groups = int(layer.get("groups", 1))
    kernel = per_dim(layer["kernel"], rank, "kernel")
    stride = per_dim(layer.get("stride", 1), rank, "stride")
    pad = per_dim(layer.get("padding", 0), rank, "padding")
    out_pad = per_dim(layer.get("output_padding", 0), rank, "output_padding")
    dil = per_dim(layer.get("dilation", 1), rank, "dilation")
    if cin % groups or cout % groups:
        raise ValueError(f"groups {groups} does not divide Cin {cin} and "
                         f"Cout {cout}")
    out = [(i - 1) * s - 2 * p + d * (k - 1) + op + 1 for i, s, p, d, k, op
           in zip(spatial, stride, pad, dil, kernel, out_pad)]
    if min(out) < 1:
        raise ValueError(f"empty output {out}")

    if channels_last:
        x_shape = [n] + spatial + [cin]
        w_shape = [cout] + kernel + [cin // groups]
        y_shape = [n] + out + [cout]
        channel = rank + 1
    else:
        x_shape = [n, cin] + spatial
        w_shape = [cin, cout // groups] + kernel
        y_shape = [n, cout] + out
        channel = 1

    attrs = [f"strides = array<i64: {', '.join(map(str, stride))}>"]
    if any(pad):
        attrs.append(f"padding = array<i64: {', '.join(map(str, pad + pad))}>")
    if any(out_pad):
        attrs.append("output_padding = array<i64: "
                     f"{', '.join(map(str, out_pad))}>")
    if any(d != 1 for d in dil):
        attrs.append(f"dilations = array<i64: {', '.join(map(str, dil))}>")
    if groups != 1:
        attrs.append(f"groups = {groups} : i64")
    if channels_last:
        attrs.append("layout = #tconv.layout<channels_last>")

    xt, wt, yt = tensor(x_shape), tensor(w_shape), tensor(y_shape)
    ct = tensor([cout])
    pack = " {tconv.pack}" if packed_bn else ""
    conv = (f"  %y = tconv.conv_transpose %x, %w, %b {{{', '.join(attrs)}}}\n"
            f"      : ({xt}, {wt}, {ct}) -> {yt}\n")
    dims = ", ".join(f"d{i}" for i in range(rank + 2))
    iters = ", ".join(['"parallel"'] * (rank + 2))

    def generic(result, ins, maps, block, body):
        return (f"  %e_{result} = tensor.empty() : {yt}\n"
                f"  %{result} = linalg.generic {{indexing_maps = "
                f"[{', '.join(maps + ['#id'])}], iterator_types = [{iters}]}}\n"
                f"      ins({', '.join(v for v, _ in ins)} : "
                f"{', '.join(t for _, t in ins)}) outs(%e_{result} : {yt}) {{\n"
                f"  ^bb0({block}, %out: f32):\n"
                + "".join(f"    {line}\n" for line in body)
                + f"  }} -> {yt}\n")

    shapes = {"X": x_shape, "W": w_shape, "C": [cout], "Y": y_shape}
    return shapes, (
        f"// {layer['name']}: {json.dumps(layer)}\n"
        f"// {'channels_last' if channels_last else 'channels_first'}, "
        f"result {y_shape}\n"
        f"#id = affine_map<({dims}) -> ({dims})>\n"
        f"#ch = affine_map<({dims}) -> (d{channel})>\n\n"
        f"func.func @bare(%x: {xt}, %w: {wt}, %b: {ct}) -> {yt} {{\n"
        + conv +
        f"  return %y : {yt}\n}}\n\n"
        f"func.func @chain(%x: {xt}, %w: {wt}, %b: {ct}, %s: {ct}{pack}, "
        f"%t: {ct}{pack}, %r: {yt}) -> {yt} {{\n"
        + conv
        # batch_norm: y * s[c] + t[c]
        + generic("bn", [("%y", yt), ("%s", ct), ("%t", ct)],
                  ["#id", "#ch", "#ch"], "%a0: f32, %a1: f32, %a2: f32",
                  ["%m = arith.mulf %a0, %a1 : f32",
                   "%p = arith.addf %m, %a2 : f32",
                   "linalg.yield %p : f32"])
        # leaky_relu 0.2: x > 0 ? x : x * 0.2
        + generic("act", [("%bn", yt)], ["#id"], "%a0: f32",
                  ["%zero = arith.constant 0.000000000e+00 : f32",
                   "%c = arith.cmpf ogt, %a0, %zero : f32",
                   f"%slope = arith.constant {LEAKY_SLOPE} : f32",
                   "%m = arith.mulf %a0, %slope : f32",
                   "%v = arith.select %c, %a0, %m : f32",
                   "linalg.yield %v : f32"])
        # residual add
        + generic("z", [("%act", yt), ("%r", yt)], ["#id", "#id"],
                  "%a0: f32, %a1: f32",
                  ["%p = arith.addf %a0, %a1 : f32",
                   "linalg.yield %p : f32"])
        + f"  return %z : {yt}\n}}\n")


def tool_options(args):
    """The target and pipeline options every tool call takes."""
    options = []
    if args.target_cpu:
        options.append(f"--target-cpu={args.target_cpu}")
    if args.pipeline_options:
        options.append(f"--pipeline-options={args.pipeline_options}")
    return options


def time_calls(args, cmd, entry, what):
    """Milliseconds: the median that `cmd` (tconv-run or the --mode aot
    driver, `what`) prints for its calls of `entry`."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              timeout=args.timeout)
    except subprocess.TimeoutExpired:
        raise LayerError(f"@{entry}: {what} timed out after "
                         f"{args.timeout} s") from None
    match = TIME_RE.search(proc.stdout)
    if proc.returncode != 0 or not match:
        detail = (proc.stderr.strip() or proc.stdout.strip()
                  or "no output")
        raise LayerError(f"@{entry}: {what} exited with "
                         f"{proc.returncode}:\n{detail}\n"
                         f"(command: {' '.join(cmd)})")
    return float(match.group(1))


# The C driver of --mode aot: argv[1] the function ("bare" or "chain"),
# argv[2] the calls to time. Every buffer random in [-1, 1) (stale heap
# bytes can be denormals), 64-byte aligned as tconv-run's are; the weights
# (and with --packed-bn s and t) packed once, then one untimed call.
DRIVER = r"""
#include "layer.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static float *buffer(size_t n, unsigned seed) {
  float *p = aligned_alloc(64, (n * sizeof(float) + 63) / 64 * 64);
  if (!p) { perror("aligned_alloc"); exit(1); }
  for (size_t i = 0; i < n; ++i) {
    seed = seed * 1103515245u + 12345u;
    p[i] = (float)((seed >> 8) & 0xffffff) / 8388608.0f - 1.0f;
  }
  return p;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s bare|chain CALLS\n", argv[0]); return 2; }
  int is_chain = strcmp(argv[1], "chain") == 0, calls = atoi(argv[2]);
  if (calls < 1) return 2;
  float *x = buffer(X_ELEMENTS, 1), *w = buffer(W_ELEMENTS, 2);
  float *b = buffer(C_ELEMENTS, 3), *s = buffer(C_ELEMENTS, 4);
  float *t = buffer(C_ELEMENTS, 5), *r = buffer(Y_ELEMENTS, 6);
  float *y = buffer(Y_ELEMENTS, 7);
  float *packed = buffer(is_chain ? CHAIN_PACKED_ELEMENTS : BARE_PACKED_ELEMENTS, 8);
  double *seconds = malloc(calls * sizeof(double));
  if (is_chain) CHAIN_PACK; else BARE_PACK;
  for (int i = 0; i <= calls; ++i) {
    double start = now();
    if (is_chain) CHAIN_CALL; else BARE_CALL;
    if (i > 0) seconds[i - 1] = now() - start;
  }
  qsort(seconds, calls, sizeof(double), compare);
  printf("time: median %.6f ms over %d runs\n", seconds[calls / 2] * 1e3, calls);
  return 0;
}
"""


def build_driver(args, shapes, path, directory):
    """The --mode aot driver of the module at `path` (layer_module's
    `shapes`), built in `directory`: its path."""
    header = os.path.join(directory, "layer.h")
    obj = os.path.join(directory, "layer.o")
    cmd = [os.path.join(args.tools_dir, "tconv-aot"), path, "-o", obj,
           f"--header={header}", "--pack-weights=only", *tool_options(args)]
    run_tool(args, cmd, "tconv-aot")
    with open(header) as f:
        declarations = f.read()
    # The call of each function: its parameters by the names the header
    # gives them (argN for @chain's N-th argument, params0 and params1 for
    # --packed-bn's s and t), in its order (the packed buffer in place of
    # the weights).
    buffers = {"input": "x", "weight": "w", "bias": "b", "arg3": "s",
               "arg4": "t", "params0": "s", "params1": "t", "arg5": "r",
               "output": "y", "packed": "packed"}
    macros = {}
    for name in ("bare", "chain"):
        for kind, suffix in (("PACK", "_pack"), ("CALL", "")):
            match = re.search(rf"\bvoid {name}{suffix}\(([^)]*)\);",
                              declarations)
            if not match:
                raise LayerError(f"{header} declares no {name}{suffix}")
            params = [p.split()[-1].lstrip("*")
                      for p in match.group(1).split(",")]
            if any(p not in buffers for p in params):
                raise LayerError(f"unexpected parameters of {name}{suffix}: "
                                 f"{match.group(1)}")
            macros[f"{name.upper()}_{kind}"] = (
                f"{name}{suffix}({', '.join(buffers[p] for p in params)})")
    for key, shape in shapes.items():
        macros[f"{key}_ELEMENTS"] = f"((size_t){math.prod(shape)})"
    source = os.path.join(directory, "driver.c")
    with open(source, "w") as f:
        f.write("".join(f"#define {k} {v}\n" for k, v in macros.items()))
        f.write(DRIVER)
    exe = os.path.join(directory, "driver")
    libs = ["-fopenmp"] if "threads" in (args.pipeline_options or "") else []
    run_tool(args, [args.cc, "-O2", f"-I{directory}", source, obj, "-o", exe,
                    "-lm", *libs], args.cc)
    return exe


def run_tool(args, cmd, name):
    """Runs a build step; a failure is the layer's error."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              timeout=args.timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise LayerError(f"{name}: {e}") from None
    if proc.returncode != 0:
        raise LayerError(f"{name} exited with {proc.returncode}:\n"
                         f"{proc.stderr.strip() or proc.stdout.strip()}\n"
                         f"(command: {' '.join(cmd)})")


def bench_layer(args, shapes, path, directory):
    """(repeat, bare ms, chain ms) for one layer's module at `path`
    (layer_module's `shapes`), built in `directory` with --mode aot."""
    if args.mode == "aot":
        exe = build_driver(args, shapes, path, directory)
        time_entry = lambda entry, n: time_calls(
            args, [exe, entry, str(n)], entry, "the driver")
    else:
        tconv_run = os.path.join(args.tools_dir, "tconv-run")
        time_entry = lambda entry, n: time_calls(
            args, [tconv_run, path, f"--entry={entry}", f"--repeat={n}",
                   *tool_options(args)], entry, "tconv-run")
    repeat = args.repeat
    if repeat is None:
        first = time_entry("bare", 3)
        repeat = max(3, min(200, round(args.budget * 1e3
                                       / max(first, 1e-3))))
    times = {"bare": [], "chain": []}
    for i in range(args.rounds):
        order = ("bare", "chain") if i % 2 == 0 else ("chain", "bare")
        for entry in order:
            times[entry].append(time_entry(entry, repeat))
    return (repeat, statistics.median(times["bare"]),
            statistics.median(times["chain"]))


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suite", default=os.path.join(ROOT, "bench",
                                                        "suite.json"))
    parser.add_argument("--layers", help="comma-separated layer names "
                        "(default: every layer of the suite)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating bare/chain rounds (default 3)")
    parser.add_argument("--repeat", type=int,
                        help="calls per timing (default: --budget seconds "
                        "of calls, 3 to 200, from a first timing of @bare)")
    parser.add_argument("--budget", type=float, default=1.0,
                        help="seconds of calls per timing without --repeat "
                        "(default 1)")
    parser.add_argument("--channels-last", action="store_true",
                        help="#tconv.layout<channels_last> (NHWC-style data)")
    parser.add_argument("--mode", choices=("aot", "jit"), default="aot",
                        help="aot (default): tconv-aot --pack-weights=only "
                        "and a C driver, the weights packed once; jit: "
                        "tconv-run --repeat, the weights rearranged on every "
                        "call")
    parser.add_argument("--packed-bn", action="store_true",
                        help="mark the batch norm's s and t tconv.pack "
                        "(fixed parameters, as in a whole model)")
    parser.add_argument("--target-cpu", help="the tools' --target-cpu")
    parser.add_argument("--pipeline-options",
                        help="the tools' --pipeline-options")
    parser.add_argument("--cc", default=shutil.which("cc") or "clang-22",
                        help="C compiler that links the --mode aot driver "
                        "(default: cc)")
    parser.add_argument("--tools-dir", default=os.path.join(ROOT, "build",
                                                            "bin"),
                        help="where tconv-aot and tconv-run are (default: "
                        "build/bin)")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds per tool call (default 900)")
    parser.add_argument("--write-modules", metavar="DIR",
                        help="keep the modules as DIR/LAYER.mlir (and the "
                        "--mode aot builds in DIR/LAYER/)")
    args = parser.parse_args()
    if args.rounds < 1 or (args.repeat is not None and args.repeat < 1):
        parser.error("--rounds and --repeat must be at least 1")
    tool = "tconv-aot" if args.mode == "aot" else "tconv-run"
    if not os.access(os.path.join(args.tools_dir, tool), os.X_OK):
        sys.exit(f"no {tool} in {args.tools_dir} (build it, or give "
                 f"--tools-dir)")

    with open(args.suite) as f:
        layers = json.load(f)["layers"]
    if args.layers:
        wanted = args.layers.split(",")
        known = {layer["name"] for layer in layers}
        unknown = [name for name in wanted if name not in known]
        if unknown:
            sys.exit(f"unknown layers {','.join(unknown)} in {args.suite} "
                     f"(it has {','.join(layer['name'] for layer in layers)})")
        layers = [layer for layer in layers if layer["name"] in wanted]

    start = time.perf_counter()
    print(f"# {cpu_model()}, target {args.target_cpu or 'host'}, "
          f"{'channels_last' if args.channels_last else 'channels_first'}, "
          f"{args.rounds} rounds, {args.mode}"
          + (", batch norm packed" if args.packed_bn else "")
          + f", suite {os.path.relpath(args.suite)}"
          + (f", pipeline-options '{args.pipeline_options}'"
             if args.pipeline_options else ""))
    print(f"{'layer':12} {'repeat':>6} {'bare ms':>10} {'chain ms':>10} "
          f"{'chain/bare':>10}")
    ratios, failures = {}, []
    with tempfile.TemporaryDirectory(prefix="epilogue_chain.") as tmp:
        out_dir = args.write_modules or tmp
        os.makedirs(out_dir, exist_ok=True)
        for layer in layers:
            name = layer["name"]
            try:
                shapes, text = layer_module(layer, args.channels_last,
                                            args.packed_bn)
            except (ValueError, KeyError) as e:
                failures.append((name, f"bad layer: {e}"))
                print(f"{name:12} skipped: bad layer: {e}", flush=True)
                continue
            path = os.path.join(out_dir, f"{name}.mlir")
            with open(path, "w") as f:
                f.write(text)
            build_dir = os.path.join(out_dir, name)
            os.makedirs(build_dir, exist_ok=True)
            try:
                repeat, bare, chain = bench_layer(args, shapes, path,
                                                  build_dir)
            except LayerError as e:
                failures.append((name, str(e)))
                print(f"{name:12} skipped: failed (error below)", flush=True)
                continue
            ratio = chain / bare
            ratios[name] = ratio
            mark = f"  > {TARGET_RATIO}" if ratio > TARGET_RATIO else ""
            print(f"{name:12} {repeat:6d} {bare:10.3f} {chain:10.3f} "
                  f"{ratio:10.3f}{mark}", flush=True)

    if ratios:
        geomean = math.exp(statistics.fmean(math.log(r)
                                            for r in ratios.values()))
        worst = max(ratios, key=ratios.get)
        above = [name for name, r in ratios.items() if r > TARGET_RATIO]
        print(f"geomean chain/bare {geomean:.3f}, max {ratios[worst]:.3f} "
              f"({worst}); target <= {TARGET_RATIO}: "
              + (f"{len(above)} of {len(ratios)} above ({','.join(above)})"
                 if above else f"all {len(ratios)} layers within"))
    for name, error in failures:
        print(f"\n{name} skipped: {error}")
    if failures and not args.write_modules:
        print("(--write-modules DIR keeps the modules)")
    print(f"# {time.perf_counter() - start:.0f} s wall"
          + (f"; {len(failures)} layer(s) skipped" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
