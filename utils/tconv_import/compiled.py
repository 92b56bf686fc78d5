"""A whole model compiled ahead of time: DIR/model.aot.mlir (the @forward of
--whole-model taking params.bin as one argument) through
`tconv-aot --pack-weights` into DIR/model.o and DIR/model.h, linked into
DIR/libmodel.so and called through ctypes:

    void forward_pack(const float *params, float *packed);
    void forward_packed([int64_t input_dim0,] const float *input,
                        const float *packed, float *output);

forward_pack runs once, when the model is loaded: it computes everything
that depends on the parameters alone (batch norms folded into weights and
biases, every weight rearranged into the layout its kernel reads) into
`packed`, FORWARD_PACKED_ELEMENTS floats (model.h). Each call is then
forward_packed alone. numpy only; torch tensors are passed by pointer."""

import ctypes
import os
import re
import shutil

import numpy as np

from tconv_testing.aot import build_library

from .mlir import FrontendError
from .run import find_tool

AOT_MODULE = "model.aot.mlir"


def _packed_elements(header):
    with open(header) as f:
        match = re.search(r"^#define FORWARD_PACKED_ELEMENTS (\d+)", f.read(),
                          re.MULTILINE)
    if not match:
        raise FrontendError(f"{header} declares no FORWARD_PACKED_ELEMENTS: "
                            f"@forward has no parameters to pack")
    return int(match.group(1))


class CompiledModel:
    """The compiled @forward of the import in `directory` (its
    manifest.json, model.aot.mlir and params.bin), with the parameters
    packed."""

    def __init__(self, directory, manifest, tools_dir=None, cc=None,
                 aot_args=()):
        cc = cc or shutil.which("cc") or shutil.which("clang-22")
        if not cc:
            raise FrontendError("no C compiler (cc) to link the model")
        self.input_shape = list(manifest["input"]["shape"])
        self.output_shape = list(manifest["output"]["shape"])
        self.dynamic_batch = manifest["dynamic_batch"]
        path = lambda name: os.path.join(directory, name)
        self.library = build_library(
            find_tool("tconv-aot", tools_dir), path(AOT_MODULE),
            path("model.o"), path("libmodel.so"), cc,
            ["--pack-weights", f"--header={path('model.h')}", *aot_args])
        params = np.fromfile(path(manifest["params_file"]), dtype="<f4")
        if params.size != manifest["params_size"]:
            raise FrontendError(f"{path(manifest['params_file'])} holds "
                                f"{params.size} floats, the manifest "
                                f"{manifest['params_size']}")
        self.packed = np.empty(_packed_elements(path("model.h")),
                               dtype=np.float32)
        self.library.call("forward_pack", [_pointer(params),
                                           _pointer(self.packed)])

    def shapes(self, input_shape):
        """The output shape for `input_shape`; FrontendError when the model
        cannot take it (the C function trusts its buffers)."""
        expected = list(self.input_shape)
        if self.dynamic_batch and input_shape:
            expected[0] = input_shape[0]
        if list(input_shape) != expected or expected[0] < 1:
            raise FrontendError(f"the compiled model takes input shape "
                                f"{self.input_shape}"
                                f"{' (any batch)' if self.dynamic_batch else ''}"
                                f", not {list(input_shape)}")
        return [expected[0]] + self.output_shape[1:]

    def call(self, input_pointer, batch, output_pointer):
        """forward_packed on raw buffers (addresses as ints)."""
        sizes = [batch] if self.dynamic_batch else []
        self.library.call("forward_packed",
                          [ctypes.c_void_p(input_pointer),
                           _pointer(self.packed),
                           ctypes.c_void_p(output_pointer)], sizes)

    def __call__(self, x):
        """The model on the float32 numpy array `x`."""
        x = np.ascontiguousarray(x, dtype=np.float32)
        y = np.empty(self.shapes(list(x.shape)), dtype=np.float32)
        self.call(x.ctypes.data, x.shape[0], y.ctypes.data)
        return y


def _pointer(array):
    return array.ctypes.data_as(ctypes.c_void_p)
