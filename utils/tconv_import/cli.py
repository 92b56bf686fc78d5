"""tconv-import: ConvTranspose layers of PyTorch and ONNX models as tconv IR.

    tconv-import torch MODEL.py:NAME --input-shape 1,100,1,1 -o DIR [--run] [--aot]
    tconv-import onnx MODEL.onnx [--input-shape x=1,8,5,5] -o DIR [--run] [--aot]
    tconv-import {torch,onnx} ... -o DIR --whole-model [--dynamic-batch] [--run]
        [--aot [--scratch=caller]]

writes DIR/model.mlir (one function per layer, named after the module or
node), the weights and biases as DIR/NAME.{weight,bias}.npy, the layer's
input (PyTorch: recorded in a forward pass on seeded random data; ONNX:
seeded random data of the inferred shape) and the framework's output as
DIR/NAME.{input,expected}.npy, and DIR/manifest.json. --run runs every
layer with tconv-run (JIT, with --check against tconv's reference), --aot
compiles them with tconv-aot into DIR/model.o + model.h, links
DIR/libmodel.so and calls it; each result is compared with the framework's.
For PyTorch the whole model is also run with its ConvTranspose outputs
replaced by tconv's and compared with PyTorch's model output. Quantized
layers (PyTorch's torch.ao.nn.quantized modules, ONNX QDQ nodes) take and
give integers and are compared value for value.

With --whole-model the whole network becomes one function, @forward(input,
parameters...), in DIR/model.mlir: tconv.conv_transpose for the transposed
convolutions, upstream linalg / tensor / arith / math for the rest
(utils/tconv_import/graph.py); the parameters in DIR/params.bin (float32,
argument order, offsets in DIR/manifest.json) and DIR/params/*.npy, the
input and the framework's output in DIR/input.npy and DIR/expected.npy
(whole_model.py). --run runs @forward with tconv-run --check and compares.
--dynamic-batch makes the batch dim `?` and --run also runs batch 2.
--aot compiles it into DIR/model.o + model.h (compiled.py): forward_pack,
run once on params.bin, and forward(input, packed, output).
An operator it cannot express is `error: unsupported operator OP at WHERE`,
and DIR is left untouched.
"""

import argparse
import sys

from tconv_testing.run import ToolError

from .compiled import SCRATCH_KINDS
from .mlir import FrontendError


def _shape(text):
    try:
        shape = [int(v) for v in text.split(",")]
    except ValueError:
        shape = []
    if not shape or min(shape) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a shape like 1,100,1,1")
    return shape


def _named_shape(text):
    name, sep, shape = text.rpartition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"'{text}' is not NAME=N,C,...")
    return name, _shape(shape)


def _parser():
    parser = argparse.ArgumentParser(
        prog="tconv-import", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 2)[2])
    sub = parser.add_subparsers(dest="frontend", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-o", "--output-dir", required=True, metavar="DIR")
    common.add_argument("--run", action="store_true",
                        help="run every layer with tconv-run and compare")
    common.add_argument("--aot", action="store_true",
                        help="compile with tconv-aot, link, call and compare")
    common.add_argument("--scratch", choices=SCRATCH_KINDS, default="static",
                        help="(--whole-model --aot) where the temporaries of "
                             "forward and forward_pack live: static (default: "
                             "buffers in model.o) or caller (a last void "
                             "*scratch argument, NAME_scratch_size() bytes)")
    common.add_argument("--tolerance", type=float, default=1e-4,
                        help="max normwise relative error (default 1e-4)")
    common.add_argument("--seed", type=int, default=0,
                        help="seed of the random input data")
    common.add_argument("--whole-model", action="store_true",
                        help="the whole network as one function @forward")
    common.add_argument("--dynamic-batch", action="store_true",
                        help="(--whole-model) a dynamic batch dim; --run "
                             "also runs batch 2")
    common.add_argument("--tools-dir", metavar="DIR",
                        help="where tconv-run and tconv-aot are (default: "
                             "PATH, then the repository's build/bin)")
    t = sub.add_parser("torch", parents=[common],
                       help="every torch.nn.ConvTranspose{1,2,3}d of a model")
    t.add_argument("model", help="FILE.py:NAME or MODULE:NAME: a Module, a "
                   "Module class or a function returning one")
    t.add_argument("--input-shape", type=_shape, required=True,
                   help="shape of the model input, e.g. 1,100,1,1")
    t.add_argument("--state-dict", metavar="FILE.pt",
                   help="weights to load (torch.save of a state_dict)")
    o = sub.add_parser("onnx", parents=[common],
                       help="every ConvTranspose node of an ONNX model")
    o.add_argument("model", help="MODEL.onnx")
    o.add_argument("--input-shape", type=_named_shape, action="append",
                   default=[], metavar="NAME=N,C,...",
                   help="static shape of a graph input (repeatable)")
    return parser


def _main(args):
    # Imported here so that a missing framework is an error, not a traceback.
    if args.whole_model:
        from . import whole_model
        return whole_model.main(args)
    if args.dynamic_batch:
        raise FrontendError("--dynamic-batch needs --whole-model")
    from . import run
    if args.frontend == "torch":
        from . import torch_frontend as fe
        model = fe.load_model(args.model, args.state_dict)
        layers, arrays, x, y = fe.import_model(model, args.input_shape, args.seed)
        framework = "PyTorch"
    else:
        from . import onnx_frontend as fe
        model = fe.load(args.model, dict(args.input_shape))
        layers, arrays = fe.import_model(model, args.seed)
        framework = "ONNX spec (Python reference)"
    header = (f"Imported by tconv-import {args.frontend} from {args.model}\n"
              f"({len(layers)} ConvTranspose layers; weights in NAME.weight.npy)")
    bundle = run.Bundle(args.output_dir, layers, arrays, header)
    for layer in layers:
        source = "" if layer.source == layer.name else f" ({layer.source})"
        print(f"{layer.name}{source}: {layer.describe()}; "
              f"{layer.input_shape} -> {layer.output_shape}")
    print(f"wrote {bundle.mlir_path} and the weights of {len(layers)} layers")
    failures = 0
    for kernel in run.make_kernels(bundle, args):
        failures += run.check_layers(bundle, [kernel], framework, args.tolerance)
        if args.frontend == "torch":
            failures += not run.check_result(
                f"{kernel.label} whole model vs PyTorch",
                fe.to_numpy(fe.run_with_kernels(model, layers, x, kernel)),
                fe.to_numpy(y), args.tolerance)
    if args.run or args.aot:
        print(f"tconv-import: {'FAILED' if failures else 'all results match'} "
              f"({failures} failures)")
    return 1 if failures else 0


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        return _main(args)
    except (FrontendError, ToolError) as e:
        sys.stdout.flush()  # the error comes after what was printed
        print(f"tconv-import: error: {e}", file=sys.stderr)
        return 1
    except ImportError as e:  # numpy: the front ends need the system Python
        print(f"tconv-import: error: {e} (the importers need numpy, PyTorch "
              f"or ONNX: run with /usr/bin/python3)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
