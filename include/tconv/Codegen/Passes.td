//===- Passes.td - tconv codegen passes --------------------*- tablegen -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_CODEGEN_PASSES_TD
#define TCONV_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"
include "tconv/Target/TargetOptions.td"

def DistributeToThreads : Pass<"tconv-distribute-to-threads"> {
  let summary = "Split linalg ops on tensors into one scf.forall chunk per "
                "thread";
  let description = [{
    Tiles each linalg op on tensors along one parallel loop into `threads`
    equal chunks with `scf.forall`, which the pipeline later turns into an
    OpenMP parallel loop. Convolutions split their batch if it divides,
    else (channels-first depthwise ones, vectorized along their rows) their
    channels, each thread whole planes, else the outermost output image
    dim, else the output channels;
    other ops split their outermost parallel loop that their maps use only
    as a bare dim (ops with other maps, such as the weight flips, are
    sliced along it by hand: upstream's tiling would slice every dim
    through the maps). Only loops the thread
    count divides are split, so chunks stay static for vectorization, and
    ops with fewer than `min-iterations` iterations stay serial: forking
    costs more than they do. A convolution with an elementwise epilogue
    (bias, activation, the transpose back to channels-first) is split first,
    together with that epilogue and the fill of its init, into one
    `scf.forall`, so that `tconv-tile-and-vectorize` still computes the
    epilogue on the register tiles (split apart, each would be a fork and
    join of its own and the epilogue a pass over the result). Runs before
    `tconv-tile-and-vectorize`, which then tiles each chunk.
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

def DispatchNarrowWeights : Pass<"tconv-dispatch-narrow-weights"> {
  let summary = "Compute quantized transposed convolutions whose weights fit "
                "7 bits with the faster dot products";
  let description = [{
    On targets whose model has a dot product for narrow weights (the target
    model's `int8-dot-product` line, "weights in [-64, 63]": x86's
    `vpmaddubsw` without VNNI; elsewhere the pass does nothing), marks the
    `tconv.conv_transpose` ops with i8 weights that lie in [-64, 63], and a
    weight zero point there too (the lowering pads weights with it),
    `tconv.narrow_weights`, which the lowering carries to its convolutions
    and `tconv-prepare-dot-product-operands`, `tconv-tile-and-vectorize` and
    `tconv-lower-int8-dot-products` read: VPMADDUBSW then sums pairs of u8 x
    s8 products into i16 lanes exactly (2 x 255 x 64 < 2^15), 32 products in
    three instructions where VPMADDWD alone does 16 in two. oneDNN asks the
    same of weights on such CPUs; full-range weights keep VPMADDWD, which is
    exact for all.

    - Constant weights are checked here.
    - Other weights are checked when the function runs: the op becomes an
      `scf.if` on that check, the marked op in its `then` region and the op
      as it was in its `else` region. The check, an OR over every weight
      plus 64 (whose sign bit is clear iff the weight is in range), reads
      the weights alone, so `tconv-outline-weight-packing` moves it to pack
      time, like the weights' rearrangement. The elementwise consumers of
      the result (a requantization, an activation) move into both branches,
      so that `tconv-fuse-elementwise` still fuses them into the
      convolution's tiles.

    ```mlir
    %r = scf.if %fits -> (tensor<1x64x32x32xi32>) {
      %n = tconv.conv_transpose ... {tconv.narrow_weights, ...}
      scf.yield %n : tensor<1x64x32x32xi32>
    } else {
      %w = tconv.conv_transpose ...
      scf.yield %w : tensor<1x64x32x32xi32>
    }
    ```
  }];
  let options = TargetModelOptions;
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def HoistBranchDestinations : Pass<"tconv-hoist-branch-destinations"> {
  let summary = "Move the tensors that branches write out of the branches";
  let description = [{
    Moves `tensor.empty`, `tensor.expand_shape` and `tensor.collapse_shape`
    ops, and side-effect-free ops computing indices (the sizes of a dynamic
    batch), out of `scf.if` branches when their operands are all defined
    above them, then merges equal ones (CSE); and where both branches yield
    a result reshaped alike (a collapse of the computed tensor into the op's
    result shape), yields the tensors and reshapes once below the `scf.if`.
    A branch computed into a tensor of its own gets a buffer of its own in
    each branch, which the branches then yield: the function's result is a
    copy of one of them (FCN-32s' 22 MB for Haswell), and each temporary is
    allocated where it is computed. Hoisted and merged, both
    branches of a `tconv-dispatch-narrow-weights` dispatch compute into the
    same buffers: its result is the function's own (then its out-param),
    its temporaries static ones. Runs before bufferization.
  }];
}

def PrepareDotProductOperands
    : Pass<"tconv-prepare-dot-product-operands"> {
  let summary = "Pad and widen the operands of i8 dot-product convolutions";
  let description = [{
    On targets with i8 dot products (the target model's `int8-dot-product`;
    elsewhere it does nothing), prepares each convolution that
    `tconv-lower-int8-dot-products` computes (i8 input and weights, one
    input and one output channel dim):

    - An input channel count that the instruction's group (two for
      `vpmaddwd`, four for `vpdpbusd` and `sdot`) does not divide (an RGB
      layer, FCN's 21 classes) is padded with zero channels in the input
      and the weights, which changes no product and no zero-point term, so
      that the tile's reduction steps over whole groups instead of falling
      back to i32 multiplies (FCN-32s on Zen 3: 33.6 -> 18.9 ms).
    - For `vpmaddwd` (`pairs-of-i16`: AVX2, AVX-512BW without VNNI), the
      input is sign-extended to i16, with an `arith.extsi` moved above the
      `tensor.extract_slice` and `tensor.pad` ops between the input's
      producer and the convolutions (a phase decomposition's halos and
      slices, padded with the input's zero point), then made a
      `linalg.generic`. Each pixel's pair of inputs is then one 32-bit
      broadcast load in the register tile instead of a broadcast and a sign
      extension per reduction step, two shuffles that compete with the
      weights' for the shuffle pipes (llvm-mca on Zen 3: unet2's inner loop
      18 -> 11 cycles). The phases of a transposed convolution share one
      widened input, and `tconv-fuse-elementwise` merges the extension into
      the op that produces the input (the sign flip of a u8 input, a
      transpose to channels-last) where nothing else reads it.
      A convolution marked `tconv.narrow_weights` takes `vpmaddubsw`'s
      quads of bytes instead: padded to four channels, not widened.
  }];
  let options = TargetModelOptions;
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def TransposeInRowBlocks : Pass<"tconv-transpose-in-row-blocks"> {
  let summary = "Compute phases and their transpose to channels-first a "
                "block of rows at a time";
  let description = [{
    A channels-first layer lowered by phases computes each phase
    channels-last into its rows and columns of one tensor (strided
    `tensor.insert_slice` ops into a `tensor.empty` or a fill, each phase
    every s rows), which one op then transposes to the channels-first
    result, the epilogue (bias, activation, residual add) fused into it.
    Where that tensor is larger than L2 it goes to memory and comes back:
    the transpose is a pass of its own, bound by memory, and one that also
    reads a residual (on Zen 5, 19% of a super-resolution layer's call, 27%
    with a residual add).

    This pass tiles such a transpose into blocks of s rows (`scf.for`) and
    fuses each phase's row of the block into the loop (its
    `linalg.generic`, the convolution it reads and the fill of that
    convolution's init, through TilingInterface): each block is computed
    and then transposed while it is in cache. The phases' convolutions
    read all their weights again for each image's rows of a block, so only
    where the channels-last tensor does not fit in L2, the weights and a
    block do, and the weights read at L2's rate
    (TargetModel::l2BytesPerCycle) take less time than those rows' way out
    of L2 and back at L3's (twice the rows at l3BytesPerCycle) (on Zen 5: a
    super-resolution layer, 147 KB of weights and rows of 128 KB, 6.0 -> 5.4
    ms; CycleGAN's last layer, 295 KB and 128 KB, 7% faster; a DCGAN layer
    at batch 16, 512 KB and rows of 16 KB, and its int8 form 2% and 10%
    slower with blocks), in 2-D and
    3-D (in 1-D a row is a pixel).

    A layer computed on flat pixels (the GEMM lowering of taps that do not
    overlap, and 3-D phases: a 1-D convolution over N x pixels, its bias,
    then a `tensor.expand_shape` of the pixels into the image dims, rows
    first, that the transpose reads) has its transpose tiled by one row of
    that expansion (an input row in 2-D, a plane in 3-D), each block's
    pixels, a contiguous range of the flat ones, computed in the loop into
    a block the loop carries, under the same conditions (on Emerald Rapids,
    a 3-D U-Net up-convolution's int8 GEMM, 4 MB of flat i32 pixels in
    blocks of 256 KB; without blocks its transpose took half the call).

    With `threads` > 1, the blocks are first split into one chunk per
    thread (an `scf.forall`, the loop of the blocks inside it), where the
    thread count divides them; `tconv-distribute-to-threads` and
    `tconv-block-conv-filters` leave what is inside alone. Blocks of flat
    pixels are left to threads as they are (not blocked).
    Runs before `tconv-block-conv-filters`, which blocks the fused
    convolutions' filters outside the loop.
  }];
  let options = !listconcat(TargetModelOptions, [
    Option<"threads", "threads", "int64_t", "1",
           "Threads the code runs on: chunks of blocks, one each">,
  ]);
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def BlockConvFilters : Pass<"tconv-block-conv-filters"> {
  let summary = "Store each register tile's convolution weights contiguously";
  let description = [{
    A channels-last convolution (`linalg.conv_1d_nwc_wcf`,
    `conv_2d_nhwc_hwcf`, `conv_3d_ndhwc_dhwcf`: any linalg convolution whose
    filter and result end in its one output channel dim) reads, in each step
    of its register tile's reduction, C output channels of one filter row:
    rows that are F channels apart. With F a power of two those rows fall
    into few L1 sets (F = 512 f32: 2 KiB apart, 2 of 64 sets), and the block
    of weights that the cache tile keeps for all pixels thrashes: pix2pix's
    512-channel layer ran at 20 ms on Haswell, 14 ms with 8-channel cache
    tiles, against oneDNN's 12 ms with blocked weights.

    Where the register tile (`selectRegisterTile`, as
    `tconv-tile-and-vectorize` chooses it for the same target and options)
    has C < F channels and C divides F, the filter (k..., Cin, F) is
    rearranged into blocks (F / C, k..., Cin, C), and the convolution
    becomes an `scf.for` over the blocks, each a convolution of the same
    kind with one contiguous block and its slice of the result. The
    rearrangement is folded into the `linalg.generic` computing the filter
    where it has one (the lowerings' flips), folded at compile time for a
    constant, and a `linalg.generic` of its own otherwise; it depends on the
    weights alone, so `tconv-outline-weight-packing` moves it into the
    packing function.

    An output channel count that whole vectors do not cover is first padded
    with zero weights (and a zero-padded result, sliced afterwards) to the
    next multiple of the vector width where that fills more lanes than the
    dividing channel tiles would (`getPaddedChannelCount`; FSRCNN's 9
    sub-pixel channels on AVX2: 9 of 16 lanes against 3 of 8; 1.24 ->
    0.73 ms). Constant filters are not padded.

    With `threads` > 1 dividing the number of blocks, the loop is an
    `scf.forall` instead, the parallel loop of the convolution
    (`tconv-distribute-to-threads` leaves ops inside an `scf.forall` alone):
    each thread then reads only its own blocks of weights, where splitting
    the pixels made every thread stream all of them (pix2pix's 32 MiB).

    The loop over the blocks is outermost (a block's weights stay in L1 for
    all pixels), except where an epilogue stores consecutive blocks next to
    each other (the chunks of a channels-last sub-pixel part's rows) and
    they fit half of L2: then it runs inside a loop over the image rows,
    so that each row of the result is written (and a residual read) in
    runs of whole chunks, not one chunk per pass over the result (fcn32
    channels-last with a residual chain, 5.1 -> 4.6 ms on Zen 5). Where the
    epilogue also reads a tensor in the result's layout (a residual), the
    pixels of a row go outside the blocks too, in blocks of the smallest
    divisor of the row at least the register tile's pixels: each tile's
    rows of the residual are then read as streams a row's chunks long
    (4.6 -> 3.9 ms).
  }];
  let options = !listconcat(TargetModelOptions, [
    Option<"registerTileWidth", "register-tile-width", "int64_t", "0",
           "Output pixels per convolution register tile (0: from the "
           "target model)">,
    Option<"registerTileChannels", "register-tile-channels", "int64_t", "0",
           "Output channels per convolution register tile, the block size "
           "(0: from the target model)">,
    Option<"threads", "threads", "int64_t", "1",
           "Threads the blocks are split among (an scf.forall when they "
           "divide the blocks)">,
  ]);
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def SkipPaddingTaps : Pass<"tconv-skip-padding-taps"> {
  let summary = "Split convolutions so that no part multiplies zero padding";
  let description = [{
    A convolution whose input is zero-padded along an output image dim
    (the phases of a padded transposed convolution, the convolutions of its
    sub-pixel and zero-insertion lowerings) takes some taps of its first or
    last rows from the padding: a DCGAN layer's 4 x 4 phases spend an
    eighth of their multiplies on those zeros along each dim, which the
    scatter definition never multiplies. Such a convolution is split along
    that dim into parts whose rows reach data through the same taps, each a
    convolution over those taps only (slices of its filter and input), where
    that skips at least 1/16 of its multiplies in at most five parts (each
    part costs a loop nest and the code of its tiles) and the target
    model's register tiles take fewer cycles over the parts than over the
    whole (`getModelledCycles`). Along the innermost output image dim,
    which the register tiles run along, only border columns one pixel wide
    are split off, and only from parts with another image dim for their
    tiles to run down (`getPixelLoop`): wider border parts would make
    narrow tiles. Whether the columns pay depends on the target: a phase
    four pixels wide leaves three, which on Zen 5 still keep the FMA pipes
    as busy per pixel (3 x 4 zmm tiles; DCGAN's layers 5-11% faster), but
    for Skylake-AVX512 stream their weights from L2 as slowly as four
    (L1 32 KiB), and on AVX2 leave the 4 x 2 ymm tiles six accumulators
    for two 5-cycle FMA pipes (ungated, 8-13% slower for Haswell). Nor
    where the tiles' FMAs take their inputs by element (AArch64): a tile's
    vector of input channels per pixel, contiguous along a row, becomes
    partial vectors in separate rows down a column (FCN's 21 channels
    spilled on Neoverse N1).

    What is padding is read from the ops that build the input: zero fills
    and constants, slices inserted into them, slices of those and zero
    `tensor.pad`s, with static offsets along the dim. Only convolutions
    whose body multiplies and adds (not the quantized named ops, which
    subtract zero points first) are split, so a zero input adds nothing.
    An elementwise epilogue that `tconv-tile-and-vectorize` fuses into the
    convolution's register tiles is split with it (`linalg::splitOp`), each
    of its parts reading one part of the convolution; a zero fill of the
    convolution's init becomes one per part, which the tiles fuse as before.
    Runs after `tconv-block-conv-filters`, so that the parts slice the
    blocked filter instead of blocking a filter of their own, and before
    `tconv-distribute-to-threads`, whose loops hide how the input was
    padded.
  }];
  let options = TargetModelOptions;
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def TileAndVectorize : Pass<"tconv-tile-and-vectorize"> {
  let summary = "Tile linalg ops on tensors for registers and vectorize them";
  let description = [{
    Tiles every linalg op on tensors with `scf.for` loops (TilingInterface)
    for the target (`target-triple`, `target-cpu`, `target-features`:
    LLVM's names, the host by default), decomposes 2-D convolutions whose tiles have one
    output row and one kernel row into 1-D ones, and vectorizes what the
    linalg vectorizer accepts.

    A convolution's register tile, P output pixels along the innermost
    image dim times C output channels, comes from the target model
    (`tconv::chooseRegisterTile` in `TileSelection.h`): the shape whose
    accumulators, weight vectors and broadcast input fit the vector
    registers and that the model expects to run fastest over the op's
    width and channels, counting the FMAs, loads and the weights' stream
    from the cache level that holds a channel tile's weights over the whole
    reduction (deep reductions: fewer channels, more pixels per weight
    vector). An op whose width P does not divide is split into a
    part that it does and a remainder with a tile of its own. Batch, the
    other image dims, kernel taps and input channels step by one, so the
    accumulators stay in registers across the reduction loops. Cache tiles
    come first (outermost): C output channels x as many input channels as
    keep a block of weights in half of L1 (`chooseCacheTileInputChannels`).
    `register-tile-width`, `register-tile-channels` and
    `cache-tile-input-channels` replace the model's choice (0: the model's).
    A channels-first depthwise convolution (its result's innermost dim is
    its innermost image dim) is vectorized along its rows instead: one
    channel per tile, the channels outermost, a power of two of whole
    vectors of a row per tile; each tile of one row, tap and channel
    becomes a `linalg.conv_1d` of the rows (operands extended to the
    result's type), which upstream vectorizes as unaligned row loads times
    a broadcast weight (`register-tile-channels` does not apply).

    Tile sizes divide the dimension, so tiles are static; channel tiles fill
    whole vector registers, else a single one. Dynamic widths get one-pixel
    tiles. Other ops are tiled to rows of at most `row-tile` elements (f32
    transposes to blocks of up to 16 x 16; a transpose whose innermost read
    or write loop is longer than a vector but not a multiple of it is first
    split into whole vectors and the rest, each in blocks of its own: 21
    channels in 16 and 5, not 3 x 7; the loop across a block's rows as far
    out as the source inside it fits half of L2 where the rows go to
    different pages of the output; the loops of a transpose whose result
    takes at least 8 L2s and is only returned, on x86, marked
    `tconv.nontemporal_stores` for `tconv-stream-stores`, as are those of
    a fused epilogue's register tiles). Ops the
    vectorizer rejects (3-D
    and grouped generic convolutions, the weight flip) stay as tiled scalar
    loops.

    Epilogues: a convolution whose result's only user is an elementwise op
    (an activation, a residual add, a transpose to the model's layout: all
    loops parallel, operands read through projected permutations) computes
    that op on each register tile (`fuse-epilogues`, on by default). The
    op is tiled along the tile's loops with the convolution and the
    producer of its init (the bias broadcast) fused in, so the accumulators
    go from registers through the epilogue to memory once (the epilogue's
    loops follow the convolution's result, so it reads the accumulators as
    they are and transposes, if at all, as it stores). A width that is not
    a multiple of the tile splits the epilogue, and the convolution is
    fused into both parts. Such convolutions get no cache tiles: each
    tile's reduction runs whole.
  }];
  let options = !listconcat(TargetModelOptions, [
    Option<"registerTileWidth", "register-tile-width", "int64_t", "0",
           "Output pixels per convolution register tile (0: from the "
           "target model)">,
    Option<"registerTileChannels", "register-tile-channels", "int64_t", "0",
           "Output channels per convolution register tile (0: from the "
           "target model)">,
    Option<"fuseEpilogues", "fuse-epilogues", "bool", "true",
           "Compute a convolution's elementwise consumer on its register "
           "tiles">,
    Option<"rowTile", "row-tile", "int64_t", "64",
           "Largest innermost tile of non-convolution ops">,
    Option<"cacheTiles", "cache-tiles", "bool", "true",
           "Tile convolutions for the L1 cache">,
    Option<"cacheTileInputChannels", "cache-tile-input-channels", "int64_t",
           "0", "Input channels per cache tile of a convolution (0: from "
           "the target model)">,
  ]);
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def PrintTargetModel : Pass<"tconv-print-target-model", "::mlir::ModuleOp"> {
  let summary = "Print the target model the schedules are computed from";
  let description = [{
    Prints the figures of `TargetModel` (`tconv/Target/TargetModel.h`) for
    `target-triple`, `target-cpu` and `target-features` (the host by
    default) to standard
    output, one per line, and leaves the IR unchanged: what
    `tconv-tile-and-vectorize` sees for the same options.
  }];
  let options = TargetModelOptions;
}

def PairDepthwiseTaps : Pass<"tconv-pair-depthwise-taps"> {
  let summary = "Sum a quantized depthwise row's taps in pairs by VPMADDWD";
  let description = [{
    A quantized depthwise convolution's row (`tconv-tile-and-vectorize`
    vectorizes it along the output columns: a loop over the taps `kw` of
    `acc += extsi(x[.., kw : kw + N]) * extsi(w[.., kw])`, i8 values, an
    i32 accumulator) multiplies in i32 (VPMULLD: two uops, no faster than
    f32); its products share no input channel for the convolutions' dot
    products to sum. Neighbouring taps do share their inputs' row: lane `i`
    of VPMADDWD on the row read from `kw` (as i16) and the weights
    `(w[kw], w[kw+1])` repeated is `x[2i + kw] w[kw] + x[2i + kw + 1]
    w[kw + 1]`, both taps of output column `2i`; read from `kw + 1`, of
    column `2i + 1`. Where the target model's `depthwise-int8-dot-product`
    is `vpmaddwd` (every AVX2 or AVX-512BW CPU, VNNI ones too: the taps
    are not a quad of one lane), such a loop with an even, constant trip
    count steps over pairs of taps into the even and odd columns of its
    accumulator (`llvm.x86.avx2.pmadd.wd`, `llvm.x86.avx512.pmaddw.d.512`,
    each operand's bytes read on their own), exact, split before the loop
    and interleaved after it; a loop around it that only splits and
    interleaves its accumulator (over the kernel's rows) carries the two
    halves too, so that the shuffles leave it. Elsewhere it does nothing.
  }];
  let options = TargetModelOptions;
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def LowerInt8DotProducts : Pass<"tconv-lower-int8-dot-products"> {
  let summary = "Lower i8 convolution tiles to dot-product instructions";
  let description = [{
    Rewrites each `vector.contract` of a quantized convolution's register
    tile, (n, w, c) x (c, f) -> (n, w, f) with c the input channels one
    instruction sums per i32 lane and i8 operands sign-extended to i32
    (what `tconv-tile-and-vectorize` makes of it on such targets), into the
    target's dot-product instruction (the target model's
    `int8-dot-product`, from `target-triple`, `target-cpu`,
    `target-features`: LLVM's names, the host by default):

    - `vpdpbusd` (x86 AVX512-VNNI, or AVX-VNNI for 256 bits): four u8 x s8
      products per lane (`llvm.x86.avx512.vpdpbusd.{256,512}`);
    - `vpmaddwd` (every AVX2 or AVX-512BW CPU without VNNI): two
      i16 x i16 products per lane, the i8 values widened to i16, exact
      (`llvm.x86.avx2.pmadd.wd`, `llvm.x86.avx512.pmaddw.d.512`), then
      added to the accumulator; the inputs may be i16 already
      (`tconv-prepare-dot-product-operands`);
    - `sdot` (AArch64 with the dot-product extension): four s8 x s8
      products per lane (`llvm.aarch64.neon.sdot`);
    - `vpmaddubsw` for contractions marked `tconv.narrow_weights` (weights
      in [-64, 63]; `tconv-dispatch-narrow-weights`, carried by
      `tconv-tile-and-vectorize`) where the target has `vpmaddwd`: four u8
      x s8 products per lane, pairs summed into i16 lanes
      (`llvm.x86.avx2.pmadd.ub.sw`, `llvm.x86.avx512.pmaddubs.w.512`,
      exact for such weights), then pairs of those by `vpmaddwd` by ones,
      added to the accumulator; its inputs are flipped and compensated as
      VPDPBUSD's (below). An unmarked four-channel tile is left alone there.

    Elsewhere it does nothing. Each pixel's inputs for one lane are
    broadcast to every lane; the weights are interleaved from (c, f) to
    (f, c) with shuffles (and for `vpmaddwd` widened to i16). Where the
    contraction accumulates through `scf.for` loops (the tile's reduction
    over taps and channels) with constant bounds, that is done by a copy
    of those loops that reads the weights only, writing every iteration's
    operands to a buffer (at most 256 KiB; allocated on the heap at the
    start of the function or `scf.forall` body around it and freed at its
    end: this pass runs after `tconv-group-static-allocations`, so even
    with `caller-scratch` these buffers are the kernel's own), moved out
    of the loops around them (the loops over pixels) as far as its
    operands allow and no loop writes memory the weights may be in
    (function arguments, which the C interface's results do not overlap,
    allocations, and byte ranges of one buffer apart); the tile's loop
    then loads its weight operands. Where the copy cannot leave any loop,
    the tile's loop interleaves its weights itself.

    VPDPBUSD's inputs are unsigned: each pixel's four inputs are broadcast
    with their top bits flipped (x + 128 as u8), which adds 128 times the
    weights' sum over the four channels to every pixel's products. Where
    the tiles read their inputs from a temporary (an allocation or a view
    of scratch bytes) that the function only writes with vector stores and
    only reads as such tiles' inputs, the stores flip the bytes instead and
    the tiles take them as they are: the flips took the dot products' ports
    (Golden Cove issues both on ports 0 and 5), one `VPXORQ` per two
    `VPDPBUSD` in a 32-channel tile. That
    sum, one more `VPDPBUSD` per weight vector, is subtracted from each
    pixel's accumulator. Where the contraction accumulates through
    `scf.for` loops, the sums are computed by another such copy of the
    loops, moved out the same way, and subtracted once after the
    reduction. Where it cannot leave any loop, the reduction loop carries
    the sums instead (and interleaves the weights).
  }];
  let options = TargetModelOptions;
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def ForwardVectorTransfers : Pass<"tconv-forward-vector-transfers"> {
  let summary = "Reads of a tile just written to a tensor take the vector";
  let description = [{
    A register tile's accumulators go through a tensor between the ops
    computed on the tile: the zeros or bias they start from are written,
    then read as the convolution's accumulator; its result is written,
    then read by the fused epilogue (the phases' bias, an activation). The
    ops view the tile with different unit dims (the convolution sees
    (n, w, f) where the result is (n, h, w, f)), so upstream's folding of a
    read after a write, which needs the same vector type, misses them, and
    the tile made a round trip through a buffer as large as the
    convolution's result (a 4 MB phase of a super-resolution layer, per
    phase).

    Tensor subsets are folded into the transfers (upstream's
    `populateFoldTensorSubsetOpPatterns`), and a `vector.transfer_read` of
    the tensor a `vector.transfer_write` produced, at the same indices, in
    bounds, without masks, that covers the same elements in the same order
    (the maps differ in unit dims only) becomes the written vector
    (`vector.shape_cast` where the shapes differ). So does a read of the
    whole of a `tensor.expand_shape` of a tensor a write filled whole (a
    sub-pixel part's output channels read as (C, residues...) by its
    pixel shuffle): a reshape keeps the elements' order. The writes and
    the tensors they filled are then dead.
  }];
  let dependentDialects = ["::mlir::vector::VectorDialect"];
}

def HoistVectorTransfers : Pass<"tconv-hoist-vector-transfers"> {
  let summary = "Hoist loop-invariant vector transfers out of loops";
  let description = [{
    Runs `linalg::hoistRedundantVectorTransfers` on bufferized code, so that
    a register tile's accumulators are read once before and written once
    after the reduction loops instead of in every iteration.
  }];
}

def PrefetchEpilogueReads : Pass<"tconv-prefetch-epilogue-reads"> {
  let summary = "Prefetch the tensors register tiles' epilogues read";
  let description = [{
    In each loop over register tiles (an `scf.for` with constant bounds whose
    body computes accumulators: a reduction loop carrying vectors, or vector
    contractions and FMAs), prefetches what each `vector.transfer_read` of
    its body (not of nested loops) reads `distance` tiles later: at the
    start of the iteration, one `memref.prefetch` per cache line (64 bytes)
    of the read, its address computed by clones of the ops that compute the
    read's (which must be free of memory effects). When the loop runs
    `distance` iterations or fewer (a row of two tiles), the iteration
    ahead is one of the innermost enclosing loop that runs enough, each of
    its iterations counted as one run of the loops inside (the same tile of
    the next row); it is clamped to that loop's last iteration. Only reads
    that depend on the iteration, of buffers nothing in the advanced loop
    writes, are prefetched; in tconv's tiles these are the epilogue's
    operands, such as a residual added to a transposed convolution's
    result. A phase of the convolution reads every other pixel of them, an
    access the hardware prefetchers do not follow: on Zen 3 the tiles
    waited for each load.

    In a loop over blocks whose body first computes the block's register
    tiles (innermost loops over tiles, static bounds) and then passes over
    the block (loop nests with static bounds that compute no tiles, such
    as the transpose of a block of phase rows that
    `tconv-transpose-in-row-blocks` makes, with its epilogue), the reads of
    the passes worth prefetching (as above, here: depending on the block)
    are prefetched for this block while its tiles are computed, spread
    over them: the block's tile t (counted across its tile loops) prefetches
    the lines of the passes' iterations t * n to (t + 1) * n - 1 (their
    induction variables delinearized from that number), n = the passes'
    iterations over the tiles, rounded up; not where n exceeds 4 (too few
    tiles to hide the lines). A second version of a pass reading the same
    buffers (the streaming one of `tconv-stream-stores` and its fallback)
    adds none. A pass finding those lines in memory waits for short runs
    of them (a channels-first residual's rows, one per channel) while the
    memory idles through the tiles: the residual chain of channels-first
    sr_op1 on Zen 5 took about 3% less.
  }];
  let options = [
    Option<"distance", "distance", "unsigned", "2",
           "Iterations ahead to prefetch (0: none)">,
  ];
  let dependentDialects = ["affine::AffineDialect", "arith::ArithDialect",
                           "memref::MemRefDialect"];
}

def StreamStores : Pass<"tconv-stream-stores"> {
  let summary = "Store the lines of marked loops past the caches";
  let description = [{
    In each `scf.for` marked `tconv.nontemporal_stores`
    (`tconv-tile-and-vectorize` marks the tile loops of a transpose, or of
    a convolution's epilogue, whose result is at least 8 times the
    target's L2 or 8 MiB and that the function only returns, on x86),
    rewrites each
    `vector.transfer_write` that stores whole 64-byte lines (a register
    tile's row of channels may be several) or a 32-byte half at offsets
    known to be multiples of a line (of a half) from its buffer's aligned
    pointer (1-D, in bounds, unmasked, to contiguous elements of a memref
    with a static layout defined outside the loop; the offsets from
    constants, loop induction variables, sums, products and affine maps of
    those) into a non-temporal `vector.store` aligned to a line. A line
    must be stored whole before other lines are: the transposes' blocks
    write rows of whole lines (for AVX2, two 32-byte halves one after the
    other; with 8 x 8 blocks, whose halves the next block completed after
    eight other lines, the transposes of unet2 and sr_op1 in int8 for
    Haswell took four times as long on Emerald Rapids as with plain
    stores), a register tile a pixel's channels in order. So a half is
    streamed only where the other half of its line is stored next: by a
    store of the same loop body to the same indices but the last, that
    plus or minus its elements (a tile of two vectors of channels), or by
    the next iteration of a loop that stores nothing else and steps its
    last index by its elements; a tile of one vector of channels among
    several (VPMADDUBSW's 8-channel tiles of fcn32 for Haswell, streamed:
    9 -> 55 ms) stores plain. The loop is
    versioned: the streaming copy runs where every such buffer is 64-byte
    aligned at run time (checked once before the loop), the original
    elsewhere, since x86 has no unaligned non-temporal vector store.
    The streaming version ends with an SFENCE, which orders its stores
    (weakly ordered) before the thread's next ones. The marker is removed
    either way; on other targets than x86 (`target-triple`, `target-cpu`,
    `target-features`) nothing else changes.

    A plain store to a line that is not in cache reads it first: a result
    much larger than the caches then costs twice its size in memory
    traffic, and a loop that does little but store waits on it. A
    channels-first layer's 16 MB i32 result transposed 0.3 ms faster this
    way on Zen 5; the same layer channels-last in f32, with a residual
    added in its register tiles' epilogue, took 15% less (the residual it
    reads stays in L3).
  }];
  let options = TargetModelOptions;
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def OutlineTileLoops : Pass<"tconv-outline-tile-loops", "::mlir::ModuleOp"> {
  let summary = "Compile each register-tile loop nest as a function of its own";
  let description = [{
    Moves each top-level loop nest (`scf.for`, `scf.forall`, `scf.parallel`
    without results) that computes register tiles (a `vector.contract`,
    `vector.fma`, or the dot-product intrinsics of
    `tconv-lower-int8-dot-products`), in a function with more than one loop
    nest, into a private function of its own (`NAME_nestI`, taking the
    values it uses as arguments, the constants cloned), called once where
    the nest was, neither the function nor the call inlined (`no_inline`).
    LLVM allocates registers function by function: in one function, the
    register allocation of a convolution's tile loop depended on the loops
    around it (unet3d's GEMM loop, the same LLVM IR in both, spilled two
    accumulators per iteration and moved 40 between registers when followed
    by a wider transpose). Each such nest also shows under its own name in
    a profile. An `scf.for` whose body holds both register-tile nests and
    other loop nests (a row-block loop of `tconv-transpose-in-row-blocks`:
    a block's convolution, then its transpose) has its inner register-tile
    nests outlined, called in the loop, rather than itself (not inside a
    thread's `scf.forall` or `scf.parallel`). Other loops (layout changes, weight packing, bufferization's
    deallocation helper) stay where they are: in functions of their own,
    LLVM unrolled weight packing loops fully, doubling a layer's compile
    time.
  }];
  let dependentDialects = [
    "::mlir::func::FuncDialect",
    "::mlir::scf::SCFDialect",
  ];
}

def CollapseVectorTransfers : Pass<"tconv-collapse-vector-transfers"> {
  let summary = "Merge a transfer's innermost dims where memory is contiguous";
  let description = [{
    Rewrites each `vector.transfer_write` of a transpose's result (a
    `vector.transpose` or a transposing `vector.transfer_read`) and each
    `vector.transfer_read` that only transposes feed on, to or from a memref
    (minor identity map, in bounds, no mask), whose innermost vector dim is
    narrower than half of the target's vector registers, whose two
    innermost dims fit in one (the target model's vector width, from
    `target-triple`, `target-cpu`, `target-features`) and which covers whole
    rows of the memref, rows that are contiguous with one another: the
    memref's two innermost dims are collapsed (`memref.collapse_shape`), the
    vector's likewise (`vector.shape_cast`), repeatedly. A block of a
    channels-first pixel shuffle, 16 channels of 8 x 2 outputs each
    (`vector<16x8x2xi32>`), is then written as 16 rows of 16 elements
    instead of 128 transfers of 2, which `convert-vector-to-scf` would make
    of it. A write of an epilogue computed on such a block (elementwise
    ops of the block's shape, each used only there, on transpose results,
    splat constants and reads of whole rows: an activation and a residual
    add after the pixel shuffle) is rewritten with the whole expression on
    the merged rows, its reads merged too: row by row, unet3d's residual
    add cost as much as its convolution. Other vectors are left alone: their users take them apart row by
    row (an int8 register tile broadcasts its input's rows of 4 bytes), and
    rows shuffled out of a merged 64-byte register took the X86 backend
    minutes to legalize.
  }];
  let options = TargetModelOptions;
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def LowerVectorTransposes : Pass<"tconv-lower-vector-transposes"> {
  let summary = "Lower power-of-two vector transposes to shuffle networks";
  let description = [{
    Rewrites each `vector.transpose` of an n x n slice (n a power of two,
    every other dim 1), as the transfers between channels-first and
    channels-last layouts leave them, into log2(n) rounds of two-input
    `vector.shuffle`s: the round of step g = 2^b (n/2 first) swaps bit b of
    each element's row with bit b of its column, exchanging between rows i
    and i + g (bit b of i clear) the g-element blocks at columns with bit b
    set and clear; after the last round the rows are the columns. Each
    shuffle is one instruction or two on x86 (`vperm2f128`, `unpcklpd`,
    `shufps` and a blend for 8 x 8 x 32 bits) and one on AArch64 (`trn1`,
    `trn2`); the conversion to LLVM would otherwise move the block element
    by element or as one wide shuffle, which the X86 backend lowers to
    single-element loads and blends. 16-bit floats are shuffled as i16
    (the X86 backend cannot promote shuffles of bf16 vectors). A slice of
    m rows of n elements, m a power-of-two multiple of n (a streamed
    result's block, whose rows are written a cache line at a time: 8
    channels by 16 pixels of i32 for AVX2), is m / n such squares, row i
    of the result joining their rows i (shuffles that only concatenate).
    Other transposes are left alone.
  }];
  let dependentDialects = ["arith::ArithDialect", "vector::VectorDialect"];
}

#endif // TCONV_CODEGEN_PASSES_TD
