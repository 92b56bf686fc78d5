// tconv-aot: the exported C wrappers in the LLVM dialect and LLVM IR, the
// generated header, and the symbols of the object (only the public
// functions are defined globally; only libc is needed).

// RUN: split-file %s %t
// RUN: tconv-aot %t/f32.mlir -o %t/f32.o --header=%t/f32.h
// RUN: FileCheck %s --check-prefix=HEADER --match-full-lines < %t/f32.h
// RUN: tconv-aot %t/half.mlir -o %t/half.o --header=%t/half.h --target-cpu=generic
// RUN: FileCheck %s --check-prefix=HALF-HEADER --match-full-lines < %t/half.h

// (Execution/AOT compiles generated headers as C and C++.)

// Exactly the public functions are global definitions.
// RUN: llvm-nm --defined-only --extern-only --format=just-symbols %t/f32.o | sort | FileCheck %s --check-prefix=DEFINED --match-full-lines
// DEFINED: dyn
// DEFINED-NEXT: layer
// DEFINED-NEXT: pair
// DEFINED-NOT: {{.}}
// RUN: llvm-nm %t/f32.o | FileCheck %s --check-prefix=TEXT
// TEXT: {{[0-9a-f]+}} T layer

// Undefined: libc only (no MLIR runtime, no memrefCopy, no compiler runtime
// for the f16 conversions of a CPU without F16C such as generic).
// RUN: llvm-nm --undefined-only --format=just-symbols %t/f32.o > %t/f32.undef
// RUN: not grep -v -x -E 'malloc|free|memcpy|memmove|memset' %t/f32.undef
// RUN: FileCheck %s --check-prefix=UNDEF < %t/f32.undef
// UNDEF-DAG: free
// UNDEF-DAG: malloc
// RUN: llvm-nm --undefined-only --format=just-symbols %t/half.o > %t/half.undef
// RUN: not grep -v -x -E 'malloc|free|memcpy|memmove|memset' %t/half.undef

// RUN: tconv-aot %t/f32.mlir -o - --emit=mlir | FileCheck %s --check-prefix=MLIR
// MLIR-DAG: llvm.func internal @__tconv_layer(
// MLIR-DAG: llvm.func @free(!llvm.ptr)
// Static results: the lowered function writes them into the caller's
// buffers (out-params), nothing is copied or freed.
// MLIR-LABEL: llvm.func @layer(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// MLIR: llvm.call @__tconv_layer({{.*}}) -> ()
// MLIR-NOT: "llvm.intr.memcpy"
// MLIR-NOT: llvm.call @free(
// MLIR: llvm.return
// A dynamic result is returned, copied out and freed.
// MLIR-LABEL: llvm.func @dyn(%{{.*}}: i64, %{{.*}}: i64, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// MLIR: %[[DESC:.*]] = llvm.call @__tconv_dyn(
// MLIR: llvm.extractvalue %[[DESC]][0]
// MLIR: "llvm.intr.memcpy"
// MLIR: llvm.call @free(
// MLIR-LABEL: llvm.func @pair(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// MLIR: llvm.call @__tconv_pair({{.*}}) -> ()
// MLIR-NOT: "llvm.intr.memcpy"
// MLIR-NOT: llvm.call @free(
// MLIR: llvm.return
// MLIR-NOT: _mlir_ciface

// RUN: tconv-aot %t/f32.mlir -o - --emit=llvm | FileCheck %s --check-prefix=LLVM
// LLVM: target triple =
// LLVM-DAG: define void @layer(ptr {{.*}}, ptr {{.*}}, ptr {{.*}}, ptr {{.*}})
// LLVM-DAG: define void @dyn(i64 {{.*}}, i64 {{.*}}, ptr {{.*}}, ptr {{.*}}, ptr {{.*}}, ptr {{.*}})
// LLVM-DAG: define void @pair(
// LLVM-NOT: define {{.*}}@__tconv
// LLVM-NOT: _mlir_ciface

// RUN: tconv-aot %t/f32.mlir -o %t/f32.s --emit=asm --target-cpu=native
// RUN: FileCheck %s --check-prefix=ASM < %t/f32.s
// ASM: .globl layer
// ASM: layer:

// HEADER: #ifndef TCONV_AOT_F32_H
// HEADER-NEXT: #define TCONV_AOT_F32_H
// HEADER-EMPTY:
// HEADER-NEXT: #include <stdint.h>
// HEADER-EMPTY:
// HEADER-NEXT: #ifdef __cplusplus
// HEADER-NEXT: extern "C" {
// HEADER-NEXT: #endif
// HEADER-EMPTY:
// HEADER-NEXT: /* layer
// HEADER-NEXT:  *   input:  16x256x8x8 f32; conv_transpose input (N, Cin, H, W), channels_first
// HEADER-NEXT:  *   weight: 256x128x4x4 f32; conv_transpose weight (Cin, Cout/G, kh, kw), channels_first
// HEADER-NEXT:  *   bias:   128 f32; conv_transpose bias (Cout)
// HEADER-NEXT:  *   output: 16x128x16x16 f32; conv_transpose output (N, Cout, OH, OW), channels_first
// HEADER-NEXT:  * (temporaries: a static buffer of {{[0-9]+}} bytes)
// HEADER-NEXT:  */
// HEADER-NEXT: void layer(const float *input, const float *weight, const float *bias, float *output);
// HEADER-EMPTY:
// HEADER-NEXT: /* dyn
// HEADER-NEXT:  *   input:  ?x3x?x5 f32 (dim 0 = input_dim0, dim 2 = input_dim2); conv_transpose input (N, Cin, H, W), channels_first
// HEADER-NEXT:  *   weight: 3x4x3x3 f32; conv_transpose weight (Cin, Cout/G, kh, kw), channels_first
// HEADER-NEXT:  *   bias:   4 f32; conv_transpose bias (Cout)
// HEADER-NEXT:  *   output: ?x4x?x11 f32 (dim 0 = input_dim0, dim 2 = 2 * input_dim2 + 1); conv_transpose output (N, Cout, OH, OW), channels_first
// HEADER-NEXT:  * (temporaries: a static buffer of {{[0-9]+}} bytes)
// HEADER-NEXT:  */
// HEADER-NEXT: void dyn(int64_t input_dim0, int64_t input_dim2, const float *input, const float *weight, const float *bias, float *output);
// HEADER-EMPTY:
// HEADER-NEXT: /* pair
// HEADER-NEXT:  *   input:   1x2x3 f32; conv_transpose input (N, Cin, L), channels_first
// HEADER-NEXT:  *   weight0: 2x2x2 f32; conv_transpose weight (Cin, Cout/G, k), channels_first
// HEADER-NEXT:  *   weight1: 2x3x2 f32; conv_transpose weight (Cin, Cout/G, k), channels_first
// HEADER-NEXT:  *   output0: 1x2x4 f32; conv_transpose output (N, Cout, OL), channels_first
// HEADER-NEXT:  *   output1: 1x3x4 f32; conv_transpose output (N, Cout, OL), channels_first
// HEADER-NEXT:  *   result2: 1x2x3 f32
// HEADER-NEXT:  * (temporaries: a static buffer of {{[0-9]+}} bytes)
// HEADER-NEXT:  */
// HEADER-NEXT: void pair(const float *input, const float *weight0, const float *weight1, float *output0, float *output1, float *result2);
// HEADER-EMPTY:
// HEADER-NEXT: #ifdef __cplusplus
// HEADER-NEXT: }
// HEADER-NEXT: #endif
// HEADER-EMPTY:
// HEADER-NEXT: #endif /* TCONV_AOT_F32_H */

// --pack-weights: each function with weight arguments is followed by its
// packing pair (Execution/AOT/random-configs.test runs them).
// RUN: tconv-aot %t/f32.mlir -o %t/packed.o --header=%t/packed.h --pack-weights
// RUN: FileCheck %s --check-prefix=PACKED --match-full-lines < %t/packed.h
// PACKED: void layer(const float *input, const float *weight, const float *bias, float *output);
// PACKED-EMPTY:
// PACKED-NEXT: /* layer_pack
// PACKED-NEXT:  *   weight: 256x128x4x4 f32; conv_transpose weight (Cin, Cout/G, kh, kw), channels_first
// PACKED-NEXT:  *   packed: 524288 f32; the weights of layer, packed by layer_pack for layer_packed
// PACKED-NEXT:  */
// PACKED-NEXT: #define LAYER_PACKED_ELEMENTS 524288 /* packed: elements (float), not bytes */
// PACKED-NEXT: void layer_pack(const float *weight, float *packed);
// PACKED-EMPTY:
// PACKED-NEXT: /* layer_packed
// PACKED-NEXT:  *   input:  16x256x8x8 f32; conv_transpose input (N, Cin, H, W), channels_first
// PACKED-NEXT:  *   packed: 524288 f32; the weights of layer, packed by layer_pack for layer_packed
// PACKED-NEXT:  *   bias:   128 f32; conv_transpose bias (Cout)
// PACKED-NEXT:  *   output: 16x128x16x16 f32; conv_transpose output (N, Cout, OH, OW), channels_first
// PACKED-NEXT:  * (temporaries: a static buffer of {{[0-9]+}} bytes)
// PACKED-NEXT:  */
// PACKED-NEXT: void layer_packed(const float *input, const float *packed, const float *bias, float *output);
// PACKED: void dyn(int64_t input_dim0, int64_t input_dim2, const float *input, const float *weight, const float *bias, float *output);
// PACKED: void dyn_pack(const float *weight, float *packed);
// PACKED: void dyn_packed(int64_t input_dim0, int64_t input_dim2, const float *input, const float *packed, const float *bias, float *output);
// Two weights: one packed buffer, 16 floats each (64 bytes).
// PACKED: void pair(const float *input, const float *weight0, const float *weight1, float *output0, float *output1, float *result2);
// PACKED: *   packed:  32 f32; the weights of pair, packed by pair_pack for pair_packed
// PACKED-NEXT:  */
// PACKED-NEXT: #define PAIR_PACKED_ELEMENTS 32 /* packed: elements (float), not bytes */
// PACKED-NEXT: void pair_pack(const float *weight0, const float *weight1, float *packed);
// PACKED: void pair_packed(const float *input, const float *packed, float *output0, float *output1, float *result2);
// RUN: llvm-nm --defined-only --extern-only --format=just-symbols %t/packed.o | sort | FileCheck %s --check-prefix=PACKED-DEFINED --match-full-lines
// PACKED-DEFINED: dyn
// PACKED-DEFINED-NEXT: dyn_pack
// PACKED-DEFINED-NEXT: dyn_packed
// PACKED-DEFINED-NEXT: layer
// PACKED-DEFINED-NEXT: layer_pack
// PACKED-DEFINED-NEXT: layer_packed
// PACKED-DEFINED-NEXT: pair
// PACKED-DEFINED-NEXT: pair_pack
// PACKED-DEFINED-NEXT: pair_packed
// PACKED-DEFINED-NOT: {{.}}
// RUN: tconv-aot %t/half.mlir -o %t/half-packed.o --header=%t/half-packed.h --pack-weights --target-cpu=generic
// RUN: FileCheck %s --check-prefix=HALF-PACKED --match-full-lines < %t/half-packed.h
// HALF-PACKED: #define HALF_PACKED_ELEMENTS {{[0-9]+}} /* packed: elements (uint16_t), not bytes */
// HALF-PACKED-NEXT: void half_pack(const uint16_t *weight, uint16_t *packed);
// HALF-PACKED: void half_packed(int64_t input_dim0, const uint16_t *input, const uint16_t *packed, uint16_t *output);
// HALF-PACKED-NOT: plain_pack

// An argument marked {tconv.pack} (an importer's weight blob) is packed
// whatever uses it: here the slices that are the conv_transpose's weight and
// a per-channel scale. The result's batch is derived through the
// linalg.generic and its tensor.empty.
// RUN: tconv-aot %t/blob.mlir -o %t/blob.o --header=%t/blob.h --pack-weights
// RUN: FileCheck %s --check-prefix=BLOB --match-full-lines < %t/blob.h
// BLOB:      /* net
// BLOB-NEXT:  *   input:   ?x2x3 f32 (dim 0 = input_dim0); conv_transpose input (N, Cin, L), channels_first
// BLOB-NEXT:  *   params:  20 f32
// BLOB-NEXT:  *   output:  ?x4x4 f32 (dim 0 = input_dim0)
// BLOB-NEXT:  * (temporaries: a static buffer of 128 bytes)
// BLOB-NEXT:  */
// BLOB-NEXT: void net(int64_t input_dim0, const float *input, const float *params, float *output);
// BLOB:      void net_pack(const float *params, float *packed);
// BLOB:      void net_packed(int64_t input_dim0, const float *input, const float *packed, float *output);
// --scratch=caller: every function takes its temporaries in the caller's
// buffer, last, and has a NAME_scratch_size (Frontends/whole-torch.test
// runs such objects, from C and through ctypes).
// RUN: tconv-aot %t/blob.mlir -o %t/blob-caller.o --header=%t/blob-caller.h --pack-weights --scratch=caller
// RUN: FileCheck %s --check-prefix=CALLER --match-full-lines < %t/blob-caller.h
// CALLER: #include <stddef.h>
// NAME_scratch_size takes NAME's leading dims.
// CALLER: size_t net_scratch_size(int64_t input_dim0); /* {{[0-9]+}} */
// CALLER-NEXT: void net(int64_t input_dim0, const float *input, const float *params, float *output, void *scratch);
// CALLER: size_t net_pack_scratch_size(void); /* {{[0-9]+}} */
// CALLER-NEXT: void net_pack(const float *params, float *packed, void *scratch);
// CALLER: size_t net_packed_scratch_size(int64_t input_dim0); /* {{[0-9]+}} */
// CALLER-NEXT: void net_packed(int64_t input_dim0, const float *input, const float *packed, float *output, void *scratch);
// RUN: llvm-nm --defined-only --extern-only --format=just-symbols %t/blob-caller.o | sort | FileCheck %s --check-prefix=CALLER-DEFINED --match-full-lines
// CALLER-DEFINED: net
// CALLER-DEFINED-NEXT: net_pack
// CALLER-DEFINED-NEXT: net_pack_scratch_size
// CALLER-DEFINED-NEXT: net_packed
// CALLER-DEFINED-NEXT: net_packed_scratch_size
// CALLER-DEFINED-NEXT: net_scratch_size
// --pack-weights=only: a deployed model's interface, NAME_pack and NAME
// taking the packed buffer; the unpacked form is neither exported nor
// lowered.
// RUN: tconv-aot %t/f32.mlir -o %t/only.o --header=%t/only.h --pack-weights=only
// RUN: FileCheck %s --check-prefix=ONLY --match-full-lines < %t/only.h
// ONLY:      *   packed: 524288 f32; the weights of layer, packed by layer_pack for layer
// ONLY-NEXT:  */
// ONLY-NEXT: #define LAYER_PACKED_ELEMENTS 524288 /* packed: elements (float), not bytes */
// ONLY-NEXT: void layer_pack(const float *weight, float *packed);
// ONLY-EMPTY:
// ONLY-NEXT: /* layer
// ONLY:      * (temporaries: a static buffer of {{[0-9]+}} bytes)
// ONLY-NEXT: */
// ONLY-NEXT: void layer(const float *input, const float *packed, const float *bias, float *output);
// ONLY:      void dyn_pack(const float *weight, float *packed);
// ONLY:      void dyn(int64_t input_dim0, int64_t input_dim2, const float *input, const float *packed, const float *bias, float *output);
// ONLY:      void pair_pack(const float *weight0, const float *weight1, float *packed);
// ONLY:      void pair(const float *input, const float *packed, float *output0, float *output1, float *result2);
// ONLY-NOT:  _packed(
// RUN: llvm-nm --defined-only --extern-only --format=just-symbols %t/only.o | sort | FileCheck %s --check-prefix=ONLY-DEFINED --match-full-lines
// ONLY-DEFINED:      dyn
// ONLY-DEFINED-NEXT: dyn_pack
// ONLY-DEFINED-NEXT: layer
// ONLY-DEFINED-NEXT: layer_pack
// ONLY-DEFINED-NEXT: pair
// ONLY-DEFINED-NEXT: pair_pack
// ONLY-DEFINED-NOT:  {{.}}
// RUN: tconv-aot %t/f32.mlir -o - --emit=mlir --pack-weights=only | FileCheck %s --check-prefix=ONLY-MLIR
// ONLY-MLIR-NOT: @__tconv_{{(layer|dyn|pair)}}(
// ONLY-MLIR:     llvm.func internal @__tconv_layer_pack(
// ONLY-MLIR:     llvm.func internal @__tconv_layer_packed(
// ONLY-MLIR:     llvm.func @layer_pack(
// ONLY-MLIR:     llvm.func @layer(
// ONLY-MLIR:     llvm.func @pair(
// ONLY-MLIR-NOT: @__tconv_{{(layer|dyn|pair)}}(
// With caller-owned scratch too: the importers' --whole-model --aot form.
// RUN: tconv-aot %t/blob.mlir -o %t/blob-only.o --header=%t/blob-only.h --pack-weights=only --scratch=caller
// RUN: FileCheck %s --check-prefix=CALLER-ONLY --match-full-lines < %t/blob-only.h
// CALLER-ONLY:      size_t net_pack_scratch_size(void); /* {{[0-9]+}} */
// CALLER-ONLY-NEXT: void net_pack(const float *params, float *packed, void *scratch);
// The batch's temporaries take bytes per sample, and the result is the
// caller's buffer: no malloc in the call.
// CALLER-ONLY:      size_t net_scratch_size(int64_t input_dim0); /* {{[0-9]+}} * input_dim0 */
// CALLER-ONLY-NEXT: void net(int64_t input_dim0, const float *input, const float *packed, float *output, void *scratch);
// RUN: tconv-aot %t/blob.mlir -o - --emit=mlir --pack-weights=only --scratch=caller | FileCheck %s --check-prefix=CALLER-ONLY-MLIR
// CALLER-ONLY-MLIR-LABEL: llvm.func internal @__tconv_net_packed(
// CALLER-ONLY-MLIR-NOT:   llvm.call @malloc
// CALLER-ONLY-MLIR:       llvm.return
// CALLER-ONLY-MLIR-LABEL: llvm.func @net(%arg0: i64,
// CALLER-ONLY-MLIR:       %[[BYTES:.*]] = llvm.mul %{{.*}}, %arg0 : i64
// CALLER-ONLY-MLIR:       llvm.call @__tconv_net_packed({{.*}}, %[[BYTES]], %{{.*}}) :
// CALLER-ONLY-MLIR-LABEL: llvm.func @net_scratch_size(%arg0: i64) -> i64 {
// CALLER-ONLY-MLIR-NEXT:  %[[PER:.*]] = llvm.mlir.constant({{[0-9]+}} : i64) : i64
// CALLER-ONLY-MLIR-NEXT:  %[[SIZE:.*]] = llvm.mul %[[PER]], %arg0 : i64
// CALLER-ONLY-MLIR-NEXT:  llvm.return %[[SIZE]] : i64
// RUN: not tconv-aot %t/blob.mlir -o %t/bad.o --pack-weights=twice 2>&1 | FileCheck %s --check-prefix=BAD-PACK
// BAD-PACK: Cannot find option named 'twice'!
// RUN: not tconv-aot %t/blob.mlir -o %t/bad.o --scratch=heap 2>&1 | FileCheck %s --check-prefix=BAD-SCRATCH
// BAD-SCRATCH: error: unknown --scratch value 'heap' (expected static or caller)

// Without the mark, the blob is an argument like any other.
// RUN: sed -e 's/ {tconv.pack}//' %t/blob.mlir > %t/unmarked.mlir
// RUN: not tconv-aot %t/unmarked.mlir -o %t/unmarked.o --pack-weights 2>&1 | FileCheck %s --check-prefix=UNMARKED
// UNMARKED: error: nothing to pack in {{.*}}unmarked.mlir

// HALF-HEADER: void half(int64_t input_dim0, const uint16_t *input, const uint16_t *weight, uint16_t *output);
// HALF-HEADER: void plain(const uint16_t *input, uint16_t *output);

//--- f32.mlir
func.func @layer(%x: tensor<16x256x8x8xf32>, %w: tensor<256x128x4x4xf32>,
                 %b: tensor<128xf32>) -> tensor<16x128x16x16xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>}
       : (tensor<16x256x8x8xf32>, tensor<256x128x4x4xf32>, tensor<128xf32>)
      -> tensor<16x128x16x16xf32>
  return %y : tensor<16x128x16x16xf32>
}

// Dynamic batch and height.
func.func @dyn(%x: tensor<?x3x?x5xf32>, %w: tensor<3x4x3x3xf32>,
               %b: tensor<4xf32>) -> tensor<?x4x?x11xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 0, 0, 1>, output_padding = array<i64: 1, 1>}
       : (tensor<?x3x?x5xf32>, tensor<3x4x3x3xf32>, tensor<4xf32>)
      -> tensor<?x4x?x11xf32>
  return %y : tensor<?x4x?x11xf32>
}

// Several results, one of them an argument.
func.func @pair(%x: tensor<1x2x3xf32>, %w1: tensor<2x2x2xf32>,
                %w2: tensor<2x3x2xf32>)
    -> (tensor<1x2x4xf32>, tensor<1x3x4xf32>, tensor<1x2x3xf32>) {
  %y1 = tconv.conv_transpose %x, %w1
        : (tensor<1x2x3xf32>, tensor<2x2x2xf32>) -> tensor<1x2x4xf32>
  %y2 = tconv.conv_transpose %x, %w2
        : (tensor<1x2x3xf32>, tensor<2x3x2xf32>) -> tensor<1x3x4xf32>
  return %y1, %y2, %x : tensor<1x2x4xf32>, tensor<1x3x4xf32>, tensor<1x2x3xf32>
}

// Not exported.
func.func private @helper(%a: i32) -> i32 {
  return %a : i32
}

//--- half.mlir
func.func @half(%x: tensor<?x8x4xf16>, %w: tensor<6x3x2xf16>)
    -> tensor<?x17x6xf16> {
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 2>,
         layout = #tconv.layout<channels_last>, groups = 2 : i64}>
       : (tensor<?x8x4xf16>, tensor<6x3x2xf16>) -> tensor<?x17x6xf16>
  return %y : tensor<?x17x6xf16>
}

func.func @plain(%a: tensor<4xbf16>) -> tensor<4xbf16> {
  return %a : tensor<4xbf16>
}

//--- blob.mlir
#map = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#channel = affine_map<(d0, d1, d2) -> (d1)>
func.func @net(%x: tensor<?x2x3xf32>, %params: tensor<20xf32> {tconv.pack})
    -> tensor<?x4x4xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x2x3xf32>
  %flat = tensor.extract_slice %params[0] [16] [1]
          : tensor<20xf32> to tensor<16xf32>
  %w = tensor.expand_shape %flat [[0, 1, 2]] output_shape [2, 4, 2]
       : tensor<16xf32> into tensor<2x4x2xf32>
  %scale = tensor.extract_slice %params[16] [4] [1]
           : tensor<20xf32> to tensor<4xf32>
  %y = tconv.conv_transpose %x, %w
       : (tensor<?x2x3xf32>, tensor<2x4x2xf32>) -> tensor<?x4x4xf32>
  %init = tensor.empty(%n) : tensor<?x4x4xf32>
  %z = linalg.generic {indexing_maps = [#map, #channel, #map],
                       iterator_types = ["parallel", "parallel", "parallel"]}
       ins(%y, %scale : tensor<?x4x4xf32>, tensor<4xf32>)
       outs(%init : tensor<?x4x4xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %m = arith.mulf %a, %s : f32
    %r = math.tanh %m : f32
    linalg.yield %r : f32
  } -> tensor<?x4x4xf32>
  return %z : tensor<?x4x4xf32>
}
