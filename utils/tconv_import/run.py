"""Writing imported layers to disk, running them with tconv-run or tconv-aot
(through tconv_testing's runners) and comparing with the framework. Needs
numpy (every front end has it)."""

import ctypes
import json
import os
import shutil

import numpy as np

from tconv_testing.aot import build_library
from tconv_testing.npy import compare, write_npy
from tconv_testing.quantized import compare_integers
from tconv_testing.run import check_tool, tconv_run_command

from .mlir import FrontendError, module_text

_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The numpy dtypes of the element types of imported functions.
DTYPES = {"f32": np.float32, "i8": np.int8, "ui8": np.uint8, "i32": np.int32}

# A quantized result may differ from a reference computed in double by 1
# where the reference's value before rounding is this close to a rounding
# tie (x.5): the requantization's few double roundings cannot decide those.
TIE_WINDOW = 1e-9


def find_tool(name, tools_dir=None):
    """`name` from --tools-dir, PATH, or the repository's build/bin."""
    candidates = [os.path.join(tools_dir, name)] if tools_dir else []
    found = shutil.which(name)
    if found:
        candidates.append(found)
    candidates.append(os.path.join(_REPO, "build", "bin", name))
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise FrontendError(f"cannot find {name} (pass --tools-dir DIR or put it "
                        f"on PATH)")


def check_input_shape(layer, x):
    """Layers are imported with static shapes: those of their first call."""
    if list(x.shape) != layer.input_shape:
        raise FrontendError(f"{layer.source} was imported for input shape "
                            f"{layer.input_shape} (its first call) but is "
                            f"called with {list(x.shape)}")


class Bundle:
    """The files of one import: model.mlir, and per layer NAME.weight.npy,
    NAME.bias.npy, NAME.input.npy (the layer's input in the framework run)
    and NAME.expected.npy (the framework's output for it), each of its
    function's element type (float32; int8/uint8/int32 when quantized)."""

    def __init__(self, outdir, layers, arrays, header):
        self.outdir, self.layers, self.arrays = outdir, layers, arrays
        os.makedirs(outdir, exist_ok=True)
        self.mlir_path = os.path.join(outdir, "model.mlir")
        with open(self.mlir_path, "w") as f:
            f.write(module_text(layers, header))
        manifest = []
        for layer in layers:
            entry = {"function": layer.name, "source": layer.source,
                     "input_shape": layer.input_shape,
                     "weight_shape": layer.weight_shape,
                     "output_shape": layer.output_shape, "files": {},
                     "dtypes": {}}
            for role in ("input", "weight", "bias", "expected"):
                value = arrays[layer.name].get(role)
                if value is not None:
                    write_npy(self.path(layer, role), value.shape, value,
                              value.dtype.str)
                    entry["files"][role] = os.path.basename(self.path(layer, role))
                    entry["dtypes"][role] = value.dtype.name
            manifest.append(entry)
        with open(os.path.join(outdir, "manifest.json"), "w") as f:
            json.dump(manifest, f, indent=1)

    def path(self, layer, role):
        return os.path.join(self.outdir, f"{layer.name}.{role}.npy")

    def operands(self, layer):
        roles = ["weight"] + (["bias"] if layer.has_bias else [])
        return [self.arrays[layer.name][r] for r in roles]


class TConvRunKernels:
    """Runs a layer on given data with tconv-run (JIT) through .npy files."""

    label = "tconv-run"

    def __init__(self, bundle, tools_dir, check):
        self.bundle, self.check = bundle, check
        self.tool = find_tool("tconv-run", tools_dir)

    def __call__(self, layer, x):
        check_input_shape(layer, x)
        b = self.bundle
        x_path = os.path.join(b.outdir, f"{layer.name}.run-input.npy")
        out_path = os.path.join(b.outdir, f"{layer.name}.tconv-run.npy")
        write_npy(x_path, x.shape, x, x.dtype.str)
        inputs = [x_path, b.path(layer, "weight")]
        if layer.has_bias:
            inputs.append(b.path(layer, "bias"))
        check_tool(tconv_run_command(self.tool, b.mlir_path, layer.name,
                                     inputs, output=out_path,
                                     check=self.check))
        return np.load(out_path)


class AotKernels:
    """Compiles every layer ahead of time (tconv-aot: model.o, model.h),
    links libmodel.so with the C compiler and calls the C symbols through
    tconv_testing's ctypes runner."""

    label = "tconv-aot"

    def __init__(self, bundle, tools_dir, cc=None):
        self.bundle = bundle
        aot = find_tool("tconv-aot", tools_dir)
        cc = cc or shutil.which("cc") or shutil.which("clang-22")
        if not cc:
            raise FrontendError("no C compiler (cc) to link the kernels")
        out = bundle.outdir
        self.library = build_library(
            aot, bundle.mlir_path, os.path.join(out, "model.o"),
            os.path.join(out, "libmodel.so"), cc,
            [f"--header={os.path.join(out, 'model.h')}"])

    def __call__(self, layer, x):
        check_input_shape(layer, x)  # the C function trusts its buffers
        x_type, w_type, b_type, y_type = layer.element_types
        args = [np.ascontiguousarray(a, dtype=DTYPES[t]) for a, t in zip(
            [x] + self.bundle.operands(layer), (x_type, w_type, b_type))]
        y = np.empty(layer.output_shape, dtype=DTYPES[y_type])
        self.library.call(layer.name, [a.ctypes.data_as(ctypes.c_void_p)
                                       for a in args + [y]])
        return y


def make_kernels(bundle, args):
    """The kernel runners --run and --aot ask for."""
    kernels = []
    if args.run:
        kernels.append(TConvRunKernels(bundle, args.tools_dir, check=True))
    if args.aot:
        kernels.append(AotKernels(bundle, args.tools_dir))
    return kernels


def check_result(what, got, expected, tolerance, before_rounding=None):
    """Prints one comparison line; True when it passes: float results
    within the tolerance (normwise relative error), integer results
    bit-exactly, except, with the reference's values `before_rounding`,
    differences of 1 within TIE_WINDOW of a rounding tie."""
    got, expected = np.asarray(got), np.asarray(expected)
    if got.shape != expected.shape or got.dtype != expected.dtype:
        print(f"{what}: {got.dtype} {list(got.shape)}, expected "
              f"{expected.dtype} {list(expected.shape)} FAIL")
        return False
    if expected.dtype.kind in "iu":
        differing, excused, max_diff = compare_integers(
            got.ravel().tolist(), expected.ravel().tolist(),
            None if before_rounding is None else before_rounding.ravel().tolist(),
            TIE_WINDOW)
        ok = differing == excused
        ties = f"within {TIE_WINDOW:g} of a rounding tie"
        if not differing:
            detail = "(bit-exact)"
        elif ok:
            detail = f"(by 1, {ties})"
        elif before_rounding is None:
            detail = f"(max difference {max_diff})"
        else:
            detail = f"(max difference {max_diff}; {excused} by 1 {ties})"
        print(f"{what}: {differing} of {expected.size} values differ {detail} "
              f"{'PASS' if ok else 'FAIL'}")
        return ok
    max_abs, rel = compare(got, expected)
    ok = bool(np.isfinite(got).all()) and rel <= tolerance
    print(f"{what}: max abs error {max_abs:.2e}, max rel error {rel:.2e} "
          f"{'PASS' if ok else 'FAIL'}")
    return ok


def check_layers(bundle, kernels, framework, tolerance):
    """Runs every layer on its recorded input with every kernel runner and
    compares with the framework's output; returns the number of failures."""
    failures = 0
    for kernel in kernels:
        for layer in bundle.layers:
            data = bundle.arrays[layer.name]
            got = kernel(layer, data["input"])
            failures += not check_result(
                f"{kernel.label} {layer.name} vs {framework}",
                got, data["expected"], tolerance, data.get("before_rounding"))
    return failures
