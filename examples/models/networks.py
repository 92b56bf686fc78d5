"""Four networks built around transposed convolutions, at their published
sizes, as plain torch.nn.Modules with seeded weights (every call builds the
same model; see _init), for tconv-import --whole-model
(docs/tutorials/whole-model.md, test/Frontends/whole-*.test).

    dcgan_generator(): DCGAN (Radford et al.), nz 100 -> 3x64x64:
        ConvTranspose2d 100->512 k4 s1 p0, then 512->256->128->64 k4 s2 p1,
        each with BatchNorm + ReLU, then 64->3 k4 s2 p1 + Tanh.
        Input (N, 100, 1, 1).
    unet_generator(): the pix2pix U-Net generator ("unet_256", Isola et
        al.; num_downs 8, ngf 64): an encoder of Conv2d k4 s2 p1 with
        LeakyReLU(0.2) and BatchNorm, and the decoder this is about: ReLU,
        ConvTranspose2d k4 s2 p1, BatchNorm, Dropout(0.5) in the three
        innermost decoder blocks, and skip concatenations with the encoder's
        features, then Tanh. Input (N, 3, 256, 256); unet_generator_64()
        has the same blocks with num_downs 6 (one dropout block) for
        (N, 3, 64, 64). The encoder (pix2pix's own) is included so that
        the module has one input.
    fsrcnn(scale): FSRCNN (Dong et al.) x2 / x4 with d 56, s 12, m 4: conv
        5x5 1->56 + PReLU, shrink 1x1 56->12 + PReLU, four 3x3 12->12 +
        PReLU, expand 1x1 12->56 + PReLU, ConvTranspose2d 56->1 9x9 stride
        scale, padding 4, output_padding scale - 1. Input (N, 1, H, W): the
        luminance; output (N, 1, H scale, W scale).
    melgan_generator(): MelGAN's generator (Kumar et al.; ngf 32, 3
        residual layers per stack): conv 7 80->512, then per upsampling
        ratio 8, 8, 2, 2: LeakyReLU(0.2), ConvTranspose1d (kernel 2r,
        stride r, padding r // 2 + r % 2, output_padding r % 2) halving the
        channels, a residual stack of dilated Conv1d (dilation 1, 3, 9) with
        1x1 shortcut convs; LeakyReLU, conv 7 32->1, Tanh. Input mel frames
        (N, 80, T), output (N, 1, 256 T). Without weight norm (fold it in
        with torch.nn.utils.remove_weight_norm for trained weights). The
        published model pads with ReflectionPad1d, which tconv-import does
        not import (tensor.pad pads constants only): these convolutions pad
        with zeros instead, the same shapes and cost.
"""

import math

import torch
from torch import nn


def _init(model):
    """Seeded weights that keep activations at their scale through the
    network, as in a trained one (the published initializations, such as
    DCGAN's N(0, 0.02), leave the outputs of an untrained deep network
    nearly constant, which would make the comparisons weak): normal with
    variance 1 / fan-in, where the fan-in of a transposed convolution's
    output is Cin/G * prod(k / stride); biases and PReLU slopes uniform;
    batch norms with non-trivial running statistics."""
    for m in model.modules():
        if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Conv3d)):
            fan_in = m.weight[0].numel()
        elif isinstance(m, (nn.ConvTranspose1d, nn.ConvTranspose2d,
                            nn.ConvTranspose3d)):
            fan_in = m.weight.shape[0] // m.groups * math.prod(
                max(1, k // s) for k, s in zip(m.kernel_size, m.stride))
        elif isinstance(m, nn.PReLU):
            nn.init.uniform_(m.weight, 0.1, 0.3)
            continue
        else:
            continue
        nn.init.normal_(m.weight, 0.0, 1 / math.sqrt(fan_in))
        if m.bias is not None:
            nn.init.uniform_(m.bias, -0.05, 0.05)
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            nn.init.normal_(m.weight, 1.0, 0.1)
            nn.init.uniform_(m.bias, -0.1, 0.1)
            m.running_mean.uniform_(-0.1, 0.1)
            m.running_var.uniform_(0.5, 1.5)
    return model.eval()


class DCGANGenerator(nn.Module):
    def __init__(self, nz=100, ngf=64, nc=3):
        super().__init__()
        layers, cin = [], nz
        for i, cout in enumerate([ngf * 8, ngf * 4, ngf * 2, ngf]):
            layers += [nn.ConvTranspose2d(cin, cout, 4, 1 if i == 0 else 2,
                                          0 if i == 0 else 1, bias=False),
                       nn.BatchNorm2d(cout), nn.ReLU(True)]
            cin = cout
        layers += [nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=False), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, z):            # (N, 100, 1, 1) -> (N, 3, 64, 64)
        return self.main(z)


def dcgan_generator():
    torch.manual_seed(0)
    return _init(DCGANGenerator())


class UnetBlock(nn.Module):
    """pix2pix's UnetSkipConnectionBlock: x -> cat(x, up(sub(down(x))))."""

    def __init__(self, outer, inner, input_nc=None, sub=None, outermost=False,
                 innermost=False, dropout=False):
        super().__init__()
        self.outermost = outermost
        input_nc = input_nc or outer
        down = [nn.Conv2d(input_nc, inner, 4, 2, 1, bias=False)]
        if outermost:
            up = [nn.ReLU(True), nn.ConvTranspose2d(inner * 2, outer, 4, 2, 1),
                  nn.Tanh()]
            model = down + [sub] + up
        elif innermost:
            up = [nn.ReLU(True),
                  nn.ConvTranspose2d(inner, outer, 4, 2, 1, bias=False),
                  nn.BatchNorm2d(outer)]
            model = [nn.LeakyReLU(0.2, True)] + down + up
        else:
            up = [nn.ReLU(True),
                  nn.ConvTranspose2d(inner * 2, outer, 4, 2, 1, bias=False),
                  nn.BatchNorm2d(outer)]
            down = [nn.LeakyReLU(0.2, True)] + down + [nn.BatchNorm2d(inner)]
            model = down + [sub] + up + ([nn.Dropout(0.5)] if dropout else [])
        self.model = nn.Sequential(*model)

    def forward(self, x):
        if self.outermost:
            return self.model(x)
        return torch.cat([x, self.model(x)], 1)


class UnetGenerator(nn.Module):
    def __init__(self, input_nc=3, output_nc=3, num_downs=8, ngf=64):
        super().__init__()
        block = UnetBlock(ngf * 8, ngf * 8, innermost=True)
        for _ in range(num_downs - 5):
            block = UnetBlock(ngf * 8, ngf * 8, sub=block, dropout=True)
        block = UnetBlock(ngf * 4, ngf * 8, sub=block)
        block = UnetBlock(ngf * 2, ngf * 4, sub=block)
        block = UnetBlock(ngf, ngf * 2, sub=block)
        self.model = UnetBlock(output_nc, ngf, input_nc=input_nc, sub=block,
                               outermost=True)

    def forward(self, x):            # (N, 3, 256, 256) -> (N, 3, 256, 256)
        return self.model(x)


def unet_generator(num_downs=8):
    torch.manual_seed(1)
    return _init(UnetGenerator(num_downs=num_downs))


def unet_generator_64():
    """The U-Net's blocks with num_downs 6, for (N, 3, 64, 64) inputs."""
    return unet_generator(num_downs=6)


class FSRCNN(nn.Module):
    def __init__(self, scale, d=56, s=12, m=4, channels=1):
        super().__init__()
        layers = [nn.Conv2d(channels, d, 5, padding=2), nn.PReLU(d),
                  nn.Conv2d(d, s, 1), nn.PReLU(s)]
        for _ in range(m):
            layers += [nn.Conv2d(s, s, 3, padding=1), nn.PReLU(s)]
        layers += [nn.Conv2d(s, d, 1), nn.PReLU(d)]
        self.body = nn.Sequential(*layers)
        self.deconv = nn.ConvTranspose2d(d, channels, 9, stride=scale,
                                         padding=4, output_padding=scale - 1)

    def forward(self, x):            # (N, 1, H, W) -> (N, 1, H s, W s)
        return self.deconv(self.body(x))


def fsrcnn(scale=2):
    torch.manual_seed(2 + scale)
    return _init(FSRCNN(scale))


def fsrcnn_x2():
    return fsrcnn(2)


def fsrcnn_x4():
    return fsrcnn(4)


class ResidualStack(nn.Module):
    """MelGAN's ResnetBlocks: x = shortcut(x) + block(x) per dilation."""

    def __init__(self, dim, dilations=(1, 3, 9)):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Sequential(
            nn.LeakyReLU(0.2),
            nn.Conv1d(dim, dim, 3, dilation=d, padding=d),  # zeros, see above
            nn.LeakyReLU(0.2),
            nn.Conv1d(dim, dim, 1)) for d in dilations])
        self.shortcuts = nn.ModuleList([nn.Conv1d(dim, dim, 1)
                                        for _ in dilations])

    def forward(self, x):
        for block, shortcut in zip(self.blocks, self.shortcuts):
            x = shortcut(x) + block(x)
        return x


class MelGANGenerator(nn.Module):
    def __init__(self, n_mels=80, ngf=32, ratios=(8, 8, 2, 2)):
        super().__init__()
        mult = 2 ** len(ratios)
        layers = [nn.Conv1d(n_mels, mult * ngf, 7, padding=3)]
        for r in ratios:
            layers += [nn.LeakyReLU(0.2),
                       nn.ConvTranspose1d(mult * ngf, mult * ngf // 2, 2 * r,
                                          stride=r, padding=r // 2 + r % 2,
                                          output_padding=r % 2),
                       ResidualStack(mult * ngf // 2)]
            mult //= 2
        layers += [nn.LeakyReLU(0.2), nn.Conv1d(ngf, 1, 7, padding=3),
                   nn.Tanh()]
        self.model = nn.Sequential(*layers)

    def forward(self, mel):          # (N, 80, T) -> (N, 1, 256 T)
        return self.model(mel)


def melgan_generator():
    torch.manual_seed(4)
    return _init(MelGANGenerator())


# name -> (constructor, real input shape)
MODELS = {
    "dcgan_generator": (dcgan_generator, [1, 100, 1, 1]),
    "unet_generator": (unet_generator, [1, 3, 256, 256]),
    "unet_generator_64": (unet_generator_64, [1, 3, 64, 64]),
    "fsrcnn_x2": (fsrcnn_x2, [1, 1, 128, 128]),
    "fsrcnn_x4": (fsrcnn_x4, [1, 1, 128, 128]),
    "melgan_generator": (melgan_generator, [1, 80, 32]),
}
