#!/usr/bin/env python3
"""The expected output of fold-channel-affine.mlir's functions: the scatter
reference (utils/tconv_testing/reference.py, double) of the transposed
convolution, then y * s[c] + t[c] per output channel, written as .npy for
compare_npy.py. Stdlib only; needs utils/ on PYTHONPATH (lit sets it).

usage: channel_affine_reference.py ENTRY PREFIX
    reads PREFIX.{x,w,b,s,t}.npy (those ENTRY takes), writes PREFIX.expected.npy
"""
import math
import sys

from tconv_testing.npy import read_npy, write_npy
from tconv_testing.reference import conv_transpose_of_entry

# Per entry: the op's parameters and which operands exist.
ENTRIES = {
    # channels first, groups 2, bias, batch-norm scale and shift
    "bn_groups": dict(G=2, k=[4, 4], s=[2, 2], pb=[1, 1], pe=[1, 1],
                      channels_last=False, bias=True, scale=True, shift=True),
    # channels last, dynamic batch, no bias, shift only
    "shift_cl": dict(G=1, k=[3, 3], s=[2, 2], pb=[1, 1], pe=[0, 0],
                     channels_last=True, bias=False, scale=False, shift=True),
    # channels first 1-D, scale only, no bias
    "scale_1d": dict(G=1, k=[5], s=[3], pb=[2], pe=[2],
                     channels_last=False, bias=False, scale=True, shift=False),
}


def main():
    entry, prefix = sys.argv[1], sys.argv[2]
    c = ENTRIES[entry]
    xshape, x = read_npy(prefix + ".x.npy")
    wshape, w = read_npy(prefix + ".w.npy")
    b = read_npy(prefix + ".b.npy")[1] if c["bias"] else None
    scale = read_npy(prefix + ".s.npy")[1] if c["scale"] else None
    shift = read_npy(prefix + ".t.npy")[1] if c["shift"] else None
    y, shape, Cout = conv_transpose_of_entry(c, xshape, x, wshape, w, b)
    inner = 1 if c["channels_last"] else math.prod(shape[2:])
    for i in range(len(y)):
        ch = (i // inner) % Cout
        if scale:
            y[i] *= scale[ch]
        if shift:
            y[i] += shift[ch]
    write_npy(prefix + ".expected.npy", shape, y)
    return 0


if __name__ == "__main__":
    sys.exit(main())
