#!/usr/bin/env python3
"""Inputs and checks of the math functions in math-functions.mlir.

usage: math_functions.py WORKDIR TCONV-RUN-COMMAND...

writes WORKDIR/x.npy, 4096 f32 values (a sweep of [-20, 20], the points
where approximations switch range, the extremes of f32), runs
`TCONV-RUN-COMMAND --entry=NAME --inputs=x.npy --output=NAME.npy` for each
function NAME below and checks NAME(x) against Python's math in double;
prints one PASS/FAIL line per function, exits 1 on a failure.

The approximations are upstream MLIR's (polynomial, f32; their accuracy is
a few ulp). A value y passes when |y - f(x)| <= ATOL + RTOL |f(x)|, f in
double: RTOL allows some ulp, ATOL the cancellation of formulas such as
GELU's 1 + erf(x) in f32 where f(x) is tiny, and the f16 rounding of tanh.
Stdlib only;
needs utils/ on PYTHONPATH (lit sets it).
"""
import math
import os
import subprocess
import sys

from tconv_testing.npy import read_npy, write_npy

COUNT = 4096

# (RTOL, ATOL) per function; f32 rounds to 6e-8 relative.
TOLERANCE = {"tanh": (1e-6, 1e-7), "erf": (1e-6, 1e-7), "exp": (1e-6, 1e-37),
             "log": (1e-6, 1e-7), "sigmoid": (1e-6, 1e-7),
             "gelu": (1e-6, 1e-6), "silu": (1e-6, 1e-7),
             "tanh_f16": (1e-3, 1e-4), "roundeven": (0, 0)}


def sigmoid(x):
    return 1 / (1 + math.exp(-x)) if x > -700 else 0.0


FUNCTIONS = {
    "tanh": math.tanh,
    "erf": math.erf,
    # exp overflows f32 above 88.7: the sweep stays in range.
    "exp": lambda x: math.exp(min(x, 80)),
    # log of |x| + 0.5 (the function adds the offset), positive everywhere.
    "log": lambda x: math.log(abs(x) + 0.5),
    "sigmoid": sigmoid,
    "gelu": lambda x: 0.5 * x * (1 + math.erf(x / math.sqrt(2))),
    "silu": lambda x: x * sigmoid(x),
    "tanh_f16": math.tanh,
    # Exact: halves to even (Python's round), 0.49999997 to 0.
    "roundeven": lambda x: float(round(x)) if abs(x) < 2**52 else x,
}


def inputs():
    special = [0.0, -0.0, 1e-30, -1e-30, 1e-7, 0.5, 0.625, 1.0, 2.0, 3.5,
               7.99, 8.0, 9.0, 10.0, 80.0, -80.0, 3e38, -3e38,
               # The f32 below one half, other halves, the first odd f32.
               0.4999999701976776, -0.4999999701976776, 2.5, -2.5, -0.5,
               8388609.0]
    sweep = [-20 + 40 * i / (COUNT - len(special) - 1)
             for i in range(COUNT - len(special))]
    return special + sweep


def check(name, x_path, y_path):
    _, xs = read_npy(x_path)
    _, ys = read_npy(y_path)
    f = FUNCTIONS[name]
    rtol, atol = TOLERANCE[name]
    worst, where = 0.0, None  # the largest error / bound
    for x, y in zip(xs, ys):
        expected = f(x)
        bound = atol + rtol * abs(expected)
        error = abs(y - expected)
        ratio = error / bound if bound else (0.0 if error == 0 else math.inf)
        if not ratio <= worst:  # also catches NaN
            worst, where = ratio if ratio == ratio else math.inf, x
    ok = len(xs) == len(ys) == COUNT and worst <= 1
    print(f"{name}: {len(ys)} values, max error {worst:.2f} of the bound "
          f"(rtol {rtol:.0e}, atol {atol:.0e}) at x = {where} "
          f"{'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    workdir, command = sys.argv[1], sys.argv[2:]
    os.makedirs(workdir, exist_ok=True)
    x_path = os.path.join(workdir, "x.npy")
    write_npy(x_path, [COUNT], inputs())
    failures = 0
    for name in FUNCTIONS:
        y_path = os.path.join(workdir, f"{name}.npy")
        subprocess.run(command + [f"--entry={name}", f"--inputs={x_path}",
                                  f"--output={y_path}"], check=True)
        failures += check(name, x_path, y_path)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
