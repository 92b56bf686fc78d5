"""tconv-import: import ConvTranspose layers from PyTorch and ONNX models as
tconv IR, run them with tconv-run or tconv-aot, compare with the framework.

Modules: mlir (Layer and the one emitter of tconv.conv_transpose ops and
functions, and of quantized layers' requantization), torch_frontend (with
torch_quantized: quantized modules, each engine's arithmetic),
onnx_frontend (with onnx_qdq: QDQ ConvTranspose nodes), run (the files of
an import; --run and --aot through tconv_testing's runners), cli (the
command line, whose one entry point is utils/tconv-import).

--whole-model: graph (the framework-neutral emitter of one function
@forward for a whole network), torch_graph (torch.fx front end), onnx_graph
(ONNX front end), onnx_reference (the ONNX side's expected output),
whole_model (its files and --run), compiled (a model compiled by
tconv-aot, called through ctypes: --aot), torch_compile (compile_module,
the Python drop-in).
"""


def compile_module(model, example_input, **kwargs):
    """The PyTorch module `model` compiled by tconv: see
    torch_compile.compile_module (imported on use: it needs PyTorch)."""
    from .torch_compile import compile_module as compile_torch
    return compile_torch(model, example_input, **kwargs)
