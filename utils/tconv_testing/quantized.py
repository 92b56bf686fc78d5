"""The quantized reference: ONNX's definition of a quantized transposed
convolution, DequantizeLinear -> ConvTranspose -> QuantizeLinear, computed
from the operator specifications in double (standard library only),
independent of tconv and of its importers; and the comparison of integer
results.

    DequantizeLinear:  x' = (x - x_zero_point) * x_scale
                       w' = (w - w_zero_point) * w_scale[oc]   (per-axis on
                            axis 1 of the (Cin, Cout/G, k...) weight)
    ConvTranspose:     y' = the scatter definition (reference.py) + bias
    QuantizeLinear:    y = saturate(round_half_even(y' / y_scale) + y_zero_point)

Python's round() of a float is round half to even; every other step is one
double operation (the scatter sums in double, as reference.py does).
"""

import math

from .reference import conv_transpose


def qdq_conv_transpose(x, x_scale, x_zero_point, w, w_scales, w_zero_point,
                       bias, y_scale, y_zero_point, y_range, *, N, Cin, Cout,
                       G, I, k, s, dil, pb, O):
    """(y, before_rounding): flat C-order lists, channels first, of the
    quantized output (ints) and of y' / y_scale (floats, the value that
    QuantizeLinear rounds). x and w are flat sequences of the integers of
    shape (N, Cin, I...) and (Cin, Cout/G, k...); w_scales has one scale per
    output channel of a group (Cout/G; repeat a per-tensor scale); bias is
    None or Cout dequantized floats; y_range is (min, max) of the output
    type."""
    cog, taps = Cout // G, math.prod(k)
    xf = [(v - x_zero_point) * x_scale for v in x]
    wf = [(v - w_zero_point) * w_scales[(i // taps) % cog]
          for i, v in enumerate(w)]
    y = conv_transpose(xf, wf, bias, N=N, Cin=Cin, Cout=Cout, G=G, I=I, k=k,
                       s=s, dil=dil, pb=pb, O=O)
    before = [v / y_scale for v in y]
    lo, hi = y_range
    return [min(max(round(v) + y_zero_point, lo), hi) for v in before], before


def distance_to_tie(value):
    """How far `value` is from the nearest half-integer (a rounding tie)."""
    return abs(abs(value - math.floor(value)) - 0.5)


def compare_integers(got, expected, before_rounding=None, tie_window=0.0):
    """(differing, excused, max_diff) of two equally long integer sequences:
    how many values differ, how many of those differ by exactly 1 where the
    reference's value before rounding (`before_rounding`, when given) is
    within `tie_window` of a rounding tie, and the largest difference. A
    comparison passes when differing == excused."""
    differing = excused = max_diff = 0
    for i, (g, e) in enumerate(zip(got, expected)):
        diff = abs(g - e)
        if diff:
            differing += 1
            max_diff = max(max_diff, diff)
            if (diff == 1 and before_rounding is not None and
                    distance_to_tie(before_rounding[i]) <= tie_window):
                excused += 1
    return differing, excused, max_diff
