#!/usr/bin/env python3
"""Whole networks: tconv's compiled forward against PyTorch, one thread.

    /usr/bin/python3 bench/whole_models.py [--models dcgan,unet] [--rounds 7]
        [--target-cpu haswell]

For each network of examples/models/networks.py at a real input shape it
compiles the module with tconv_import.compile_module (tconv-aot for the host,
or --target-cpu) and times, in one process and alternating round by round
on the same random input:

  - tconv: forward (the parameters packed once beforehand);
  - eager: the module under torch.no_grad();
  - jit: torch.jit.optimize_for_inference(torch.jit.freeze(
         torch.jit.script(model.eval()))) (traced when scripting fails).

Each figure is the median over the rounds of the best of `--repeats` calls.
torch.set_num_threads(1); tconv's code is single-threaded by default. The
outputs are checked against eager (normwise relative error <= 1e-4) before
timing. The benchmark, not a test: the numbers go into issue notes.
"""

import argparse
import os
import statistics
import sys
import time

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [os.path.join(ROOT, "utils"),
                os.path.join(ROOT, "examples", "models")]

import networks  # noqa: E402
import tconv_import  # noqa: E402

# name: (constructor, input shape), at the sizes the networks are used at.
MODELS = {
    "dcgan": (networks.dcgan_generator, [1, 100, 1, 1]),
    "unet": (networks.unet_generator, [1, 3, 256, 256]),
    "fsrcnn_x2": (networks.fsrcnn_x2, [1, 1, 256, 256]),
    "fsrcnn_x2_128": (networks.fsrcnn_x2, [1, 1, 128, 128]),
    "fsrcnn_x4": (networks.fsrcnn_x4, [1, 1, 128, 128]),
    "melgan": (networks.melgan_generator, [1, 80, 128]),
}


def jit_model(model, x):
    with torch.no_grad():
        try:
            scripted = torch.jit.script(model)
        except Exception:  # noqa: BLE001: fx-style modules may not script
            scripted = torch.jit.trace(model, x)
        return torch.jit.optimize_for_inference(torch.jit.freeze(scripted))


def best_of(fn, x, repeats):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn(x)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", default=",".join(MODELS),
                        help=f"comma-separated, from {','.join(MODELS)}")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--target-cpu", help="tconv-aot --target-cpu")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    aot_args = [f"--target-cpu={args.target_cpu}"] if args.target_cpu else []
    print(f"{'model':10} {'input':>16} {'tconv ms':>9} {'eager ms':>9} "
          f"{'jit ms':>9} {'vs eager':>8} {'vs jit':>7}")
    for name in args.models.split(","):
        make, shape = MODELS[name]
        model = make().eval()
        x = torch.rand(shape) * 2 - 1
        start = time.perf_counter()
        fast = tconv_import.compile_module(model, x, dynamic_batch=False,
                                           aot_args=aot_args)
        compile_s = time.perf_counter() - start
        jit = jit_model(model, x)
        with torch.no_grad():
            expected = model(x)
            for label, y in (("tconv", fast(x)), ("jit", jit(x))):
                rel = ((y - expected).abs().max() /
                       expected.abs().max()).item()
                if rel > 1e-4:
                    sys.exit(f"{name}: {label} differs from eager: {rel:.2e}")
            times = {"tconv": [], "eager": [], "jit": []}
            for _ in range(args.rounds):
                times["tconv"].append(best_of(fast, x, args.repeats))
                times["eager"].append(best_of(model, x, args.repeats))
                times["jit"].append(best_of(jit, x, args.repeats))
        ms = {k: 1e3 * statistics.median(v) for k, v in times.items()}
        print(f"{name:10} {'x'.join(map(str, shape)):>16} {ms['tconv']:9.2f} "
              f"{ms['eager']:9.2f} {ms['jit']:9.2f} "
              f"{ms['eager'] / ms['tconv']:7.2f}x {ms['jit'] / ms['tconv']:6.2f}x"
              f"   (compiled in {compile_s:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
