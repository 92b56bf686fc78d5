//===- TConvOps.td - tconv operations ----------------------*- tablegen -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_OPS_TD
#define TCONV_OPS_TD

include "tconv/Dialect/TConv/IR/TConvDialect.td"
include "tconv/Dialect/TConv/IR/TConvAttrs.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class TConv_Op<string mnemonic, list<Trait> traits = []>
    : Op<TConv_Dialect, mnemonic, traits>;

// Each operand's types; which combinations are valid (all one float type,
// or i8/ui8 input, i8 weight, i32 bias and result) is checked by the
// verifier, with a diagnostic naming the types.
def TConv_InputTensor : RankedTensorOf<[F32, F16, BF16, I8, UI8]>;
def TConv_WeightTensor : RankedTensorOf<[F32, F16, BF16, I8]>;
def TConv_ResultTensor : RankedTensorOf<[F32, F16, BF16, I32]>;

def TConv_ConvTransposeOp : TConv_Op<"conv_transpose", [Pure,
    InferTypeOpAdaptor]> {
  let summary = "transposed convolution (PyTorch ConvTranspose semantics)";
  let description = [{
    Computes a 1-D, 2-D or 3-D transposed convolution by the scatter
    definition: every input element is multiplied by the whole kernel of its
    group and added ("stamped") into the output at
    `o = i * stride - pad_begin + k * dilation`; positions outside the output
    are dropped. The output size per spatial dimension is

        O = (I - 1) * stride - pad_begin - pad_end
            + dilation * (k - 1) + output_padding + 1

    Operands: `input`, `weight` and an optional `bias` of shape `(Cout)`.
    Either all operands and the result share one float element type (f32,
    f16 or bf16), or the op is quantized: `input` is i8 or ui8 (u8 is MLIR's
    unsigned `ui8`; the lowering reinterprets its bits as signless and
    zero-extends), `weight` is i8, and `bias` and the result are i32. A
    quantized op computes the scatter below on `input - input_zero_point`
    and `weight - weight_zero_point`, exactly: the result is the exact
    integer sum, which must fit in i32 (choose sizes and data for which it
    does; nothing saturates by definition; the lowering accumulates in
    wrapping i32, exact whenever the final sum fits). Dims may be dynamic;
    the result then has `?` where its size depends on one.

    Attributes (all optional; `d` is the number of spatial dims, 1 to 3):
    - `strides` (d values, default 1), `dilations` (d values, default 1),
    - `padding` (2·d values: all begins, then all ends; default 0),
    - `output_padding` (d values, default 0; each `< max(stride, dilation)`),
    - `groups` (default 1; divides Cin and Cout),
    - `layout` (`#tconv.layout<channels_first>` by default, or
      `#tconv.layout<channels_last>`),
    - `input_zero_point`, `weight_zero_point` (i32, default 0; quantized ops
      only, within the range of the input's or the weight's element type:
      [-128, 127] for i8, [0, 255] for ui8).

    Layouts: channels_first has input `(N, Cin, I...)`, weight
    `(Cin, Cout/G, k...)` and result `(N, Cout, O...)`; channels_last has input
    `(N, I..., Cin)`, weight `(Cout, k..., Cin/G)` and result `(N, O..., Cout)`.

    Custom form (the attribute dictionary may hold any of the attributes):

    ```mlir
    %y = tconv.conv_transpose %x, %w, %b
           {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}
         : (tensor<16x256x8x8xf32>, tensor<256x128x4x4xf32>, tensor<128xf32>)
         -> tensor<16x128x16x16xf32>
    ```

    Quantized:

    ```mlir
    %y = tconv.conv_transpose %x, %w, %b
           {strides = array<i64: 2>, input_zero_point = 128 : i32,
            weight_zero_point = -3 : i32}
         : (tensor<1x4x8xui8>, tensor<4x2x3xi8>, tensor<2xi32>)
         -> tensor<1x2x17xi32>
    ```

    The step back to 8 bits is TOSA's `tosa.rescale` on the result
    (multiplier and shift per tensor or per output channel, rounding mode,
    zero points, saturation), which the pipeline lowers and computes on the
    convolution's register tiles (docs/tutorials/tosa.md); the importers
    write their frameworks' float requantization as a `linalg.generic`.

    Generic form:

    ```mlir
    %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 2>,
           layout = #tconv.layout<channels_last>}>
         : (tensor<?x8x4xf16>, tensor<6x3x4xf16>) -> tensor<?x17x6xf16>
    ```
  }];

  let arguments = (ins
    TConv_InputTensor:$input,
    TConv_WeightTensor:$weight,
    Optional<TConv_ResultTensor>:$bias,
    OptionalAttr<DenseI64ArrayAttr>:$strides,
    OptionalAttr<DenseI64ArrayAttr>:$padding,
    OptionalAttr<DenseI64ArrayAttr>:$output_padding,
    OptionalAttr<DenseI64ArrayAttr>:$dilations,
    DefaultValuedOptionalAttr<I64Attr, "1">:$groups,
    DefaultValuedOptionalAttr<TConv_LayoutAttr,
                              "::mlir::tconv::Layout::channels_first">:$layout,
    OptionalAttr<I32Attr>:$input_zero_point,
    OptionalAttr<I32Attr>:$weight_zero_point
  );
  let results = (outs TConv_ResultTensor:$output);

  // The attribute-form builders without the zero points (float ops), with
  // the result type inferred or given.
  let builders = [
    OpBuilder<(ins "Value":$input, "Value":$weight, "Value":$bias,
      "DenseI64ArrayAttr":$strides, "DenseI64ArrayAttr":$padding,
      "DenseI64ArrayAttr":$output_padding, "DenseI64ArrayAttr":$dilations,
      "IntegerAttr":$groups, "LayoutAttr":$layout), [{
      build($_builder, $_state, input, weight, bias, strides, padding,
            output_padding, dilations, groups, layout,
            /*input_zero_point=*/IntegerAttr(),
            /*weight_zero_point=*/IntegerAttr());
    }]>,
    OpBuilder<(ins "Type":$output, "Value":$input, "Value":$weight,
      "Value":$bias, "DenseI64ArrayAttr":$strides,
      "DenseI64ArrayAttr":$padding, "DenseI64ArrayAttr":$output_padding,
      "DenseI64ArrayAttr":$dilations, "IntegerAttr":$groups,
      "LayoutAttr":$layout), [{
      build($_builder, $_state, output, input, weight, bias, strides, padding,
            output_padding, dilations, groups, layout,
            /*input_zero_point=*/IntegerAttr(),
            /*weight_zero_point=*/IntegerAttr());
    }]>
  ];

  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];

  let extraClassDeclaration = [{
    /// The number of spatial dimensions, 1 to 3 for a valid op.
    unsigned getNumSpatialDims() {
      return getInput().getType().getRank() - 2;
    }
    bool isChannelsLast() { return getLayout() == Layout::channels_last; }
    /// True for the quantized form (integer operands, i32 result).
    bool isQuantized() {
      return ::llvm::isa<::mlir::IntegerType>(
          getInput().getType().getElementType());
    }
    /// The zero points, 0 when absent.
    int32_t getInputZeroPointValue() {
      return getInputZeroPoint() ? static_cast<int32_t>(*getInputZeroPoint())
                                 : 0;
    }
    int32_t getWeightZeroPointValue() {
      return getWeightZeroPoint() ? static_cast<int32_t>(*getWeightZeroPoint())
                                  : 0;
    }
    /// The attributes with their defaults filled in, per spatial dim. Only
    /// meaningful on a verified op.
    ::llvm::SmallVector<SpatialParams, 3> getSpatialParams();
    /// The kernel sizes k_i (possibly ShapedType::kDynamic).
    ::llvm::SmallVector<int64_t, 3> getKernelSizes();
    /// The static description of this op with the given runtime batch and
    /// input spatial sizes (which replace dynamic dims); std::nullopt if
    /// the weight or channel dims are dynamic.
    std::optional<ConvTransposeProblem>
    getProblem(int64_t batch, ::llvm::ArrayRef<int64_t> inputSizes);
  }];
}

def TConv_IntegerLike : AnyTypeOf<[AnyInteger, VectorOfAnyRankOf<[AnyInteger]>,
                                  RankedTensorOf<[AnyInteger]>]>;

def TConv_SignCastOp : TConv_Op<"sign_cast", [Pure, ElementwiseMappable]> {
  let summary = "reinterpret integers as another signedness of the same width";
  let description = [{
    The same bits in an integer type of another signedness: `ui8` to `i8`
    and back, elementwise on scalars, vectors and tensors. `arith` takes
    signless integers only, so the lowering of a `ui8` input reinterprets it
    with this op before computing on it. Unlike
    `builtin.unrealized_conversion_cast`, it is elementwise mappable, so the
    linalg vectorizer vectorizes a `linalg.generic` that contains it;
    `tconv-lower-sign-casts` removes it before the LLVM lowering, where both
    types become the same LLVM integer.

    ```mlir
    %signless = tconv.sign_cast %byte : ui8 to i8
    ```
  }];
  let arguments = (ins TConv_IntegerLike:$source);
  let results = (outs TConv_IntegerLike:$result);
  let assemblyFormat = "$source attr-dict `:` type($source) `to` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // TCONV_OPS_TD
