"""Quantized PyTorch models that tconv-import rejects
(test/Frontends/torch-quantized.test):

  qnnpack_3d()           a ConvTranspose3d built with qnnpack, which PyTorch
                         runs with a wrong output shape
  zero_points_differ()   per-channel weights (qnnpack) whose zero points
                         differ
"""

import torch
import torch.ao.nn.quantized as nnq
from torch import nn


class _Quantized(nn.Module):
    def __init__(self, conv):
        super().__init__()
        self.up = conv

    def forward(self, x):
        x = torch.quantize_per_tensor(x, 0.02, 128, torch.quint8)
        return self.up(x).dequantize()


def qnnpack_3d():
    torch.backends.quantized.engine = "qnnpack"
    return _Quantized(nnq.ConvTranspose3d(2, 2, 3, stride=2, padding=1))


def zero_points_differ():
    torch.backends.quantized.engine = "qnnpack"
    conv = nnq.ConvTranspose2d(2, 3, 2, stride=2)
    conv.set_weight_bias(torch.quantize_per_channel(
        torch.randn(2, 3, 2, 2), torch.tensor([0.01, 0.02, 0.03]),
        torch.tensor([0, 1, 0]), 1, torch.qint8), None)
    return _Quantized(conv)
