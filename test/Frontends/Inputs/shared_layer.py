"""One ConvTranspose1d applied twice, to two input shapes: tconv-import
imports it for its first call, and the whole-model check must say so."""
from torch import nn


class Twice(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose1d(2, 2, 3, stride=2)

    def forward(self, x):
        return self.up(self.up(x))
