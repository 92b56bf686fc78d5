"""tconv-import: import ConvTranspose layers from PyTorch and ONNX models as
tconv IR, run them with tconv-run or tconv-aot, compare with the framework.

Modules: mlir (Layer and the one emitter of tconv.conv_transpose ops and
functions), torch_frontend, onnx_frontend, run (the files of an import; --run
and --aot through tconv_testing's runners), cli (the command line, whose one
entry point is utils/tconv-import).

--whole-model: graph (the framework-neutral emitter of one function
@forward for a whole network), torch_graph (torch.fx front end), onnx_graph
(ONNX front end), onnx_reference (the ONNX side's expected output),
whole_model (its files and --run).
"""
