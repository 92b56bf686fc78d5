//===- Tiling.cpp - Tiling linalg ops in place ----------------------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Codegen/Tiling.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Interfaces/TilingInterface.h"

using namespace mlir;

FailureOr<scf::SCFTilingResult>
tconv::tileAndReplace(RewriterBase &rewriter, linalg::LinalgOp op,
                      const scf::SCFTilingOptions &options) {
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (succeeded(tiled))
    rewriter.replaceOp(op, tiled->replacements);
  return tiled;
}

linalg::LinalgOp tconv::getFusableEpilogue(linalg::LinalgOp conv) {
  if (!conv.hasPureTensorSemantics() || conv->getNumResults() != 1 ||
      !conv->getResult(0).hasOneUse())
    return {};
  OpOperand &use = *conv->getResult(0).getUses().begin();
  auto epilogue = dyn_cast<linalg::LinalgOp>(use.getOwner());
  if (!epilogue || !epilogue.hasPureTensorSemantics() ||
      epilogue->getNumResults() != 1 || epilogue.isDpsInit(&use) ||
      epilogue.getNumParallelLoops() != epilogue.getNumLoops() ||
      !epilogue.getMatchingIndexingMap(&use).isPermutation() ||
      !llvm::all_of(epilogue.getIndexingMapsArray(), [](AffineMap map) {
        return map.isProjectedPermutation(/*allowZeroInResults=*/true);
      }))
    return {};
  return epilogue;
}

/// The operand of `epilogue` that reads `conv`'s result, whole or sliced.
static OpOperand *getConvolutionRead(linalg::LinalgOp conv,
                                     linalg::LinalgOp epilogue) {
  for (OpOperand *operand : epilogue.getDpsInputOperands()) {
    Value value = operand->get();
    if (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>())
      value = slice.getSource();
    if (value == conv->getResult(0))
      return operand;
  }
  return nullptr;
}

/// The pairs (loop of the epilogue, loop of `conv`) that run along the same
/// dim of `conv`'s result, which the epilogue reads through `readMap`.
static SmallVector<std::pair<unsigned, unsigned>>
getEpilogueAndConvLoops(linalg::LinalgOp conv, AffineMap readMap) {
  AffineMap writeMap = conv.getMatchingIndexingMap(conv.getDpsInitOperand(0));
  SmallVector<std::pair<unsigned, unsigned>> loops;
  for (unsigned dim = 0, e = readMap.getNumResults(); dim < e; ++dim)
    loops.emplace_back(readMap.getDimPosition(dim),
                       writeMap.getDimPosition(dim));
  return loops;
}

std::optional<unsigned> tconv::getEpilogueLoop(linalg::LinalgOp conv,
                                               linalg::LinalgOp epilogue,
                                               unsigned convLoop) {
  OpOperand *read = getConvolutionRead(conv, epilogue);
  if (!read)
    return std::nullopt;
  for (auto [epilogueLoop, loop] :
       getEpilogueAndConvLoops(conv, epilogue.getMatchingIndexingMap(read)))
    if (loop == convLoop)
      return epilogueLoop;
  return std::nullopt;
}

FailureOr<scf::SCFTileAndFuseResult> tconv::tileEpilogueAndFuseConvolution(
    RewriterBase &rewriter, linalg::LinalgOp epilogue, linalg::LinalgOp conv,
    ArrayRef<int64_t> convTiles, scf::SCFTilingOptions::LoopType loopType) {
  OpOperand *read = getConvolutionRead(conv, epilogue);
  assert(read && "not the convolution's epilogue");
  // Loops in the order of the convolution's result: the epilogue reads the
  // accumulators as they are (its vectors are theirs, forwarded in
  // registers) and transposes, if anything, when it stores.
  AffineMap readMap = epilogue.getMatchingIndexingMap(read);
  if (auto generic = dyn_cast<linalg::GenericOp>(epilogue.getOperation());
      generic && !readMap.isIdentity()) {
    SmallVector<unsigned> interchange;
    for (unsigned dim = 0, e = readMap.getNumResults(); dim < e; ++dim)
      interchange.push_back(readMap.getDimPosition(dim));
    if (succeeded(linalg::interchangeGenericOp(rewriter, generic, interchange)))
      readMap = epilogue.getMatchingIndexingMap(read);
  }
  // A loop of the epilogue and the conv loop writing the same result dim
  // take the same tile.
  SmallVector<int64_t> tiles(epilogue.getNumLoops(), 0);
  for (auto [epilogueLoop, convLoop] : getEpilogueAndConvLoops(conv, readMap))
    tiles[epilogueLoop] = convTiles[convLoop];

  // The convolution and its init's producer only: the epilogue's other
  // operands (a residual, which may be another convolution's result) and
  // the convolution's input are computed once, outside.
  Operation *initProducer = conv.getDpsInitOperand(0)->get().getDefiningOp();
  scf::SCFTileAndFuseOptions options;
  options.tilingOptions.setTileSizes(
      getAsIndexOpFoldResult(rewriter.getContext(), tiles));
  options.tilingOptions.setLoopType(loopType);
  // A part of the epilogue reads a slice of the result: its tiles' slices
  // of that slice become slices of the result, which fusion needs.
  RewritePatternSet cleanups(rewriter.getContext());
  tensor::populateMergeConsecutiveInsertExtractSlicePatterns(cleanups);
  options.cleanupPatterns = FrozenRewritePatternSet(std::move(cleanups));
  options.setFusionControlFn(
      [&](tensor::ExtractSliceOp, OpResult producer,
          bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        Operation *op = producer.getOwner();
        if (op == conv.getOperation() ||
            (op == initProducer && isa<linalg::LinalgOp>(op)))
          return scf::SCFTileAndFuseOptions::ControlFnResult{};
        return std::nullopt;
      });
  rewriter.setInsertionPoint(epilogue);
  FailureOr<scf::SCFTileAndFuseResult> fused =
      scf::tileConsumerAndFuseProducersUsingSCF(
          rewriter, cast<TilingInterface>(epilogue.getOperation()), options);
  if (failed(fused))
    return failure();
  rewriter.replaceOp(epilogue,
                     fused->replacements.lookup(epilogue->getResult(0)));
  for (Operation *original : {conv.getOperation(), initProducer}) {
    if (!original)
      continue;
    // The slices of the original that the fused tiles replaced: left
    // behind, they kept it alive until the next cleanup, and
    // tconv-outline-weight-packing, which comes first, packed its weights
    // twice (unblocked as well as blocked).
    for (Operation *user : llvm::make_early_inc_range(original->getUsers()))
      if (isa<tensor::ExtractSliceOp>(user) && user->use_empty())
        rewriter.eraseOp(user);
    if (original->use_empty())
      rewriter.eraseOp(original);
  }
  return fused;
}
