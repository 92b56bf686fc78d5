"""PyTorch front end: every torch.nn.ConvTranspose{1,2,3}d of a model as a
tconv layer, with the input it receives in one forward pass of the model;
every quantized torch.ao.nn.quantized.ConvTranspose{1,2,3}d as a quantized
layer (torch_quantized)."""

import importlib
import importlib.util
import os
import sys

from tconv_testing.reference import out_size

from . import torch_quantized
from .mlir import FrontendError, Layer, symbol_name
from .torch_quantized import to_numpy

try:
    import torch
except ImportError as e:  # reported by the command line, not a traceback
    raise FrontendError(f"PyTorch is not available ({e}); install "
                        f"python3-torch and use /usr/bin/python3") from None


def load_model(spec, state_dict=None):
    """`FILE.py:NAME` or `package.module:NAME`, where NAME is an nn.Module,
    a Module class or a function returning one (called without arguments);
    weights from `state_dict` (a torch.save'd state dict) when given."""
    where, _, attr = spec.rpartition(":")
    if not where or not attr:
        raise FrontendError(f"model '{spec}' must be FILE.py:NAME or MODULE:NAME")
    try:
        if where.endswith(".py"):
            if not os.path.isfile(where):
                raise FrontendError(f"no such file: {where}")
            name = "tconv_import_model_" + os.path.splitext(os.path.basename(where))[0]
            module_spec = importlib.util.spec_from_file_location(name, where)
            module = importlib.util.module_from_spec(module_spec)
            sys.modules[name] = module
            module_spec.loader.exec_module(module)
        else:
            module = importlib.import_module(where)
        if not hasattr(module, attr):
            raise FrontendError(f"{where} has no attribute '{attr}'")
        obj = getattr(module, attr)
        model = obj if isinstance(obj, torch.nn.Module) else obj()
        if not isinstance(model, torch.nn.Module):
            raise FrontendError(f"{spec} gave a {type(model).__name__}, not a "
                                f"torch.nn.Module")
        if state_dict:
            model.load_state_dict(torch.load(state_dict, map_location="cpu"))
    except FrontendError:
        raise
    except Exception as e:  # the user's code: report it, no traceback
        raise FrontendError(f"loading {spec}: {type(e).__name__}: {e}") from None
    return model.float().eval()


_CONV_TYPES = (torch.nn.ConvTranspose1d, torch.nn.ConvTranspose2d,
               torch.nn.ConvTranspose3d) + torch_quantized.CONV_TYPES


def import_model(model, input_shape, seed):
    """Runs the model once on seeded random data in [-1, 1) and returns
    (layers, arrays, model input, model output): per ConvTranspose the Layer
    and its weight, bias, recorded input and PyTorch output (float32; the
    integers of quantized layers)."""
    convs = [(n, m) for n, m in model.named_modules() if isinstance(m, _CONV_TYPES)]
    if not convs:
        raise FrontendError("the model has no torch.nn.ConvTranspose{1,2,3}d "
                            "(or quantized one)")
    engine = torch.backends.quantized.engine
    for name, m in convs:
        if isinstance(m, torch_quantized.CONV_TYPES):
            torch_quantized.check_engine(name, m, engine)
    generator = torch.Generator().manual_seed(seed)
    x = torch.rand(input_shape, generator=generator) * 2 - 1
    records = {}

    def record(name, inp, out):  # returns None: the output stays PyTorch's
        if name not in records:
            records[name] = (inp[0].detach().clone(), out.detach().clone())

    hooks = [m.register_forward_hook(
        lambda mod, inp, out, name=name: record(name, inp, out))
        for name, m in convs]
    try:
        with torch.no_grad():
            y = model(x)
    except Exception as e:
        raise FrontendError(f"running the model on an input of shape "
                            f"{list(input_shape)}: {type(e).__name__}: {e}") from None
    finally:
        for h in hooks:
            h.remove()

    layers, arrays, taken = [], {}, set()
    for name, m in convs:
        if name not in records:
            print(f"tconv-import: warning: {name} is not called by forward; skipped")
            continue
        if m.padding_mode != "zeros":
            raise FrontendError(f"{name}: padding_mode '{m.padding_mode}' is not "
                                f"supported (only 'zeros')")
        inp, out = records[name]
        quant = conv_bias = None
        if isinstance(m, torch_quantized.CONV_TYPES):
            weight = m.weight()
            quant, conv_bias = torch_quantized.requantization(
                name, m, inp, engine)
        else:
            weight = m.weight.detach()
            conv_bias = None if m.bias is None else m.bias.detach().numpy()
        k = list(m.kernel_size)
        # forward(x, output_size=...) picks output_padding per call: read the
        # effective one off the output.
        op = [O - out_size(I, s, p, p, dil, kk, 0) for O, I, s, p, dil, kk in zip(
            out.shape[2:], inp.shape[2:], m.stride, m.padding, m.dilation, k)]
        layer = Layer(
            name=symbol_name(name, taken), source=name,
            input_shape=list(inp.shape), weight_shape=list(weight.shape),
            has_bias=conv_bias is not None, strides=list(m.stride),
            pad_begin=list(m.padding), pad_end=list(m.padding),
            output_padding=op, dilations=list(m.dilation), groups=m.groups,
            extra={"module": m}, quant=quant)
        layer.validate()
        if layer.output_shape != list(out.shape):
            raise FrontendError(f"{name}: PyTorch's output {list(out.shape)} "
                                f"differs from tconv's {layer.output_shape}")
        arrays[layer.name] = {
            "input": to_numpy(inp), "weight": to_numpy(weight),
            "bias": conv_bias,
            "expected": to_numpy(out)}
        layers.append(layer)
    return layers, arrays, x, y


def run_with_kernels(model, layers, x, kernel):
    """The model's output with every imported layer's result replaced by
    `kernel`'s (a forward hook returning the tconv result), so that the
    whole network runs on tconv kernels."""
    hooks = [layer.extra["module"].register_forward_hook(
        lambda mod, inp, out, layer=layer: torch_quantized.from_numpy(
            layer, kernel(layer, to_numpy(inp[0]))))
        for layer in layers]
    try:
        with torch.no_grad():
            return model(x)
    finally:
        for h in hooks:
            h.remove()
