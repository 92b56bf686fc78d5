//===- Passes.td - tconv codegen passes --------------------*- tablegen -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CODEGEN_PASSES_TD
#define TCONV_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def DistributeToThreads : Pass<"tconv-distribute-to-threads"> {
  let summary = "Split linalg ops on tensors into one scf.forall chunk per "
                "thread";
  let description = [{
    Tiles each linalg op on tensors along one parallel loop into `threads`
    equal chunks with `scf.forall`, which the pipeline later turns into an
    OpenMP parallel loop. Convolutions split their batch if it divides,
    else the outermost output image dim, else the output channels;
    other ops split their outermost parallel loop that their maps use only
    as a bare dim (ops with other maps, such as the weight flips, are
    sliced along it by hand: upstream's tiling would slice every dim
    through the maps). Only loops the thread
    count divides are split, so chunks stay static for vectorization, and
    ops with fewer than `min-iterations` iterations stay serial: forking
    costs more than they do. Runs before `tconv-tile-and-vectorize`, which
    then tiles each chunk.
  }];
  let options = [
    Option<"threads", "threads", "int64_t", "1",
           "Chunks per op (1: nothing to do)">,
    Option<"minIterations", "min-iterations", "int64_t", "32768",
           "Iteration count below which an op stays serial">,
  ];
  let dependentDialects = [
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def TileAndVectorize : Pass<"tconv-tile-and-vectorize"> {
  let summary = "Tile linalg ops on tensors for registers and vectorize them";
  let description = [{
    Tiles every linalg op on tensors with `scf.for` loops (TilingInterface):
    convolutions first into cache tiles of `register-tile-channels` output
    channels x `cache-tile-input-channels` input channels (outermost, so one
    block of weights stays in L1 while every pixel streams past it; 128
    measured best on DCGAN/U-Net layers), then each into register tiles
    so that one tile fits the vector registers, decomposes 2-D convolutions
    whose tiles have one output row and one kernel row into 1-D ones, and
    vectorizes what the linalg vectorizer accepts. Convolutions get tiles of
    `register-tile-width` output pixels (the innermost image dim) times
    `register-tile-channels` output channels, with unit tiles for batch,
    the other image dims, kernel taps and input channels; other ops are
    tiled to rows of at most `row-tile` elements. Tile sizes are the largest
    divisors of the dimension not above these limits, so tiles are static
    (for output channels, the largest that fills whole 8-lane registers,
    else one of at most 16 lanes).
    Ops the vectorizer rejects (3-D and grouped generic convolutions, the
    weight flip) stay as tiled scalar loops.
  }];
  let options = [
    Option<"registerTileWidth", "register-tile-width", "int64_t", "8",
           "Output pixels per convolution register tile">,
    Option<"registerTileChannels", "register-tile-channels", "int64_t", "32",
           "Output channels per convolution register tile">,
    Option<"rowTile", "row-tile", "int64_t", "64",
           "Largest innermost tile of non-convolution ops">,
    Option<"cacheTileInputChannels", "cache-tile-input-channels", "int64_t",
           "128", "Input channels per cache tile of a convolution (0: none)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def HoistVectorTransfers : Pass<"tconv-hoist-vector-transfers"> {
  let summary = "Hoist loop-invariant vector transfers out of loops";
  let description = [{
    Runs `linalg::hoistRedundantVectorTransfers` on bufferized code, so that
    a register tile's accumulators are read once before and written once
    after the reduction loops instead of in every iteration.
  }];
}

#endif // TCONV_CODEGEN_PASSES_TD
