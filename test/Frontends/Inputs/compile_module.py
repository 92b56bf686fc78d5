"""tconv_import.compile_module on a module that is not one of
examples/models/networks.py: ConvTranspose2d -> BatchNorm2d -> LeakyReLU
plus a 1x1 Conv2d skip upsampled by nearest interpolation, added, tanh.
Prints one line per check for FileCheck: the compiled callable against
PyTorch eager (normwise relative error <= 1e-4) at batch 1 and 3, and the
errors of bad calls. tconv-aot comes from PATH."""

import torch
import torch.nn.functional as F

import tconv_import
from tconv_import.mlir import FrontendError


class Decoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.up = torch.nn.ConvTranspose2d(8, 4, 4, stride=2, padding=1)
        self.bn = torch.nn.BatchNorm2d(4)
        self.skip = torch.nn.Conv2d(8, 4, 1)

    def forward(self, x):
        y = F.leaky_relu(self.bn(self.up(x)), 0.2)
        s = F.interpolate(self.skip(x), scale_factor=2, mode="nearest")
        return torch.tanh(y + s)


def main():
    torch.manual_seed(0)
    model = Decoder()
    with torch.no_grad():  # batch norm statistics that are not 0 and 1
        model.bn.running_mean.uniform_(-0.5, 0.5)
        model.bn.running_var.uniform_(0.5, 2.0)
        model.bn.weight.uniform_(0.5, 1.5)
        model.bn.bias.uniform_(-0.5, 0.5)
    try:
        tconv_import.compile_module(model, torch.randn(1, 8, 6, 6))
    except FrontendError as e:
        print(f"training: {e}")
    model.eval()
    fast = tconv_import.compile_module(model, torch.randn(1, 8, 6, 6))
    for batch in (1, 3):
        x = torch.rand(batch, 8, 6, 6) * 2 - 1
        with torch.no_grad():
            expected = model(x)
        y = fast(x)
        rel = ((y - expected).abs().max() / expected.abs().max()).item()
        print(f"batch {batch}: {type(y).__name__} {list(y.shape)} "
              f"{y.dtype}, rel error {rel:.1e} "
              f"{'PASS' if rel <= 1e-4 else 'FAIL'}")
    for label, bad in (("float64", torch.zeros(1, 8, 6, 6, dtype=torch.float64)),
                       ("strided", torch.zeros(1, 6, 6, 8).permute(0, 3, 1, 2)),
                       ("shape", torch.zeros(1, 8, 5, 6))):
        try:
            fast(bad)
            print(f"{label}: no error")
        except (TypeError, ValueError) as e:
            print(f"{label}: {type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
