#!/usr/bin/env python3
"""Inputs and bit-exact checks of f16 <-> f32 conversions (f16-conversions.mlir).

The reference is NumPy's float16 conversion (round to nearest, ties to even;
overflow to infinity; subnormals), independent of tconv's code. NaNs are
compared by class, not by bits, since NumPy keeps signaling NaNs signaling
where the expansion (like the F16C instructions and compiler-rt) quiets
them: a NaN must stay a NaN of the same sign, quiet, with the top of its
payload.

usage:
  f16_conversions.py inputs TRUNC.npy CODES.npy
      TRUNC.npy: TRUNCATE_COUNT f32 values, the cases that matter first, then
      random bit patterns; CODES.npy: the 65536 f16 bit patterns as f32
      numbers 0..65535.
  f16_conversions.py check-truncate TRUNC.npy OUT.npy
      OUT.npy: the f16 results of truncating TRUNC.npy.
  f16_conversions.py check-extend OUT.npy
      OUT.npy: 2 x 65536 f32: the high and low 16 bits of each extended code.
"""
import sys

import numpy as np

TRUNCATE_COUNT = 1 << 18


def special_values():
    """f32 values at every rounding decision of the truncation."""
    f16 = np.arange(0x7c00, dtype=np.uint16).view(np.float16)  # +0 .. 65504
    values = f16.astype(np.float32)
    # Halfway between each finite f16 and the next (exact in f32; the last
    # one, 65520, rounds to infinity), and one f32 ulp to either side.
    upper = np.append(values[1:], np.float32(65536))
    halfway = ((values.astype(np.float64) + upper) / 2).astype(np.float32)
    cases = [values, halfway, np.nextafter(halfway, np.float32(0)),
             np.nextafter(halfway, np.float32(np.inf))]
    others = np.array([
        2.0**-25,                 # half the smallest subnormal: ties to 0
        2.0**-25 * (1 + 2**-23),  # just above: the smallest subnormal
        2.0**-26, 2.0**-24 * 1.5, 2.0**-24 * 2.5,
        2.0**-14 * (1 - 2**-11),  # halfway below the smallest normal
        1e-30, 2.0**-126, 2.0**-149,  # far below; f32 normal/subnormal
        65504, 65519.996, 65520, 65536, 1e5, 3.4e38,
        np.inf], dtype=np.float32)
    cases.append(others)
    cases.append(np.array([0x00000001, 0x007fffff, 0x7f800001, 0x7fc00000,
                           0x7fffffff, 0x7f802000, 0x7fa00000, 0x7fbfe000],
                          dtype=np.uint32).view(np.float32))
    positive = np.concatenate(cases)
    return np.concatenate([positive, -positive])


def write_npy(path, array):
    np.save(path, np.ascontiguousarray(array))


def inputs(trunc_path, codes_path):
    special = special_values()
    assert special.size <= TRUNCATE_COUNT
    rng = np.random.default_rng(20)
    bits = rng.integers(0, 1 << 32, TRUNCATE_COUNT - special.size,
                        dtype=np.uint64).astype(np.uint32)
    write_npy(trunc_path, np.concatenate([special, bits.view(np.float32)]))
    write_npy(codes_path, np.arange(1 << 16, dtype=np.float32))


def is_nan16(bits):
    return (bits & 0x7fff) > 0x7c00


def is_nan32(bits):
    return (bits & 0x7fffffff) > 0x7f800000


def report(what, count, bad, describe):
    for i in bad[:10]:
        print(f"{what}: MISMATCH {describe(i)}")
    print(f"{what}: {count} values, {bad.size} mismatches "
          f"{'PASS' if bad.size == 0 else 'FAIL'}")
    return 0 if bad.size == 0 else 1


def check_truncate(trunc_path, out_path):
    x = np.load(trunc_path)
    got = np.load(out_path)
    if got.dtype != np.float16 or got.shape != x.shape:
        print(f"truncate: got {got.dtype} {got.shape} FAIL")
        return 1
    x_bits = x.view(np.uint32)
    got = got.view(np.uint16)
    with np.errstate(over="ignore", invalid="ignore"):
        want = x.astype(np.float16).view(np.uint16)
    nan = is_nan32(x_bits)
    # NaN: sign, quiet bit and the top 9 payload bits.
    want_nan = ((x_bits >> 16) & 0x8000) | 0x7e00 | ((x_bits >> 13) & 0x1ff)
    want = np.where(nan, want_nan.astype(np.uint16), want)
    bad = np.nonzero(got != want)[0]
    return report("truncate", x.size, bad,
                  lambda i: f"f32 0x{x_bits[i]:08x} ({x[i]!r}): "
                            f"got 0x{got[i]:04x}, want 0x{want[i]:04x}")


def check_extend(out_path):
    out = np.load(out_path)
    if out.shape != (2, 1 << 16):
        print(f"extend: got {out.shape} FAIL")
        return 1
    got = (out[0].astype(np.uint32) << 16) | out[1].astype(np.uint32)
    codes = np.arange(1 << 16, dtype=np.uint32)
    want = codes.astype(np.uint16).view(np.float16).astype(np.float32)
    want = want.view(np.uint32)
    nan = is_nan16(codes)
    # NaN: sign, the payload and the quiet bit.
    want_nan = ((codes & 0x8000) << 16) | 0x7fc00000 | ((codes & 0x3ff) << 13)
    want = np.where(nan, want_nan, want)
    bad = np.nonzero(got != want)[0]
    return report("extend", codes.size, bad,
                  lambda i: f"f16 0x{codes[i]:04x}: got 0x{got[i]:08x}, "
                            f"want 0x{want[i]:08x}")


def main(argv):
    if len(argv) == 4 and argv[1] == "inputs":
        inputs(argv[2], argv[3])
        return 0
    if len(argv) == 4 and argv[1] == "check-truncate":
        return check_truncate(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "check-extend":
        return check_extend(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
