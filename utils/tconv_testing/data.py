"""Test data: the seeded input values and the element types.

random_values is the one scheme by which the test drivers draw inputs
(test/Execution/Inputs/write_npy.py and random_configs.py), so that a failing
random configuration reproduces as a lit test with exactly its data.
f16 and bf16 values are rounded to nearest even, as tconv-run converts its
float32 inputs; `rounded` gives the values a kernel of an element type sees.
Standard library only.
"""

import array
import random
import struct


def random_values(seed, count):
    """`count` floats uniform in [-1, 1) from random.Random(seed)."""
    rng = random.Random(seed)
    return [rng.uniform(-1.0, 1.0) for _ in range(count)]


def to_bits(values, dtype):
    """The 16-bit patterns of `values` as f16 or bf16."""
    n = len(values)
    if dtype == "f16":
        return list(struct.unpack(f"<{n}H", struct.pack(f"<{n}e", *values)))
    # bf16: the float32 bits rounded to nearest even.
    words = struct.unpack(f"<{n}I", struct.pack(f"<{n}f", *values))
    return [((u + 0x7FFF + ((u >> 16) & 1)) >> 16) & 0xFFFF for u in words]


def from_bits(bits, dtype):
    """The floats that f16 or bf16 bit patterns stand for."""
    n = len(bits)
    if dtype == "f16":
        return list(struct.unpack(f"<{n}e", struct.pack(f"<{n}H", *bits)))
    return list(struct.unpack(f"<{n}f", struct.pack(
        f"<{n}I", *[b << 16 for b in bits])))


def rounded(values, dtype):
    """`values` rounded to f32, f16 or bf16 (as floats)."""
    if dtype == "f32":
        return array.array("f", values).tolist()
    return from_bits(to_bits(values, dtype), dtype)
