"""Small models using every operator tconv-import --whole-model supports, in
module and functional form, with the parameters the four networks of
examples/models/networks.py do not use (asymmetric 'same' padding, groups
and dilation in 1-D, 2-D and 3-D, grouped transposed convolutions, a
one-element PReLU slope, buffers as constant operands, non-integer nearest
resizing). Seeded weights. With --onnx OUTDIR NAME=SHAPE... exports them
(opset 17) like examples/models/export_onnx.py.
"""

import sys

import torch
import torch.nn.functional as F
from torch import nn


class Ops2d(nn.Module):
    """(N, 4, 6, 5) -> (N, 16, 30, 27). torch.onnx.export (torch 1.13)
    cannot export padding 'same': Ops2dOnnx pads 1 instead."""

    def __init__(self, padding="same"):
        super().__init__()
        torch.manual_seed(10)
        self.same = nn.Conv2d(4, 8, 4, padding=padding)         # pads 1/2
        self.grouped = nn.Conv2d(8, 8, 3, stride=2, padding=2, dilation=2,
                                 groups=4)
        self.bn = nn.BatchNorm2d(8)
        self.prelu = nn.PReLU()                                  # one slope
        self.up = nn.ConvTranspose2d(8, 12, 3, stride=2, padding=1,
                                     output_padding=1, groups=2)
        self.shuffle = nn.PixelShuffle(2)
        self.act = nn.Sequential(nn.SiLU(), nn.Dropout(0.3), nn.Identity())
        self.gelu = nn.GELU()
        self.relu6 = nn.ReLU6()
        self.hardtanh = nn.Hardtanh(-0.5, 0.25)
        self.upsample = nn.Upsample(scale_factor=2, mode="nearest")
        self.tweight = nn.Parameter(torch.randn(3, 2, 2, 2) * 0.3)
        self.register_buffer("offset", torch.randn(1, 3, 1, 1) * 0.1)
        self.last = nn.Conv2d(8, 16, 1)
        _running_stats(self)

    def forward(self, x):                            # (N, 4, 6, 5)
        y = torch.relu(self.same(x))                 # (N, 8, 6, 5)
        y = self.prelu(self.bn(self.grouped(y)))     # (N, 8, 3, 3)
        y = self.up(y)                               # (N, 12, 6, 6)
        y = self.act(self.shuffle(y))                # (N, 3, 12, 12)
        a = self.gelu(y) * torch.sigmoid(y) + 1.0
        b = F.gelu(y, approximate="tanh") - self.relu6(y) / 2
        c = self.hardtanh(y).clamp(-0.3, 0.2) + self.offset
        d = F.leaky_relu(y, 0.1).tanh()
        y = torch.cat([a, b], dim=1) + torch.cat([c, d], 1)  # (N, 6, 12, 12)
        z = F.conv_transpose2d(c, self.tweight, stride=2)    # (N, 2, 24, 24)
        y = torch.cat([self.upsample(y), z], 1)              # (N, 8, 24, 24)
        y = F.interpolate(y, size=(30, 27), mode="nearest")
        return self.last(y)                          # (N, 16, 30, 27)


def Ops2dOnnx():
    return Ops2d(padding=1)


class Ops1d(nn.Module):
    """(N, 6, 10) -> (N, 4, 54): grouped dilated Conv1d (a linalg.generic),
    an in-place activation whose input is used again, ConvTranspose1d with
    output_padding, functional conv1d with groups."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(11)
        self.conv = nn.Conv1d(6, 6, 3, stride=2, padding=2, dilation=2,
                              groups=3, bias=False)
        self.up = nn.ConvTranspose1d(6, 4, 5, stride=3, padding=2,
                                     output_padding=1)
        self.bn = nn.BatchNorm1d(4)
        self.weight = nn.Parameter(torch.randn(4, 2, 3) * 0.4)
        self.bias = nn.Parameter(torch.randn(4) * 0.1)
        _running_stats(self)

    def forward(self, x):                            # (N, 6, 10)
        y = self.conv(x)                             # (N, 6, 5)
        z = F.leaky_relu(y, 0.3, inplace=True)       # changes y too
        y = F.silu(y) + z
        y = self.bn(self.up(y))                      # (N, 4, 14)
        y = F.hardtanh(F.interpolate(y, scale_factor=4), -0.8, 0.8)
        y = F.conv1d(y, self.weight, self.bias, stride=1, padding=0, groups=2)
        return torch.sigmoid(y) - 0.5                # (N, 4, 54)


class Ops3d(nn.Module):
    """(N, 4, 3, 4, 4) -> (N, 2, 4, 14, 14): grouped Conv3d (a
    linalg.generic), ConvTranspose3d, BatchNorm3d, 3-D nearest upsampling."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(12)
        self.conv = nn.Conv3d(4, 4, 3, padding=1, groups=2)
        self.up = nn.ConvTranspose3d(4, 2, (2, 3, 3), stride=(1, 2, 2),
                                     padding=(0, 1, 1))
        self.bn = nn.BatchNorm3d(2)
        self.upsample = nn.Upsample(scale_factor=(1, 2, 2))
        _running_stats(self)

    def forward(self, x):                            # (N, 4, 3, 4, 4)
        y = self.conv(x).relu()
        y = F.leaky_relu(self.bn(self.up(y)))        # (N, 2, 4, 7, 7)
        return self.upsample(y)                      # (N, 2, 4, 14, 14)


def _running_stats(model):
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
            nn.init.uniform_(m.weight, 0.5, 1.5)
            nn.init.uniform_(m.bias, -0.2, 0.2)
    model.eval()


if __name__ == "__main__" and sys.argv[1:2] == ["--onnx"]:
    import os
    outdir = sys.argv[2]
    for spec in sys.argv[3:]:
        name, shape = spec.split("=")
        torch.onnx.export(globals()[name]().eval(),
                          torch.zeros([int(v) for v in shape.split(",")]),
                          os.path.join(outdir, name + ".onnx"),
                          opset_version=17, input_names=["input"],
                          output_names=["output"])
