"""tconv's Python test library, shared by the test drivers
(utils/random_configs.py, test/*/Inputs/*.py) and by tconv-import's --run
and --aot checks. Standard library only.

Modules: npy (the .npy reader/writer and the error measure), data (seeded
input values, f16/bf16 roundings), reference (the scatter definition in
double: the one Python reference), run (child processes and the tconv-run
runner), aot (the ctypes runner of tconv-aot objects), quantized (ONNX's
QDQ definition of a quantized layer in double, on top of reference, and the
comparison of integer results).
"""
