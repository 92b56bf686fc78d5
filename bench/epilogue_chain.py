#!/usr/bin/env python3
"""Epilogue chain: an elementwise chain after a conv_transpose against the bare op.

    /usr/bin/python3 bench/epilogue_chain.py [--suite bench/holdout.json]
        [--layers dcgan3,dcgan5] [--rounds 3] [--repeat R | --budget S]
        [--channels-last] [--target-cpu haswell] [--pipeline-options "..."]
        [--tools-dir DIR] [--write-modules DIR]

For each layer of the suite (bench/suite.json by default; its "about" text
gives the fields) it writes a module with two functions, f32, in the
channels-first layout (or channels-last with --channels-last: input
(N, I..., Cin), weight (Cout, k..., Cin/G), result (N, O..., Cout)):

  - @bare(%x, %w, %b): the layer's tconv.conv_transpose with bias;
  - @chain(%x, %w, %b, %s, %t, %r): the same op, then three linalg.generic
    ops as tconv_import writes them: an inference batch norm y * s[c] + t[c],
    LeakyReLU 0.2 (arith.cmpf ogt + arith.select) and a residual add of %r,
    a tensor of the result's shape.

and times each with `tconv-run FILE --entry=NAME --repeat=R` (JIT, random
inputs from tconv-run, the median of R calls of the function alone; the
host CPU or --target-cpu; --pipeline-options passed through). R is
--repeat, or by default what makes --budget (1 s) of calls from a first
timing of @bare (3 to 200). The two functions alternate for --rounds rounds
(the order swapped every round), so the machine's noise hits both; each
figure is the median over the rounds. The ratio chain / bare is what the
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
    """tconv-run failed on a layer: the message is its error output."""


def per_dim(value, rank, name):
    """A suite field: one number for every spatial dim, or a list of them."""
    values = value if isinstance(value, list) else [value] * rank
    if len(values) != rank:
        raise ValueError(f"{name} {value} for {rank} spatial dims")
    return [int(v) for v in values]


def tensor(shape):
    return "tensor<" + "x".join(map(str, shape)) + "xf32>"


def layer_module(layer, channels_last):
    """The MLIR module (text) with @bare and @chain for one suite layer."""
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

    return (
        f"// {layer['name']}: {json.dumps(layer)}\n"
        f"// {'channels_last' if channels_last else 'channels_first'}, "
        f"result {y_shape}\n"
        f"#id = affine_map<({dims}) -> ({dims})>\n"
        f"#ch = affine_map<({dims}) -> (d{channel})>\n\n"
        f"func.func @bare(%x: {xt}, %w: {wt}, %b: {ct}) -> {yt} {{\n"
        + conv +
        f"  return %y : {yt}\n}}\n\n"
        f"func.func @chain(%x: {xt}, %w: {wt}, %b: {ct}, %s: {ct}, %t: {ct}, "
        f"%r: {yt}) -> {yt} {{\n"
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


def run_tconv(args, path, entry, repeat):
    """Milliseconds: tconv-run's median over `repeat` calls of `entry`."""
    cmd = [os.path.join(args.tools_dir, "tconv-run"), path,
           f"--entry={entry}", f"--repeat={repeat}"]
    if args.target_cpu:
        cmd.append(f"--target-cpu={args.target_cpu}")
    if args.pipeline_options:
        cmd.append(f"--pipeline-options={args.pipeline_options}")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              timeout=args.timeout)
    except subprocess.TimeoutExpired:
        raise LayerError(f"@{entry}: tconv-run timed out after "
                         f"{args.timeout} s") from None
    match = TIME_RE.search(proc.stdout)
    if proc.returncode != 0 or not match:
        detail = (proc.stderr.strip() or proc.stdout.strip()
                  or "no output")
        raise LayerError(f"@{entry}: tconv-run exited with "
                         f"{proc.returncode}:\n{detail}\n"
                         f"(command: {' '.join(cmd)})")
    return float(match.group(1))


def bench_layer(args, layer, path):
    """(repeat, bare ms, chain ms) for one layer's module at `path`."""
    repeat = args.repeat
    if repeat is None:
        first = run_tconv(args, path, "bare", 3)
        repeat = max(3, min(200, round(args.budget * 1e3
                                       / max(first, 1e-3))))
    times = {"bare": [], "chain": []}
    for i in range(args.rounds):
        order = ("bare", "chain") if i % 2 == 0 else ("chain", "bare")
        for entry in order:
            times[entry].append(run_tconv(args, path, entry, repeat))
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
                        help="calls per tconv-run (default: --budget "
                        "seconds of calls, 3 to 200, from a first timing of "
                        "@bare)")
    parser.add_argument("--budget", type=float, default=1.0,
                        help="seconds of calls per tconv-run without "
                        "--repeat (default 1)")
    parser.add_argument("--channels-last", action="store_true",
                        help="#tconv.layout<channels_last> (NHWC-style data)")
    parser.add_argument("--target-cpu", help="tconv-run --target-cpu")
    parser.add_argument("--pipeline-options",
                        help="tconv-run --pipeline-options")
    parser.add_argument("--tools-dir", default=os.path.join(ROOT, "build",
                                                            "bin"),
                        help="where tconv-run is (default: build/bin)")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds per tconv-run call (default 900)")
    parser.add_argument("--write-modules", metavar="DIR",
                        help="keep the modules as DIR/LAYER.mlir")
    args = parser.parse_args()
    if args.rounds < 1 or (args.repeat is not None and args.repeat < 1):
        parser.error("--rounds and --repeat must be at least 1")
    if not os.access(os.path.join(args.tools_dir, "tconv-run"), os.X_OK):
        sys.exit(f"no tconv-run in {args.tools_dir} (build it, or give "
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
          f"{args.rounds} rounds, suite {os.path.relpath(args.suite)}"
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
                text = layer_module(layer, args.channels_last)
            except (ValueError, KeyError) as e:
                failures.append((name, f"bad layer: {e}"))
                print(f"{name:12} skipped: bad layer: {e}", flush=True)
                continue
            path = os.path.join(out_dir, f"{name}.mlir")
            with open(path, "w") as f:
                f.write(text)
            try:
                repeat, bare, chain = bench_layer(args, layer, path)
            except LayerError as e:
                failures.append((name, str(e)))
                print(f"{name:12} skipped: tconv-run failed (error below)",
                      flush=True)
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
