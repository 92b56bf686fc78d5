#!/usr/bin/env python3
"""Compares two .npy files element by element (stdlib only) and prints

    compare: shape (1, 9, 9, 5), max abs diff 4.8e-07, max rel diff 1.7e-07 (tolerance 1.0e-05) PASS

(normwise: max|a - b| / max|b|); exits 1 on a shape mismatch or over the
tolerance. Needs utils/ on PYTHONPATH (lit sets it).

usage: compare_npy.py A.npy B.npy [--tolerance X]
"""
import argparse
import sys

from tconv_testing.npy import compare, read_npy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("got")
    parser.add_argument("expected")
    parser.add_argument("--tolerance", type=float, default=1e-5)
    args = parser.parse_args()
    got_shape, got = read_npy(args.got)
    shape, expected = read_npy(args.expected)
    if got_shape != shape:
        print(f"compare: shape {got_shape} != {shape} FAIL")
        return 1
    max_abs, rel = compare(got, expected)
    ok = rel <= args.tolerance
    print(f"compare: shape {shape}, max abs diff {max_abs:.2g}, max rel diff "
          f"{rel:.2g} (tolerance {args.tolerance:.1e}) {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
