//===- TConvDialect.td - tconv dialect definition ----------*- tablegen -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_DIALECT_TD
#define TCONV_DIALECT_TD

include "mlir/IR/OpBase.td"

def TConv_Dialect : Dialect {
  let name = "tconv";
  let cppNamespace = "::mlir::tconv";
  let summary = "Transposed convolution with PyTorch's full semantics";
  let description = [{
    The `tconv` dialect models transposed convolution (deconvolution,
    `ConvTranspose`) as one op, `tconv.conv_transpose`, that carries every
    parameter of PyTorch's `torch.nn.ConvTranspose{1,2,3}d` generalised to
    asymmetric padding, in channels-first (PyTorch) and channels-last
    (TOSA/TFLite) layouts. Lowerings to `linalg` live in
    `--convert-tconv-to-linalg`.
  }];
  let useDefaultAttributePrinterParser = 1;
}

#endif // TCONV_DIALECT_TD
