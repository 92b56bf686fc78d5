"""The ctypes runner: a module compiled ahead of time by tconv-aot, linked
into a shared library by the C compiler and its C functions called in this
process; the one ctypes loader of the Python tools. The C interface takes
float buffers for f32 and uint16_t bit patterns for f16 and bf16. Standard
library only."""

import ctypes

from .data import from_bits, to_bits
from .run import check_tool


class Library:
    """A loaded shared library of tconv-aot kernels."""

    def __init__(self, path):
        self.path = path
        self.cdll = ctypes.CDLL(path)

    def call(self, name, buffers, sizes=()):
        """Calls the C function `name`: one int64_t per dynamic input dim
        (`sizes`), then the buffers (ctypes arrays or pointers)."""
        function = getattr(self.cdll, name)
        function.restype = None
        function(*[ctypes.c_int64(v) for v in sizes], *buffers)


def build_library(tconv_aot, module, obj, library, cc, aot_args=()):
    """Compiles `module` into the object `obj` (tconv-aot with `aot_args`),
    links it into the shared library `library` with the C compiler `cc`
    and loads it. Raises ToolError when a step fails."""
    check_tool([tconv_aot, module, "-o", obj, *aot_args])
    check_tool([cc, "-shared", obj, "-o", library])
    return Library(library)


def kernel_buffer(values, dtype):
    """A ctypes array of `values` as the C interface takes `dtype`."""
    if dtype == "f32":
        return (ctypes.c_float * len(values))(*values)
    return (ctypes.c_uint16 * len(values))(*to_bits(values, dtype))


def buffer_values(buffer, dtype):
    """The floats a ctypes array of `dtype` holds."""
    return list(buffer) if dtype == "f32" else from_bits(list(buffer), dtype)
