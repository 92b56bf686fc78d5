//===- Passes.td - tconv transform passes ------------------*- tablegen -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TRANSFORMS_PASSES_TD
#define TCONV_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def MemRefCopyToLinalg : Pass<"tconv-memref-copy-to-linalg"> {
  let summary = "Rewrite memref.copy as linalg.copy";
  let description = [{
    Strided `memref.copy` ops (from bufferized `tensor.insert_slice`) lower
    to calls of `memrefCopy` in MLIR's runtime library. As `linalg.copy` they
    become plain loops, so generated code needs nothing but libc.

    ```mlir
    memref.copy %a, %b : memref<4xf32> to memref<4xf32, strided<[2]>>
    // becomes
    linalg.copy ins(%a : memref<4xf32>) outs(%b : memref<4xf32, strided<[2]>>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def FoldMemRefAliasOps : Pass<"tconv-fold-memref-alias-ops"> {
  let summary = "Fold memref views into their accesses, soundly";
  let description = [{
    Upstream's `fold-memref-alias-ops` (subviews, `expand_shape` and
    `collapse_shape` folded into the loads and stores through them), except
    for the folds of an `expand_shape` into a vector access that would read
    or write other elements. LLVM 22 folds `vector.transfer_read %e[...]`
    with `%e = memref.expand_shape %m` into a read of `%m` that maps the
    vector's dims onto the trailing dims of `%m` one by one, which is wrong
    when a vector dim is not the innermost dim of its reassociation group
    (its stride changes) or, for a dim that may leave the bounds, when the
    group has other non-unit dims. For example

    ```mlir
    %e = memref.expand_shape %m [[0], [1], [2, 3]] output_shape [3, 1, 8, 1]
        : memref<3x1x8xf32> into memref<3x1x8x1xf32>
    %v = vector.transfer_read %e[%i, %c0, %c1, %c0], %pad
        {in_bounds = [true, true, true],
         permutation_map = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>}
        : memref<3x1x8x1xf32>, vector<1x6x1xf32>
    ```

    became a read of `vector<1x6x1xf32>` from `%m[%i, %c0, %c1]` with the
    identity map: six elements along the unit dim 1, that is across batch
    rows. Such accesses are left to go through the view, which
    `expand-strided-metadata` lowers correctly. Every other fold is
    upstream's. (Upstream has since reworked the pass on access interfaces,
    which also stops these folds.)
  }];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def ExpandF16Conversions : Pass<"tconv-expand-f16-conversions"> {
  let summary = "Expand f16 <-> f32 conversions into integer arithmetic";
  let description = [{
    Rewrites `arith.extf` from f16 to f32 and `arith.truncf` from f32 to
    f16, scalar or vector, as bitcasts, shifts, masks and selects on i16/i32,
    with IEEE semantics: round to nearest, ties to even; overflow to
    infinity; subnormals in both directions; signed zeros and infinities
    kept; NaNs stay NaNs, quieted, with their sign and the top of their
    payload (as x86's F16C instructions and compiler-rt convert them). The
    subnormal cases use one f32 addition instead of a per-lane leading-zero
    count or variable shift, which SSE2 lacks: exact for the extension, and
    rounding to nearest even (the default floating-point environment, which
    LLVM assumes) for the truncation. Left alone: `arith.truncf` with
    another rounding mode, conversions between f16 and other types (f64 is
    not emitted by the kernels; bf16 is `arith-expand-ops`' job), and
    tensors.

    ```mlir
    %h = arith.truncf %x : vector<8xf32> to vector<8xf16>
    // becomes, roughly
    %u = arith.bitcast %x : vector<8xf32> to vector<8xi32>
    ... (sign, NaN, overflow, subnormal and normal cases, selected)
    %h = arith.bitcast %t : vector<8xi16> to vector<8xf16>
    ```

    Why: on a CPU without conversion instructions (x86-64 without F16C,
    such as `--target-cpu=x86-64`), LLVM lowers these conversions to calls
    to compiler-rt's or libgcc's `__extendhfsf2` and `__truncsfhf2`, and
    tconv's objects are meant to need nothing but libc. The pipeline runs
    the pass only for such targets (`TargetModel::hasF16Conversions`
    false): elsewhere the instructions are faster. The kernels compute in
    f32 (f16 operands are extended once, results rounded once), so these
    two conversions are the only f16 operations that would reach the
    library; `test/Tools/tconv-aot-libc-only.test` checks the objects.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def LowerMath : Pass<"tconv-lower-math"> {
  let summary = "Math functions as polynomial approximations";
  let description = [{
    `math.tanh`, `math.erf`, `math.exp`, `math.log` and the other functions
    the activations of imported networks use (GELU, SiLU, sigmoid, tanh)
    become arithmetic: upstream's polynomial approximations (f32; f16 and
    bf16 are computed in f32) and its expansions (`sinh`, `cosh`, `powf`,
    ... in terms of `exp` and `log`). LLVM has no vector form of most of
    these functions; the approximations keep vector code vectorized and the
    objects free of libm. Ops left over (none of the activations) become
    LLVM intrinsics or, failing that, libm calls in the LLVM lowering.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def LeakyReluAsMaximum : Pass<"tconv-leaky-relu-as-maximum"> {
  let summary = "LeakyReLU as the larger of x and c * x, exactly";
  let description = [{
    A LeakyReLU, `x > 0 ? x : c * x` (or `x < 0 ? c * x : x`, `>=` and
    unordered compares alike), with a constant slope 0 < c <= 1, is the
    larger of `x` and `c * x`: for such a c, `c * x` has the sign of `x`,
    is below it above zero and above it below zero, and is NaN where `x` is
    NaN. It becomes

    ```mlir
    %m = arith.mulf %x, %c : f32
    %g = arith.cmpf ogt, %x, %m : f32
    %y = arith.select %g, %x, %m : f32
    ```

    which is x86's `maxps` operation exactly (`a > b ? a : b`): LLVM selects
    one VMAXPS for it where the original form took a compare, and a blend or
    masked move besides the multiply. The result is the same in every
    case, signed zeros, infinities and NaNs included. Scalar and vector
    forms alike; other slopes (0, above 1, not constant) are left.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def LowerSignCasts : Pass<"tconv-lower-sign-casts"> {
  let summary = "tconv.sign_cast as casts the LLVM lowering removes";
  let description = [{
    Replaces every `tconv.sign_cast` (on scalars or vectors, once the
    tensors are bufferized) by a `builtin.unrealized_conversion_cast`. The LLVM type
    conversion maps `ui8` and `i8` to the same LLVM integer, so
    `reconcile-unrealized-casts` folds the casts away and the reinterpreted
    bits are used as they are. Runs once the vectorizer, which cannot
    vectorize the builtin cast, is done.
  }];
}

def ConvsToChannelsLast : Pass<"tconv-convs-to-channels-last"> {
  let summary = "Compute channels-first linalg convolutions channels-last";
  let description = [{
    Rewrites `linalg.conv_1d_ncw_fcw` and `linalg.conv_2d_nchw_fchw` into
    `linalg.conv_1d_nwc_wcf` / `linalg.conv_2d_nhwc_hwcf` between
    `linalg.transpose`s of the input, the filter, the init and the result:
    the codegen register-blocks channels-last convolutions only. A zero
    `tensor.pad` of the input's spatial dims moves after the input's
    transpose. Strides and dilations are kept.

    ```mlir
    %y = linalg.conv_2d_nchw_fchw ins(%x, %w : ...) outs(%init : ...)
    // becomes
    %xt = linalg.transpose ins(%x) ... permutation = [0, 2, 3, 1]
    %wt = linalg.transpose ins(%w) ... permutation = [2, 3, 1, 0]
    %it = linalg.transpose ins(%init) ... permutation = [0, 2, 3, 1]
    %c = linalg.conv_2d_nhwc_hwcf ins(%xt, %wt : ...) outs(%it : ...)
    %y = linalg.transpose ins(%c) ... permutation = [0, 3, 1, 2]
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def FuseElementwise : Pass<"tconv-fuse-elementwise"> {
  let summary = "Fuse chains of elementwise ops into one";
  let description = [{
    Fuses each elementwise linalg op (`linalg.generic`, `linalg.transpose`,
    `linalg.broadcast`: all loops parallel) with its elementwise producers
    that have no other use, using upstream's elementwise op fusion. A
    transpose back to channels-first, an activation, a residual add and a
    transpose to channels-last become one `linalg.generic`: one pass over
    memory instead of four, and one op that tconv-tile-and-vectorize can
    compute on a convolution's register tiles. An elementwise op reading
    the `tensor.expand_shape` of another's single-use result is collapsed
    to the producer's shape first (upstream's fold-reshape-by-collapsing),
    so that the reshape does not stop the fusion; one that collapses a
    convolution's result is expanded to its shape instead, so that
    tconv-tile-and-vectorize can compute it on the convolution's register
    tiles.

    With `distribute-over-phases` (the default), the op after the phases
    of a transposed convolution (convolution results, or their bias
    epilogues, inserted into disjoint strided slices of the bias or an empty
    tensor) is computed phase by phase instead, on each convolution's
    result, which then has it as an epilogue: an activation, a residual add
    or a requantization to 8 bits runs on the register tiles, and only its
    result reaches memory. The same for the parts of a sub-pixel pixel
    shuffle into a cropped result (transposes that move whole channel
    rows): each part then computes the op as it moves its rows. Where the bias is a broadcast, each convolution
    starts from a broadcast of its own, so no whole-size bias is written.
    An op that reads the phases transposed (back to channels-first) is left
    whole: it would store every phase's tiles transposed and strided
    (measured 1.5-5x slower than one pass over the result).

    A chain that narrows the elements of a transpose's result (e.g. the
    requantization of a channels-first layer's i32 result to 8 bits, whose
    other operands are scalars or per-channel vectors) is first moved before
    the transpose, in its source's order: it then runs on the convolution's
    (or each phase's) register tiles, and the transpose moves a quarter of
    the bytes. It is moved through a collapsed transpose too (the GEMM
    lowering's depth-to-space, then the transpose to channels-first), and
    where it cannot collapse back to the convolution's shape because a
    per-channel operand reads only the channel dim of an expanded group
    (channels x taps), that operand is broadcast along the taps (as the
    bias is) and the op collapsed. Transposes, or ops fused from them, do
    not take in a narrowing producer.

    An op reading a channels-last result that the sub-pixel lowering wrote
    in 64-byte chunks (its parts' view (N, a1, b1, ..., a_d, chunks,
    chunk), collapsed and expanded to (N, O..., C)) is computed on that
    view instead (with `distribute-over-phases`), so that it distributes
    over the parts: operands of the result's shape reshaped likewise,
    per-channel vectors repeated over a block's chunks (element (q, l) is
    channel (q * chunk + l) mod C, a `tensor.generate`: fused into the
    tiles, its extracts would gather per element), scalars as they are.
  }];
  let options = [
    Option<"distributeOverPhases", "distribute-over-phases", "bool", "true",
           "Compute the op after a transposed convolution's phases phase by "
           "phase">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def FoldChannelAffine : Pass<"tconv-fold-channel-affine"> {
  let summary = "Fold a per-channel scale and shift into conv_transpose";
  let description = [{
    An elementwise `linalg.generic` whose only tensor operand that varies
    per pixel is the result of a `tconv.conv_transpose` (its only use) and
    whose body computes `y * s + t`, `y * s` or `y + t`, with `s` and `t`
    per output channel (a 1-D operand indexed by the channel dim), 0-D
    operands or scalars from outside the body: an inference batch norm, a
    bias add, a scale. The scale multiplies the weight along its output
    channels (per group in the channels-first layout, whose weight is
    (Cin, Cout/G, k...)), and the bias becomes `b * s + t`:

    ```mlir
    %y = tconv.conv_transpose %x, %w, %b {...}
    %z = linalg.generic ins(%y, %s, %t : ...) outs(...) {
      ^bb0(%v: f32, %sc: f32, %sh: f32, %o: f32):
        %m = arith.mulf %v, %sc : f32
        %a = arith.addf %m, %sh : f32
        linalg.yield %a : f32
    }
    // becomes
    %w2 = linalg.generic ... // %w * %s per output channel
    %b2 = linalg.generic ... // %b * %s + %t
    %z = tconv.conv_transpose %x, %w2, %b2 {...}
    ```

    A scale is folded where it is the same on every call: computed,
    without memory effects, from constants and arguments marked
    `tconv.pack` (weights; a whole model's parameter blob) alone. The new
    weight and bias then depend on the weights alone, so that
    `tconv-aot --pack-weights` computes them once, at pack time, and the
    layer's output is written once. A scale given at the call is folded
    only where the weight has at most 1/64 as many elements as the result
    (dynamic dims counted as 1); else it stays an elementwise op, which
    `tconv-tile-and-vectorize` computes on the register tiles as they are
    stored: folded, it would scale every weight on every call and undo the
    packing (FCN-32s' 1.8 M weights: 1.2 ms per call on Zen 5). A shift
    alone (a bias add) is always folded: it only changes the bias.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def FusePadWithProducer : Pass<"tconv-fuse-pad-with-producer"> {
  let summary = "Let the producer of a padded tensor write into the padding";
  let description = [{
    A `tensor.pad` with a constant value of the result of a linalg op with
    only parallel loops that does not read its init (the channels-last
    transpose of the input, typically) becomes a fill of the padded tensor
    whose interior the op writes directly. After bufferization that is one
    buffer and one pass over the data instead of two of each. Unlike
    upstream's `populateFuseTensorPadWithProducerLinalgOpPatterns`, named
    producers stay named. The padding of a zero insertion (a
    `tensor.insert_slice` into a `linalg.fill` of the padding value) folds
    into the insertion: one fill of the padded tensor, the insertion's
    offsets moved by the low padding.

    ```mlir
    %t = linalg.transpose ins(%x) outs(%e) permutation = [0, 2, 3, 1]
    %p = tensor.pad %t low[0, 1, 1, 0] high[0, 1, 1, 0] { ... }
    // becomes
    %f = linalg.fill ins(%zero) outs(%padded_empty)
    %s = tensor.extract_slice %f[0, 1, 1, 0] ...
    %t = linalg.transpose ins(%x) outs(%s) permutation = [0, 2, 3, 1]
    %p = tensor.insert_slice %t into %f[0, 1, 1, 0] ...
    ```
  }];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def ConcatIntoSlices : Pass<"tconv-concat-into-slices"> {
  let summary = "Compute each input of a concatenation in its slice of the result";
  let description = [{
    A `tensor.concat` becomes `tensor.insert_slice`s of its inputs into a
    `tensor.empty` of its result. An input whose buffer starts from a
    `tensor.empty` (the init of a destination-style op or a loop, followed
    through later destination-style ops and reshapes) starts from its slice
    of the result instead, so that after bufferization it is computed in
    place and its insertion copies nothing: a U-Net decoder's transposed
    convolution writes straight into the skip concatenation. Other inputs
    (arguments, say) are copied as before. Upstream's empty tensor
    elimination follows no reshapes, and the transpose back to
    channels-first writes collapsed pixels.

    ```mlir
    %e = tensor.empty() : tensor<1x32x256xf32>
    %t = linalg.generic ... outs(%e)
    %y = tensor.expand_shape %t [[0], [1], [2, 3]] ...
    %c = tensor.concat dim(1) %y, %skip
    // becomes
    %r = tensor.empty() : tensor<1x64x16x16xf32>
    %s = tensor.extract_slice %r[0, 0, 0, 0] [1, 32, 16, 16] [1, 1, 1, 1]
    %e = tensor.collapse_shape %s [[0], [1], [2, 3]]
    %t = linalg.generic ... outs(%e)
    %y = tensor.expand_shape %t [[0], [1], [2, 3]] ...
    %i = tensor.insert_slice %y into %r[0, 0, 0, 0] [1, 32, 16, 16] [1, 1, 1, 1]
    %c = tensor.insert_slice %skip into %i[0, 32, 0, 0] [1, 32, 16, 16] [1, 1, 1, 1]
    ```

    A concatenation along a dimension of dynamic size is left as it is, and
    so is one whose other dynamic sizes no input's `tensor.empty` gives.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def OutlineWeightPacking : Pass<"tconv-outline-weight-packing", "ModuleOp"> {
  let summary = "Split the rearrangement of weights into a function of its own";
  let description = [{
    For each function with arguments marked `tconv.pack` (a unit argument
    attribute; tconv-aot --pack-weights marks the weights of the
    conv_transpose ops), takes the computation that depends on the marked
    arguments alone (the lowering's weight transposes, flips and tap
    selections) and adds two functions next to `@F`, whose body becomes a
    call of each (so that nothing is compiled twice) and whose arguments
    lose the marks:

    - `@F_pack(marked arguments...)` computes those values and returns them
      in one flat tensor, each one flattened and padded to 64 bytes;
    - `@F_packed(...)` is `@F` with that flat tensor in place of the marked
      arguments (at the position of the first one): it takes the values
      back as views of it and does only the rest of the work.

    A model's weights are packed once, by `@F_pack`, and every call of
    `@F_packed` saves their rearrangement, as oneDNN reorders its weights
    once outside its convolution primitive. The ops moved are those without
    memory effects and with tensor results at the top level of the body,
    except broadcasts (a parallel linalg op whose operands all have fewer
    dims than it iterates over: a bias broadcast to a convolution's output would take the
    output's size in the packed tensor, and is as cheap to recompute as to
    copy), whose operands (and the
    values their regions use) are marked arguments, results of moved ops or
    results of operand-free ops (`tensor.empty`, constants; those are
    copied). The ops of an `scf.if`'s branches (the two ways
    `tconv-dispatch-narrow-weights` computes a convolution) that would move
    if they were outside it are hoisted out of it first, then CSE merges
    what the branches compute alike: both ways rearrange their weights at
    pack time. Runs on tensors, after convert-tconv-to-linalg and CSE. A
    packed value must have a static shape of rank at least 1, and all of
    them one element type; otherwise, or when `@F_pack` or `@F_packed`
    exists already, the pass fails with an error. `@F_pack` is marked
    `tconv.runs_once` (and optimized for size).

    ```mlir
    func.func @F(%x: tensor<1x4x4x8xf32>, %w: tensor<8x16x2x2xf32> {tconv.pack})
        -> tensor<...> {
      %t = linalg.transpose ins(%w ...) outs(...) permutation = [2, 3, 0, 1]
      %c = linalg.conv_2d_nhwc_hwcf ins(%x, %t ...) ...
    // adds
    func.func @F_pack(%w: tensor<8x16x2x2xf32>) -> tensor<512xf32>
    func.func @F_packed(%x: tensor<1x4x4x8xf32>, %packed: tensor<512xf32>)
        -> tensor<...> {
      %s = tensor.extract_slice %packed[0] [512] [1]
      %t = tensor.expand_shape %s [[0, 1, 2, 3]] output_shape [2, 2, 8, 16]
      %c = linalg.conv_2d_nhwc_hwcf ins(%x, %t ...) ...
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def ForwardResultCopies : Pass<"tconv-forward-result-copies"> {
  let summary = "Compute a result in its out-param instead of copying it there";
  let description = [{
    Rewrites `memref.copy %src, %out`, where `%out` is an argument of the
    function used only by that copy (an out-param of
    `--buffer-results-to-out-params`) and `%src` an identity-layout
    `memref.alloc` of the function body or a chain of `memref.expand_shape`
    and `memref.collapse_shape` ops of one (a channels-last sub-pixel result
    written in chunks is collapsed and expanded): the alloc becomes `%out`
    (or its inverse reshapes, with the alloc's sizes where they are dynamic;
    a collapse further down the chain needs static sizes) and the copy
    goes. The reshape may itself be written through
    (the transpose back to channels-first writes the result through an
    `expand_shape` of its buffer) when all its users come before the copy,
    as the alloc's must. Upstream's `hoist-static-allocs` does the
    same for an alloc returned as it is, but not for a reshaped one, as the
    transposes to and from channels-last return (they transpose the pixels
    as one dim): a U-Net layer spent a tenth of its time copying its 6 MB
    result. Nor for a result that bufferization left as a loop's result
    (a bias broadcast into the result, then one convolution per phase
    updating its slices): the loops fold away only after that pass, and a
    super-resolution layer allocated and copied its 16 MB result on every
    call.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def GroupStaticAllocations
    : Pass<"tconv-group-static-allocations", "ModuleOp"> {
  let summary = "A static scratch buffer per function for its temporaries";
  let description = [{
    Replaces the `memref.alloc`s of static shape at the top level of each
    function body, or in `scf.if` branches there (moved to the body first:
    the two ways `tconv-dispatch-narrow-weights` computes an op; a loop's or
    a thread's stay its own; buffers the function may return, directly or
    through views, loops and branches, are left alone), by `memref.view`s
    into two 64-byte
    aligned scratch buffers. Temporaries share bytes where their live
    ranges (first to last use in the function body, through views, loops
    and nested regions; temporaries used in different branches of one
    `scf.if` never overlap) do not overlap, so a whole network needs about its
    largest live activations rather than all of them; each is placed,
    largest first, at the lowest offset clear of those live at the same
    time. Those that fit within `max-static-bytes` go to a zero-filled `memref.global` of the
    function's own (`.bss` in the object), claimed for the call with an
    atomic exchange on a second global flag and released before returning.
    A call that finds it claimed (the same function running on another
    thread) allocates a heap buffer of the same size instead, so the code
    stays reentrant. The others share one `memref.alloc`, a heap buffer
    allocated on every call (`max-static-bytes=0`: every temporary). A
    function with a static buffer gets the attribute
    `tconv.static_scratch_bytes`, its size (tconv-aot's header gives it). A
    function marked `tconv.runs_once` (the weight packing) puts all its
    static temporaries in the heap buffer: a static one would stay resident
    after its one call.
    Runs on bufferized code before buffer deallocation, which frees the
    heap buffers.

    With `caller-scratch`, there is neither a global nor a heap buffer:
    every function with a body gets a trailing `memref<N x i8>` argument
    holding all its static temporaries (N may be 0) and the attribute
    `tconv.scratch_bytes = N`; a call to such a function passes it a
    temporary of the caller's own, allocated just before the call, so that
    one buffer from the outermost caller serves the whole call tree
    (tconv-aot `--scratch=caller`).

    Temporaries whose one dynamic dim always equals a dim of an argument of
    the function (a dynamic batch: their sizes are `memref.dim`s, followed
    through allocations, views, casts and reshapes) are placed by liveness
    the same way, in bytes per unit of that dim, and viewed at `base +
    dim * offset`. With `caller-scratch`, in a function no other calls,
    they follow the static ones in the caller's buffer, now `memref<?xi8>`:
    `tconv.scratch_bytes` is the static part (aligned to 64), and
    `tconv.scratch_bytes_per_dim` and `tconv.scratch_dim` (`array<i64:
    argument, dim>`) the rest. Otherwise (and in a callee, whose buffer is
    sized statically at its call sites) they share one heap buffer
    allocated per call. Those sized by another argument dim than the first
    found, or by anything else, are still allocated one by one.

    A static allocation anywhere in a function whose size in bytes is
    larger than the largest index value (the lowered code computes sizes
    and offsets as index values) is an error.

    Why: a kernel's temporaries (the transposed and padded input, the
    rearranged weights, the channels-last result) were allocated and freed
    on every call. Once glibc returns freed memory to the OS (it trims when
    the free total passes twice the largest block), the next call
    page-faults on every page again: a quarter to a half of the time of the
    DCGAN and super-resolution layers. oneDNN keeps its scratchpad in the
    primitive for the same reason. The price: the static memory of every
    compiled function stays reserved for the life of the process, and
    beyond 2 GiB it does not link (x86-64's small code model: "relocation
    truncated to fit"). Hence the limit, 8 MiB by default: a few functions
    reserve little, and glibc keeps a single freed block of up to 32 MiB
    (its largest dynamic mmap threshold) for the next call, so a layer with
    up to about 40 MiB of temporaries faults no pages once warm. Larger
    heap buffers are mapped and faulted in on every call: FCN-32s, with
    50 to 65 MiB of temporaries for 0.9 GFLOP, ran 15 times slower on the
    benchmark machine, a VM where a page fault costs 15 to 20 us
    (bench/README.md; 159 ms against 12 with them all static). Since its
    pixel shuffle writes the cropped result itself, it has 25 MiB and
    runs in 17 ms.
  }];
  let options = [
    Option<"maxStaticBytes", "max-static-bytes", "int64_t", "8388608",
           "Largest static scratch buffer of a function, in bytes (at most "
           "2^31 - 1); the temporaries that do not fit share a heap buffer "
           "allocated on every call">,
    Option<"callerScratch", "caller-scratch", "bool", "false",
           "All static temporaries of each function in one buffer its "
           "caller passes: a trailing memref<N x i8> argument, N in the "
           "function's tconv.scratch_bytes attribute (calls between the "
           "module's functions pass a temporary of the caller's)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
  ];
}

#endif // TCONV_TRANSFORMS_PASSES_TD
