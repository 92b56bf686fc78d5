#!/usr/bin/python3
"""Exports the networks of networks.py to ONNX with torch.onnx.export
(opset 17), for tconv-import onnx --whole-model (docs/tutorials/
whole-model.md, test/Frontends/whole-*.test).

usage: export_onnx.py OUTDIR [NAME[=N,C,...] ...] [--dynamic-batch]

writes OUTDIR/NAME.onnx for each NAME (default: every network at its real
input shape, networks.MODELS), traced on zeros of the given shape. The graph
input is `input`, the output `output`; with --dynamic-batch their batch dim
is symbolic (give tconv-import --input-shape input=N,C,...).
"""

import argparse
import os
import sys
import warnings

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import networks  # noqa: E402


def export(name, shape, path, dynamic_batch=False):
    model = networks.MODELS[name][0]().eval()
    axes = {"input": {0: "N"}, "output": {0: "N"}} if dynamic_batch else None
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the exporter's shape-inference notes
        torch.onnx.export(model, torch.zeros(shape), path, opset_version=17,
                          input_names=["input"], output_names=["output"],
                          dynamic_axes=axes)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("models", nargs="*", metavar="NAME[=N,C,...]")
    parser.add_argument("--dynamic-batch", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    for spec in args.models or list(networks.MODELS):
        name, _, shape = spec.partition("=")
        if name not in networks.MODELS:
            parser.error(f"unknown network '{name}' (one of "
                         f"{', '.join(networks.MODELS)})")
        shape = ([int(v) for v in shape.split(",")] if shape
                 else networks.MODELS[name][1])
        path = os.path.join(args.outdir, name + ".onnx")
        export(name, shape, path, args.dynamic_batch)
        print(f"wrote {path} ({name}, input {shape})")


if __name__ == "__main__":
    main()
