//===- RowZeroInsertion.cpp - Zeros along the rows of depthwise ops -------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A channels-first depthwise conv_transpose is computed along its image rows
// (isComputedAlongRows). With a stride along the rows, its phases would each
// write every s-th element of a row, which vectors cannot store. So that
// dim gets zero insertion instead: the op is lowered as the one of stride 1
// along it (getConvTransposeInfo describes that problem) on its input with
// s - 1 zeros between the elements of each row and its output padding
// appended, which computes the same result (x[i] reaches the outputs
// i * s - pb + t * d; in the stretched input it sits at i * s). Its other
// dims still decompose into phases. The multiplications by the inserted
// zeros cost less than the two transposes of the channels-last form: a
// depthwise op has few taps per output and is bound by memory.
//
//===----------------------------------------------------------------------===//

#include "Common.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::tconv;
using namespace mlir::tconv::lowering;

Value lowering::insertZerosAlongRows(OpBuilder &b, Location loc, Value input,
                                     const ConvTransposeInfo &info) {
  auto type = cast<RankedTensorType>(input.getType());
  int64_t rank = type.getRank();
  int64_t width = type.getDimSize(rank - 1);
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, input);
  SmallVector<OpFoldResult> stretchedSizes = sizes;
  stretchedSizes.back() =
      b.getIndexAttr((width - 1) * info.rowStride + 1 + info.rowOutputPadding);
  Value empty =
      tensor::EmptyOp::create(b, loc, stretchedSizes, type.getElementType());
  Value zero = arith::ConstantOp::create(b, loc, info.getInputPaddingValue(b));
  Value zeros = linalg::FillOp::create(b, loc, zero, empty).getResult(0);
  SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  strides.back() = b.getIndexAttr(info.rowStride);
  return tensor::InsertSliceOp::create(b, loc, input, zeros, offsets, sizes,
                                       strides);
}
