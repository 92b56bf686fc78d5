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
    in a function of its own (tconv-aot --pack-weights sets it). An
    importer marks a parameter blob with it too.

    Function attribute `tconv.scratch_bytes` (i64): the size of the
    trailing scratch buffer argument that
    `--tconv-group-static-allocations=caller-scratch` added. Where
    temporaries are sized by a dim of an argument (a dynamic batch), the
    buffer is `tconv.scratch_bytes` plus `tconv.scratch_bytes_per_dim` (i64)
    times the size of `tconv.scratch_dim` (`array<i64: argument, dim>`).

    Attribute `tconv.narrow_weights` (unit, on a quantized `conv_transpose`
    or linalg convolution): every weight lies in [-64, 63], so that
    x86's VPMADDUBSW, which saturates pairs of products to i16, computes
    its products exactly. `--tconv-dispatch-narrow-weights` sets it where
    it checked the weights (at compile time or in a branch taken only then);
    the lowering carries it to the linalg convolutions it makes.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasRegionArgAttrVerify = 1;
  let extraClassDeclaration = [{
    /// The unit argument attribute that marks weights to pack.
    static constexpr ::llvm::StringLiteral kPackAttrName = "tconv.pack";
    /// The unit function attribute of `@F_pack`: it runs once, so its
    /// temporaries are not kept in static memory.
    static constexpr ::llvm::StringLiteral kRunsOnceAttrName =
        "tconv.runs_once";
    /// The functions --tconv-outline-weight-packing makes of `@F`:
    /// `@F_pack` and `@F_packed`.
    static constexpr ::llvm::StringLiteral kPackFunctionSuffix = "_pack";
    static constexpr ::llvm::StringLiteral kPackedFunctionSuffix = "_packed";
    /// The unit attribute of a convolution whose weights lie in [-64, 63].
    static constexpr ::llvm::StringLiteral kNarrowWeightsAttrName =
        "tconv.narrow_weights";
    /// The size in bytes of a function's caller-owned scratch buffer.
    static constexpr ::llvm::StringLiteral kScratchBytesAttrName =
        "tconv.scratch_bytes";
    /// The bytes of a function's caller-owned scratch buffer per unit of
    /// an argument's dim, and that dim (`array<i64: argument, dim>`).
    static constexpr ::llvm::StringLiteral kScratchBytesPerDimAttrName =
        "tconv.scratch_bytes_per_dim";
    static constexpr ::llvm::StringLiteral kScratchDimAttrName =
        "tconv.scratch_dim";
    /// The size in bytes of a function's static scratch buffer (without
    /// caller-owned scratch).
    static constexpr ::llvm::StringLiteral kStaticScratchBytesAttrName =
        "tconv.static_scratch_bytes";
    /// The function tconv-aot --scratch=caller exports for `NAME`.
    static constexpr ::llvm::StringLiteral kScratchSizeFunctionSuffix =
        "_scratch_size";
  }];
}

#endif // TCONV_DIALECT_TD
