"""Small models with one operator tconv-import --whole-model does not
import each (test/Frontends/whole-unsupported.test): a module, a function, a
tensor method, an unsupported parameter of a supported module. With --onnx
OUTDIR NAME=SHAPE... exports them (opset 17)."""

import sys

import torch
from torch import nn


class Softmax(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose2d(4, 4, 4, 2, 1)
        self.head = nn.Sequential(nn.ReLU(), nn.Softmax(dim=1))

    def forward(self, x):
        return self.head(self.up(x))


class MaxPool(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose2d(4, 4, 4, 2, 1)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        return self.pool(self.up(x))


class ReflectionPad(nn.Module):
    """MelGAN's padding."""

    def __init__(self):
        super().__init__()
        self.pad = nn.ReflectionPad1d(3)
        self.conv = nn.Conv1d(4, 4, 7)

    def forward(self, x):
        return self.conv(self.pad(x))


class ReflectConv(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 4, 3, padding=1, padding_mode="reflect")

    def forward(self, x):
        return self.conv(x)


class FunctionalSoftmax(nn.Module):
    def forward(self, x):
        return torch.softmax(torch.relu(x), dim=1)


class View(nn.Module):
    def forward(self, x):
        return torch.tanh(x).view(-1)


class Bilinear(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.Upsample(scale_factor=2, mode="bilinear")

    def forward(self, x):
        return self.up(x)


if __name__ == "__main__" and sys.argv[1:2] == ["--onnx"]:
    import os
    import warnings
    warnings.simplefilter("ignore")
    for spec in sys.argv[3:]:
        name, shape = spec.split("=")
        torch.onnx.export(globals()[name]().eval(),
                          torch.zeros([int(v) for v in shape.split(",")]),
                          os.path.join(sys.argv[2], name + ".onnx"),
                          opset_version=17, input_names=["input"],
                          output_names=["output"])
