"""Reading and writing .npy files by hand (standard library only), and the
error measure every comparison uses.

The one .npy implementation of the Python tools: the test drivers run with a
plain Python 3.11 without numpy, the importers with numpy arrays.
"""

import ast
import collections
import math
import struct

# The struct codes of the dtypes read and written.
_CODES = {"<f4": "f", "<f2": "e", "<f8": "d", "|i1": "b", "|u1": "B",
          "<i4": "i"}


def npy_bytes(shape, values, descr="<f4"):
    """A version 1.0 C-order .npy file of `values` (a sequence of numbers, or
    an object with numpy's astype/tobytes such as an ndarray) as `descr`:
    float32 ('<f4', the default), int8 ('|i1'), uint8 ('|u1') or int32
    ('<i4'), or float16 or float64 ('<f2', '<f8')."""
    shape_txt = "(" + ", ".join(str(d) for d in shape)
    shape_txt += ",)" if len(shape) == 1 else ")"
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (
        descr, shape_txt)
    total = 10 + len(header) + 1  # magic(6) + version(2) + length(2) + '\n'
    header += " " * ((64 - total % 64) % 64) + "\n"
    assert (10 + len(header)) % 64 == 0
    if hasattr(values, "astype"):
        data = values.astype(descr).tobytes(order="C")
    else:
        data = struct.pack(f"<{len(values)}{_CODES[descr]}", *values)
    size = struct.calcsize(_CODES[descr])
    if len(data) != size * math.prod(shape):
        raise ValueError(f"{len(data) // size} values do not fill shape {tuple(shape)}")
    return (b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") +
            header.encode("latin1") + data)


def write_npy(path, shape, values, descr="<f4"):
    with open(path, "wb") as f:
        f.write(npy_bytes(shape, values, descr))


NpyFile = collections.namedtuple(
    "NpyFile", "version header data_offset descr shape values")


def parse_npy(blob, name="npy"):
    """The parts of a little-endian f4/f2/f8/i1/u1/i4 C-order .npy file's
    bytes: an NpyFile with the (major, minor) version, the header text, where
    the data starts, the dtype descr, the shape and the values (a list of
    floats or ints).
    Raises ValueError, prefixed with `name`, for anything else."""
    if blob[:6] != b"\x93NUMPY":
        raise ValueError(f"{name}: not a .npy file (bad magic)")
    version = (blob[6], blob[7])
    if version[0] == 1:
        (hlen,) = struct.unpack("<H", blob[8:10])
        start = 10
    else:
        (hlen,) = struct.unpack("<I", blob[8:12])
        start = 12
    header = blob[start:start + hlen].decode("latin1")
    meta = ast.literal_eval(header.strip())
    if meta["fortran_order"]:
        raise ValueError(f"{name}: fortran_order")
    descr = meta["descr"]
    if descr not in _CODES:
        raise ValueError(f"{name}: unsupported dtype {descr}")
    code = _CODES[descr]
    shape = tuple(meta["shape"])
    count = math.prod(shape)
    data = blob[start + hlen:]
    if len(data) != count * struct.calcsize(code):
        raise ValueError(f"{name}: data size {len(data)} does not match {shape}")
    values = list(struct.unpack("<" + str(count) + code, data))
    return NpyFile(version, header, start + hlen, descr, shape, values)


def read_npy(path):
    """Returns (shape, list of floats) of a little-endian f4/f2/f8 C-order .npy."""
    with open(path, "rb") as f:
        npy = parse_npy(f.read(), path)
    return npy.shape, npy.values


def compare(got, expected):
    """(max abs error, normwise relative error max|got - expected| /
    max|expected|) of two equally long float sequences or equally shaped
    numpy arrays; the project's measure everywhere."""
    if hasattr(got, "dtype"):  # numpy arrays, without a Python loop
        diff = abs(got.astype("f8") - expected.astype("f8"))
        max_abs = float(diff.max(initial=0.0))
        scale = float(abs(expected.astype("f8")).max(initial=0.0))
    else:
        max_abs = max((abs(g - e) for g, e in zip(got, expected)), default=0.0)
        scale = max((abs(e) for e in expected), default=0.0)
    return max_abs, (max_abs / scale if scale > 0 else max_abs)
