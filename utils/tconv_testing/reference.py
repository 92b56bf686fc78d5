"""The scatter definition of transposed convolution (docs/algorithm.md),
in double, standard library only: the one Python reference, the oracle of the
Python harnesses (random_configs.py, the ONNX importer), independent of
tconv's lowerings and of its C++ reference library.

Every input pixel times the whole kernel is added ("stamped") into the output
at o = i * s - pb + t * dil; positions outside [0, O) are dropped.
"""

import itertools
import math


def out_size(I, s, pb, pe, dil, k, op):
    """docs/algorithm.md: O = (I - 1) * s - pb - pe + dil * (k - 1) + op + 1."""
    return (I - 1) * s - pb - pe + dil * (k - 1) + op + 1


def _strides(shape):
    return [math.prod(shape[i + 1:]) for i in range(len(shape))]


def conv_transpose(x, w, b, *, N, Cin, Cout, G, I, k, s, dil, pb, O,
                   channels_last=False):
    """The output as a flat C-order list of floats.

    x, w and b (None without bias) are flat C-order sequences: channels
    first, x is (N, Cin, I...) and w PyTorch's (Cin, Cout/G, k...);
    channels last, x is (N, I..., Cin) and w (Cout, k..., Cin/G). The output
    is (N, Cout, O...) or (N, O..., Cout)."""
    d = len(I)
    cig, cog = Cin // G, Cout // G
    if channels_last:
        xs, ws, ys = [N] + I + [Cin], [Cout] + k + [cig], [N] + O + [Cout]
        xstr, wstr, ystr = _strides(xs), _strides(ws), _strides(ys)
        x_channel, x_spatial = xstr[-1], xstr[1:1 + d]
        y_channel, y_spatial = ystr[-1], ystr[1:1 + d]
        w_spatial = wstr[1:1 + d]
        # w[g * cog + oc, taps..., ic]
        w_in, w_out = wstr[-1], wstr[0]
        w_group = cog * wstr[0]
    else:
        xs, ws, ys = [N, Cin] + I, [Cin, cog] + k, [N, Cout] + O
        xstr, wstr, ystr = _strides(xs), _strides(ws), _strides(ys)
        x_channel, x_spatial = xstr[1], xstr[2:]
        y_channel, y_spatial = ystr[1], ystr[2:]
        w_spatial = wstr[2:]
        # w[g * cig + ic, oc, taps...]
        w_in, w_out = wstr[0], wstr[1]
        w_group = cig * wstr[0]

    out = [0.0] * math.prod(ys)
    if b is not None:
        for n in range(N):
            for pos in itertools.product(*[range(o) for o in O]):
                base = n * ystr[0] + sum(p * st for p, st in zip(pos, y_spatial))
                for co in range(Cout):
                    out[base + co * y_channel] = b[co]
    # Per dim, the (input offset, weight offset, output offset) of every
    # (input index, tap) pair whose stamp lands inside the output.
    landing = []
    for i in range(d):
        pairs = []
        for ii in range(I[i]):
            for t in range(k[i]):
                o = ii * s[i] - pb[i] + t * dil[i]
                if 0 <= o < O[i]:
                    pairs.append((ii * x_spatial[i], t * w_spatial[i],
                                  o * y_spatial[i]))
        landing.append(pairs)
    for combo in itertools.product(*landing):
        xoff = sum(p[0] for p in combo)
        woff = sum(p[1] for p in combo)
        yoff = sum(p[2] for p in combo)
        for n in range(N):
            for g in range(G):
                ybase = n * ystr[0] + g * cog * y_channel + yoff
                for ic in range(cig):
                    xv = x[n * xstr[0] + (g * cig + ic) * x_channel + xoff]
                    if xv == 0.0:
                        continue
                    wbase = g * w_group + ic * w_in + woff
                    for oc in range(cog):
                        out[ybase + oc * y_channel] += xv * w[wbase + oc * w_out]
    return out


def conv_transpose_of_entry(entry, xshape, x, wshape, w, b):
    """The scatter reference for a test entry: a dict with G, k, s, pb, pe,
    channels_last and optionally op (output padding) and dil, the input and
    weight as read_npy gives them (shape, flat values). Returns (y, shape,
    Cout), y flat in the layout's order."""
    d = len(entry["k"])
    op = entry.get("op", [0] * d)
    dil = entry.get("dil", [1] * d)
    xshape, wshape = list(xshape), list(wshape)
    if entry["channels_last"]:
        N, I, Cin, Cout = xshape[0], xshape[1:1 + d], xshape[-1], wshape[0]
    else:
        N, Cin, I = xshape[0], xshape[1], xshape[2:]
        Cout = wshape[1] * entry["G"]
    O = [out_size(*a) for a in
         zip(I, entry["s"], entry["pb"], entry["pe"], dil, entry["k"], op)]
    y = conv_transpose(x, w, b, N=N, Cin=Cin, Cout=Cout, G=entry["G"], I=I,
                       k=entry["k"], s=entry["s"], dil=dil, pb=entry["pb"],
                       O=O, channels_last=entry["channels_last"])
    shape = [N] + O + [Cout] if entry["channels_last"] else [N, Cout] + O
    return y, shape, Cout
