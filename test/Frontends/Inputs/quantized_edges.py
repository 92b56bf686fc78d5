"""Quantized layers whose data sit on the requantization's rounding edges
(test/Frontends/torch-quantized.test). One 1x1 ConvTranspose2d from 1 to
255 channels with the weights -128..126, called on an input holding every
value of its type once (the model's own input is ignored), so that
acc = (x - zx) * w takes every product. The scales make the multiplier
exactly 0.5 in qnnpack's float32 arithmetic, f32(sw * sx) * f32(1 / sy),
and one float32 step below 0.5 in XNNPACK's, f32(sw * sx) / sy: every odd
acc in range is a rounding tie (to even) for one and rounds down for the
other. The zero points are odd, so that a tie rounds differently before
and after adding them (onednn adds the output zero point before rounding,
the others after).

    qnnpack_u8(), qnnpack_i8() (XNNPACK), onednn_u8(); input shape 1.
"""

import torch
import torch.ao.nn.quantized as nnq
from torch import nn

SX, SW, SY = 0.042530808597803116, 0.018691333010792732, 0.0015899150877407946


class _Edges(nn.Module):
    def __init__(self, dtype, zero_point):
        super().__init__()
        self.dtype, self.zero_point = dtype, zero_point   # torch.uint8/int8
        self.up = nnq.ConvTranspose2d(1, 255, 1)
        weight = torch.arange(-128, 127, dtype=torch.int8).reshape(1, 255, 1, 1)
        self.up.set_weight_bias(
            torch._make_per_tensor_quantized_tensor(weight, SW, 0), None)
        self.up.scale, self.up.zero_point = SY, zero_point

    def forward(self, x):
        info = torch.iinfo(self.dtype)
        values = torch.arange(info.min, info.max + 1, dtype=self.dtype)
        return self.up(torch._make_per_tensor_quantized_tensor(
            values.reshape(1, 1, 1, -1), SX, self.zero_point)).dequantize()


def qnnpack_u8():
    torch.backends.quantized.engine = "qnnpack"
    return _Edges(torch.uint8, 127)


def qnnpack_i8():
    torch.backends.quantized.engine = "qnnpack"
    return _Edges(torch.int8, -1)


def onednn_u8():
    torch.backends.quantized.engine = "onednn"
    return _Edges(torch.uint8, 127)
