"""The AOT runners: a module compiled ahead of time by tconv-aot and its C
functions called on buffers, either in this process (InProcessRunner: the
object linked into a shared library and loaded with ctypes; the one ctypes
loader of the Python tools) or by a C program generated for the calls
(ProgramRunner: for objects of another architecture, run under an emulator
such as qemu-aarch64). The C interface takes float buffers for f32 and
uint16_t bit patterns for f16 and bf16. Standard library only."""

import ctypes
import os
import struct

from .data import from_bits, to_bits
from .run import check_tool


class Call:
    """One call of the C function `name`: one int64_t per dynamic input dim
    (`sizes`), then the buffers numbered `buffers`."""

    def __init__(self, name, buffers, sizes=()):
        self.name = name
        self.buffers = list(buffers)
        self.sizes = list(sizes)


def _pack(values, dtype):
    """`values` as the bytes of a buffer of `dtype`."""
    if dtype == "f32":
        return struct.pack(f"<{len(values)}f", *values)
    return struct.pack(f"<{len(values)}H", *to_bits(values, dtype))


def _unpack(data, dtype):
    """The floats the bytes of a buffer of `dtype` hold."""
    if dtype == "f32":
        return list(struct.unpack(f"<{len(data) // 4}f", data))
    return from_bits(list(struct.unpack(f"<{len(data) // 2}H", data)), dtype)


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


def link_library(obj, library, cc):
    """Links the object `obj` into the shared library `library` with the C
    compiler `cc` and loads it. Raises ToolError when linking fails."""
    check_tool([cc, "-shared", obj, "-o", library])
    return Library(library)


def build_library(tconv_aot, module, obj, library, cc, aot_args=()):
    """Compiles `module` into the object `obj` (tconv-aot with `aot_args`)
    and links and loads it as `library`. Raises ToolError when a step
    fails."""
    check_tool([tconv_aot, module, "-o", obj, *aot_args])
    return link_library(obj, library, cc)


class InProcessRunner:
    """Links the object into a shared library with `cc` and calls it here."""

    def __init__(self, cc):
        self.cc = cc

    def run(self, obj, header, buffers, calls, dtype, outputs):
        """Calls `calls` in order on buffers holding `buffers` (lists of
        floats) and returns the values of the buffers at the indices
        `outputs` after the calls."""
        del header  # ctypes needs no declarations
        library = link_library(obj, os.path.splitext(obj)[0] + ".so", self.cc)
        element = ctypes.c_float if dtype == "f32" else ctypes.c_uint16
        arrays = []
        for values in buffers:
            array = (element * len(values))()
            ctypes.memmove(array, _pack(values, dtype), ctypes.sizeof(array))
            arrays.append(array)
        for call in calls:
            library.call(call.name, [arrays[i] for i in call.buffers],
                         call.sizes)
        return [_unpack(bytes(arrays[i]), dtype) for i in outputs]


class ProgramRunner:
    """Builds a C program that makes the calls (the generated header
    declares the functions), with the C compiler `cc`, and runs it with
    `run_prefix` (e.g. ["qemu-aarch64"]); the buffers go through files, all
    of them in and the `outputs` back."""

    def __init__(self, cc, run_prefix, timeout=None):
        self.cc = cc
        self.run_prefix = list(run_prefix)
        self.timeout = timeout

    def run(self, obj, header, buffers, calls, dtype, outputs):
        base = os.path.splitext(obj)[0]
        paths = [f"{base}.buffer{i}.bin" for i in range(len(buffers))]
        for path, values in zip(paths, buffers):
            with open(path, "wb") as f:
                f.write(_pack(values, dtype))
        element = "float" if dtype == "f32" else "uint16_t"
        lines = [
            "#include <stdint.h>", "#include <stdio.h>", "#include <stdlib.h>",
            f"typedef {element} T;",
            "static T *load(const char *path, size_t n) {",
            "  T *p = malloc(n * sizeof(T) + 1);",
            "  FILE *f = fopen(path, \"rb\");",
            "  if (!p || !f || fread(p, sizeof(T), n, f) != n) {",
            "    perror(path);", "    exit(2);", "  }",
            "  fclose(f);", "  return p;", "}",
            "static void store(const char *path, const T *p, size_t n) {",
            "  FILE *f = fopen(path, \"wb\");",
            "  if (!f || fwrite(p, sizeof(T), n, f) != n || fclose(f)) {",
            "    perror(path);", "    exit(2);", "  }", "}",
            "int main(void) {",
        ]
        for i, (path, values) in enumerate(zip(paths, buffers)):
            lines.append(f"  T *b{i} = load(\"{path}\", {len(values)});")
        for call in calls:
            arguments = ([f"(int64_t){v}" for v in call.sizes] +
                         [f"b{i}" for i in call.buffers])
            lines.append(f"  {call.name}({', '.join(arguments)});")
        for i in outputs:
            lines.append(f"  store(\"{paths[i]}\", b{i}, {len(buffers[i])});")
        lines += ["  return 0;", "}"]
        source, program = base + ".main.c", base + ".exe"
        with open(source, "w") as f:
            f.write("\n".join(lines) + "\n")
        check_tool([self.cc, "-O1", "-include", header, source, obj, "-o",
                    program])
        check_tool(self.run_prefix + [program], self.timeout)
        results = []
        for i in outputs:
            with open(paths[i], "rb") as f:
                results.append(_unpack(f.read(), dtype))
        return results
