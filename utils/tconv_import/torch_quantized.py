"""PyTorch's quantized ConvTranspose{1,2,3}d (torch.ao.nn.quantized) as
quantized tconv layers: tconv.conv_transpose on the raw integers, then the
requantization of the quantized engine that built the module
(torch.backends.quantized.engine), operation for operation, so that the
result is PyTorch's bit for bit. sx, sw[c], sy are the input, weight and
output scales (doubles in PyTorch), zx, zy the zero points, b the float
bias, acc the exact sum of (x - zx)(w - zw); f32(.) rounds to float32 (every
operation below is one float32 operation, rounded to nearest even), and
rint rounds half to even:

qnnpack, quint8 input (PyTorch's QNNPACK): the bias is quantized when the
    weight is packed, q[c] = rint(f32(b[c]) * f32(1 / f32(sx * sw[c])))
    (quantize_val without FBGEMM), and added to acc (the conv's i32 bias);
    M[c] = f32(f32(sw[c]) * f32(sx)) * f32(1 / f32(sy))
    (generate_requantization_scales); y = saturate(rint(f32(acc) * M[c]) + zy).
    Per-tensor or per-channel weights (axis 1, groups 1). No 3-D.
qnnpack, qint8 input (XNNPACK; 1-D and 2-D, per-tensor, weight zero
    point 0): the same, with M = f32(f32(sx) * f32(sw)) / f32(sy)
    (xnn_create_deconvolution2d_nhwc_qs8).
onednn (quint8, per-tensor, weight zero point 0, no output_padding):
    s = f32(f32(1 / sx) * f32(1 / sw)), M = f32(1 / sy) / s,
    v = (f32(acc) + f32(b[c]) * s) * M, y = saturate(rint(v + zy)) (ideep
    passes reciprocal scales and the float bias; oneDNN adds the zero point
    before rounding).
fbgemm (quint8, per-tensor; not built into Debian's PyTorch, so this
    follows FBGEMM's ReQuantizeOutput with a float bias unchecked):
    s = f32(sx) * f32(sw), M = s / f32(sy), v = (f32(acc) + f32(b[c]) / s)
    * M, y = saturate(rint(v) + zy).
"""

import numpy as np

from .mlir import FrontendError, Requantization

try:
    import torch
    import torch.ao.nn.quantized as nnq
except ImportError as e:  # reported by the command line, not a traceback
    raise FrontendError(f"PyTorch is not available ({e}); install "
                        f"python3-torch and use /usr/bin/python3") from None

CONV_TYPES = (nnq.ConvTranspose1d, nnq.ConvTranspose2d, nnq.ConvTranspose3d)
ENGINES = ("qnnpack", "onednn", "fbgemm")

f32 = np.float32


def to_numpy(tensor):
    """A tensor's values; a quantized tensor's integers."""
    return (tensor.int_repr() if tensor.is_quantized else tensor).numpy()


def from_numpy(layer, values):
    """`values`, a result of `layer`, as the tensor its module returns."""
    if layer.quant is None:
        return torch.from_numpy(values)
    m = layer.extra["module"]
    return torch._make_per_tensor_quantized_tensor(
        torch.from_numpy(values), m.scale, m.zero_point)


def _weight_quantization(name, m, engine):
    """(scales per output channel as doubles, the weight zero point)."""
    w = m.weight()
    cout = w.shape[1] * m.groups
    if w.qscheme() == torch.per_tensor_affine:
        return [w.q_scale()] * cout, w.q_zero_point()
    if w.qscheme() != torch.per_channel_affine:
        raise FrontendError(f"{name}: weight quantization {w.qscheme()} is "
                            f"not supported")
    axis = w.q_per_channel_axis()
    if engine != "qnnpack" or axis != 1 or m.groups != 1:
        raise FrontendError(
            f"{name}: per-channel weights on axis {axis} with groups "
            f"{m.groups} ({engine}); PyTorch computes per-channel transposed "
            f"convolutions with qnnpack only, on axis 1 (output channels) "
            f"and with groups 1")
    zero_points = w.q_per_channel_zero_points().tolist()
    if len(set(zero_points)) != 1:
        raise FrontendError(f"{name}: per-channel weight zero points "
                            f"{zero_points} differ; tconv.conv_transpose "
                            f"takes one weight zero point")
    return w.q_per_channel_scales().tolist(), zero_points[0]


def _quantize_bias(bias, sx, sw):
    """qnnpack's int32 bias: rint(f32(b) * f32(1 / f32(sx * sw)))."""
    inverse = f32(1) / np.array([s * sx for s in sw], dtype=f32)
    q = np.rint(bias * inverse).astype(np.int64)
    return np.clip(q, -2 ** 31, 2 ** 31 - 1).astype(np.int32)


def check_engine(name, m, engine):
    """Raises FrontendError, before the model runs, for a quantized module
    `m` the quantized engine `engine` does not compute as tconv-import
    reproduces it."""
    if engine not in ENGINES:
        raise FrontendError(f"{name}: quantized engine '{engine}' is not "
                            f"supported (tconv-import reproduces "
                            f"{', '.join(ENGINES)})")
    if engine == "qnnpack" and isinstance(m, nnq.ConvTranspose3d):
        raise FrontendError(f"{name}: PyTorch's qnnpack has no 3-D "
                            f"transposed convolution (it fails or returns a "
                            f"wrong shape); build the model with onednn or "
                            f"fbgemm")


def requantization(name, m, x, engine):
    """(Requantization, i32 bias of the conv or None) of the quantized
    ConvTranspose module `m` (check_engine passed) called with the quantized
    tensor `x`, as the quantized engine `engine` computes it."""
    sw, zw = _weight_quantization(name, m, engine)
    sx, zx, sy = x.q_scale(), x.q_zero_point(), m.scale
    types = {torch.quint8: "ui8", torch.qint8: "i8"}
    if x.dtype not in types:
        raise FrontendError(f"{name}: input of type {x.dtype}; tconv takes "
                            f"quint8 or qint8")
    bias = m.bias()
    bias = None if bias is None else bias.detach().numpy().astype(f32)
    sw32 = np.array(sw, dtype=f32)
    scheme, pre, conv_bias, zero_point_first = engine, None, None, False
    if engine == "qnnpack":
        if x.dtype == torch.qint8:
            scheme = "qnnpack (XNNPACK)"
            multiplier = (sw32 * f32(sx)) / f32(sy)
        else:
            multiplier = (sw32 * f32(sx)) * (f32(1) / f32(sy))
        if bias is not None:
            conv_bias = _quantize_bias(bias, sx, sw)
    elif engine == "onednn":
        scale = f32(1 / sx) * np.array([1 / s for s in sw], dtype=f32)
        multiplier = f32(1 / sy) / scale
        zero_point_first = True
        if bias is not None:
            pre = bias * scale
    else:
        scale = f32(sx) * sw32
        multiplier = scale / f32(sy)
        if bias is not None:
            pre = bias / scale
    quant = Requantization(
        input_type=types[x.dtype], input_zero_point=zx, weight_zero_point=zw,
        output_type=types[x.dtype], output_zero_point=m.zero_point,
        multiplier=multiplier.tolist(),
        pre=None if pre is None else pre.tolist(),
        zero_point_first=zero_point_first, scheme=scheme)
    return quant, conv_bias
