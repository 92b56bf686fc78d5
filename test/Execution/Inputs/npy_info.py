#!/usr/bin/env python3
"""Parses a .npy file by hand (stdlib only, no numpy) and prints

    magic=ok version=1.0 descr='<f4' fortran_order=False shape=(2, 6, 19) size=OK

and, with --values, the elements in C order (`%g`, space separated; f4 and
f2 only). Exits 1 if the file is malformed (bad magic, header not padded to a
multiple of 64 bytes or not ending in a newline, data size mismatch).
"""
import ast
import struct
import sys


def main():
    args = sys.argv[1:]
    show_values = "--values" in args
    args = [a for a in args if a != "--values"]
    with open(args[0], "rb") as f:
        blob = f.read()
    if blob[:6] != b"\x93NUMPY":
        sys.exit("bad magic")
    major, minor = blob[6], blob[7]
    if major == 1:
        (hlen,) = struct.unpack("<H", blob[8:10])
        start = 10
    else:
        (hlen,) = struct.unpack("<I", blob[8:12])
        start = 12
    header = blob[start:start + hlen].decode("latin1")
    if (start + hlen) % 64 != 0:
        sys.exit(f"header not aligned: {start + hlen} bytes")
    if not header.endswith("\n"):
        sys.exit("header does not end in a newline")
    meta = ast.literal_eval(header.strip())
    descr, fortran, shape = meta["descr"], meta["fortran_order"], meta["shape"]
    itemsize = {"<f4": 4, "<f2": 2, "<f8": 8}[descr]
    count = 1
    for d in shape:
        count *= d
    data = blob[start + hlen:]
    if len(data) != count * itemsize:
        sys.exit(f"data size {len(data)} != {count} * {itemsize}")
    print(f"magic=ok version={major}.{minor} descr={descr!r} "
          f"fortran_order={fortran} shape={shape} size=OK")
    if show_values:
        fmt = "<" + str(count) + {"<f4": "f", "<f2": "e", "<f8": "d"}[descr]
        values = struct.unpack(fmt, data)
        print("values: " + " ".join(f"{v:g}" for v in values))


if __name__ == "__main__":
    main()
