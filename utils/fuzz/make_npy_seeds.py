#!/usr/bin/env python3
"""Writes the committed seeds of tconv-fuzz-npy (scripts/fuzz.sh) into
utils/fuzz/npy-seeds with NumPy: valid files of every dtype tconv reads, of
several shapes and format versions, with the values that exercise the f16
and bf16 conversions, and files NumPy writes that tconv rejects.

usage: /usr/bin/python3 utils/fuzz/make_npy_seeds.py
"""

import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "npy-seeds")

# Zeros, infinities, NaNs, the largest half and the tie above it, ties of
# half and bfloat16 rounding, subnormals of every width.
SPECIAL = [0.0, -0.0, 1.0, -2.5, np.inf, -np.inf, np.nan, 65504.0, 65520.0,
           1.0 + 2.0**-11, 1.0 + 2.0**-8, 2.0**-24, 2.0**-25, 3 * 2.0**-25,
           1e-40, -1e-45, 3.4e38, 1e-10]


def save(name, array, version=None):
    path = os.path.join(OUT, name + ".npy")
    with open(path, "wb") as f:
        np.lib.format.write_array(f, array, version=version)


def main():
    os.makedirs(OUT, exist_ok=True)
    f4 = np.array(SPECIAL, dtype="<f4")
    save("f4-scalar", np.array(1.5, dtype="<f4"))
    save("f4-empty", np.zeros((0,), dtype="<f4"))
    save("f4-empty-3d", np.zeros((2, 0, 3), dtype="<f4"))
    save("f4-1d", f4)
    save("f4-2d", np.arange(6, dtype="<f4").reshape(2, 3))
    save("f4-4d", np.linspace(-1, 1, 12, dtype="<f4").reshape(1, 2, 2, 3))
    save("f4-v2", f4[:4], version=(2, 0))
    save("f4-v3", f4[:4], version=(3, 0))
    with np.errstate(over="ignore"):  # 3.4e38 becomes an infinite half.
        save("f2-1d", np.array(SPECIAL, dtype="<f2"))
    save("f2-3d", np.arange(8, dtype="<f2").reshape(2, 2, 2))
    save("f8-1d", np.array(SPECIAL + [1e300, -1e-300, 0.1], dtype="<f8"))
    save("f8-2d", np.arange(4, dtype="<f8").reshape(2, 2))
    # The quantized ops' integers, with their extremes.
    save("i1-2d", np.array([[-128, -1, 0], [1, 127, 5]], dtype="|i1"))
    save("u1-1d", np.array([0, 1, 128, 255], dtype="|u1"))
    save("i4", np.array([-2**31, -1, 0, 2**31 - 1], dtype="<i4"))
    # Rejected: layout, byte order and dtypes tconv does not read.
    save("f4-fortran", np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
    save("f4-big-endian", np.arange(3, dtype=">f4"))
    save("i2", np.arange(3, dtype="<i2"))
    save("bool", np.array([True, False]))
    save("structured", np.zeros(2, dtype=[("a", "<f4"), ("b", "<f2")]))


if __name__ == "__main__":
    main()
