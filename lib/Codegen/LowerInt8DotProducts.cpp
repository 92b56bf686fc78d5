//===- LowerInt8DotProducts.cpp - i8 contractions to dot products ---------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// A quantized convolution's register tile multiplies i8 inputs by i8
// weights into i32 accumulators. Vectorized as it is, each product is a
// widening i32 multiply (VPMULLD, MUL), no faster than f32. The targets'
// dot-product instructions add a few products into each i32 lane: x86
// VNNI's VPDPBUSD four u8 x s8, AArch64's SDOT four s8 x s8, and on every
// AVX2 or AVX-512BW CPU VPMADDWD two i16 x i16 (exact on i8 values widened
// to i16; the inputs may be widened already,
// tconv-prepare-dot-product-operands). The tile's reduction steps over that
// many input channels on such targets (tconv-tile-and-vectorize), and this pass
// lowers the resulting contractions to the instruction. Each pixel's inputs
// (one lane's worth) are broadcast to every lane; the weights are interleaved
// ([c][f] -> [f][c]) once per block of weights where the loops allow (into
// a buffer the tiles read), else once per weight vector of every tile.
//
// Where a convolution's weights lie in [-64, 63] (tconv.narrow_weights), a
// target without VNNI sums quads too: VPMADDUBSW adds pairs of u8 x s8
// products into i16 lanes, exact for such weights (2 x 255 x 64 < 2^15), and
// VPMADDWD by ones adds pairs of those: 32 products in three instructions
// (with the add), 16 in two with VPMADDWD alone. Its tiles step over four
// channels, VPMADDWD's over two: each kind lowers the tiles of its group,
// VPMADDUBSW only those marked tconv.narrow_weights.
// It takes u8 inputs as VPDPBUSD does, and everything below on them applies.
//
// VPDPBUSD takes unsigned inputs: x ^ 0x80 is x + 128 as u8, so it computes
// sum x w + 128 sum w, and the second term, the same for every pixel of
// the tile, is subtracted again (one VPDPBUSD of 0x80 bytes by the weights
// per weight vector). Where the tiles' inputs come from a temporary only
// they read, its stores flip them (storeInputsUnsigned). The bytes are flipped
// once broadcast (VPXORQ), so that the broadcast reads them from memory;
// flipped before, they went through a general-purpose register and VPBROADCASTD
// from it, which competes with the dot products for a shuffle port (dcgan3 2.0
// -> 1.7 ms).
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/DotProducts.h"
#include "tconv/Codegen/MemoryAccess.h"
#include "tconv/Codegen/Passes.h"
#include "tconv/Dialect/TConv/IR/TConvDialect.h"
#include "tconv/Target/TargetModel.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::tconv {
#define GEN_PASS_DEF_LOWERINT8DOTPRODUCTS
#include "tconv/Codegen/Passes.h.inc"
} // namespace mlir::tconv

using namespace mlir;
using namespace mlir::tconv;

namespace {

/// The vector of `bits`-bit integers `value` is sign-extended from, or
/// null.
Value getSignExtended(Value value, unsigned bits) {
  auto ext = value.getDefiningOp<arith::ExtSIOp>();
  if (!ext)
    return nullptr;
  auto type = dyn_cast<VectorType>(ext.getIn().getType());
  return type && type.getElementType().isInteger(bits) ? ext.getIn() : nullptr;
}

/// A contraction the dot products compute: vector.contract (n, w, f, c):
/// lhs (n, w, c) x rhs (c, f) -> acc (n, w, f) with c the channels of a
/// lane and i8 operands sign-extended to i32 (what the linalg vectorizer
/// makes of a channels-last 1-D convolution's register tile; for VPMADDWD,
/// lhs may be i16, tconv-prepare-dot-product-operands' widened input). f need
/// not fill whole vectors of `lanes` i32: the last block's extra lanes compute
/// garbage that is never stored (3 or 12 channels: an RGB layer).
struct DotProductTile {
  Value lhs, rhs;
  VectorType accType;
  /// VPDPBUSD: whether the lhs bytes are stored flipped already (x ^ 0x80,
  /// the u8 operand; storeInputsUnsigned).
  bool unsignedInputs = false;
};

FailureOr<DotProductTile> matchTile(vector::ContractionOp op,
                                    Int8DotProduct kind, int64_t group) {
  if (op.getKind() != vector::CombiningKind::ADD ||
      isa<vector::MaskOp>(op->getParentOp()))
    return failure();
  auto accType = dyn_cast<VectorType>(op.getAccType());
  if (!accType || !accType.getElementType().isInteger(32) ||
      accType.getRank() != 3 || accType.isScalable())
    return failure();
  Value lhs = getSignExtended(op.getLhs(), 8);
  if (!lhs && kind == Int8DotProduct::PairsOfI16)
    lhs = getSignExtended(op.getLhs(), 16);
  Value rhs = getSignExtended(op.getRhs(), 8);
  if (!lhs || !rhs)
    return failure();
  MLIRContext *ctx = op.getContext();
  AffineExpr n, w, f, c;
  bindDims(ctx, n, w, f, c);
  SmallVector<AffineExpr> lhsIndex = {n, w, c}, rhsIndex = {c, f},
                          accIndex = {n, w, f};
  SmallVector<AffineMap> expected = AffineMap::inferFromExprList(
      ArrayRef<ArrayRef<AffineExpr>>{lhsIndex, rhsIndex, accIndex}, ctx);
  if (op.getIndexingMapsArray() != expected)
    return failure();
  if (cast<VectorType>(lhs.getType()).getDimSize(2) != group)
    return failure();
  return DotProductTile{lhs, rhs, accType};
}

/// Builds the dot products of `kind` on `lanes`-wide i32 vectors.
class DotProductBuilder {
public:
  DotProductBuilder(RewriterBase &rewriter, Location loc, Int8DotProduct kind,
                    int64_t lanes, int64_t group)
      : rewriter(rewriter), loc(loc), kind(kind), lanes(lanes), group(group),
        elementType(kind == Int8DotProduct::PairsOfI16 ? rewriter.getI16Type()
                                                       : rewriter.getI8Type()),
        operandType(VectorType::get({group * lanes}, elementType)),
        wordsType(VectorType::get({lanes}, rewriter.getI32Type())) {}

  /// acc + the sum of each lane's products of `inputs` and `weights`.
  Value dot(Value acc, Value inputs, Value weights) {
    switch (kind) {
    case Int8DotProduct::PairsOfI16: {
      Value products =
          createPairwiseI16DotProduct(rewriter, loc, inputs, weights);
      return arith::AddIOp::create(rewriter, loc, acc, products);
    }
    case Int8DotProduct::QuadsOfU8S8:
      return callIntrinsic(lanes == 16 ? "llvm.x86.avx512.vpdpbusd.512"
                                       : "llvm.x86.avx512.vpdpbusd.256",
                           {acc, inputs, weights});
    case Int8DotProduct::QuadsOfS8S8:
      return callIntrinsic("llvm.aarch64.neon.sdot.v4i32.v16i8",
                           {acc, inputs, weights});
    case Int8DotProduct::QuadsOfU8S7: {
      // Pairs of u8 x s8 products summed into i16 lanes, then pairs of
      // those into i32 ones.
      auto pairsType = VectorType::get({2 * lanes}, rewriter.getI16Type());
      Value pairs = LLVM::CallIntrinsicOp::create(
                        rewriter, loc, pairsType,
                        rewriter.getStringAttr(
                            lanes == 16 ? "llvm.x86.avx512.pmaddubs.w.512"
                                        : "llvm.x86.avx2.pmadd.ub.sw"),
                        ValueRange{inputs, weights})
                        .getResult(0);
      Value ones = arith::ConstantOp::create(
          rewriter, loc,
          DenseElementsAttr::get(pairsType, rewriter.getI16IntegerAttr(1)));
      Value quads = createPairwiseI16DotProduct(rewriter, loc, pairs, ones);
      return arith::AddIOp::create(rewriter, loc, acc, quads);
    }
    case Int8DotProduct::None:
      break;
    }
    llvm_unreachable("no dot-product instruction");
  }

  /// 0x80 in every byte of `type`.
  Value getTopBits(VectorType type) {
    return arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(
            type, rewriter.getIntegerAttr(rewriter.getI8Type(), 0x80)));
  }

  Value getZeros() {
    return arith::ConstantOp::create(rewriter, loc,
                                     rewriter.getZeroAttr(wordsType));
  }

  /// The (c, f) weight rows of `tile` as (f, c) operands, one vector per
  /// block of `lanes` output channels: rows interleaved pairwise, then (four
  /// channels) the pairs.
  SmallVector<Value> interleaveWeights(const DotProductTile &tile) {
    SmallVector<int64_t> pairMask, quadMask;
    for (int64_t i = 0; i < lanes; ++i)
      pairMask.append({i, lanes + i});
    for (int64_t i = 0; i < lanes; ++i)
      quadMask.append(
          {2 * i, 2 * i + 1, 2 * lanes + 2 * i, 2 * lanes + 2 * i + 1});
    SmallVector<Value> rows = getWeightRows(tile, tile.rhs), weights;
    for (int64_t block = 0; block < getBlocks(tile); ++block) {
      SmallVector<Value> parts;
      for (Value row : rows)
        parts.push_back(widen(vector::ExtractStridedSliceOp::create(
            rewriter, loc, row, block * lanes, lanes, 1)));
      Value low = vector::ShuffleOp::create(rewriter, loc, parts[0], parts[1],
                                            pairMask);
      if (group == 2) {
        weights.push_back(low);
        continue;
      }
      Value high = vector::ShuffleOp::create(rewriter, loc, parts[2], parts[3],
                                             pairMask);
      weights.push_back(
          vector::ShuffleOp::create(rewriter, loc, low, high, quadMask));
    }
    return weights;
  }

  /// `acc` plus the products of `tile`; for VPDPBUSD, the inputs are taken
  /// as u8 (x + 128, flipped here unless stored so): too large by 128 times
  /// the weights' sums, per block.
  Value accumulate(const DotProductTile &tile, Value acc,
                   ArrayRef<Value> weights) {
    Value topBits = takesUnsignedInputs(kind) && !tile.unsignedInputs
                        ? getTopBits(operandType)
                        : nullptr;
    return forEachBlock(tile, acc, [&](ArrayRef<int64_t> position) {
      Value inputs =
          vector::ExtractOp::create(rewriter, loc, tile.lhs, position);
      // The lane's inputs as one integer, broadcast, then widened: VPMADDWD's
      // operand is a 32-bit broadcast (a load) of i16 inputs, a 16-bit
      // broadcast and one sign extension of i8 ones.
      auto inputType = cast<VectorType>(inputs.getType());
      Type wordType =
          rewriter.getIntegerType(group * inputType.getElementTypeBitWidth());
      Value word = vector::BitCastOp::create(
          rewriter, loc, VectorType::get({1}, wordType), inputs);
      Value broadcast = vector::BroadcastOp::create(
          rewriter, loc, VectorType::get({lanes}, wordType),
          vector::ExtractOp::create(rewriter, loc, word, 0));
      Value operand = widen(vector::BitCastOp::create(
          rewriter, loc,
          VectorType::get({group * lanes}, inputType.getElementType()),
          broadcast));
      if (topBits)
        operand = arith::XOrIOp::create(rewriter, loc, operand, topBits);
      return [=](Value block, int64_t index) {
        return dot(block, operand, weights[index]);
      };
    });
  }

  /// `acc` minus `compensations` (one per block) at every pixel.
  Value subtract(const DotProductTile &tile, Value acc,
                 ArrayRef<Value> compensations) {
    return forEachBlock(tile, acc, [&](ArrayRef<int64_t>) {
      return [=](Value block, int64_t index) -> Value {
        return arith::SubIOp::create(rewriter, loc, block,
                                     compensations[index]);
      };
    });
  }

  /// Replaces every use of `sum`, a loop's result, by `sum` minus
  /// `compensations`, computed right after the loop.
  void subtractFromUses(const DotProductTile &tile, OpResult sum,
                        ArrayRef<Value> compensations) {
    SmallVector<OpOperand *> uses =
        llvm::to_vector(llvm::make_pointer_range(sum.getUses()));
    rewriter.setInsertionPointAfter(sum.getOwner());
    Value corrected = subtract(tile, sum, compensations);
    for (OpOperand *use : uses)
      rewriter.modifyOpInPlace(use->getOwner(), [&] { use->set(corrected); });
  }

  /// VPDPBUSD's excess, 128 times the weights' sums over their four
  /// channels, added to `accs` (one per block).
  SmallVector<Value> addCompensations(ArrayRef<Value> accs,
                                      ArrayRef<Value> weights) {
    Value topBits = getTopBits(operandType);
    SmallVector<Value> sums;
    for (auto [acc, weight] : llvm::zip_equal(accs, weights))
      sums.push_back(dot(acc, topBits, weight));
    return sums;
  }

  /// 128 times the sums of the (c, f) weight rows `weights` of `tile`,
  /// added to `sums` (one per block): VPDPBUSD's excess, in plain
  /// arithmetic (extensions and adds, free of side effects).
  SmallVector<Value> addScaledWeightSums(const DotProductTile &tile,
                                         Value weights, ArrayRef<Value> sums) {
    Value scale = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(wordsType, rewriter.getI32IntegerAttr(128)));
    SmallVector<Value> rows = getWeightRows(tile, weights);
    SmallVector<Value> result;
    for (auto [block, sum] : llvm::enumerate(sums)) {
      Value total;
      for (Value row : rows) {
        Value part = arith::ExtSIOp::create(
            rewriter, loc, wordsType,
            vector::ExtractStridedSliceOp::create(rewriter, loc, row,
                                                  block * lanes, lanes, 1));
        total =
            total ? arith::AddIOp::create(rewriter, loc, total, part) : part;
      }
      Value scaled = arith::MulIOp::create(rewriter, loc, total, scale);
      result.push_back(arith::AddIOp::create(rewriter, loc, sum, scaled));
    }
    return result;
  }

  VectorType getOperandType() const { return operandType; }

  int64_t getBlocks(const DotProductTile &tile) const {
    return llvm::divideCeil(tile.accType.getDimSize(2), lanes);
  }

private:
  Value callIntrinsic(StringRef name, ValueRange operands) {
    return LLVM::CallIntrinsicOp::create(rewriter, loc, wordsType,
                                         rewriter.getStringAttr(name), operands)
        .getResult(0);
  }

  /// i8 `values` as the instruction's operand elements (VPMADDWD's i16).
  Value widen(Value values) {
    auto type = cast<VectorType>(values.getType());
    if (type.getElementType() == elementType)
      return values;
    return arith::ExtSIOp::create(rewriter, loc, type.clone(elementType),
                                  values);
  }

  /// The `group` rows (one per input channel) of the (c, f) weights
  /// `weights` of `tile`, each padded to whole blocks.
  SmallVector<Value> getWeightRows(const DotProductTile &tile, Value weights) {
    SmallVector<Value> rows;
    for (int64_t k = 0; k < group; ++k)
      rows.push_back(padToBlocks(
          tile, vector::ExtractOp::create(rewriter, loc, weights, k)));
    return rows;
  }

  /// `channels` (f elements of `tile`) extended to whole blocks with poison
  /// lanes, whose results are dropped (takeChannels): a no-op in registers.
  Value padToBlocks(const DotProductTile &tile, Value channels) {
    auto type = cast<VectorType>(channels.getType());
    int64_t size = type.getDimSize(0), padded = getBlocks(tile) * lanes;
    if (size == padded)
      return channels;
    SmallVector<int64_t> mask(padded, vector::ShuffleOp::kPoisonIndex);
    for (int64_t i = 0; i < size; ++i)
      mask[i] = i;
    return vector::ShuffleOp::create(rewriter, loc, channels, channels, mask);
  }

  /// The f channels of `tile` out of padToBlocks' `blocks`.
  Value takeChannels(const DotProductTile &tile, Value blocks) {
    int64_t size = tile.accType.getDimSize(2);
    if (cast<VectorType>(blocks.getType()).getDimSize(0) == size)
      return blocks;
    return vector::ExtractStridedSliceOp::create(rewriter, loc, blocks, 0, size,
                                                 1);
  }

  /// `acc` with every block of `lanes` channels of every pixel replaced by
  /// the function that `perPixel` returns for its pixel, called with the
  /// block and its index.
  template <typename PerPixel>
  Value forEachBlock(const DotProductTile &tile, Value acc, PerPixel perPixel) {
    ArrayRef<int64_t> shape = tile.accType.getShape();
    for (int64_t batch = 0; batch < shape[0]; ++batch) {
      for (int64_t pixel = 0; pixel < shape[1]; ++pixel) {
        SmallVector<int64_t> position = {batch, pixel};
        auto update = perPixel(position);
        Value row = padToBlocks(
            tile, vector::ExtractOp::create(rewriter, loc, acc, position));
        for (int64_t block = 0; block < getBlocks(tile); ++block) {
          Value part = vector::ExtractStridedSliceOp::create(
              rewriter, loc, row, block * lanes, lanes, 1);
          row = vector::InsertStridedSliceOp::create(
              rewriter, loc, update(part, block), row, block * lanes, 1);
        }
        row = takeChannels(tile, row);
        acc = vector::InsertOp::create(rewriter, loc, row, acc, position);
      }
    }
    return acc;
  }

  RewriterBase &rewriter;
  Location loc;
  Int8DotProduct kind;
  int64_t lanes, group;
  Type elementType;
  VectorType operandType, wordsType;
};

/// The dot-product instruction of the target, and its shape.
struct DotProductTarget {
  Int8DotProduct kind;
  int64_t lanes, group;
  /// The contractions whose inputs are stored flipped (storeInputsUnsigned).
  const llvm::DenseSet<Operation *> *unsignedInputs = nullptr;

  DotProductBuilder getBuilder(RewriterBase &rewriter, Location loc) const {
    return DotProductBuilder(rewriter, loc, kind, lanes, group);
  }
  FailureOr<DotProductTile> match(vector::ContractionOp op) const {
    // VPMADDUBSW is exact only on the tiles of convolutions whose weights
    // are known to fit (tconv-tile-and-vectorize carries the mark).
    if (kind == Int8DotProduct::QuadsOfU8S7 &&
        !op->hasAttr(TConvDialect::kNarrowWeightsAttrName))
      return failure();
    FailureOr<DotProductTile> tile = matchTile(op, kind, group);
    if (succeeded(tile) && unsignedInputs)
      tile->unsignedInputs = unsignedInputs->contains(op);
    return tile;
  }
};

//===----------------------------------------------------------------------===//
// Inputs stored as VPDPBUSD's u8
//===----------------------------------------------------------------------===//
//
// VPDPBUSD takes its inputs as u8, so a tile flips each input it broadcasts
// (x ^ 0x80): one VPXORQ per pixel and reduction step, on the ports the dot
// products issue on (Golden Cove: VPDPBUSD and VPXORQ on ports 0 and 5), one
// per two VPDPBUSD in a 32-channel tile, which took 1.6x the time of the dot
// products alone in a loop on Emerald Rapids. Where the tiles read their
// inputs from a temporary that the function writes with vector stores only
// and reads for such tiles only (the input transposed to channels-last), the
// stores flip the bytes instead, once per element (in the pass that writes
// them, whose own flip of a u8 input's zero point 128 then cancels), and the
// tiles take them as they are.

/// Whether `bytes`, viewed by memref.view, are the function's own: not an
/// argument other than its caller-owned scratch (tconv-group-static-
/// allocations' trailing argument).
bool isOwnBytes(Value bytes) {
  auto argument = dyn_cast<BlockArgument>(bytes);
  if (!argument)
    return true;
  auto function =
      dyn_cast<FunctionOpInterface>(argument.getOwner()->getParentOp());
  return function && function->hasAttr(TConvDialect::kScratchBytesAttrName) &&
         argument.getArgNumber() + 1 == function.getNumArguments();
}

/// The temporary `memref` views (through view-like ops): an alloc, an
/// alloca or a view of the function's scratch bytes
/// (tconv-group-static-allocations). Null for anything else (a function's
/// argument or result, a view of an argument).
Value getTemporary(Value memref) {
  while (Operation *def = memref.getDefiningOp()) {
    if (isa<memref::AllocOp, memref::AllocaOp>(def))
      return memref;
    if (auto view = dyn_cast<memref::ViewOp>(def))
      return isOwnBytes(view.getSource()) ? memref : nullptr;
    auto view = dyn_cast<ViewLikeOpInterface>(def);
    if (!view || view.getViewDest() != memref)
      return nullptr;
    memref = view.getViewSource();
  }
  return nullptr;
}

/// The memref a vector load or store (transfer or not) accesses; null for
/// any other op.
Value getVectorAccessBase(Operation *op) {
  return llvm::TypeSwitch<Operation *, Value>(op)
      .Case<vector::TransferReadOp, vector::LoadOp, vector::TransferWriteOp,
            vector::StoreOp>([](auto access) { return access.getBase(); })
      .Default([](Operation *) { return Value(); });
}

/// Adds to `writes` the vector stores to `memref` (a view of a temporary)
/// and to `reads` the contractions that its vector reads feed as inputs, an
/// i8 operand of `tiles` each; false if anything else uses it.
bool collectInputBufferUses(Value memref,
                            const llvm::DenseSet<Operation *> &tiles,
                            SmallVectorImpl<Operation *> &writes,
                            llvm::DenseSet<Operation *> &reads) {
  for (OpOperand &use : memref.getUses()) {
    Operation *user = use.getOwner();
    if (isa<memref::DeallocOp>(user))
      continue;
    if (auto view = dyn_cast<ViewLikeOpInterface>(user)) {
      if (view.getViewSource() != memref ||
          !collectInputBufferUses(view.getViewDest(), tiles, writes, reads))
        return false;
      continue;
    }
    if (isa<vector::TransferWriteOp, vector::StoreOp>(user)) {
      // The base, not the stored vector, of i8 (a view may retype bytes).
      auto stored = cast<VectorType>(user->getOperand(0).getType());
      if (use.get() != getVectorAccessBase(user) ||
          !stored.getElementType().isInteger(8))
        return false;
      writes.push_back(user);
      continue;
    }
    // (Lanes a transfer pads would get the unflipped padding value.)
    auto transfer = dyn_cast<vector::TransferReadOp>(user);
    if (transfer && (transfer.getMask() || transfer.hasOutOfBoundsDim()))
      return false;
    if (!transfer && !isa<vector::LoadOp>(user))
      return false;
    for (Operation *extension : user->getResult(0).getUsers()) {
      if (!isa<arith::ExtSIOp>(extension))
        return false;
      for (OpOperand &input : extension->getResult(0).getUses()) {
        auto contraction = dyn_cast<vector::ContractionOp>(input.getOwner());
        if (!contraction || !tiles.contains(contraction) ||
            input.get() != contraction.getLhs())
          return false;
        reads.insert(contraction);
      }
    }
  }
  return true;
}

/// For VPDPBUSD: flips the bytes that each temporary holding only the
/// inputs of dot-product tiles is written (see above), and returns the
/// tiles that read them.
llvm::DenseSet<Operation *>
storeInputsUnsigned(Operation *root, const DotProductTarget &target) {
  llvm::DenseSet<Operation *> tiles;
  llvm::SetVector<Value> buffers;
  root->walk([&](vector::ContractionOp op) {
    FailureOr<DotProductTile> tile = target.match(op);
    if (failed(tile))
      return;
    tiles.insert(op);
    // (A read of the inputs: a store's result is no vector.)
    Operation *read = tile->lhs.getDefiningOp();
    Value base = read ? getVectorAccessBase(read) : nullptr;
    if (Value temporary = base ? getTemporary(base) : nullptr)
      buffers.insert(temporary);
  });

  llvm::DenseSet<Operation *> unsignedInputs;
  OpBuilder builder(root->getContext());
  for (Value buffer : buffers) {
    auto type = dyn_cast<MemRefType>(buffer.getType());
    SmallVector<Operation *> writes;
    llvm::DenseSet<Operation *> reads;
    // (Without writes, its bytes come from elsewhere: a view of an argument.)
    if (!type || !type.getElementType().isInteger(8) ||
        !collectInputBufferUses(buffer, tiles, writes, reads) || writes.empty())
      continue;
    for (Operation *write : writes) {
      OpOperand &stored = write->getOpOperand(0);
      auto vectorType = cast<VectorType>(stored.get().getType());
      builder.setInsertionPoint(write);
      Value topBits = arith::ConstantOp::create(
          builder, write->getLoc(),
          DenseElementsAttr::get(
              vectorType, builder.getIntegerAttr(builder.getI8Type(), 0x80)));
      stored.set(arith::XOrIOp::create(builder, write->getLoc(), stored.get(),
                                       topBits));
    }
    unsignedInputs.insert(reads.begin(), reads.end());
  }
  return unsignedInputs;
}

/// A tile contraction as dot products (VPDPBUSD's compensation subtracted
/// at once).
struct ContractionToDotProducts
    : public OpRewritePattern<vector::ContractionOp> {
  ContractionToDotProducts(MLIRContext *ctx, DotProductTarget target)
      : OpRewritePattern(ctx), target(target) {}

  LogicalResult matchAndRewrite(vector::ContractionOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<DotProductTile> tile = target.match(op);
    if (failed(tile))
      return rewriter.notifyMatchFailure(op, "not a dot-product tile");
    DotProductBuilder builder = target.getBuilder(rewriter, op.getLoc());
    SmallVector<Value> weights = builder.interleaveWeights(*tile);
    SmallVector<Value> compensations;
    if (takesUnsignedInputs(target.kind)) {
      SmallVector<Value> zeros(builder.getBlocks(*tile), builder.getZeros());
      compensations = builder.addCompensations(zeros, weights);
    }
    Value sum = builder.accumulate(*tile, op.getAcc(), weights);
    if (!compensations.empty())
      sum = builder.subtract(*tile, sum, compensations);
    rewriter.replaceOp(op, sum);
    return success();
  }

  DotProductTarget target;
};

/// VPDPBUSD for a contraction that accumulates into a loop-carried value of
/// an scf.for (the reduction loop of a register tile): the compensations
/// are carried by the loop too and subtracted once, after it.
struct LoopOfDotProducts : public OpRewritePattern<scf::ForOp> {
  LoopOfDotProducts(MLIRContext *ctx, DotProductTarget target)
      : OpRewritePattern(ctx), target(target) {}

  LogicalResult matchAndRewrite(scf::ForOp loop,
                                PatternRewriter &rewriter) const override {
    auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
    for (auto [index, arg] : llvm::enumerate(loop.getRegionIterArgs())) {
      if (!arg.hasOneUse())
        continue;
      auto op = dyn_cast<vector::ContractionOp>(*arg.getUsers().begin());
      if (!op || op.getAcc() != arg || !op->hasOneUse() ||
          *op->getUsers().begin() != yield ||
          yield.getOperand(index) != op.getResult())
        continue;
      FailureOr<DotProductTile> tile = target.match(op);
      if (failed(tile))
        continue;
      return rewrite(loop, op, *tile, index, rewriter);
    }
    return rewriter.notifyMatchFailure(loop, "no loop-carried tile");
  }

private:
  LogicalResult rewrite(scf::ForOp loop, vector::ContractionOp op,
                        const DotProductTile &tile, unsigned index,
                        PatternRewriter &rewriter) const {
    Location loc = op.getLoc();
    DotProductBuilder builder = target.getBuilder(rewriter, loc);
    rewriter.setInsertionPoint(loop);
    SmallVector<Value> zeros(builder.getBlocks(tile), builder.getZeros());
    FailureOr<LoopLikeOpInterface> newLoop = loop.replaceWithAdditionalYields(
        rewriter, zeros, /*replaceInitOperandUsesInLoop=*/false,
        [&](OpBuilder &, Location, ArrayRef<BlockArgument> compensations) {
          OpBuilder::InsertionGuard guard(rewriter);
          rewriter.setInsertionPoint(op);
          SmallVector<Value> weights = builder.interleaveWeights(tile);
          SmallVector<Value> accs(compensations.begin(), compensations.end());
          SmallVector<Value> sums = builder.addCompensations(accs, weights);
          rewriter.replaceOp(op,
                             builder.accumulate(tile, op.getAcc(), weights));
          return sums;
        });
    if (failed(newLoop))
      return failure();
    Operation *result = *newLoop;
    SmallVector<Value> compensations(
        result->getResults().take_back(builder.getBlocks(tile)));
    builder.subtractFromUses(tile, result->getResult(index), compensations);
    return success();
  }

  DotProductTarget target;
};

//===----------------------------------------------------------------------===//
// What depends on the weights alone, computed once per block of weights
//===----------------------------------------------------------------------===//
//
// The interleaved weight operands and VPDPBUSD's compensation depend on the
// weights alone, so they need not be recomputed for every register tile
// (two shuffles and, for VPMADDWD, two extensions per weight vector and
// reduction step; a VPDPBUSD and a register per weight vector). The
// reduction's loops are rebuilt around the weights' reads only, computing
// those, and moved out of the loops over pixels, as far as their operands
// allow (the loop over blocks of output channels) and no loop writes
// memory the weights may be in.

/// The loops of a register tile's reduction around a contraction, innermost
/// first: each carries the accumulator (iter_arg `indices[i]`) into the
/// contraction or the loop inside and yields its result, nothing else
/// using either.
struct ReductionNest {
  SmallVector<scf::ForOp> loops;
  SmallVector<unsigned> indices;

  scf::ForOp getOutermost() const { return loops.back(); }
  OpResult getResult() const {
    return getOutermost()->getResult(indices.back());
  }
};

std::optional<ReductionNest> getReductionNest(vector::ContractionOp op) {
  ReductionNest nest;
  Value acc = op.getAcc(), result = op.getResult();
  while (auto arg = dyn_cast<BlockArgument>(acc)) {
    auto loop = dyn_cast<scf::ForOp>(arg.getOwner()->getParentOp());
    if (!loop || arg.getArgNumber() == 0 || !arg.hasOneUse() ||
        !result.hasOneUse())
      break;
    unsigned index = arg.getArgNumber() - 1;
    if (loop.getBody()->getTerminator()->getOperand(index) != result)
      break;
    nest.loops.push_back(loop);
    nest.indices.push_back(index);
    acc = loop.getInitArgs()[index];
    result = loop.getResult(index);
  }
  if (nest.loops.empty())
    return std::nullopt;
  return nest;
}

/// Makes `value` available before `loop`: true when it is defined outside
/// it, or by side-effect-free ops in it that are moved before it.
bool makeAvailableBefore(Value value, Operation *loop) {
  Operation *def = value.getDefiningOp();
  if (!loop->isAncestor(value.getParentRegion()->getParentOp()))
    return true;
  if (!def || def->getNumRegions() != 0 || !isMemoryEffectFree(def))
    return false;
  for (Value operand : def->getOperands())
    if (!makeAvailableBefore(operand, loop))
      return false;
  def->moveBefore(loop);
  return true;
}

/// Moves `op` before the loops around it for as long as its operands can
/// be made available there and no loop writes to `reads`; the number of
/// loops it left.
int64_t hoistOutOfLoops(Operation *op, ArrayRef<Value> reads) {
  int64_t levels = 0;
  while (auto loop = dyn_cast<LoopLikeOpInterface>(op->getParentOp())) {
    SmallVector<Value> used;
    op->walk([&](Operation *nested) {
      for (Value operand : nested->getOperands())
        if (!op->isAncestor(operand.getParentRegion()->getParentOp()))
          used.push_back(operand);
    });
    if (mayWriteTo(loop, op, reads) || !llvm::all_of(used, [&](Value value) {
          return makeAvailableBefore(value, loop);
        }))
      break;
    op->moveBefore(loop);
    ++levels;
  }
  return levels;
}

/// A contraction accumulating through the reduction loops of a register
/// tile.
struct NestedTile {
  vector::ContractionOp op;
  DotProductTile tile;
  ReductionNest nest;
};

/// The weights' backward slice within a reduction nest: index arithmetic
/// on the loops' induction variables and reads, which a copy of the nest
/// can recompute anywhere the values from outside it are available.
struct WeightSlice {
  SetVector<Operation *> ops;
  /// The memrefs the slice reads.
  SmallVector<Value> reads;
};

std::optional<WeightSlice> getWeightSlice(const NestedTile &candidate) {
  const ReductionNest &nest = candidate.nest;
  Operation *weights = candidate.tile.rhs.getDefiningOp();
  WeightSlice slice;
  if (weights && nest.getOutermost()->isProperAncestor(weights)) {
    BackwardSliceOptions options;
    options.omitBlockArguments = true;
    options.filter = [&](Operation *op) {
      return nest.getOutermost()->isProperAncestor(op);
    };
    if (failed(getBackwardSlice(weights, &slice.ops, options)))
      return std::nullopt;
    slice.ops.insert(weights);
  }
  bool cloneable = llvm::all_of(slice.ops, [&](Operation *op) {
    if (op->getNumRegions() != 0)
      return false;
    if (isMemoryEffectFree(op))
      return true;
    auto read = dyn_cast<vector::TransferReadOp>(op);
    if (read)
      slice.reads.push_back(read.getBase());
    return read && !read.getMask();
  });
  bool onlyInductionVariables = llvm::all_of(slice.ops, [&](Operation *op) {
    return llvm::all_of(op->getOperands(), [&](Value operand) {
      auto arg = dyn_cast<BlockArgument>(operand);
      return !arg ||
             !nest.getOutermost()->isAncestor(arg.getOwner()->getParentOp()) ||
             arg.getArgNumber() == 0;
    });
  });
  if (!cloneable || !onlyInductionVariables)
    return std::nullopt;
  return slice;
}

/// The reduction nest's number of iterations, when its loops have constant
/// bounds.
std::optional<int64_t> getIterationCount(const ReductionNest &nest) {
  int64_t count = 1;
  for (scf::ForOp loop : nest.loops) {
    std::optional<APInt> trips = loop.getStaticTripCount();
    if (!trips)
      return std::nullopt;
    count *= trips->getZExtValue();
  }
  return count;
}

/// The index of the current iteration of `loops` (innermost first, constant
/// bounds) among all of theirs, the innermost varying fastest.
Value getIterationIndex(RewriterBase &rewriter, Location loc,
                        ArrayRef<scf::ForOp> loops) {
  Value index = arith::ConstantIndexOp::create(rewriter, loc, 0);
  int64_t stride = 1;
  for (scf::ForOp loop : loops) {
    Value offset = arith::SubIOp::create(rewriter, loc, loop.getInductionVar(),
                                         loop.getLowerBound());
    Value iteration =
        arith::DivUIOp::create(rewriter, loc, offset, loop.getStep());
    Value scaled = arith::MulIOp::create(
        rewriter, loc, iteration,
        arith::ConstantIndexOp::create(rewriter, loc, stride));
    index = arith::AddIOp::create(rewriter, loc, index, scaled);
    stride *= loop.getStaticTripCount()->getZExtValue();
  }
  return index;
}

/// A copy of `candidate`'s reduction nest, built before it, carrying
/// `init`: its innermost body recomputes `slice` and yields what `step`
/// returns for the weights there (the copy of the tile's rhs), the copied
/// loops (innermost first) and the carried values. Returns the outermost
/// loop.
using NestStep = function_ref<SmallVector<Value>(
    Value weights, ArrayRef<scf::ForOp> loops, ValueRange carried)>;

scf::ForOp cloneWeightNest(RewriterBase &rewriter, const NestedTile &candidate,
                           const WeightSlice &slice, ValueRange init,
                           NestStep step) {
  const ReductionNest &nest = candidate.nest;
  Location loc = candidate.op->getLoc();
  rewriter.setInsertionPoint(nest.getOutermost());
  IRMapping mapping;
  SmallVector<scf::ForOp> clones;
  std::function<scf::ForOp(unsigned, ValueRange)> build =
      [&](unsigned level, ValueRange carried) -> scf::ForOp {
    scf::ForOp original = nest.loops[level];
    auto loop = scf::ForOp::create(rewriter, loc, original.getLowerBound(),
                                   original.getUpperBound(), original.getStep(),
                                   carried);
    clones.push_back(loop);
    OpBuilder::InsertionGuard guard(rewriter);
    // Without carried values, the builder has added the yield already.
    Operation *yield = loop.getBody()->mightHaveTerminator()
                           ? loop.getBody()->getTerminator()
                           : nullptr;
    if (yield)
      rewriter.setInsertionPoint(yield);
    else
      rewriter.setInsertionPointToStart(loop.getBody());
    mapping.map(original.getInductionVar(), loop.getInductionVar());
    SmallVector<Value> next;
    if (level == 0) {
      for (Operation *op : slice.ops)
        rewriter.clone(*op, mapping);
      SmallVector<scf::ForOp> innermostFirst(llvm::reverse(clones));
      next = step(mapping.lookupOrDefault(candidate.tile.rhs), innermostFirst,
                  loop.getRegionIterArgs());
    } else {
      next = build(level - 1, loop.getRegionIterArgs())->getResults();
    }
    if (!yield)
      scf::YieldOp::create(rewriter, loc, next);
    return loop;
  };
  return build(nest.loops.size() - 1, init);
}

/// VPDPBUSD's compensations for `candidate`, 128 times the weights' sums,
/// computed by a copy of its reduction nest moved out of the loops over
/// pixels; empty where the copy cannot leave them.
SmallVector<Value> hoistCompensations(RewriterBase &rewriter,
                                      const DotProductTarget &target,
                                      const NestedTile &candidate,
                                      const WeightSlice &slice) {
  DotProductBuilder builder =
      target.getBuilder(rewriter, candidate.op->getLoc());
  rewriter.setInsertionPoint(candidate.nest.getOutermost());
  SmallVector<Value> zeros(builder.getBlocks(candidate.tile),
                           builder.getZeros());
  scf::ForOp copy = cloneWeightNest(
      rewriter, candidate, slice, zeros,
      [&](Value weights, ArrayRef<scf::ForOp>, ValueRange sums) {
        return builder.addScaledWeightSums(candidate.tile, weights,
                                           SmallVector<Value>(sums));
      });
  if (hoistOutOfLoops(copy, slice.reads) == 0) {
    // Still inside the loops over pixels: carrying the compensation costs
    // no more reads. Left to the patterns.
    rewriter.eraseOp(copy);
    return {};
  }
  return copy.getResults();
}

/// A register tile's interleaved weight operands in a buffer: for each
/// iteration of its reduction nest, one operand per block of output
/// channels, contiguous.
struct InterleavedWeights {
  Value buffer;
  VectorType operandType;
  int64_t blocks;

  /// Iteration `index`'s operands (one per block) stored into the buffer.
  void store(RewriterBase &rewriter, Location loc, Value index,
             ArrayRef<Value> operands) const {
    for (auto [block, operand] : llvm::enumerate(operands))
      vector::StoreOp::create(rewriter, loc, operand, buffer,
                              getOffset(rewriter, loc, index, block));
  }

  /// Iteration `index`'s operands, one per block.
  SmallVector<Value> load(RewriterBase &rewriter, Location loc,
                          Value index) const {
    SmallVector<Value> operands;
    for (int64_t block = 0; block < blocks; ++block)
      operands.push_back(
          vector::LoadOp::create(rewriter, loc, operandType, buffer,
                                 getOffset(rewriter, loc, index, block)));
    return operands;
  }

private:
  /// The first element of iteration `index`'s operand for `block`.
  Value getOffset(RewriterBase &rewriter, Location loc, Value index,
                  int64_t block) const {
    int64_t elements = operandType.getNumElements();
    Value start = arith::MulIOp::create(
        rewriter, loc, index,
        arith::ConstantIndexOp::create(rewriter, loc, blocks * elements));
    return arith::AddIOp::create(
        rewriter, loc, start,
        arith::ConstantIndexOp::create(rewriter, loc, block * elements));
  }
};

/// The largest buffer of interleaved weights per register tile (the
/// weights of a cache tile, which the model keeps in half of L1, take a
/// few KiB interleaved).
constexpr int64_t kMaxInterleavedWeightBytes = 256 * 1024;

/// The weight operands of every iteration of `candidate`'s reduction nest,
/// interleaved by a copy of the nest into a buffer before the loops over
/// pixels: the tile's loop then loads them instead of shuffling (and for
/// VPMADDWD, widening) its weight rows again for every pixel block. The
/// buffer is allocated at the start of the function or scf.forall body
/// the copy ends up in (a buffer per thread there) and freed at its end.
/// Nothing where the copy cannot leave the loops over pixels.
std::optional<InterleavedWeights>
hoistInterleavedWeights(RewriterBase &rewriter, const DotProductTarget &target,
                        const NestedTile &candidate, const WeightSlice &slice) {
  Location loc = candidate.op->getLoc();
  auto function =
      candidate.op->getParentOfType<FunctionOpInterface>().getOperation();
  std::optional<int64_t> iterations = getIterationCount(candidate.nest);
  if (!function || !iterations)
    return std::nullopt;
  DotProductBuilder builder = target.getBuilder(rewriter, loc);
  VectorType operandType = builder.getOperandType();
  int64_t blocks = builder.getBlocks(candidate.tile);
  int64_t elements = *iterations * blocks * operandType.getNumElements();
  if (elements * operandType.getElementTypeBitWidth() / 8 >
      kMaxInterleavedWeightBytes)
    return std::nullopt;

  // Created where it dominates everything, moved once the copy has settled.
  rewriter.setInsertionPointToStart(&function->getRegion(0).front());
  auto alloc = memref::AllocOp::create(
      rewriter, loc, MemRefType::get({elements}, operandType.getElementType()),
      rewriter.getI64IntegerAttr(64));
  InterleavedWeights weights{alloc, operandType, blocks};
  scf::ForOp copy = cloneWeightNest(
      rewriter, candidate, slice, {},
      [&](Value rows, ArrayRef<scf::ForOp> loops,
          ValueRange) -> SmallVector<Value> {
        DotProductTile tile = candidate.tile;
        tile.rhs = rows;
        Value index = getIterationIndex(rewriter, loc, loops);
        weights.store(rewriter, loc, index, builder.interleaveWeights(tile));
        return {};
      });
  Operation *scope = nullptr;
  if (hoistOutOfLoops(copy, slice.reads) > 0) {
    scope = copy->getParentOfType<scf::ForallOp>();
    if (!scope)
      scope = function;
  }
  if (!scope || !scope->getRegion(0).hasOneBlock()) {
    rewriter.eraseOp(copy);
    rewriter.eraseOp(alloc);
    return std::nullopt;
  }
  Block &body = scope->getRegion(0).front();
  rewriter.moveOpBefore(alloc, &body, body.begin());
  rewriter.setInsertionPoint(body.getTerminator());
  memref::DeallocOp::create(rewriter, loc, alloc);
  return weights;
}

/// Dot products for the contractions in the reduction loops of register
/// tiles, with what depends on the weights alone computed by copies of the
/// loops moved out of the loops over pixels where the weights allow: the
/// interleaved weight operands, and VPDPBUSD's compensations (subtracted
/// once after each reduction). The others are left to the patterns.
void lowerReductionNests(Operation *root, const DotProductTarget &target) {
  SmallVector<NestedTile> candidates;
  root->walk([&](vector::ContractionOp op) {
    FailureOr<DotProductTile> tile = target.match(op);
    std::optional<ReductionNest> nest = getReductionNest(op);
    if (succeeded(tile) && nest)
      candidates.push_back({op, *tile, *nest});
  });

  IRRewriter rewriter(root->getContext());
  // First every copy, while the loops hold no intrinsic calls (of unknown
  // memory effects).
  SmallVector<std::optional<InterleavedWeights>> interleaved(candidates.size());
  SmallVector<SmallVector<Value>> compensations(candidates.size());
  for (auto [index, candidate] : llvm::enumerate(candidates)) {
    std::optional<WeightSlice> slice = getWeightSlice(candidate);
    if (!slice)
      continue;
    // VPDPBUSD's tiles need their compensations outside too: else the
    // reduction loop carries them (LoopOfDotProducts).
    if (takesUnsignedInputs(target.kind)) {
      compensations[index] =
          hoistCompensations(rewriter, target, candidate, *slice);
      if (compensations[index].empty())
        continue;
    }
    interleaved[index] =
        hoistInterleavedWeights(rewriter, target, candidate, *slice);
  }

  for (auto [candidate, buffer, sums] :
       llvm::zip_equal(candidates, interleaved, compensations)) {
    if (!buffer && sums.empty())
      continue;
    Location loc = candidate.op->getLoc();
    DotProductBuilder builder = target.getBuilder(rewriter, loc);
    rewriter.setInsertionPoint(candidate.op);
    SmallVector<Value> weights;
    if (buffer) {
      Value index = getIterationIndex(rewriter, loc, candidate.nest.loops);
      weights = buffer->load(rewriter, loc, index);
    } else {
      weights = builder.interleaveWeights(candidate.tile);
    }
    rewriter.replaceOp(
        candidate.op,
        builder.accumulate(candidate.tile, candidate.op.getAcc(), weights));
    if (!sums.empty())
      builder.subtractFromUses(candidate.tile, candidate.nest.getResult(),
                               sums);
  }
}

struct LowerInt8DotProductsPass
    : public tconv::impl::LowerInt8DotProductsBase<LowerInt8DotProductsPass> {
  using LowerInt8DotProductsBase::LowerInt8DotProductsBase;

  LogicalResult initialize(MLIRContext *ctx) override {
    FailureOr<TargetModel> model = getTargetModelForPass(
        ctx, getArgument(), targetTriple, targetCpu, targetFeatures);
    if (failed(model))
      return failure();
    for (Int8DotProduct kind :
         {model->int8DotProduct, model->narrowWeightInt8DotProduct})
      if (kind != Int8DotProduct::None)
        targets.push_back(
            {kind, model->getLanes(32), getInt8DotProductGroup(kind)});
    return success();
  }

  /// Lowers the contractions of `target`'s group (each tile steps over the
  /// channels of the instruction tconv-tile-and-vectorize chose for it:
  /// VPMADDWD's pairs, or VPMADDUBSW's quads for narrow weights).
  LogicalResult lower(DotProductTarget target) {
    MLIRContext *ctx = &getContext();
    llvm::DenseSet<Operation *> unsignedInputs;
    if (takesUnsignedInputs(target.kind)) {
      unsignedInputs = storeInputsUnsigned(getOperation(), target);
      target.unsignedInputs = &unsignedInputs;
    }
    lowerReductionNests(getOperation(), target);
    RewritePatternSet contractions(ctx);
    contractions.add<ContractionToDotProducts>(ctx, target);
    // VPDPBUSD's loop-carried tiles first: the greedy driver may visit a
    // contraction before its loop.
    if (takesUnsignedInputs(target.kind)) {
      RewritePatternSet loops(ctx);
      loops.add<LoopOfDotProducts>(ctx, target);
      if (failed(applyPatternsGreedily(getOperation(), std::move(loops))))
        return failure();
    }
    return applyPatternsGreedily(getOperation(), std::move(contractions));
  }

  void runOnOperation() override {
    for (const DotProductTarget &target : targets)
      if (failed(lower(target)))
        return signalPassFailure();
  }

  SmallVector<DotProductTarget, 2> targets;
};

} // namespace
