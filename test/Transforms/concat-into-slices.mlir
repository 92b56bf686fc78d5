// RUN: tconv-opt %s --split-input-file --tconv-concat-into-slices | FileCheck %s
// After bufferization the computed inputs are written in place: the only
// copies left are those of the arguments.
// RUN: tconv-opt %s --split-input-file --tconv-concat-into-slices \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" \
// RUN:   --canonicalize --cse --canonicalize | FileCheck %s --check-prefix=BUF

#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#transpose = affine_map<(d0, d1, d2) -> (d0, d2, d1)>

// The U-Net skip: the transpose back to channels-first writes collapsed
// pixels, which an expand_shape restores; its init becomes the collapsed
// slice of the result. The argument is inserted before it, as it is
// defined first.
// CHECK-LABEL: func.func @skip_first
// CHECK-SAME: (%[[Y:.*]]: tensor<1x256x32xf32>, %[[SKIP:.*]]: tensor<1x16x16x16xf32>)
// CHECK: %[[R:.*]] = tensor.empty() : tensor<1x48x16x16xf32>
// CHECK: %[[WITH_SKIP:.*]] = tensor.insert_slice %[[SKIP]] into %[[R]][0, 0, 0, 0] [1, 16, 16, 16] [1, 1, 1, 1]
// CHECK: %[[SLICE:.*]] = tensor.extract_slice %[[WITH_SKIP]][0, 16, 0, 0] [1, 32, 16, 16] [1, 1, 1, 1]
// CHECK: %[[INIT:.*]] = tensor.collapse_shape %[[SLICE]] {{\[}}[0], [1], [2, 3]] : tensor<1x32x16x16xf32> into tensor<1x32x256xf32>
// CHECK: %[[T:.*]] = linalg.generic {{.*}} ins(%[[Y]] : tensor<1x256x32xf32>) outs(%[[INIT]] : tensor<1x32x256xf32>)
// CHECK: %[[E:.*]] = tensor.expand_shape %[[T]]
// CHECK: %[[C:.*]] = tensor.insert_slice %[[E]] into %[[WITH_SKIP]][0, 16, 0, 0] [1, 32, 16, 16] [1, 1, 1, 1]
// CHECK: return %[[C]]
// CHECK-NOT: tensor.concat
// BUF-LABEL: func.func @skip_first
// BUF-COUNT-1: memref.copy
// BUF-NOT: memref.copy
// BUF: return
func.func @skip_first(%y: tensor<1x256x32xf32>, %skip: tensor<1x16x16x16xf32>) -> tensor<1x48x16x16xf32> {
  %e = tensor.empty() : tensor<1x32x256xf32>
  %t = linalg.generic {indexing_maps = [#transpose, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y : tensor<1x256x32xf32>) outs(%e : tensor<1x32x256xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x32x256xf32>
  %x = tensor.expand_shape %t [[0], [1], [2, 3]] output_shape [1, 32, 16, 16] : tensor<1x32x256xf32> into tensor<1x32x16x16xf32>
  %c = tensor.concat dim(1) %skip, %x : (tensor<1x16x16x16xf32>, tensor<1x32x16x16xf32>) -> tensor<1x48x16x16xf32>
  return %c : tensor<1x48x16x16xf32>
}

// -----

// The init is itself a reshape of a tensor.empty (a channels-first epilogue
// of a convolution computed channels-last writes collapsed pixels): the
// slice goes through both reshapes back to the tensor.empty's shape, which
// fold into one.
// CHECK-LABEL: func.func @collapsed_init
// CHECK: %[[R:.*]] = tensor.empty() : tensor<1x40x4x4xf32>
// CHECK: %[[I:.*]] = tensor.insert_slice %{{.*}} into %[[R]][0, 32, 0, 0]
// CHECK: %[[S:.*]] = tensor.extract_slice %[[I]][0, 0, 0, 0] [1, 32, 4, 4] [1, 1, 1, 1]
// CHECK: %[[C:.*]] = tensor.collapse_shape %[[S]] {{\[}}[0], [1], [2, 3]] : tensor<1x32x4x4xf32> into tensor<1x32x16xf32>
// CHECK: linalg.generic {{.*}} outs(%[[C]] : tensor<1x32x16xf32>)
// CHECK-NOT: tensor.concat
// BUF-LABEL: func.func @collapsed_init
// BUF-COUNT-1: memref.copy
// BUF-NOT: memref.copy
// BUF: return
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#transpose = affine_map<(d0, d1, d2) -> (d0, d2, d1)>
func.func @collapsed_init(%y: tensor<1x16x32xf32>, %skip: tensor<1x8x4x4xf32>) -> tensor<1x40x4x4xf32> {
  %e = tensor.empty() : tensor<1x32x4x4xf32>
  %init = tensor.collapse_shape %e [[0], [1], [2, 3]] : tensor<1x32x4x4xf32> into tensor<1x32x16xf32>
  %t = linalg.generic {indexing_maps = [#transpose, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y : tensor<1x16x32xf32>) outs(%init : tensor<1x32x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x32x16xf32>
  %x = tensor.expand_shape %t [[0], [1], [2, 3]] output_shape [1, 32, 4, 4] : tensor<1x32x16xf32> into tensor<1x32x4x4xf32>
  %c = tensor.concat dim(1) %x, %skip : (tensor<1x32x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x40x4x4xf32>
  return %c : tensor<1x40x4x4xf32>
}

// -----

// Two computed inputs, each through two destination-style ops (a bias
// broadcast, then an accumulation into it), and an argument: each is
// inserted after its last use, in that order (the argument after the first
// computed input, which reads it), and a computed one starts from its slice
// of the insertion before.
// CHECK-LABEL: func.func @two_computed
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<4x8xf32>, %[[BIAS:.*]]: tensor<8xf32>)
// CHECK: %[[R:.*]] = tensor.empty() : tensor<4x24xf32>
// CHECK: %[[S0:.*]] = tensor.extract_slice %[[R]][0, 0] [4, 8] [1, 1]
// CHECK: %[[BIAS0:.*]] = linalg.generic {{.*}} outs(%[[S0]] : tensor<4x8xf32>)
// CHECK: %[[X0:.*]] = linalg.generic {{.*}} ins(%[[A]] : tensor<4x8xf32>) outs(%[[BIAS0]] : tensor<4x8xf32>)
// CHECK: %[[I0:.*]] = tensor.insert_slice %[[X0]] into %[[R]][0, 0] [4, 8] [1, 1]
// CHECK: %[[I1:.*]] = tensor.insert_slice %[[A]] into %[[I0]][0, 8] [4, 8] [1, 1]
// CHECK: %[[S2:.*]] = tensor.extract_slice %[[I1]][0, 16] [4, 8] [1, 1]
// CHECK: %[[BIAS2:.*]] = linalg.generic {{.*}} outs(%[[S2]] : tensor<4x8xf32>)
// CHECK: %[[X2:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<4x8xf32>) outs(%[[BIAS2]] : tensor<4x8xf32>)
// CHECK: %[[I2:.*]] = tensor.insert_slice %[[X2]] into %[[I1]][0, 16] [4, 8] [1, 1]
// CHECK: return %[[I2]]
// BUF-LABEL: func.func @two_computed
// BUF-COUNT-1: memref.copy
// BUF-NOT: memref.copy
// BUF: return
#row = affine_map<(d0, d1) -> (d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @two_computed(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>, %bias: tensor<8xf32>) -> tensor<4x24xf32> {
  %e0 = tensor.empty() : tensor<4x8xf32>
  %bias0 = linalg.generic {indexing_maps = [#row, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%bias : tensor<8xf32>) outs(%e0 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x8xf32>
  %x0 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<4x8xf32>) outs(%bias0 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<4x8xf32>
  %e1 = tensor.empty() : tensor<4x8xf32>
  %bias1 = linalg.generic {indexing_maps = [#row, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%bias : tensor<8xf32>) outs(%e1 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x8xf32>
  %x1 = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%b : tensor<4x8xf32>) outs(%bias1 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<4x8xf32>
  %c = tensor.concat dim(1) %x0, %a, %x1 : (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x24xf32>
  return %c : tensor<4x24xf32>
}

// -----

// A U-Net block: the skip also feeds the encoder that the other input is
// computed from. The skip is inserted after that read, so that inserting
// it does not write to its buffer while it is still read.
// CHECK-LABEL: func.func @skip_read_later
// CHECK: %[[R:.*]] = tensor.empty() : tensor<2x8xf32>
// CHECK: %[[S0:.*]] = tensor.extract_slice %[[R]][0, 0] [2, 4] [1, 1]
// CHECK: %[[SKIP:.*]] = linalg.generic {{.*}} outs(%[[S0]] : tensor<2x4xf32>)
// CHECK: %[[ENC:.*]] = linalg.generic {{.*}} ins(%[[SKIP]] : tensor<2x4xf32>)
// CHECK: %[[I0:.*]] = tensor.insert_slice %[[SKIP]] into %[[R]][0, 0] [2, 4] [1, 1]
// CHECK: %[[S1:.*]] = tensor.extract_slice %[[I0]][0, 4] [2, 4] [1, 1]
// CHECK: %[[DEC:.*]] = linalg.generic {{.*}} ins(%[[ENC]] : tensor<2x4xf32>) outs(%[[S1]] : tensor<2x4xf32>)
// CHECK: tensor.insert_slice %[[DEC]] into %[[I0]][0, 4] [2, 4] [1, 1]
// BUF-LABEL: func.func @skip_read_later
// BUF-NOT: memref.copy
// BUF: return
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @skip_read_later(%x: tensor<2x4xf32>) -> tensor<2x8xf32> {
  %e0 = tensor.empty() : tensor<2x4xf32>
  %skip = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<2x4xf32>) outs(%e0 : tensor<2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.negf %in : f32
    linalg.yield %m : f32
  } -> tensor<2x4xf32>
  %e1 = tensor.empty() : tensor<2x4xf32>
  %enc = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%skip : tensor<2x4xf32>) outs(%e1 : tensor<2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = math.exp %in : f32
    linalg.yield %m : f32
  } -> tensor<2x4xf32>
  %e2 = tensor.empty() : tensor<2x4xf32>
  %dec = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%enc : tensor<2x4xf32>) outs(%e2 : tensor<2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = math.sqrt %in : f32
    linalg.yield %m : f32
  } -> tensor<2x4xf32>
  %c = tensor.concat dim(1) %skip, %dec : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x8xf32>
  return %c : tensor<2x8xf32>
}

// -----

// A loop's init (a tiled op) and a collapse_shape on the way: the slice is
// expanded back to the init's shape.
// CHECK-LABEL: func.func @loop_and_collapse
// CHECK: %[[R:.*]] = tensor.empty() : tensor<2x12x8xf32>
// CHECK: %[[I:.*]] = tensor.insert_slice %{{.*}} into %[[R]][0, 0, 3] [2, 12, 5] [1, 1, 1]
// CHECK: %[[S:.*]] = tensor.extract_slice %[[I]][0, 0, 0] [2, 12, 3] [1, 1, 1]
// CHECK: %[[INIT:.*]] = tensor.expand_shape %[[S]] {{\[}}[0], [1, 2], [3]] output_shape [2, 4, 3, 3]
// CHECK: %[[L:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[INIT]]) -> (tensor<2x4x3x3xf32>)
// CHECK: %[[X:.*]] = tensor.collapse_shape %[[L]]
// CHECK: tensor.insert_slice %[[X]] into %[[I]][0, 0, 0] [2, 12, 3] [1, 1, 1]
// The loop's own copy (its body inserts a slice of %v) stays.
// BUF-LABEL: func.func @loop_and_collapse
// BUF: memref.copy %arg1
// BUF: scf.for
// BUF: memref.copy
// BUF-NOT: memref.copy
// BUF: return
func.func @loop_and_collapse(%v: tensor<2x4x3x3xf32>, %skip: tensor<2x12x5xf32>) -> tensor<2x12x8xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %e = tensor.empty() : tensor<2x4x3x3xf32>
  %l = scf.for %i = %c0 to %c2 step %c1 iter_args(%acc = %e) -> (tensor<2x4x3x3xf32>) {
    %s = tensor.extract_slice %v[%i, 0, 0, 0] [1, 4, 3, 3] [1, 1, 1, 1] : tensor<2x4x3x3xf32> to tensor<1x4x3x3xf32>
    %n = tensor.insert_slice %s into %acc[%i, 0, 0, 0] [1, 4, 3, 3] [1, 1, 1, 1] : tensor<1x4x3x3xf32> into tensor<2x4x3x3xf32>
    scf.yield %n : tensor<2x4x3x3xf32>
  }
  %x = tensor.collapse_shape %l [[0], [1, 2], [3]] : tensor<2x4x3x3xf32> into tensor<2x12x3xf32>
  %c = tensor.concat dim(2) %x, %skip : (tensor<2x12x3xf32>, tensor<2x12x5xf32>) -> tensor<2x12x8xf32>
  return %c : tensor<2x12x8xf32>
}

// -----

// A dynamic batch: the result's batch size is the computed input's init's.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK-SAME: (%[[Y:.*]]: tensor<?x8xf32>, %[[SKIP:.*]]: tensor<?x4xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[Y]]
// CHECK: %[[R:.*]] = tensor.empty(%[[N]]) : tensor<?x12xf32>
// CHECK: %[[I:.*]] = tensor.insert_slice %[[SKIP]] into %[[R]][0, 8] [%[[N]], 4] [1, 1]
// CHECK: %[[S:.*]] = tensor.extract_slice %[[I]][0, 0] [%[[N]], 8] [1, 1]
// CHECK: linalg.generic {{.*}} outs(%[[S]] : tensor<?x8xf32>)
// CHECK-NOT: tensor.concat
func.func @dynamic_batch(%y: tensor<?x8xf32>, %skip: tensor<?x4xf32>) -> tensor<?x12xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %y, %c0 : tensor<?x8xf32>
  %e = tensor.empty(%n) : tensor<?x8xf32>
  %t = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%y : tensor<?x8xf32>) outs(%e : tensor<?x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.negf %in : f32
    linalg.yield %m : f32
  } -> tensor<?x8xf32>
  %c = tensor.concat dim(1) %t, %skip : (tensor<?x8xf32>, tensor<?x4xf32>) -> tensor<?x12xf32>
  return %c : tensor<?x12xf32>
}

// -----

// Left as they are: only arguments (nothing computed in place) and a
// dynamic concatenated size.
// CHECK-LABEL: func.func @only_arguments
// CHECK: tensor.concat
// CHECK-LABEL: func.func @dynamic_concatenated_size
// CHECK: tensor.concat
func.func @only_arguments(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>) -> tensor<2x8xf32> {
  %c = tensor.concat dim(1) %a, %b : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  return %c : tensor<2x8xf32>
}
func.func @dynamic_concatenated_size(%y: tensor<2x?xf32>, %skip: tensor<2x4xf32>) -> tensor<2x?xf32> {
  %c1 = arith.constant 1 : index
  %n = tensor.dim %y, %c1 : tensor<2x?xf32>
  %e = tensor.empty(%n) : tensor<2x?xf32>
  %t = linalg.copy ins(%y : tensor<2x?xf32>) outs(%e : tensor<2x?xf32>) -> tensor<2x?xf32>
  %c = tensor.concat dim(1) %t, %skip : (tensor<2x?xf32>, tensor<2x4xf32>) -> tensor<2x?xf32>
  return %c : tensor<2x?xf32>
}

// -----

// Left as it is too: the computed input is static where the result is
// dynamic, so its sizes would make the result more static than its type.
// CHECK-LABEL: func.func @static_input_dynamic_result
// CHECK: tensor.concat
func.func @static_input_dynamic_result(%y: tensor<2x8xf32>, %skip: tensor<?x4xf32>) -> tensor<?x12xf32> {
  %e = tensor.empty() : tensor<2x8xf32>
  %t = linalg.copy ins(%y : tensor<2x8xf32>) outs(%e : tensor<2x8xf32>) -> tensor<2x8xf32>
  %c = tensor.concat dim(1) %t, %skip : (tensor<2x8xf32>, tensor<?x4xf32>) -> tensor<?x12xf32>
  return %c : tensor<?x12xf32>
}
