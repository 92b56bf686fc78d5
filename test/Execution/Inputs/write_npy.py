#!/usr/bin/env python3
"""Writes .npy files for the Execution tests (stdlib only, no numpy).

usage: write_npy.py [--seed S] [--dtype D[,D...]] PATH=SHAPE[:FILL] ...

D is float32 (default), int8, uint8 or int32: one for every file, or a
comma-separated list, one per file (e.g. uint8,int8,int32 for the input,
weight and bias of a quantized op, as utils/random_configs.py --quantized
writes them). SHAPE is like 2x3x5 (a scalar is not supported); FILL is
`random` (default: from random.Random(seed * 1000 + index of the file)
floats uniform in [-1, 1), the scheme of utils/random_configs.py, or
integers uniform over int8's or uint8's range, or [-2^16, 2^16] for int32),
`ones`, `iota` (0, 1, 2, ... in C order), an integer (every element that
value), `LO..HI` (random integers uniform in [LO, HI]) or comma-separated
numbers (the elements in C order). Needs utils/
on PYTHONPATH (lit sets it).
"""
import argparse
import math
import random
import sys

from tconv_testing.data import random_values
from tconv_testing.npy import write_npy

# descr and range of random values of each --dtype.
DTYPES = {
    "float32": ("<f4", None),
    "int8": ("|i1", (-128, 127)),
    "uint8": ("|u1", (0, 255)),
    "int32": ("<i4", (-(1 << 16), 1 << 16)),
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dtype", default="float32",
                        help="float32, int8, uint8 or int32, or a "
                             "comma-separated list of one per file")
    parser.add_argument("files", nargs="+", metavar="PATH=SHAPE[:FILL]")
    args = parser.parse_args()
    dtypes = args.dtype.split(",")
    for dtype in dtypes:
        if dtype not in DTYPES:
            parser.error(f"--dtype: unknown dtype '{dtype}' (choose from "
                         f"{', '.join(DTYPES)})")
    if len(dtypes) not in (1, len(args.files)):
        parser.error(f"--dtype: {len(dtypes)} dtypes for {len(args.files)} "
                     "files (give one, or one per file)")
    for index, spec in enumerate(args.files):
        path, _, rest = spec.rpartition("=")
        shape_txt, _, fill = rest.partition(":")
        shape = [int(d) for d in shape_txt.split("x")]
        count = math.prod(shape)
        descr, int_range = DTYPES[dtypes[index if len(dtypes) > 1 else 0]]
        seed = args.seed * 1000 + index
        if fill in ("", "random") and int_range:
            rng = random.Random(seed)
            values = [rng.randint(*int_range) for _ in range(count)]
        elif fill in ("", "random"):
            values = random_values(seed, count)
        elif fill == "ones":
            values = [1] * count
        elif fill == "iota":
            values = list(range(count))
        elif fill.lstrip("-").isdigit():
            values = [int(fill)] * count
        elif ".." in fill and int_range:
            low, _, high = fill.partition("..")
            rng = random.Random(seed)
            values = [rng.randint(int(low), int(high)) for _ in range(count)]
        elif "," in fill:
            values = [float(v) if int_range is None else int(v)
                      for v in fill.split(",")]
            if len(values) != count:
                sys.exit(f"{len(values)} values do not fill shape {shape_txt}")
        else:
            sys.exit(f"unknown fill '{fill}'")
        write_npy(path, shape, values, descr)


if __name__ == "__main__":
    main()
