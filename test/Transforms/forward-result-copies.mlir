// RUN: tconv-opt %s --split-input-file --allow-unregistered-dialect --tconv-forward-result-copies | FileCheck %s

// The result, an expanded alloc, is computed in the out-param through the
// inverse reshape: no alloc, no copy.
// CHECK-LABEL: func.func @expanded_result
// CHECK-SAME: (%[[OUT:.*]]: memref<2x3x4xf32>)
// CHECK-NEXT: %[[FLAT:.*]] = memref.collapse_shape %[[OUT]] {{\[}}[0], [1, 2]] : memref<2x3x4xf32> into memref<2x12xf32>
// CHECK-NEXT: "test.fill"(%[[FLAT]])
// CHECK-NEXT: return
func.func @expanded_result(%out: memref<2x3x4xf32>) {
  %alloc = memref.alloc() : memref<2x12xf32>
  "test.fill"(%alloc) : (memref<2x12xf32>) -> ()
  %view = memref.expand_shape %alloc [[0], [1, 2]] output_shape [2, 3, 4] : memref<2x12xf32> into memref<2x3x4xf32>
  memref.copy %view, %out : memref<2x3x4xf32> to memref<2x3x4xf32>
  return
}

// -----

// The result is written through the expanded view (as a transpose back to
// channels-first writes it): the writes go to the out-param itself.
// CHECK-LABEL: func.func @written_through_view
// CHECK-SAME: (%[[OUT:.*]]: memref<2x3x4xf32>)
// CHECK-NEXT: "test.fill"(%[[OUT]])
// CHECK-NEXT: return
func.func @written_through_view(%out: memref<2x3x4xf32>) {
  %alloc = memref.alloc() : memref<2x12xf32>
  %view = memref.expand_shape %alloc [[0], [1, 2]] output_shape [2, 3, 4] : memref<2x12xf32> into memref<2x3x4xf32>
  "test.fill"(%view) : (memref<2x3x4xf32>) -> ()
  memref.copy %view, %out : memref<2x3x4xf32> to memref<2x3x4xf32>
  return
}

// -----

// Not rewritten: the view is read after the copy.
// CHECK-LABEL: func.func @view_read_after
// CHECK: memref.copy
func.func @view_read_after(%out: memref<2x3x4xf32>) {
  %alloc = memref.alloc() : memref<2x12xf32>
  %view = memref.expand_shape %alloc [[0], [1, 2]] output_shape [2, 3, 4] : memref<2x12xf32> into memref<2x3x4xf32>
  memref.copy %view, %out : memref<2x3x4xf32> to memref<2x3x4xf32>
  "test.use"(%view) : (memref<2x3x4xf32>) -> ()
  return
}

// -----

// A collapsed alloc, and a second result, an alloc, copied after it: both
// are computed in their out-params.
// CHECK-LABEL: func.func @collapsed_result
// CHECK-SAME: (%[[A:.*]]: memref<6xf32>, %[[B:.*]]: memref<4xf32>)
// CHECK-NEXT: %[[VIEW:.*]] = memref.expand_shape %[[A]] {{\[}}[0, 1]] output_shape [2, 3] : memref<6xf32> into memref<2x3xf32>
// CHECK-NEXT: "test.fill"(%[[VIEW]], %[[B]])
// CHECK-NEXT: return
func.func @collapsed_result(%a: memref<6xf32>, %b: memref<4xf32>) {
  %alloc = memref.alloc() : memref<2x3xf32>
  %other = memref.alloc() : memref<4xf32>
  "test.fill"(%alloc, %other) : (memref<2x3xf32>, memref<4xf32>) -> ()
  %view = memref.collapse_shape %alloc [[0, 1]] : memref<2x3xf32> into memref<6xf32>
  memref.copy %view, %a : memref<6xf32> to memref<6xf32>
  memref.copy %other, %b : memref<4xf32> to memref<4xf32>
  return
}

// -----

// Not rewritten: the out-param is also read.
// CHECK-LABEL: func.func @out_param_read
// CHECK: memref.copy
func.func @out_param_read(%out: memref<6xf32>) {
  %a = memref.alloc() : memref<2x3xf32>
  %v = memref.collapse_shape %a [[0, 1]] : memref<2x3xf32> into memref<6xf32>
  memref.copy %v, %out : memref<6xf32> to memref<6xf32>
  "test.use"(%out) : (memref<6xf32>) -> ()
  return
}

// -----

// Not rewritten: the alloc is written after the copy.
// CHECK-LABEL: func.func @written_after
// CHECK: memref.copy
func.func @written_after(%out: memref<6xf32>) {
  %a = memref.alloc() : memref<2x3xf32>
  %v = memref.collapse_shape %a [[0, 1]] : memref<2x3xf32> into memref<6xf32>
  memref.copy %v, %out : memref<6xf32> to memref<6xf32>
  "test.fill"(%a) : (memref<2x3xf32>) -> ()
  return
}

// -----

// Not rewritten: the view is of an argument, not of an alloc.
// CHECK-LABEL: func.func @view_of_argument
// CHECK: memref.copy
func.func @view_of_argument(%in: memref<2x3xf32>, %out: memref<6xf32>) {
  %v = memref.collapse_shape %in [[0, 1]] : memref<2x3xf32> into memref<6xf32>
  memref.copy %v, %out : memref<6xf32> to memref<6xf32>
  return
}

// -----

// A dynamic alloc (a dynamic batch): the out-param, reshaped with the
// alloc's sizes.
// CHECK-LABEL: func.func @dynamic_alloc
// CHECK-SAME: (%[[N:.*]]: index, %[[OUT:.*]]: memref<?xf32>)
// CHECK-NEXT: %[[A:.*]] = memref.expand_shape %[[OUT]] {{\[}}[0, 1]] output_shape [%[[N]], 1] : memref<?xf32> into memref<?x1xf32>
// CHECK-NEXT: "test.fill"(%[[A]])
// CHECK-NEXT: return
func.func @dynamic_alloc(%n: index, %out: memref<?xf32>) {
  %a = memref.alloc(%n) : memref<?x1xf32>
  "test.fill"(%a) : (memref<?x1xf32>) -> ()
  %v = memref.collapse_shape %a [[0, 1]] : memref<?x1xf32> into memref<?xf32>
  memref.copy %v, %out : memref<?xf32> to memref<?xf32>
  return
}

// -----

// Not rewritten: the target is no argument of the function.
// CHECK-LABEL: func.func @target_not_argument
// CHECK: memref.copy
func.func @target_not_argument() {
  %a = memref.alloc() : memref<2x3xf32>
  %out = memref.alloc() : memref<6xf32>
  %v = memref.collapse_shape %a [[0, 1]] : memref<2x3xf32> into memref<6xf32>
  memref.copy %v, %out : memref<6xf32> to memref<6xf32>
  return
}

// -----

// The alloc itself is the result (hoist-static-allocs missed it: it was a
// loop's result then): it becomes the out-param.
// CHECK-LABEL: func.func @alloc_result
// CHECK-SAME: (%[[OUT:.*]]: memref<2x3xf32>)
// CHECK-NEXT: "test.fill"(%[[OUT]])
// CHECK-NEXT: return
func.func @alloc_result(%out: memref<2x3xf32>) {
  %alloc = memref.alloc() {alignment = 64 : i64} : memref<2x3xf32>
  "test.fill"(%alloc) : (memref<2x3xf32>) -> ()
  memref.copy %alloc, %out : memref<2x3xf32> to memref<2x3xf32>
  return
}

// -----

// One alloc copied into two out-params: the last copy's out-param becomes
// the alloc, and the first copy reads it from there.
// CHECK-LABEL: func.func @alloc_two_results
// CHECK-SAME: (%[[A:.*]]: memref<4xf32>, %[[B:.*]]: memref<4xf32>)
// CHECK-NEXT: "test.fill"(%[[B]])
// CHECK-NEXT: memref.copy %[[B]], %[[A]]
// CHECK-NEXT: return
func.func @alloc_two_results(%a: memref<4xf32>, %b: memref<4xf32>) {
  %alloc = memref.alloc() : memref<4xf32>
  "test.fill"(%alloc) : (memref<4xf32>) -> ()
  memref.copy %alloc, %a : memref<4xf32> to memref<4xf32>
  memref.copy %alloc, %b : memref<4xf32> to memref<4xf32>
  return
}

// -----

// A chain of reshapes (the chunked channels-last view of a sub-pixel
// result: collapsed, then expanded to the result's shape, a dynamic batch):
// the out-param is reshaped back through both, the alloc's sizes where
// they are dynamic.
// CHECK-LABEL: func.func @reshape_chain
// CHECK-SAME: (%[[N:.*]]: index, %[[OUT:.*]]: memref<?x4x6x3xf32>)
// CHECK-NEXT: %[[FLAT:.*]] = memref.collapse_shape %[[OUT]] {{\[}}[0], [1], [2, 3]] : memref<?x4x6x3xf32> into memref<?x4x18xf32>
// CHECK-NEXT: %[[VIEW:.*]] = memref.expand_shape %[[FLAT]] {{\[}}[0], [1, 2], [3, 4]] output_shape [%[[N]], 2, 2, 9, 2] : memref<?x4x18xf32> into memref<?x2x2x9x2xf32>
// CHECK-NEXT: "test.fill"(%[[VIEW]])
// CHECK-NEXT: return
func.func @reshape_chain(%n: index, %out: memref<?x4x6x3xf32>) {
  %alloc = memref.alloc(%n) : memref<?x2x2x9x2xf32>
  "test.fill"(%alloc) : (memref<?x2x2x9x2xf32>) -> ()
  %flat = memref.collapse_shape %alloc [[0], [1, 2], [3, 4]] : memref<?x2x2x9x2xf32> into memref<?x4x18xf32>
  %view = memref.expand_shape %flat [[0], [1], [2, 3]] output_shape [%n, 4, 6, 3] : memref<?x4x18xf32> into memref<?x4x6x3xf32>
  memref.copy %view, %out : memref<?x4x6x3xf32> to memref<?x4x6x3xf32>
  return
}

// -----

// Not rewritten: a middle reshape is read after the copy.
// CHECK-LABEL: func.func @reshape_chain_read_after
// CHECK: memref.copy
func.func @reshape_chain_read_after(%out: memref<4x6x3xf32>) {
  %alloc = memref.alloc() : memref<2x2x9x2xf32>
  %flat = memref.collapse_shape %alloc [[0, 1], [2, 3]] : memref<2x2x9x2xf32> into memref<4x18xf32>
  %view = memref.expand_shape %flat [[0], [1, 2]] output_shape [4, 6, 3] : memref<4x18xf32> into memref<4x6x3xf32>
  memref.copy %view, %out : memref<4x6x3xf32> to memref<4x6x3xf32>
  "test.use"(%flat) : (memref<4x18xf32>) -> ()
  return
}
