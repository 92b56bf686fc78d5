// The phases' rows and their transpose to channels-first computed a block of
// rows (the stride, 2) at a time, where the channels-last assembly is larger
// than the target's L2 and reading the phases' weights again for each block
// costs less than the block's round trip beyond L2 (@large_weights).
// Haswell's model: 256 KB of L2; Skylake-AVX512's: 1 MB.
// RUN: tconv-opt %s --tconv-transpose-in-row-blocks="target-cpu=haswell" --cse --split-input-file | FileCheck %s
// RUN: tconv-opt %s --tconv-transpose-in-row-blocks="target-cpu=skylake-avx512" --split-input-file | FileCheck %s --check-prefix=LARGE-L2
// RUN: tconv-opt %s --tconv-transpose-in-row-blocks="target-cpu=haswell threads=2" --cse --split-input-file | FileCheck %s --check-prefix=THREADS
// Three threads do not divide the 32 blocks: nothing to do.
// RUN: tconv-opt %s --tconv-transpose-in-row-blocks="target-cpu=haswell threads=3" --split-input-file | FileCheck %s --check-prefix=THREADS3
// RUN: not tconv-opt %s --tconv-transpose-in-row-blocks="threads=0" 2>&1 | FileCheck %s --check-prefix=INVALID
// INVALID: error: tconv-transpose-in-row-blocks: threads must be >= 1

// Four phases of a stride-2 layer (512 KB channels-last, 8 KB of weights):
// two with a bias generic writing into their place in the assembly, two
// convolutions accumulating into it (the assembly is a fill: its zeros),
// then the transpose with a residual add.
// CHECK-LABEL: func.func @phases
// CHECK-SAME: (%[[X:.*]]: tensor<1x32x32x16xf32>, %{{.*}}: tensor<1x1x16x32xf32>, %{{.*}}: tensor<1x1x16x32xf32>, %{{.*}}: tensor<1x1x16x32xf32>, %{{.*}}: tensor<1x1x16x32xf32>, %{{.*}}: tensor<32xf32>, %[[RES:.*]]: tensor<1x32x64x64xf32>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.0
// CHECK-DAG: %[[INIT:.*]] = tensor.empty() : tensor<1x32x64x64xf32>
// CHECK-DAG: %[[BLOCK_INIT:.*]] = tensor.empty() : tensor<1x2x64x32xf32>
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[ROW:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[OUT:.*]] = %[[INIT]], %[[BLOCK:.*]] = %[[BLOCK_INIT]]) -> (tensor<1x32x64x64xf32>, tensor<1x2x64x32xf32>)
// CHECK:   %[[RES_BLOCK:.*]] = tensor.extract_slice %[[RES]][0, 0, %[[ROW]], 0] [1, 32, 2, 64] [1, 1, 1, 1]
// CHECK:   %[[OUT_BLOCK:.*]] = tensor.extract_slice %[[OUT]][0, 0, %[[ROW]], 0] [1, 32, 2, 64] [1, 1, 1, 1]
// CHECK:   %[[ZEROS:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[BLOCK]] : tensor<1x2x64x32xf32>)
// CHECK:   %[[DEST0:.*]] = tensor.extract_slice %[[ZEROS]][0, 0, 0, 0] [1, 1, 32, 32] [1, 2, 2, 1]
// CHECK:   %[[R:.*]] = affine.apply #{{.*}}(%[[ROW]])
// CHECK:   %[[XR:.*]] = tensor.extract_slice %[[X]][0, %[[R]], 0, 0] [1, 1, 32, 16] [1, 1, 1, 1]
// CHECK:   %[[ACC:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<1x1x32x32xf32>)
// CHECK:   %[[C0:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[XR]], %{{.*}} : {{.*}}) outs(%[[ACC]] : tensor<1x1x32x32xf32>)
// CHECK:   %[[P0:.*]] = linalg.generic {{.*}} ins(%[[C0]], %{{.*}} : tensor<1x1x32x32xf32>, tensor<32xf32>) outs(%[[DEST0]] : tensor<1x1x32x32xf32>)
// CHECK:   %[[A0:.*]] = tensor.insert_slice %[[P0]] into %[[ZEROS]][0, 0, 0, 0] [1, 1, 32, 32] [1, 2, 2, 1]
// CHECK:   %[[DEST1:.*]] = tensor.extract_slice %[[A0]][0, 0, 1, 0] [1, 1, 32, 32] [1, 2, 2, 1]
// CHECK:   %[[P1:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[XR]], %{{.*}} : {{.*}}) outs(%[[DEST1]] : tensor<1x1x32x32xf32>)
// CHECK:   %[[A1:.*]] = tensor.insert_slice %[[P1]] into %[[A0]][0, 0, 1, 0] [1, 1, 32, 32] [1, 2, 2, 1]
// CHECK:   %[[DEST2:.*]] = tensor.extract_slice %[[A1]][0, 1, 0, 0] [1, 1, 32, 32] [1, 2, 2, 1]
// CHECK:   %[[C2:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[XR]], %{{.*}} : {{.*}}) outs(%{{.*}} : tensor<1x1x32x32xf32>)
// CHECK:   %[[P2:.*]] = linalg.generic {{.*}} ins(%[[C2]], %{{.*}} : tensor<1x1x32x32xf32>, tensor<32xf32>) outs(%[[DEST2]] : tensor<1x1x32x32xf32>)
// CHECK:   %[[A2:.*]] = tensor.insert_slice %[[P2]] into %[[A1]][0, 1, 0, 0] [1, 1, 32, 32] [1, 2, 2, 1]
// CHECK:   %[[DEST3:.*]] = tensor.extract_slice %[[A2]][0, 1, 1, 0] [1, 1, 32, 32] [1, 2, 2, 1]
// CHECK:   %[[P3:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[XR]], %{{.*}} : {{.*}}) outs(%[[DEST3]] : tensor<1x1x32x32xf32>)
// CHECK:   %[[A3:.*]] = tensor.insert_slice %[[P3]] into %[[A2]][0, 1, 1, 0] [1, 1, 32, 32] [1, 2, 2, 1]
// CHECK:   %[[T:.*]] = linalg.generic {{.*}} ins(%[[A3]], %[[RES_BLOCK]] : tensor<1x2x64x32xf32>, tensor<1x32x2x64xf32>) outs(%[[OUT_BLOCK]] : tensor<1x32x2x64xf32>)
// CHECK:   %[[NEXT:.*]] = tensor.insert_slice %[[T]] into %[[OUT]][0, 0, %[[ROW]], 0] [1, 32, 2, 64] [1, 1, 1, 1]
// CHECK:   scf.yield %[[NEXT]], %[[A3]]
// CHECK-NOT: linalg.conv_2d_nhwc_hwcf
// CHECK: return %[[LOOP]]#0
// THREADS3-LABEL: func.func @phases
// THREADS3-NOT: scf.for
// THREADS3: return
// A 1 MB L2 holds the assembly: nothing to do.
// LARGE-L2-LABEL: func.func @phases
// LARGE-L2-NOT: scf.for
// LARGE-L2: return
// With two threads, a chunk of 16 blocks each (rows 0-31 and 32-63), the
// blocks' loop in it; a block's row of the phases is its thread's offset
// plus its own, halved.
// THREADS-LABEL: func.func @phases
// THREADS: %[[SPLIT:.*]] = scf.forall (%[[CHUNK:.*]]) = (0) to (64) step (32) shared_outs(%[[SHARED:.*]] = %{{.*}}) -> (tensor<1x32x64x64xf32>)
// THREADS:   %[[BLOCK_INIT:.*]] = tensor.empty() : tensor<1x2x64x32xf32>
// THREADS:   %[[LOOP:.*]]:2 = scf.for %[[ROW:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %[[BLOCK_INIT]]) -> (tensor<1x32x32x64xf32>, tensor<1x2x64x32xf32>)
// THREADS:     %[[R:.*]] = affine.apply #{{.*}}(%[[CHUNK]], %[[ROW]])
// THREADS:     tensor.extract_slice %{{.*}}[0, %[[R]], 0, 0] [1, 1, 32, 16]
// THREADS-COUNT-4: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x1x32x32xf32>
// THREADS:   scf.forall.in_parallel
// THREADS-NEXT: tensor.parallel_insert_slice %[[LOOP]]#0 into %[[SHARED]][0, 0, %[[CHUNK]], 0] [1, 32, 32, 64]
// THREADS: return %[[SPLIT]]
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d3)>
#cl = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3, d1)>
func.func @phases(%x: tensor<1x32x32x16xf32>, %w0: tensor<1x1x16x32xf32>, %w1: tensor<1x1x16x32xf32>,
                  %w2: tensor<1x1x16x32xf32>, %w3: tensor<1x1x16x32xf32>, %b: tensor<32xf32>,
                  %r: tensor<1x32x64x64xf32>) -> tensor<1x32x64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x64x64x32xf32>
  %base = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x64x64x32xf32>) -> tensor<1x64x64x32xf32>
  %acc = tensor.empty() : tensor<1x32x32x32xf32>
  %zacc = linalg.fill ins(%zero : f32) outs(%acc : tensor<1x32x32x32xf32>) -> tensor<1x32x32x32xf32>
  %c0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w0 : tensor<1x32x32x16xf32>, tensor<1x1x16x32xf32>) outs(%zacc : tensor<1x32x32x32xf32>) -> tensor<1x32x32x32xf32>
  %s0 = tensor.extract_slice %base[0, 0, 0, 0] [1, 32, 32, 32] [1, 2, 2, 1] : tensor<1x64x64x32xf32> to tensor<1x32x32x32xf32>
  %p0 = linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c0, %b : tensor<1x32x32x32xf32>, tensor<32xf32>) outs(%s0 : tensor<1x32x32x32xf32>) {
  ^bb0(%v: f32, %bias: f32, %o: f32):
    %sum = arith.addf %v, %bias : f32
    linalg.yield %sum : f32
  } -> tensor<1x32x32x32xf32>
  %a0 = tensor.insert_slice %p0 into %base[0, 0, 0, 0] [1, 32, 32, 32] [1, 2, 2, 1] : tensor<1x32x32x32xf32> into tensor<1x64x64x32xf32>
  %s1 = tensor.extract_slice %a0[0, 0, 1, 0] [1, 32, 32, 32] [1, 2, 2, 1] : tensor<1x64x64x32xf32> to tensor<1x32x32x32xf32>
  %p1 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w1 : tensor<1x32x32x16xf32>, tensor<1x1x16x32xf32>) outs(%s1 : tensor<1x32x32x32xf32>) -> tensor<1x32x32x32xf32>
  %a1 = tensor.insert_slice %p1 into %a0[0, 0, 1, 0] [1, 32, 32, 32] [1, 2, 2, 1] : tensor<1x32x32x32xf32> into tensor<1x64x64x32xf32>
  %c2 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w2 : tensor<1x32x32x16xf32>, tensor<1x1x16x32xf32>) outs(%zacc : tensor<1x32x32x32xf32>) -> tensor<1x32x32x32xf32>
  %s2 = tensor.extract_slice %a1[0, 1, 0, 0] [1, 32, 32, 32] [1, 2, 2, 1] : tensor<1x64x64x32xf32> to tensor<1x32x32x32xf32>
  %p2 = linalg.generic {indexing_maps = [#id, #ch, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c2, %b : tensor<1x32x32x32xf32>, tensor<32xf32>) outs(%s2 : tensor<1x32x32x32xf32>) {
  ^bb0(%v: f32, %bias: f32, %o: f32):
    %sum = arith.addf %v, %bias : f32
    linalg.yield %sum : f32
  } -> tensor<1x32x32x32xf32>
  %a2 = tensor.insert_slice %p2 into %a1[0, 1, 0, 0] [1, 32, 32, 32] [1, 2, 2, 1] : tensor<1x32x32x32xf32> into tensor<1x64x64x32xf32>
  %s3 = tensor.extract_slice %a2[0, 1, 1, 0] [1, 32, 32, 32] [1, 2, 2, 1] : tensor<1x64x64x32xf32> to tensor<1x32x32x32xf32>
  %p3 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w3 : tensor<1x32x32x16xf32>, tensor<1x1x16x32xf32>) outs(%s3 : tensor<1x32x32x32xf32>) -> tensor<1x32x32x32xf32>
  %a3 = tensor.insert_slice %p3 into %a2[0, 1, 1, 0] [1, 32, 32, 32] [1, 2, 2, 1] : tensor<1x32x32x32xf32> into tensor<1x64x64x32xf32>
  %out = tensor.empty() : tensor<1x32x64x64xf32>
  %t = linalg.generic {indexing_maps = [#cl, #id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%a3, %r : tensor<1x64x64x32xf32>, tensor<1x32x64x64xf32>) outs(%out : tensor<1x32x64x64xf32>) {
  ^bb0(%v: f32, %res: f32, %o: f32):
    %sum = arith.addf %v, %res : f32
    linalg.yield %sum : f32
  } -> tensor<1x32x64x64xf32>
  return %t : tensor<1x32x64x64xf32>
}

// -----

// Worth it where the weights, read again from L2 for each image's rows of a
// block (they and a block must fit there), cost less than those rows' round
// trip to L3: 2 x 128 KB of weights and 96 KB blocks overflow Haswell's 256
// KB of L2; in a 1 MB one, 256 KB at 32 bytes a cycle against 2 x 96 KB at
// 16 (the models' default rates) is worth it (and the 3 MB assembly would
// not stay).
// CHECK-LABEL: func.func @large_weights
// CHECK-NOT: scf.for
// LARGE-L2-LABEL: func.func @large_weights
// LARGE-L2: scf.for %{{.*}} = %c0 to %c64 step %c2
// LARGE-L2-COUNT-2: linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x1x96x128xf32>
// LARGE-L2: linalg.transpose ins(%{{.*}} : tensor<1x2x96x128xf32>)
func.func @large_weights(%x: tensor<1x32x96x256xf32>, %w: tensor<1x1x256x128xf32>) -> tensor<1x128x64x96xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x64x96x128xf32>
  %acc = tensor.empty() : tensor<1x32x96x128xf32>
  %zacc = linalg.fill ins(%zero : f32) outs(%acc : tensor<1x32x96x128xf32>) -> tensor<1x32x96x128xf32>
  %c0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x32x96x256xf32>, tensor<1x1x256x128xf32>) outs(%zacc : tensor<1x32x96x128xf32>) -> tensor<1x32x96x128xf32>
  %c1 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x32x96x256xf32>, tensor<1x1x256x128xf32>) outs(%zacc : tensor<1x32x96x128xf32>) -> tensor<1x32x96x128xf32>
  %a0 = tensor.insert_slice %c0 into %empty[0, 0, 0, 0] [1, 32, 96, 128] [1, 2, 1, 1] : tensor<1x32x96x128xf32> into tensor<1x64x96x128xf32>
  %a1 = tensor.insert_slice %c1 into %a0[0, 1, 0, 0] [1, 32, 96, 128] [1, 2, 1, 1] : tensor<1x32x96x128xf32> into tensor<1x64x96x128xf32>
  %out = tensor.empty() : tensor<1x128x64x96xf32>
  %t = linalg.transpose ins(%a1 : tensor<1x64x96x128xf32>) outs(%out : tensor<1x128x64x96xf32>) permutation = [0, 3, 1, 2]
  return %t : tensor<1x128x64x96xf32>
}

// -----

// The same weights with each image's rows of a block a third the size (32
// pixels wide; a batch of 4 keeps the assembly at 4 MB): reading the weights
// again for each image's rows costs more than their round trips save,
// whatever the L2.
// CHECK-LABEL: func.func @small_blocks
// CHECK-NOT: scf.for
// LARGE-L2-LABEL: func.func @small_blocks
// LARGE-L2-NOT: scf.for
// LARGE-L2: return
func.func @small_blocks(%x: tensor<4x32x32x256xf32>, %w: tensor<1x1x256x128xf32>) -> tensor<4x128x64x32xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4x64x32x128xf32>
  %acc = tensor.empty() : tensor<4x32x32x128xf32>
  %zacc = linalg.fill ins(%zero : f32) outs(%acc : tensor<4x32x32x128xf32>) -> tensor<4x32x32x128xf32>
  %c0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<4x32x32x256xf32>, tensor<1x1x256x128xf32>) outs(%zacc : tensor<4x32x32x128xf32>) -> tensor<4x32x32x128xf32>
  %c1 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<4x32x32x256xf32>, tensor<1x1x256x128xf32>) outs(%zacc : tensor<4x32x32x128xf32>) -> tensor<4x32x32x128xf32>
  %a0 = tensor.insert_slice %c0 into %empty[0, 0, 0, 0] [4, 32, 32, 128] [1, 2, 1, 1] : tensor<4x32x32x128xf32> into tensor<4x64x32x128xf32>
  %a1 = tensor.insert_slice %c1 into %a0[0, 1, 0, 0] [4, 32, 32, 128] [1, 2, 1, 1] : tensor<4x32x32x128xf32> into tensor<4x64x32x128xf32>
  %out = tensor.empty() : tensor<4x128x64x32xf32>
  %t = linalg.transpose ins(%a1 : tensor<4x64x32x128xf32>) outs(%out : tensor<4x128x64x32xf32>) permutation = [0, 3, 1, 2]
  return %t : tensor<4x128x64x32xf32>
}

// -----

// 1-D: a row would be a pixel.
// CHECK-LABEL: func.func @one_d
// CHECK-NOT: scf.for
func.func @one_d(%x: tensor<1x8192x16xf32>, %w: tensor<1x16x16xf32>) -> tensor<1x16x16384xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x16384x16xf32>
  %acc = tensor.empty() : tensor<1x8192x16xf32>
  %zacc = linalg.fill ins(%zero : f32) outs(%acc : tensor<1x8192x16xf32>) -> tensor<1x8192x16xf32>
  %c0 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
      ins(%x, %w : tensor<1x8192x16xf32>, tensor<1x16x16xf32>) outs(%zacc : tensor<1x8192x16xf32>) -> tensor<1x8192x16xf32>
  %a0 = tensor.insert_slice %c0 into %empty[0, 0, 0] [1, 8192, 16] [1, 2, 1] : tensor<1x8192x16xf32> into tensor<1x16384x16xf32>
  %a1 = tensor.insert_slice %c0 into %a0[0, 1, 0] [1, 8192, 16] [1, 2, 1] : tensor<1x8192x16xf32> into tensor<1x16384x16xf32>
  %out = tensor.empty() : tensor<1x16x16384xf32>
  %t = linalg.transpose ins(%a1 : tensor<1x16384x16xf32>) outs(%out : tensor<1x16x16384xf32>) permutation = [0, 2, 1]
  return %t : tensor<1x16x16384xf32>
}

// -----

// The assembly is also returned: it must be whole.
// CHECK-LABEL: func.func @assembly_returned
// CHECK-NOT: scf.for
func.func @assembly_returned(%x: tensor<1x32x64x16xf32>, %w: tensor<1x1x16x32xf32>) -> (tensor<1x32x64x64xf32>, tensor<1x64x64x32xf32>) {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x64x64x32xf32>
  %acc = tensor.empty() : tensor<1x32x64x32xf32>
  %zacc = linalg.fill ins(%zero : f32) outs(%acc : tensor<1x32x64x32xf32>) -> tensor<1x32x64x32xf32>
  %c0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x32x64x16xf32>, tensor<1x1x16x32xf32>) outs(%zacc : tensor<1x32x64x32xf32>) -> tensor<1x32x64x32xf32>
  %a0 = tensor.insert_slice %c0 into %empty[0, 0, 0, 0] [1, 32, 64, 32] [1, 2, 1, 1] : tensor<1x32x64x32xf32> into tensor<1x64x64x32xf32>
  %a1 = tensor.insert_slice %c0 into %a0[0, 1, 0, 0] [1, 32, 64, 32] [1, 2, 1, 1] : tensor<1x32x64x32xf32> into tensor<1x64x64x32xf32>
  %out = tensor.empty() : tensor<1x32x64x64xf32>
  %t = linalg.transpose ins(%a1 : tensor<1x64x64x32xf32>) outs(%out : tensor<1x32x64x64xf32>) permutation = [0, 3, 1, 2]
  return %t, %a1 : tensor<1x32x64x64xf32>, tensor<1x64x64x32xf32>
}

// -----

// Rows that are not all assembled (the phases cover 30 of 64 rows each):
// a block would not be the assembly's.
// CHECK-LABEL: func.func @partial_rows
// CHECK-NOT: scf.for
func.func @partial_rows(%x: tensor<1x30x64x16xf32>, %w: tensor<1x1x16x32xf32>) -> tensor<1x32x64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<1x64x64x32xf32>
  %base = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x64x64x32xf32>) -> tensor<1x64x64x32xf32>
  %acc = tensor.empty() : tensor<1x30x64x32xf32>
  %zacc = linalg.fill ins(%zero : f32) outs(%acc : tensor<1x30x64x32xf32>) -> tensor<1x30x64x32xf32>
  %c0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %w : tensor<1x30x64x16xf32>, tensor<1x1x16x32xf32>) outs(%zacc : tensor<1x30x64x32xf32>) -> tensor<1x30x64x32xf32>
  %a0 = tensor.insert_slice %c0 into %base[0, 0, 0, 0] [1, 30, 64, 32] [1, 2, 1, 1] : tensor<1x30x64x32xf32> into tensor<1x64x64x32xf32>
  %out = tensor.empty() : tensor<1x32x64x64xf32>
  %t = linalg.transpose ins(%a0 : tensor<1x64x64x32xf32>) outs(%out : tensor<1x32x64x64xf32>) permutation = [0, 3, 1, 2]
  return %t : tensor<1x32x64x64xf32>
}

// -----

// The phases read a previous layer's convolution: computed once, outside
// the loop over blocks, not again for each block's rows.
// CHECK-LABEL: func.func @previous_layer
// CHECK: %[[PREVIOUS:.*]] = linalg.conv_2d_nhwc_hwcf {{.*}} -> tensor<1x32x64x16xf32>
// CHECK: scf.for
// CHECK:   %[[ROWS:.*]] = tensor.extract_slice %[[PREVIOUS]]
// CHECK:   linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[ROWS]], %{{.*}} : {{.*}}) {{.*}} -> tensor<1x1x64x32xf32>
// CHECK:   linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[ROWS]], %{{.*}} : {{.*}}) {{.*}} -> tensor<1x1x64x32xf32>
// CHECK-NOT: -> tensor<1x{{.*}}x64x16xf32>
// CHECK: return
func.func @previous_layer(%x: tensor<1x32x64x8xf32>, %v: tensor<1x1x8x16xf32>, %w0: tensor<1x1x16x32xf32>,
                          %w1: tensor<1x1x16x32xf32>) -> tensor<1x32x64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %pe = tensor.empty() : tensor<1x32x64x16xf32>
  %pz = linalg.fill ins(%zero : f32) outs(%pe : tensor<1x32x64x16xf32>) -> tensor<1x32x64x16xf32>
  %previous = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %v : tensor<1x32x64x8xf32>, tensor<1x1x8x16xf32>) outs(%pz : tensor<1x32x64x16xf32>) -> tensor<1x32x64x16xf32>
  %empty = tensor.empty() : tensor<1x64x64x32xf32>
  %acc = tensor.empty() : tensor<1x32x64x32xf32>
  %zacc = linalg.fill ins(%zero : f32) outs(%acc : tensor<1x32x64x32xf32>) -> tensor<1x32x64x32xf32>
  %c0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%previous, %w0 : tensor<1x32x64x16xf32>, tensor<1x1x16x32xf32>) outs(%zacc : tensor<1x32x64x32xf32>) -> tensor<1x32x64x32xf32>
  %c1 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%previous, %w1 : tensor<1x32x64x16xf32>, tensor<1x1x16x32xf32>) outs(%zacc : tensor<1x32x64x32xf32>) -> tensor<1x32x64x32xf32>
  %a0 = tensor.insert_slice %c0 into %empty[0, 0, 0, 0] [1, 32, 64, 32] [1, 2, 1, 1] : tensor<1x32x64x32xf32> into tensor<1x64x64x32xf32>
  %a1 = tensor.insert_slice %c1 into %a0[0, 1, 0, 0] [1, 32, 64, 32] [1, 2, 1, 1] : tensor<1x32x64x32xf32> into tensor<1x64x64x32xf32>
  %out = tensor.empty() : tensor<1x32x64x64xf32>
  %t = linalg.transpose ins(%a1 : tensor<1x64x64x32xf32>) outs(%out : tensor<1x32x64x64xf32>) permutation = [0, 3, 1, 2]
  return %t : tensor<1x32x64x64xf32>
}

// -----

// The GEMM lowering of a 3-D layer whose taps do not overlap (k = s = 2):
// one 1-D convolution over the flat pixels (4096 x 64 columns: 1 MB) and
// its bias, expanded into (N, D, H, W, a, b, c, Cout) and transposed to
// channels-first. A block is one input plane (256 flat pixels, 64 KB): the
// transpose is tiled by planes, each plane's pixels a slice of the flat
// input computed in the loop into a block the loop carries.
// CHECK-LABEL: func.func @flat_pixels
// CHECK-SAME: (%[[X:.*]]: tensor<1x4096x16xf32>, %{{.*}}: tensor<1x16x64xf32>, %{{.*}}: tensor<64xf32>)
// CHECK-DAG: %[[BLOCK_INIT:.*]] = tensor.empty() : tensor<1x256x64xf32>
// CHECK: %[[LOOP:.*]]:2 = scf.for %[[PLANE:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[OUT:.*]] = %{{.*}}, %[[BLOCK:.*]] = %[[BLOCK_INIT]]) -> (tensor<1x8x16x2x16x2x16x2xf32>, tensor<1x256x64xf32>)
// CHECK:   %[[FIRST:.*]] = affine.apply #{{.*}}(%[[PLANE]])
// CHECK:   %[[XB:.*]] = tensor.extract_slice %[[X]][0, %[[FIRST]], 0] [1, 256, 16] [1, 1, 1]
// CHECK:   %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x256x64xf32>)
// CHECK:   %[[C:.*]] = linalg.conv_1d_nwc_wcf {{.*}} ins(%[[XB]], %{{.*}} : tensor<1x256x16xf32>, tensor<1x16x64xf32>) outs(%[[ACC]] : tensor<1x256x64xf32>)
// CHECK:   %[[Y:.*]] = linalg.generic {{.*}} ins(%[[C]], %{{.*}} : tensor<1x256x64xf32>, tensor<64xf32>) outs(%[[BLOCK]] : tensor<1x256x64xf32>)
// CHECK:   %[[E:.*]] = tensor.expand_shape %[[Y]] {{\[}}[0], [1, 2, 3], [4, 5, 6, 7]] output_shape [1, 1, 16, 16, 2, 2, 2, 8]
// CHECK:   %[[T:.*]] = linalg.generic {{.*}} ins(%[[E]] : tensor<1x1x16x16x2x2x2x8xf32>) outs(%{{.*}} : tensor<1x8x1x2x16x2x16x2xf32>)
// CHECK:   %[[NEXT:.*]] = tensor.insert_slice %[[T]] into %[[OUT]][0, 0, %[[PLANE]], 0, 0, 0, 0, 0] [1, 8, 1, 2, 16, 2, 16, 2]
// CHECK:   scf.yield %[[NEXT]], %[[Y]]
// CHECK-NOT: linalg.conv_1d_nwc_wcf
// CHECK: return %[[LOOP]]#0
// A 1 MB L2 holds the flat result, and blocks of flat pixels are not split
// among threads: nothing to do.
// LARGE-L2-LABEL: func.func @flat_pixels
// LARGE-L2-NOT: scf.for
// LARGE-L2: return
// THREADS-LABEL: func.func @flat_pixels
// THREADS-NOT: scf.for
// THREADS: return
#flat_id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#flat_col = affine_map<(d0, d1, d2) -> (d2)>
#to_cf_in = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d2, d4, d6, d3, d5, d7, d1)>
#to_cf_out = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4, d5, d6, d7)>
func.func @flat_pixels(%x: tensor<1x4096x16xf32>, %w: tensor<1x16x64xf32>, %b: tensor<64xf32>) -> tensor<1x8x16x2x16x2x16x2xf32> {
  %zero = arith.constant 0.0 : f32
  %acc_init = tensor.empty() : tensor<1x4096x64xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%acc_init : tensor<1x4096x64xf32>) -> tensor<1x4096x64xf32>
  %conv = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
      ins(%x, %w : tensor<1x4096x16xf32>, tensor<1x16x64xf32>) outs(%acc : tensor<1x4096x64xf32>) -> tensor<1x4096x64xf32>
  %biased_init = tensor.empty() : tensor<1x4096x64xf32>
  %biased = linalg.generic {indexing_maps = [#flat_id, #flat_col, #flat_id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%conv, %b : tensor<1x4096x64xf32>, tensor<64xf32>) outs(%biased_init : tensor<1x4096x64xf32>) {
  ^bb0(%v: f32, %c: f32, %o: f32):
    %s = arith.addf %v, %c : f32
    linalg.yield %s : f32
  } -> tensor<1x4096x64xf32>
  %expanded = tensor.expand_shape %biased [[0], [1, 2, 3], [4, 5, 6, 7]] output_shape [1, 16, 16, 16, 2, 2, 2, 8]
      : tensor<1x4096x64xf32> into tensor<1x16x16x16x2x2x2x8xf32>
  %out_init = tensor.empty() : tensor<1x8x16x2x16x2x16x2xf32>
  %out = linalg.generic {indexing_maps = [#to_cf_in, #to_cf_out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%expanded : tensor<1x16x16x16x2x2x2x8xf32>) outs(%out_init : tensor<1x8x16x2x16x2x16x2xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<1x8x16x2x16x2x16x2xf32>
  return %out : tensor<1x8x16x2x16x2x16x2xf32>
}
