#!/usr/bin/env python3
"""The expected output of epilogue-chain.mlir's and concat.mlir's functions:
the scatter reference (utils/tconv_testing/reference.py, double) of the
transposed convolution, then the entry's steps in order, written as .npy for
compare_npy.py. Stdlib only; needs utils/ on PYTHONPATH (lit sets it).

Elementwise steps: bn (y * s[c] + t[c]), leaky (y > 0 ? y : 0.2 * y), add
(y + r, r of the output's shape), relu6 (min(max(y, 0), 6)), tanh.
A concatenation along the channel axis (1 channels first, the last channels
last) with a skip tensor k may end the steps: cat_skip_first (cat([k, y])),
cat_skip_last (cat([y, k])) or cat_skip_second (cat([y, k, y2]), y2 a second
transposed convolution: the entry's "second", with its own parameters, bias
and elementwise steps, the layout of the first). The expected output has the
concatenation's shape.

usage: epilogue_chain_reference.py ENTRY PREFIX
    reads PREFIX.{x,w,b,s,t,r,k}.npy (those ENTRY takes), and the second
    convolution's PREFIX.{x2,w2,b2,s2,t2,r2}.npy, writes PREFIX.expected.npy
"""
import math
import sys

from tconv_testing.npy import read_npy, write_npy
from tconv_testing.reference import conv_transpose_of_entry

LEAKY_SLOPE = 0.2

# Per entry: the op's parameters (op: output_padding, dil: dilations; both
# default 0 and 1) and the epilogue steps, in order; with cat_skip_second,
# "second": the second op's parameters and steps (channels_last the entry's).
CANONICAL = dict(G=1, k=[4, 4], s=[2, 2], pb=[1, 1], pe=[1, 1],
                 channels_last=False, bias=True, steps=["bn", "leaky", "add"])
MELGAN_1D = dict(G=1, k=[8], s=[4], pb=[2], pe=[2], channels_last=False,
                 bias=True, steps=["leaky", "add", "tanh"])
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
    "melgan_1d": MELGAN_1D,
    # 3-D
    "small_3d": dict(G=1, k=[3, 3, 3], s=[2, 2, 2], pb=[1, 1, 1],
                     pe=[1, 1, 1], channels_last=False, bias=True,
                     steps=["add"]),
    # stride == kernel: stamps do not overlap (algorithm=gemm)
    "non_overlapping": dict(G=1, k=[2, 2], s=[2, 2], pb=[0, 0], pe=[0, 0],
                            channels_last=False, bias=True,
                            steps=["bn", "leaky", "add"]),
    # 3-D, channels last, stride == kernel: the U-Net 3-D up-convolution,
    # whose sub-pixel pixel shuffle the chain fuses with
    "unet3d_cl": dict(G=1, k=[2, 2, 2], s=[2, 2, 2], pb=[0, 0, 0],
                      pe=[0, 0, 0], channels_last=True, bias=True,
                      steps=["bn", "leaky", "add"]),
    # 3-D, channels first, stride == kernel, 16 channels: the sub-pixel
    # pixel shuffle transposed back to channels first with the chain on its
    # blocks (16 channels x 8 x 2 elements: one row each, AVX-512)
    "unet3d_cf": dict(G=1, k=[2, 2, 2], s=[2, 2, 2], pb=[0, 0, 0],
                      pe=[0, 0, 0], channels_last=False, bias=True,
                      steps=["bn", "leaky", "add"]),
    # channels first, FCN-style (k = 2s, p = s/2): the sub-pixel pixel
    # shuffle writes the cropped result in parts, the chain on each
    "fcn_cf": dict(G=1, k=[32, 32], s=[16, 16], pb=[8, 8], pe=[8, 8],
                   channels_last=False, bias=True,
                   steps=["bn", "leaky", "add"]),
    # channels last, FCN-style: the parts write the result in 64-byte
    # chunks of its rows (8 residues x 6 channels), the chain on each
    "fcn_cl": dict(G=1, k=[32, 32], s=[16, 16], pb=[8, 8], pe=[8, 8],
                   channels_last=True, bias=True,
                   steps=["bn", "leaky", "add"]),
    # the same with a dynamic batch and no bias
    "fcn_cl_dynamic": dict(G=1, k=[32, 32], s=[16, 16], pb=[8, 8],
                           pe=[8, 8], channels_last=True, bias=False,
                           steps=["leaky", "add"]),
    # row-blocks.mlir: phases whose channels-last result exceeds the L2 of
    # the target (Haswell's 256 KB), computed and transposed back to
    # channels first a block of rows at a time
    "row_blocks": dict(G=1, k=[3, 3], s=[2, 2], pb=[1, 1], pe=[1, 1],
                       op=[1, 1], channels_last=False, bias=True,
                       steps=["bn", "leaky", "add"]),
    "row_blocks_3d": dict(G=1, k=[4, 4, 4], s=[2, 2, 2], pb=[1, 1, 1],
                          pe=[1, 1, 1], channels_last=False, bias=False,
                          steps=["leaky", "add"]),
    # the conv_transpose's result also returned: the chain's result, and
    # the conv_transpose's own (the function's second result, returned first
    # by two_uses_y)
    "two_uses": CANONICAL,
    "two_uses_y": dict(CANONICAL, steps=[]),
    # concat.mlir: U-Net skip concatenations along the channel axis.
    # pix2pix's decoder: the skip (of another channel count) first
    "cat_pix2pix": dict(CANONICAL, steps=["leaky", "cat_skip_first"]),
    # the computed input first; output_padding 1
    "cat_bn": dict(G=1, k=[3, 3], s=[2, 2], pb=[1, 1], pe=[1, 1], op=[1, 1],
                   channels_last=False, bias=True,
                   steps=["bn", "cat_skip_last"]),
    # channels last, dynamic batch, no bias
    "cat_cl_dynamic": dict(G=1, k=[3, 3], s=[2, 2], pb=[1, 1], pe=[1, 1],
                           op=[1, 1], channels_last=True, bias=False,
                           steps=["cat_skip_last"]),
    # two transposed convolutions around the skip: cat([y, skip, y2]), y2 a
    # stride 1 kernel 3 pad 1 one of the same spatial size
    "cat_two_convs": dict(CANONICAL, steps=["leaky", "cat_skip_second"],
                          second=dict(G=1, k=[3, 3], s=[1, 1], pb=[1, 1],
                                      pe=[1, 1], bias=True,
                                      steps=["leaky"])),
    # 1-D, MelGAN's upsampler (stride 4, kernel 8, pad 2)
    "cat_1d": dict(MELGAN_1D, steps=["leaky", "cat_skip_last"]),
}


def chain(c, steps, prefix, suffix=""):
    """The transposed convolution of entry (or "second") c, from
    PREFIX.{x,w,b}SUFFIX.npy, then the elementwise steps (their operands
    PREFIX.{s,t,r}SUFFIX.npy). Returns (y, shape); y flat in the layout's
    order."""
    def read(name):
        return read_npy(f"{prefix}.{name}{suffix}.npy")
    xshape, x = read("x")
    wshape, w = read("w")
    b = read("b")[1] if c["bias"] else None
    scale = read("s")[1] if "bn" in steps else None
    shift = read("t")[1] if "bn" in steps else None
    residual = read("r") if "add" in steps else None
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
    return y, shape


def concat(parts, axis):
    """The concatenation of parts ((shape, flat C-order values) pairs) along
    axis. Returns (values, shape)."""
    shape0 = parts[0][0]
    for shape, _ in parts:
        if len(shape) != len(shape0) or any(
                a != b for d, (a, b) in enumerate(zip(shape, shape0))
                if d != axis):
            sys.exit(f"cannot concatenate shapes {[p[0] for p in parts]} "
                     f"along axis {axis}")
    outer = math.prod(shape0[:axis])
    blocks = [math.prod(shape[axis:]) for shape, _ in parts]
    out = []
    for o in range(outer):
        for (_, values), block in zip(parts, blocks):
            out.extend(values[o * block:(o + 1) * block])
    shape = list(shape0)
    shape[axis] = sum(shape[axis] for shape, _ in parts)
    return out, shape


def main():
    entry, prefix = sys.argv[1], sys.argv[2]
    c = ENTRIES[entry]
    steps = c["steps"]
    cats = [step for step in steps if step.startswith("cat_")]
    if cats and (len(cats) > 1 or steps[-1] != cats[0]):
        sys.exit("a concatenation must be the last step, and the only one")
    y, shape = chain(c, steps[:len(steps) - len(cats)], prefix)
    if cats:
        skip_shape, skip = read_npy(prefix + ".k.npy")
        skip_part = (list(skip_shape), skip)
        part = (shape, y)
        if cats[0] == "cat_skip_first":
            parts = [skip_part, part]
        elif cats[0] == "cat_skip_last":
            parts = [part, skip_part]
        elif cats[0] == "cat_skip_second":
            second = dict(c["second"], channels_last=c["channels_last"])
            y2, shape2 = chain(second, second["steps"], prefix, "2")
            parts = [part, skip_part, (shape2, y2)]
        else:
            sys.exit(f"unknown step {cats[0]}")
        y, shape = concat(parts, len(shape) - 1 if c["channels_last"] else 1)
    write_npy(prefix + ".expected.npy", shape, y)
    return 0


if __name__ == "__main__":
    sys.exit(main())
