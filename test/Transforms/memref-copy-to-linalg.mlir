// RUN: tconv-opt %s --split-input-file --tconv-memref-copy-to-linalg | FileCheck %s

// A strided copy (a bufferized tensor.insert_slice) becomes a linalg.copy
// of the same operands.
// CHECK-LABEL: func.func @strided
// CHECK-SAME: (%[[A:.*]]: memref<4xf32>, %[[B:.*]]: memref<4xf32, strided<[2]>>)
// CHECK-NEXT: linalg.copy ins(%[[A]] : memref<4xf32>) outs(%[[B]] : memref<4xf32, strided<[2]>>)
// CHECK-NEXT: return
func.func @strided(%a: memref<4xf32>, %b: memref<4xf32, strided<[2]>>) {
  memref.copy %a, %b : memref<4xf32> to memref<4xf32, strided<[2]>>
  return
}

// -----

// Dynamic sizes, strides and offsets.
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME: (%[[A:.*]]: memref<?x3xf32>, %[[B:.*]]: memref<?x3xf32, strided<[?, 1], offset: ?>>)
// CHECK-NEXT: linalg.copy ins(%[[A]] : memref<?x3xf32>) outs(%[[B]] : memref<?x3xf32, strided<[?, 1], offset: ?>>)
// CHECK-NEXT: return
func.func @dynamic(%a: memref<?x3xf32>, %b: memref<?x3xf32, strided<[?, 1], offset: ?>>) {
  memref.copy %a, %b : memref<?x3xf32> to memref<?x3xf32, strided<[?, 1], offset: ?>>
  return
}

// -----

// Rank 0, and every copy of a function.
// CHECK-LABEL: func.func @scalars
// CHECK-SAME: (%[[A:.*]]: memref<f16>, %[[B:.*]]: memref<f16>, %[[C:.*]]: memref<f16>)
// CHECK-NEXT: linalg.copy ins(%[[A]] : memref<f16>) outs(%[[B]] : memref<f16>)
// CHECK-NEXT: linalg.copy ins(%[[B]] : memref<f16>) outs(%[[C]] : memref<f16>)
// CHECK-NEXT: return
func.func @scalars(%a: memref<f16>, %b: memref<f16>, %c: memref<f16>) {
  memref.copy %a, %b : memref<f16> to memref<f16>
  memref.copy %b, %c : memref<f16> to memref<f16>
  return
}

// -----

// Left alone: other ops, linalg.copy on tensors among them.
// CHECK-LABEL: func.func @no_memref_copy
// CHECK-SAME: (%[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>, %[[M:.*]]: memref<4xf32>)
// CHECK-NEXT: %[[R:.*]] = linalg.copy ins(%[[A]] : tensor<4xf32>) outs(%[[B]] : tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: bufferization.materialize_in_destination %[[R]] in writable %[[M]]
// CHECK-NEXT: return
func.func @no_memref_copy(%a: tensor<4xf32>, %b: tensor<4xf32>, %m: memref<4xf32>) {
  %r = linalg.copy ins(%a : tensor<4xf32>) outs(%b : tensor<4xf32>) -> tensor<4xf32>
  bufferization.materialize_in_destination %r in writable %m : (tensor<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

// Left alone: unranked memrefs. linalg.copy lowers only ranked ones to
// loops, and reports no memory effects on unranked ones, so the greedy
// driver would erase it as dead (the copy silently disappeared before).
// CHECK-LABEL: func.func @unranked
// CHECK-SAME: (%[[A:.*]]: memref<*xf32>, %[[B:.*]]: memref<*xf32>, %[[C:.*]]: memref<4xf32>)
// CHECK-NEXT: memref.copy %[[A]], %[[B]] : memref<*xf32> to memref<*xf32>
// CHECK-NEXT: %[[R:.*]] = memref.cast %[[C]] : memref<4xf32> to memref<*xf32>
// CHECK-NEXT: memref.copy %[[R]], %[[B]] : memref<*xf32> to memref<*xf32>
// CHECK-NEXT: return
func.func @unranked(%a: memref<*xf32>, %b: memref<*xf32>, %c: memref<4xf32>) {
  memref.copy %a, %b : memref<*xf32> to memref<*xf32>
  %r = memref.cast %c : memref<4xf32> to memref<*xf32>
  memref.copy %r, %b : memref<*xf32> to memref<*xf32>
  return
}
