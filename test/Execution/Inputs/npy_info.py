#!/usr/bin/env python3
"""Checks the format of a .npy file (tconv-run --output writes them) and
prints

    magic=ok version=1.0 descr='<f4' fortran_order=False shape=(2, 6, 19) size=OK

and, with --values, the elements in C order (`%g`, space separated). Exits 1
if the file is malformed: what tconv_testing.npy rejects (bad magic, dtype,
Fortran order, data size), or a header not padded to a multiple of 64 bytes
or not ending in a newline. Needs utils/ on PYTHONPATH (lit sets it).

usage: npy_info.py FILE.npy [--values]
"""
import argparse
import sys

from tconv_testing.npy import parse_npy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--values", action="store_true")
    args = parser.parse_args()
    with open(args.path, "rb") as f:
        try:
            npy = parse_npy(f.read(), args.path)
        except ValueError as e:
            sys.exit(str(e))
    if npy.data_offset % 64 != 0:
        sys.exit(f"header not aligned: {npy.data_offset} bytes")
    if not npy.header.endswith("\n"):
        sys.exit("header does not end in a newline")
    print(f"magic=ok version={npy.version[0]}.{npy.version[1]} "
          f"descr={npy.descr!r} fortran_order=False shape={npy.shape} size=OK")
    if args.values:
        print("values: " + " ".join(f"{v:g}" for v in npy.values))


if __name__ == "__main__":
    main()
