"""compile_module: a PyTorch module compiled by tconv into a callable on
torch tensors.

    import tconv_import
    fast = tconv_import.compile_module(model.eval(), torch.randn(1, 100, 1, 1))
    y = fast(x)  # x: float32, contiguous, on the CPU; any batch

The module is traced with torch.fx and imported like `tconv-import torch
--whole-model --aot` (so any module made of the operators that import
supports works), compiled by tconv-aot (PATH, else the checkout's
build/bin) for the host CPU into a shared library, and its parameters
packed once (forward_pack). A call runs forward_packed on the tensor's
memory and writes a new output tensor: no copies."""

import os
import tempfile

import numpy as np
import torch

from . import torch_graph
from .compiled import AOT_MODULE, CompiledModel
from .mlir import FrontendError


class CompiledModule:
    """The callable compile_module returns."""

    def __init__(self, compiled):
        self._compiled = compiled
        self.input_shape = compiled.input_shape
        self.dynamic_batch = compiled.dynamic_batch

    def __call__(self, x):
        if not isinstance(x, torch.Tensor):
            raise TypeError(f"expected a torch.Tensor, got {type(x).__name__}")
        if x.dtype != torch.float32 or x.device.type != "cpu":
            raise TypeError(f"expected a float32 CPU tensor, got {x.dtype} on "
                            f"{x.device}")
        if not x.is_contiguous():
            raise ValueError("expected a contiguous tensor (call "
                             ".contiguous() first)")
        try:
            shape = self._compiled.shapes(list(x.shape))
        except FrontendError as e:
            raise ValueError(str(e)) from None
        y = torch.empty(shape, dtype=torch.float32)
        self._compiled.call(x.data_ptr(), x.shape[0], y.data_ptr())
        return y


def compile_module(model, example_input, dynamic_batch=True, tools_dir=None,
                   aot_args=()):
    """`model` (a torch.nn.Module in eval mode taking one tensor) compiled
    for inputs shaped like `example_input`, with any batch unless
    `dynamic_batch` is false. `aot_args` go to tconv-aot (e.g.
    ["--target-cpu=haswell"]). Raises FrontendError when the module cannot
    be imported or compiled."""
    if model.training:
        raise FrontendError("the model is in training mode: call model.eval() "
                            "first (the compiled network is the inference one)")
    shape = list(example_input.shape)
    graph, _, _ = torch_graph.translate(model, shape, 0, dynamic_batch)
    params = (np.concatenate([p.array.ravel() for p in graph.params])
              if graph.params else np.zeros(0, dtype=np.float32))
    # The library stays loaded once its files are gone.
    with tempfile.TemporaryDirectory(prefix="tconv-compile-") as directory:
        with open(os.path.join(directory, AOT_MODULE), "w") as f:
            f.write(graph.text(f"compile_module({type(model).__name__})",
                               blob=True))
        compiled = CompiledModel(directory, shape, graph.output.shape,
                                 dynamic_batch, params, tools_dir,
                                 aot_args=aot_args)
    return CompiledModule(compiled)
