#!/usr/bin/env python3
"""The expected output of epilogue-chain.mlir's functions: the scatter
reference (utils/tconv_testing/reference.py, double) of the transposed
convolution, then the entry's elementwise steps in order, written as .npy for
compare_npy.py. Stdlib only; needs utils/ on PYTHONPATH (lit sets it).

Steps: bn (y * s[c] + t[c]), leaky (y > 0 ? y : 0.2 * y), add (y + r, r of
the output's shape), relu6 (min(max(y, 0), 6)), tanh.

usage: epilogue_chain_reference.py ENTRY PREFIX
    reads PREFIX.{x,w,b,s,t,r}.npy (those ENTRY takes), writes
    PREFIX.expected.npy
"""
import math
import sys

from tconv_testing.npy import read_npy, write_npy
from tconv_testing.reference import conv_transpose_of_entry

LEAKY_SLOPE = 0.2

# Per entry: the op's parameters (op: output_padding, dil: dilations; both
# default 0 and 1) and the epilogue steps, in order.
CANONICAL = dict(G=1, k=[4, 4], s=[2, 2], pb=[1, 1], pe=[1, 1],
                 channels_last=False, bias=True, steps=["bn", "leaky", "add"])
ENTRIES = {
    # channels first, stride 2, kernel 4, pad 1, bias
    "canonical": CANONICAL,
    # channels last, dynamic batch, output_padding, no bias
    "cl_dynamic": dict(G=1, k=[3, 3], s=[2, 2], pb=[1, 1], pe=[1, 1], op=[1, 1],
                       channels_last=True, bias=False, steps=["leaky", "add"]),
    # groups 2, 12 output channels, 12x13 output (13 not a multiple of 8)
    "groups_odd": dict(G=2, k=[3, 3], s=[2, 2], pb=[1, 1], pe=[0, 1],
                       channels_last=False, bias=True,
                       steps=["bn", "add", "relu6"]),
    # 1-D, MelGAN's upsampler (stride 4, kernel 8, pad 2)
    "melgan_1d": dict(G=1, k=[8], s=[4], pb=[2], pe=[2],
                      channels_last=False, bias=True,
                      steps=["leaky", "add", "tanh"]),
    # 3-D
    "small_3d": dict(G=1, k=[3, 3, 3], s=[2, 2, 2], pb=[1, 1, 1],
                     pe=[1, 1, 1], channels_last=False, bias=True,
                     steps=["add"]),
    # stride == kernel: stamps do not overlap (algorithm=gemm)
    "non_overlapping": dict(G=1, k=[2, 2], s=[2, 2], pb=[0, 0], pe=[0, 0],
                            channels_last=False, bias=True,
                            steps=["bn", "leaky", "add"]),
    # the conv_transpose's result also returned: the chain's result, and
    # the conv_transpose's own (the function's second result, returned first
    # by two_uses_y)
    "two_uses": CANONICAL,
    "two_uses_y": dict(CANONICAL, steps=[]),
}


def main():
    entry, prefix = sys.argv[1], sys.argv[2]
    c = ENTRIES[entry]
    steps = c["steps"]
    xshape, x = read_npy(prefix + ".x.npy")
    wshape, w = read_npy(prefix + ".w.npy")
    b = read_npy(prefix + ".b.npy")[1] if c["bias"] else None
    scale = read_npy(prefix + ".s.npy")[1] if "bn" in steps else None
    shift = read_npy(prefix + ".t.npy")[1] if "bn" in steps else None
    residual = read_npy(prefix + ".r.npy") if "add" in steps else None
    y, shape, Cout = conv_transpose_of_entry(c, xshape, x, wshape, w, b)
    if residual is not None and list(residual[0]) != shape:
        sys.exit(f"residual shape {residual[0]} != output shape {shape}")
    inner = 1 if c["channels_last"] else math.prod(shape[2:])
    for i in range(len(y)):
        v = y[i]
        for step in steps:
            if step == "bn":
                ch = (i // inner) % Cout
                v = v * scale[ch] + shift[ch]
            elif step == "leaky":
                v = v if v > 0 else LEAKY_SLOPE * v
            elif step == "add":
                v += residual[1][i]
            elif step == "relu6":
                v = min(max(v, 0.0), 6.0)
            elif step == "tanh":
                v = math.tanh(v)
            else:
                sys.exit(f"unknown step {step}")
        y[i] = v
    write_npy(prefix + ".expected.npy", shape, y)
    return 0


if __name__ == "__main__":
    sys.exit(main())
