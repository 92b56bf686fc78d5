"""Small quantized PyTorch models (torch.ao.nn.quantized.ConvTranspose*d)
for tconv-import (docs/tutorials/pytorch.md, test/Frontends). Each function
sets torch.backends.quantized.engine, which the modules are built with and
which tconv-import reproduces; weights and calibration data are seeded.

    qnnpack_decoder(): post-training quantization (torch.ao.quantization,
        eager mode, the engine's default qconfig) with qnnpack: 1-D (groups,
        dilation, output_padding), ReLU, 2-D; input (N, 8, 6).
    onednn_decoder(): the same recipe with onednn and per-tensor weights
        (PyTorch quantizes transposed convolutions per tensor there): 1-D,
        2-D and 3-D layers, without output_padding; input (N, 8, 6).
    qnnpack_direct(): modules built directly with qnnpack: per-channel
        weight scales (axis 1) with a nonzero weight zero point and a quint8
        input; then a qint8 input (PyTorch runs that with XNNPACK);
        input (N, 4, 5, 6).
"""

import torch
import torch.ao.nn.quantized as nnq
import torch.ao.quantization as tq
from torch import nn


class _Decoder(nn.Module):
    """1-D, ReLU, 2-D and (with `three_d`) 3-D transposed convolutions
    between a QuantStub and a DeQuantStub."""

    def __init__(self, output_padding, three_d):
        super().__init__()
        self.quant, self.dequant = tq.QuantStub(), tq.DeQuantStub()
        self.up1d = nn.ConvTranspose1d(8, 6, 3, stride=2, padding=1,
                                       output_padding=output_padding,
                                       groups=2, dilation=2)
        self.relu = nn.ReLU()
        self.up2d = nn.ConvTranspose2d(2, 4, 3, stride=2, padding=1)
        self.up3d = (nn.ConvTranspose3d(4, 2, (2, 3, 3), stride=(1, 2, 2),
                                        padding=(0, 1, 0))
                     if three_d else None)

    def forward(self, x):                         # (N, 8, 6)
        n = x.shape[0]
        y = self.relu(self.up1d(self.quant(x)))   # (N, 6, 13 + op)
        y = self.up2d(y.reshape(n, 2, 3, -1))     # (N, 4, 5, 25 + 2 op)
        if self.up3d is not None:
            y = self.up3d(y.reshape(n, 4, 5, 5, 5))
        return self.dequant(y)


def _post_training_quantize(model, engine, qconfig):
    torch.backends.quantized.engine = engine
    model.eval()
    model.qconfig = qconfig
    tq.prepare(model, inplace=True)
    generator = torch.Generator().manual_seed(2)
    with torch.no_grad():
        for _ in range(4):
            model(torch.randn(4, 8, 6, generator=generator))
    return tq.convert(model, inplace=True)


def qnnpack_decoder():
    torch.manual_seed(3)
    return _post_training_quantize(_Decoder(output_padding=1, three_d=False),
                                   "qnnpack", tq.get_default_qconfig("qnnpack"))


def onednn_decoder():
    torch.manual_seed(4)
    # 7-bit activations (PyTorch's reduce_range), as PyTorch advises for
    # x86 CPUs without VNNI: there oneDNN adds pairs of u8 x s8 products
    # with VPMADDUBSW in saturating 16 bits, so PyTorch's own results, which
    # the tests compare with, are exact on every x86 host only if each pair
    # fits. (tconv's are exact over the full range: tconv-run --check.)
    qconfig = tq.QConfig(
        activation=tq.HistogramObserver.with_args(quant_min=0, quant_max=127),
        weight=tq.default_weight_observer)
    return _post_training_quantize(_Decoder(output_padding=0, three_d=True),
                                   "onednn", qconfig)


class _Direct(nn.Module):
    def __init__(self):
        super().__init__()
        generator = torch.Generator().manual_seed(5)
        self.per_channel = nnq.ConvTranspose2d(4, 6, 3, stride=2, padding=1)
        w = torch.randn(4, 6, 3, 3, generator=generator)
        scales = torch.rand(6, generator=generator, dtype=torch.double) * 0.02 + 0.01
        self.per_channel.set_weight_bias(
            torch.quantize_per_channel(w, scales, torch.full([6], 3), 1,
                                       torch.qint8),
            torch.randn(6, generator=generator))
        self.per_channel.scale, self.per_channel.zero_point = 0.031, 110
        self.qint8 = nnq.ConvTranspose2d(6, 4, 2, stride=2, dilation=2,
                                          output_padding=1)
        self.qint8.set_weight_bias(
            torch.quantize_per_tensor(torch.randn(6, 4, 2, 2, generator=generator),
                                      0.013, 0, torch.qint8),
            torch.randn(4, generator=generator))
        self.qint8.scale, self.qint8.zero_point = 0.047, -9

    def forward(self, x):                         # (N, 4, 5, 6)
        y = self.per_channel(torch.quantize_per_tensor(x, 0.0079, 128,
                                                       torch.quint8))
        y = torch.quantize_per_tensor(y.dequantize(), 0.029, -3, torch.qint8)
        return self.qint8(y).dequantize()


def qnnpack_direct():
    torch.backends.quantized.engine = "qnnpack"
    return _Direct()
