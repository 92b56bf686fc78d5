//===- Passes.td - tconv conversion passes -----------------*- tablegen -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CONVERSION_PASSES_TD
#define TCONV_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"
include "tconv/Target/TargetOptions.td"

def ConvertTConvToLinalg : Pass<"convert-tconv-to-linalg"> {
  let summary = "Lower tconv.conv_transpose to linalg on tensors";
  let description = [{
    Rewrites every `tconv.conv_transpose` into upstream tensor IR with one of
    the algorithms chosen by `algorithm`:

    - `phase`: for each output residue class (o + pb) mod s (per dim), a
      stride-1 convolution of the original input (cropped or zero-padded
      with `tensor.pad`) with the sub-kernel of the taps that reach it,
      written into the output by a strided `tensor.insert_slice`. Does only
      the useful multiplications. Needs static spatial sizes.
    - `subpixel`: all phases as ONE stride-1 convolution whose output
      channels are (stride residues, Cout), with the kernel scattered into
      it, then a pixel shuffle (transpose, reshape, crop); a GEMM when
      k == s. Where a 2-D or 3-D channels-last result is cropped and every
      output size is a multiple of the stride, the shuffle writes the
      result itself, in two transposes per cropped dim (no shuffled copy
      for the crop to slice); where each part's rows (residues times Cout)
      are also whole 64-byte chunks, each part is a convolution of its own
      whose register tiles store the chunks (no temporary). Needs
      groups == 1 and static spatial sizes.
    - `gemm`: where stamps do not overlap (kernel == stride and dilation 1,
      or a 1x1 kernel, in every dim; U-Net's 2x2 stride-2
      up-convolution): 1x1 convolutions, i.e. matrix multiplications, plus
      a pixel shuffle (`subpixel`, groups 1) or strided writes (`phase`).
      Other ops are reported.
    - `zero-insertion`: the classic algorithm below; any shape.
    - `auto` (default): per op, by a small cost model over the strides,
      channels and groups (zero insertion for unit strides and dynamic
      spatial sizes); its rules are documented in one place, the header of
      `lib/Conversion/TConvToLinalg/Selection.cpp`. The target options
      (`target-triple`, `target-cpu`, `target-features`; the host by
      default) give it the vector width it weighs channel counts by.

    The classic zero-insertion algorithm:

    1. the input is written with a strided `tensor.insert_slice` into a zero
       tensor of the padded size (`tensor.extract_slice` first drops input
       rows that negative padding crops away),
    2. the weight is flipped in every spatial dim and its channel axes are
       swapped per group (computed at compile time when it is a constant),
    3. a stride-1 convolution with the op's dilation, initialised with the
       broadcast bias, computes the result: a named `linalg` convolution when
       upstream has one for the layout and grouping, `linalg.generic`
       otherwise. f16/bf16 accumulate in f32.

    With `channels-last-compute` (the default), channels-first ops are
    computed in the channels-last layout between a transpose of the input
    and one of the result: the codegen vectorizes NHWC/HWCF convolutions far
    better (measured 43 vs 4.9 useful GFLOP/s on DCGAN's 256->128 layer).

    Batch and input spatial dims may be dynamic; the weight must be static.

    Before / after (2-D, stride 2, schematically):

    ```mlir
    %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>} : ...
    // becomes
    %z = tensor.insert_slice %x into %zeros[0, 0, 1, 1] [..] [1, 1, 2, 2]
    %f = linalg.generic ... // flipped, transposed weight
    %y = linalg.conv_2d_nchw_fchw ins(%z, %f : ...) outs(%bias : ...)
    ```
  }];
  let options = !listconcat(TargetModelOptions, [
    Option<"algorithm", "algorithm", "::mlir::tconv::LoweringAlgorithm",
           "::mlir::tconv::LoweringAlgorithm::Auto",
           "Lowering algorithm: zero-insertion, phase, subpixel, gemm or auto",
           "::mlir::tconv::getLoweringAlgorithmValues()">,
    Option<"channelsLastCompute", "channels-last-compute", "bool", "true",
           "Compute channels-first ops in the channels-last layout">,
  ]);
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def ConvertTosaToTConv : Pass<"convert-tosa-to-tconv"> {
  let summary = "Import tosa.transpose_conv2d as tconv.conv_transpose";
  let description = [{
    Rewrites every float `tosa.transpose_conv2d` (f32, f16 or bf16, zero
    zero-points) and every i8 one (i8 input and weight, i32 bias and result,
    constant zero points, which become the op's `input_zero_point` and
    `weight_zero_point`) into a `tconv.conv_transpose` with
    `#tconv.layout<channels_last>`, so that TOSA pipelines (TFLite,
    torch-mlir's TOSA path) get tconv's lowerings. TOSA's NHWC input and OHWI
    weight are tconv's channels_last operands as they are; `out_pad` is minus
    tconv's `padding` where it crops. Positive `out_pad` (rows only the bias
    reaches) becomes `output_padding` when it is at the end and below the
    stride, and otherwise an `insert_slice` of the result into the broadcast
    bias. A bias of size 1 is broadcast to the output channels.

    Other ops are left as they are. A `tosa.transpose_conv2d` that cannot be
    converted (i16 or other types, non-constant zero points, float zero
    points other than zero) is left for
    upstream's TOSA lowering with a warning, or is an error with `strict`.

    ```mlir
    %y = tosa.transpose_conv2d %x, %w, %b, %zp, %zp
           {out_pad = array<i64: -1, -1, -1, -1>, stride = array<i64: 2, 2>,
            acc_type = f32} : (tensor<1x8x8x16xf32>, tensor<4x3x3x16xf32>,
            tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x15x15x4xf32>
    // becomes
    %y = tconv.conv_transpose %x, %w, %b {layout = #tconv.layout<channels_last>,
           output_padding = array<i64: 0, 0>, padding = array<i64: 1, 1, 1, 1>,
           strides = array<i64: 2, 2>} : ...
    ```
  }];
  let options = [
    Option<"strict", "strict", "bool", "false",
           "Fail on a tosa.transpose_conv2d that cannot be converted instead "
           "of leaving it, with a warning, to upstream's TOSA lowering">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::tconv::TConvDialect",
  ];
}

#endif // TCONV_CONVERSION_PASSES_TD
