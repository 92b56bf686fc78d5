// RUN: tconv-opt %s --tconv-hoist-branch-destinations | FileCheck %s

// The branches' destination tensors (and a reshape of one) move above the
// scf.if and merge, and the reshape of their results that both yield goes
// below it: bufferization then gives both branches one buffer, which the
// scf.if yields, and the function returns.
// CHECK-LABEL: func.func @dispatch(
// CHECK-SAME:    %[[C:.*]]: i1, %[[X:.*]]: tensor<8x4xf32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<32xf32>
// CHECK-NEXT:    %[[V:.*]] = tensor.expand_shape %[[E]] {{\[\[}}0, 1]] output_shape [8, 4] : tensor<32xf32> into tensor<8x4xf32>
// CHECK-NEXT:    %[[R:.*]] = scf.if %[[C]] -> (tensor<8x4xf32>) {
// CHECK-NEXT:      %[[A:.*]] = linalg.add ins(%[[X]], %[[X]] : {{.*}}) outs(%[[V]] : tensor<8x4xf32>)
// CHECK-NEXT:      scf.yield %[[A]]
// CHECK-NEXT:    } else {
// CHECK-NEXT:      %[[S:.*]] = linalg.sub ins(%[[X]], %[[X]] : {{.*}}) outs(%[[V]] : tensor<8x4xf32>)
// CHECK-NEXT:      scf.yield %[[S]]
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[F:.*]] = tensor.collapse_shape %[[R]] {{\[\[}}0, 1]] : tensor<8x4xf32> into tensor<32xf32>
// CHECK-NEXT:    return %[[F]]
func.func @dispatch(%c: i1, %x: tensor<8x4xf32>) -> tensor<32xf32> {
  %r = scf.if %c -> (tensor<32xf32>) {
    %e = tensor.empty() : tensor<32xf32>
    %v = tensor.expand_shape %e [[0, 1]] output_shape [8, 4] : tensor<32xf32> into tensor<8x4xf32>
    %a = linalg.add ins(%x, %x : tensor<8x4xf32>, tensor<8x4xf32>) outs(%v : tensor<8x4xf32>) -> tensor<8x4xf32>
    %f = tensor.collapse_shape %a [[0, 1]] : tensor<8x4xf32> into tensor<32xf32>
    scf.yield %f : tensor<32xf32>
  } else {
    %e = tensor.empty() : tensor<32xf32>
    %v = tensor.expand_shape %e [[0, 1]] output_shape [8, 4] : tensor<32xf32> into tensor<8x4xf32>
    %s = linalg.sub ins(%x, %x : tensor<8x4xf32>, tensor<8x4xf32>) outs(%v : tensor<8x4xf32>) -> tensor<8x4xf32>
    %f = tensor.collapse_shape %s [[0, 1]] : tensor<8x4xf32> into tensor<32xf32>
    scf.yield %f : tensor<32xf32>
  }
  return %r : tensor<32xf32>
}

// A destination sized by a value of the branch stays in it.
// CHECK-LABEL: func.func @sized_inside(
// CHECK:         scf.if
// CHECK-NEXT:      %[[A:.*]] = linalg.add
// CHECK-NEXT:      %[[N:.*]] = tensor.dim %[[A]]
// CHECK-NEXT:      tensor.empty(%[[N]])
func.func @sized_inside(%c: i1, %x: tensor<?xf32>) -> tensor<?xf32> {
  %c0 = arith.constant 0 : index
  %r = scf.if %c -> (tensor<?xf32>) {
    %a = linalg.add ins(%x, %x : tensor<?xf32>, tensor<?xf32>) outs(%x : tensor<?xf32>) -> tensor<?xf32>
    %m = tensor.dim %a, %c0 : tensor<?xf32>
    %e = tensor.empty(%m) : tensor<?xf32>
    scf.yield %e : tensor<?xf32>
  } else {
    scf.yield %x : tensor<?xf32>
  }
  return %r : tensor<?xf32>
}

// Sizes computed from values above move too (a dynamic batch's).
// CHECK-LABEL: func.func @dynamic(
// CHECK-SAME:    %[[C:.*]]: i1, %[[X:.*]]: tensor<?x4xf32>)
// CHECK:         %[[N:.*]] = tensor.dim %[[X]]
// CHECK-NEXT:    %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x4xf32>
// CHECK-NEXT:    scf.if
// CHECK-NEXT:      linalg.add {{.*}} outs(%[[E]] : tensor<?x4xf32>)
// CHECK:         } else {
// CHECK-NEXT:      linalg.sub {{.*}} outs(%[[E]] : tensor<?x4xf32>)
func.func @dynamic(%c: i1, %x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %c0 = arith.constant 0 : index
  %r = scf.if %c -> (tensor<?x4xf32>) {
    %n = tensor.dim %x, %c0 : tensor<?x4xf32>
    %e = tensor.empty(%n) : tensor<?x4xf32>
    %a = linalg.add ins(%x, %x : tensor<?x4xf32>, tensor<?x4xf32>) outs(%e : tensor<?x4xf32>) -> tensor<?x4xf32>
    scf.yield %a : tensor<?x4xf32>
  } else {
    %n = tensor.dim %x, %c0 : tensor<?x4xf32>
    %e = tensor.empty(%n) : tensor<?x4xf32>
    %s = linalg.sub ins(%x, %x : tensor<?x4xf32>, tensor<?x4xf32>) outs(%e : tensor<?x4xf32>) -> tensor<?x4xf32>
    scf.yield %s : tensor<?x4xf32>
  }
  return %r : tensor<?x4xf32>
}
