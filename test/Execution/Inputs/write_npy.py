#!/usr/bin/env python3
"""Writes float32 .npy files for the Execution tests (stdlib only, no numpy).

usage: write_npy.py [--seed S] PATH=SHAPE[:FILL] ...

SHAPE is like 2x3x5 (a scalar is not supported); FILL is `random` (default:
uniform in [-1, 1) from random.Random(seed + index of the file)), `ones` or
`iota` (0, 1, 2, ... in C order).
"""
import argparse
import os
import random
import sys

# The project's one .npy writer lives in utils/tconv_import.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "utils"))
from tconv_import.npy import write_npy  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("files", nargs="+", metavar="PATH=SHAPE[:FILL]")
    args = parser.parse_args()
    for index, spec in enumerate(args.files):
        path, _, rest = spec.rpartition("=")
        shape_txt, _, fill = rest.partition(":")
        shape = [int(d) for d in shape_txt.split("x")]
        count = 1
        for d in shape:
            count *= d
        if fill in ("", "random"):
            rng = random.Random(args.seed * 1000 + index)
            values = [rng.uniform(-1.0, 1.0) for _ in range(count)]
        elif fill == "ones":
            values = [1.0] * count
        elif fill == "iota":
            values = [float(i) for i in range(count)]
        else:
            sys.exit(f"unknown fill '{fill}'")
        write_npy(path, shape, values)


if __name__ == "__main__":
    main()
