"""tconv's Python side: import ConvTranspose layers from PyTorch and ONNX as
tconv IR, run them with tconv-run or tconv-aot, compare with the framework.

Modules: npy (the .npy reader/writer, standard library only), mlir (the one
emitter of tconv.conv_transpose functions), torch_frontend, onnx_frontend,
run (tconv-run / tconv-aot / comparison), cli (the tconv-import command).
Only npy and mlir are imported by the standard-library-only test drivers.
"""
