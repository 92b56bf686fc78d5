"""--whole-model: the whole network as one function @forward (graph.Graph,
built by torch_graph or onnx_graph), its files, and --run.

Files of DIR (built in a temporary directory and moved into DIR at the end,
so that a failed import leaves nothing behind):

    model.mlir      func.func @forward(%input, %p0, %p1, ...) -> result
    params.bin      every parameter as little-endian float32, contiguous,
                    in argument order (%p0 first)
    params/NAME.npy each parameter on its own, for tconv-run --inputs
    manifest.json   input and output shapes; per parameter its argument,
                    name (the framework's), role, shape, offset and size in
                    floats within params.bin, file; the operators
    input.npy, expected.npy  seeded random input in [-1, 1), the framework's
                    output for it
    input.batchB.npy, expected.batchB.npy  (--dynamic-batch) the same for
                    batch B = 2 (3 when the import's batch is 2)
"""

import json
import os
import re
import shutil
import tempfile

import numpy as np

from tconv_testing.npy import write_npy
from tconv_testing.run import check_tool, tconv_run_command

from .mlir import FrontendError
from .run import check_result, find_tool

MANIFEST_FORMAT = "tconv-import whole-model 1"


def _file_names(params):
    """params/NAME.npy per parameter: the framework's name with anything
    but letters, digits, '.', '-' and '_' replaced, made unique."""
    taken, names = set(), []
    for p in params:
        base = re.sub(r"[^\w.-]", "_", p.name).strip("._") or "param"
        name, i = base, 2
        while name in taken:
            name, i = f"{base}_{i}", i + 1
        taken.add(name)
        names.append(f"params/{name}.npy")
    return names


def _write(tmp, graph, header, x, y, extra_batches, source, framework):
    with open(os.path.join(tmp, "model.mlir"), "w") as f:
        f.write(graph.text(header))
    os.makedirs(os.path.join(tmp, "params"))
    entries, offset = [], 0
    with open(os.path.join(tmp, "params.bin"), "wb") as blob:
        for index, (p, fname) in enumerate(zip(graph.params, _file_names(graph.params))):
            blob.write(p.array.astype("<f4").tobytes())
            write_npy(os.path.join(tmp, fname), p.array.shape, p.array)
            entry = {"argument": index + 1, "ssa": "%" + p.value.name,
                     "name": p.name, "role": p.role,
                     "shape": list(p.array.shape), "offset": offset,
                     "size": int(p.array.size), "file": fname}
            if p.framework_shape != list(p.array.shape):
                entry["framework_shape"] = p.framework_shape
            if p.sources:
                entry["computed_from"] = p.sources
            entries.append(entry)
            offset += int(p.array.size)
    write_npy(os.path.join(tmp, "input.npy"), x.shape, x)
    write_npy(os.path.join(tmp, "expected.npy"), y.shape, y)
    batches = []
    for xb, yb in extra_batches:
        b = xb.shape[0]
        write_npy(os.path.join(tmp, f"input.batch{b}.npy"), xb.shape, xb)
        write_npy(os.path.join(tmp, f"expected.batch{b}.npy"), yb.shape, yb)
        batches.append({"batch": b, "input": f"input.batch{b}.npy",
                        "expected": f"expected.batch{b}.npy"})
    manifest = {
        "format": MANIFEST_FORMAT, "source": source, "framework": framework,
        "function": "forward", "dynamic_batch": graph.dynamic,
        "input": {"shape": graph.input.shape, "file": "input.npy"},
        "output": {"shape": graph.output.shape, "file": "expected.npy"},
        "other_batches": batches,
        "params_file": "params.bin", "params_dtype": "<f4",
        "params_size": offset, "parameters": entries,
        "operators": graph.ops}
    with open(os.path.join(tmp, "manifest.json"), "w") as f:
        f.write(_manifest_text(manifest))
    return offset


def _manifest_text(manifest):
    """JSON, one line per value, parameter and operator."""
    lines = []
    for key, value in manifest.items():
        if key in ("parameters", "operators") and value:
            lines.append(f' "{key}": [\n  '
                         + ",\n  ".join(json.dumps(e) for e in value) + "\n ]")
        else:
            lines.append(f' "{key}": {json.dumps(value)}')
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _move_into_place(tmp, outdir):
    """Everything of `tmp` into `outdir` (created if absent; files of an
    earlier import replaced)."""
    if not os.path.exists(outdir):
        os.makedirs(os.path.dirname(os.path.abspath(outdir)), exist_ok=True)
        shutil.move(tmp, outdir)
        return
    for entry in os.listdir(tmp):
        dest = os.path.join(outdir, entry)
        if os.path.isdir(dest) and not os.path.islink(dest):
            shutil.rmtree(dest)
        elif os.path.lexists(dest):
            os.remove(dest)
        shutil.move(os.path.join(tmp, entry), dest)
    os.rmdir(tmp)


def _other_batch(n):
    return 3 if n == 2 else 2


def _translate(args):
    """(graph, framework label, input, expected, run(x) -> framework output)."""
    if args.frontend == "torch":
        from . import torch_frontend, torch_graph
        model = torch_frontend.load_model(args.model, args.state_dict)
        graph, x, y = torch_graph.translate(model, args.input_shape, args.seed,
                                            args.dynamic_batch)
        def rerun(xb):
            return torch_graph.run_model(model, xb), "PyTorch"
        return graph, "PyTorch", x, y, rerun, lambda b: torch_graph.seeded_input(
            [b] + list(args.input_shape[1:]), args.seed + 1).numpy()
    from . import onnx_frontend, onnx_graph, onnx_reference
    model = onnx_frontend.load(args.model, dict(args.input_shape))
    x_info, _ = onnx_graph.graph_io(model)
    shape = [d.dim_value if d.HasField("dim_value") else None
             for d in x_info.type.tensor_type.shape.dim]
    if not shape or None in shape or min(shape) < 1:
        raise FrontendError(f"the shape of input '{x_info.name}' is not known "
                            f"statically ({shape}); give it with "
                            f"--input-shape {x_info.name}=N,C,...")
    graph = onnx_graph.translate(model, shape, args.dynamic_batch)
    rng = np.random.default_rng(args.seed)
    x = rng.uniform(-1, 1, size=shape).astype(np.float32)
    y, framework = onnx_reference.evaluate(model, x)

    def rerun(xb):
        return onnx_reference.evaluate(model, xb)
    return graph, framework, x, y, rerun, lambda b: np.random.default_rng(
        args.seed + 1).uniform(-1, 1, size=[b] + shape[1:]).astype(np.float32)


def _run(outdir, graph, framework, inputs, expected, tools_dir, tolerance,
         label, check=True):
    """tconv-run (--check) on @forward; True when it matches `expected`."""
    tool = find_tool("tconv-run", tools_dir)
    files = [inputs] + [os.path.join(outdir, f) for f in
                        _file_names(graph.params)]
    out_path = os.path.join(outdir, "tconv-run." + os.path.basename(inputs))
    output = check_tool(tconv_run_command(
        tool, os.path.join(outdir, "model.mlir"), "forward", files,
        output=out_path, check=check))
    checks = [l for l in output.splitlines() if l.startswith("check ")]
    if check:
        print(f"tconv-run --check {label}: {len(checks)} tconv.conv_transpose "
              f"match tconv's reference"
              if all(l.endswith("PASS") for l in checks) else output.strip())
    return check_result(f"tconv-run forward {label} vs {framework}",
                        np.load(out_path), expected, tolerance)


def main(args):
    if args.aot:
        raise FrontendError("--whole-model --aot is not supported yet")
    graph, framework, x, y, rerun, batch_input = _translate(args)
    if list(y.shape) != graph.output.shape:
        raise FrontendError(f"{framework}'s output shape {list(y.shape)} "
                            f"differs from the imported graph's "
                            f"{graph.output.shape}")
    extra = []
    if args.dynamic_batch:
        xb = batch_input(_other_batch(x.shape[0]))
        yb, _ = rerun(xb)
        extra.append((xb, np.asarray(yb, dtype=np.float32)))
    outdir = args.output_dir
    parent = os.path.dirname(os.path.abspath(outdir))
    tmp = tempfile.mkdtemp(prefix=".tconv-import-",
                           dir=parent if os.path.isdir(parent) else None)
    try:
        header = (f"Imported by tconv-import {args.frontend} --whole-model "
                  f"from {args.model}")
        size = _write(tmp, graph, header, x, y, extra, args.model, framework)
        _move_into_place(tmp, outdir)
    finally:
        if os.path.isdir(tmp):
            shutil.rmtree(tmp)
    ops = ", ".join(f"{k} {v}" for k, v in graph.summary().items())
    batch = "dynamic batch" if args.dynamic_batch else "static batch"
    print(f"forward: {graph.input.shape} -> {graph.output.shape} ({batch}); "
          f"{len(graph.ops)} operators: {ops}")
    print(f"wrote {os.path.join(outdir, 'model.mlir')} and {len(graph.params)} "
          f"parameters ({size} floats) in params.bin")
    if not args.run:
        return 0
    ok = _run(outdir, graph, framework, os.path.join(outdir, "input.npy"), y,
              args.tools_dir, args.tolerance, f"batch {x.shape[0]}")
    for xb, yb in extra:
        # Compared with the framework only: --check compiles a probe clone
        # of @forward too, which doubles the compile time.
        b = xb.shape[0]
        ok &= _run(outdir, graph, framework,
                   os.path.join(outdir, f"input.batch{b}.npy"), yb,
                   args.tools_dir, args.tolerance, f"batch {b}", check=False)
    print(f"tconv-import: {'all results match' if ok else 'FAILED'}")
    return 0 if ok else 1
