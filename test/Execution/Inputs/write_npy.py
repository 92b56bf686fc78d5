#!/usr/bin/env python3
"""Writes float32 .npy files for the Execution tests (stdlib only, no numpy).

usage: write_npy.py [--seed S] PATH=SHAPE[:FILL] ...

SHAPE is like 2x3x5 (a scalar is not supported); FILL is `random` (default:
uniform in [-1, 1) from random.Random(seed * 1000 + index of the file), the
scheme of utils/random_configs.py), `ones` or `iota` (0, 1, 2, ... in C
order). Needs utils/ on PYTHONPATH (lit sets it).
"""
import argparse
import math
import sys

from tconv_testing.data import random_values
from tconv_testing.npy import write_npy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("files", nargs="+", metavar="PATH=SHAPE[:FILL]")
    args = parser.parse_args()
    for index, spec in enumerate(args.files):
        path, _, rest = spec.rpartition("=")
        shape_txt, _, fill = rest.partition(":")
        shape = [int(d) for d in shape_txt.split("x")]
        count = math.prod(shape)
        if fill in ("", "random"):
            values = random_values(args.seed * 1000 + index, count)
        elif fill == "ones":
            values = [1.0] * count
        elif fill == "iota":
            values = [float(i) for i in range(count)]
        else:
            sys.exit(f"unknown fill '{fill}'")
        write_npy(path, shape, values)


if __name__ == "__main__":
    main()
