"""A whole model compiled ahead of time: DIR/model.aot.mlir (the @forward of
--whole-model taking params.bin as one argument) through
`tconv-aot --pack-weights=only` into DIR/model.o and DIR/model.h, linked
into DIR/libmodel.so and called through ctypes:

    void forward_pack(const float *params, float *packed);
    void forward([int64_t input_dim0,] const float *input,
                 const float *packed, float *output);

forward_pack runs once, when the model is loaded: it computes everything
that depends on the parameters alone (batch norms folded into weights and
biases, every weight rearranged into the layout its kernel reads) into
`packed`, FORWARD_PACKED_ELEMENTS floats (model.h). Each call is then
forward alone.

The temporaries of each function share one buffer by liveness (a whole
network needs about its largest live activations), allocated once, so no
call faults pages in. With scratch="static", the default, that buffer is
zero-filled static data of model.o (up to STATIC_SCRATCH_BYTES per
function, where tconv-aot's default stops at 8 MiB). With "caller"
(tconv-aot --scratch=caller), both functions take a last `void *scratch`,
NAME_scratch_size([batch]) bytes, allocated here (and grown for a larger
batch). Without caller scratch, the activations of a dynamic batch share
one heap buffer per call. numpy only; torch tensors are passed by
pointer."""

import ctypes
import os
import re
import shutil

import numpy as np

from tconv_testing.aot import build_library

from .mlir import FrontendError
from .run import find_tool

AOT_MODULE = "model.aot.mlir"
# tconv-aot --scratch's values.
SCRATCH_KINDS = ("static", "caller")
# The pipeline's max-static-bytes with static scratch: all of a network's
# temporaries, while forward_pack's and forward's buffers together stay well
# within the 2 GiB that x86-64's small code model addresses.
STATIC_SCRATCH_BYTES = 1 << 29


def _static_scratch_bytes(header_text, name):
    """The size of function `name`'s static scratch buffer as the text of
    model.h documents it (0 without one)."""
    match = re.search(r"^/\* " + name + r"\n(?: \*.*\n)*? \* \(temporaries: "
                      r"a static buffer of (\d+) bytes\)$", header_text,
                      re.MULTILINE)
    return int(match.group(1)) if match else 0


def _packed_elements(header, header_text):
    match = re.search(r"^#define FORWARD_PACKED_ELEMENTS (\d+)", header_text,
                      re.MULTILINE)
    if not match:
        raise FrontendError(f"{header} declares no FORWARD_PACKED_ELEMENTS: "
                            f"@forward has no parameters to pack")
    return int(match.group(1))


class CompiledModel:
    """@forward of `directory`/model.aot.mlir compiled, with the float32
    numpy array `params` (params.bin's contents) packed."""

    def __init__(self, directory, input_shape, output_shape, dynamic_batch,
                 params, tools_dir=None, cc=None, aot_args=(),
                 scratch="static"):
        if scratch not in SCRATCH_KINDS:
            raise FrontendError(f"unknown scratch kind '{scratch}' (expected "
                                f"{' or '.join(SCRATCH_KINDS)})")
        cc = cc or shutil.which("cc") or shutil.which("clang-22")
        if not cc:
            raise FrontendError("no C compiler (cc) to link the model")
        self.input_shape, self.output_shape = list(input_shape), list(output_shape)
        self.dynamic_batch = dynamic_batch
        path = lambda name: os.path.join(directory, name)
        self.library = build_library(
            find_tool("tconv-aot", tools_dir), path(AOT_MODULE),
            path("model.o"), path("libmodel.so"), cc,
            ["--pack-weights=only", f"--scratch={scratch}",
             f"--header={path('model.h')}",
             *_with_static_scratch(aot_args, scratch)])
        with open(path("model.h")) as f:
            header_text = f.read()
        # The temporaries' buffer of each function (its static buffer or the
        # one allocated here), and the trailing scratch argument, if any.
        self._scratch_args = []
        if scratch == "static":
            self.pack_scratch_bytes = _static_scratch_bytes(header_text,
                                                            "forward_pack")
            self.call_scratch_bytes = _static_scratch_bytes(header_text,
                                                            "forward")
        else:
            self._scratch_storage = np.empty(0, np.uint8)
            self.pack_scratch_bytes = self._scratch_size("forward_pack")
            # At the recorded batch; a dynamic batch sizes it per call.
            self.call_scratch_bytes = self._call_scratch_size(
                self.input_shape[0])
            self._scratch_args = [self._scratch(self.pack_scratch_bytes)]
        params = np.ascontiguousarray(params, dtype=np.float32)
        self.packed = np.empty(_packed_elements(path("model.h"), header_text),
                               dtype=np.float32)
        self.library.call("forward_pack", [_pointer(params),
                                           _pointer(self.packed),
                                           *self._scratch_args])

    def _scratch_size(self, name, *dims):
        """NAME_scratch_size(dims...), the caller's buffer NAME takes."""
        function = getattr(self.library.cdll, name + "_scratch_size")
        function.argtypes = [ctypes.c_int64] * len(dims)
        function.restype = ctypes.c_size_t
        return function(*dims)

    def _call_scratch_size(self, batch):
        return self._scratch_size("forward",
                                  *([batch] if self.dynamic_batch else []))

    def _scratch(self, size):
        """A pointer to `size` bytes of scratch, 64-byte aligned as the
        header asks, in one array grown as needed."""
        if self._scratch_storage.size < size + 64:
            self._scratch_storage = np.empty(size + 64, np.uint8)
        start = -self._scratch_storage.ctypes.data % 64
        return _pointer(self._scratch_storage[start:start + size])

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
        """forward on raw buffers (addresses as ints)."""
        sizes = [batch] if self.dynamic_batch else []
        if self._scratch_args:
            self._scratch_args = [
                self._scratch(self._call_scratch_size(batch))]
        self.library.call("forward",
                          [ctypes.c_void_p(input_pointer),
                           _pointer(self.packed),
                           ctypes.c_void_p(output_pointer),
                           *self._scratch_args], sizes)

    def __call__(self, x):
        """The model on the float32 numpy array `x`."""
        x = np.ascontiguousarray(x, dtype=np.float32)
        y = np.empty(self.shapes(list(x.shape)), dtype=np.float32)
        self.call(x.ctypes.data, x.shape[0], y.ctypes.data)
        return y


def _with_static_scratch(aot_args, scratch):
    """`aot_args` with max-static-bytes=STATIC_SCRATCH_BYTES added to their
    --pipeline-options for static scratch, unless they set it."""
    if scratch != "static":
        return list(aot_args)
    option = f"max-static-bytes={STATIC_SCRATCH_BYTES}"
    prefix = "--pipeline-options="
    args = [a if not a.startswith(prefix) or "max-static-bytes" in a
            else f"{a} {option}" for a in aot_args]
    if not any(a.startswith(prefix) for a in args):
        args.append(prefix + option)
    return args


def _pointer(array):
    return array.ctypes.data_as(ctypes.c_void_p)
