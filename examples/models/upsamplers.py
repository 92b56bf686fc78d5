"""Small PyTorch models with several ConvTranspose layers, for tconv-import
(docs/tutorials/pytorch.md, test/Frontends). Weights are seeded, so every
run builds the same model.

    dcgan_generator(): DCGAN's generator at small width, (N, 16, 1, 1) ->
        (N, 3, 32, 32): four ConvTranspose2d (k 4; s 1 p 0, then s 2 p 1),
        batch norm, ReLU, tanh.
    Mixed: 1-D (groups, dilation, output_padding), 2-D called with
        output_size, and 3-D layers; input (N, 8, 6).
"""

import torch
from torch import nn


def dcgan_generator(nz=16, ngf=8, nc=3):
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, bias=False),
        nn.BatchNorm2d(ngf * 4), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),
        nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False),
        nn.BatchNorm2d(ngf), nn.ReLU(True),
        nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=False), nn.Tanh())
    # Non-trivial running statistics, as in a trained model.
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.1, 0.1)
            m.running_var.uniform_(0.5, 1.5)
    return model


class Mixed(nn.Module):
    def __init__(self):
        super().__init__()
        torch.manual_seed(1)
        self.up1d = nn.ConvTranspose1d(8, 6, 3, stride=2, padding=1,
                                       output_padding=1, groups=2, dilation=2)
        self.up2d = nn.ConvTranspose2d(2, 4, 3, stride=2, padding=1)
        self.up3d = nn.ConvTranspose3d(4, 2, (2, 3, 3), stride=(1, 2, 2),
                                       padding=(0, 1, 0), bias=False)

    def forward(self, x):                         # (N, 8, 6)
        n = x.shape[0]
        y = torch.relu(self.up1d(x))              # (N, 6, 14)
        y = y.reshape(n, 2, 6, 7)
        y = self.up2d(y, output_size=[12, 14])    # output_padding (1, 1)
        y = y.reshape(n, 4, 3, 8, 7)
        return self.up3d(y)                       # (N, 2, 4, 15, 15)
