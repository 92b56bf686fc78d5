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

    Argument attribute `tconv.pack` (unit, on `func.func` arguments): the
    argument is a weight that `--tconv-outline-weight-packing` rearranges
    in a function of its own (tconv-aot --pack-weights sets it).
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasRegionArgAttrVerify = 1;
  let extraClassDeclaration = [{
    /// The unit argument attribute that marks weights to pack.
    static constexpr ::llvm::StringLiteral kPackAttrName = "tconv.pack";
    /// The functions --tconv-outline-weight-packing makes of `@F`:
    /// `@F_pack` and `@F_packed`.
    static constexpr ::llvm::StringLiteral kPackFunctionSuffix = "_pack";
    static constexpr ::llvm::StringLiteral kPackedFunctionSuffix = "_packed";
  }];
}

#endif // TCONV_DIALECT_TD
