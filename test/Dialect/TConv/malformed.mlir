// RUN: not tconv-opt %s --split-input-file 2>&1 >/dev/null | FileCheck %s
// RUN: not tconv-opt %s --split-input-file 2>&1 | FileCheck %s --check-prefix=NOCRASH
// RUN: not tconv-opt %s --split-input-file 2>/dev/null | FileCheck %s --check-prefix=OUT

// Malformed tconv.conv_transpose text: every chunk must be rejected with an
// error (never a crash), and tconv-opt must exit with a failure. With
// --split-input-file each chunk is parsed on its own, so every chunk reports
// its error (on stderr, checked in order by the first RUN line); the valid
// last chunk is still printed (stdout, OUT). `not` also fails on a crash.

// NOCRASH-NOT: Stack dump
// NOCRASH-NOT: PLEASE submit
// NOCRASH-NOT: LLVM ERROR
// NOCRASH-NOT: Assertion

// Truncated op: no type signature.
func.func @truncated(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: expected ':'
  %y = tconv.conv_transpose %x, %w
  return
}

// -----

// Truncated op at the end of the input.
func.func @truncated_eof(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: expected ':'
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2>}

// -----

// Missing result type in the custom form.
func.func @missing_result_type(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: expected '->' in function type
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x4xf32>, tensor<2x3x3xf32>)
  return
}

// -----

// Missing type signature in the generic form.
func.func @generic_missing_type(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: expected ':' followed by operation type
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 2>}>
  return
}

// -----

// Missing result type in the generic form.
func.func @generic_missing_result(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: expected '->' in function type
  %y = "tconv.conv_transpose"(%x, %w) : (tensor<1x2x4xf32>, tensor<2x3x3xf32>)
  return
}

// -----

// Fewer operand types than operands.
func.func @too_few_types(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: custom op 'tconv.conv_transpose' number of operands and types do not match: got 2 operands and 1 types
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x4xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// Operand missing after the comma.
func.func @missing_operand(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: expected SSA operand
  %y = tconv.conv_transpose %x, : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// Undefined SSA value.
func.func @undefined_value(%x: tensor<1x2x4xf32>) {
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: use of undeclared SSA value name
  %y = tconv.conv_transpose %x, %nope : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// The signature disagrees with the operand's type.
func.func @type_mismatch(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: use of value '%w' expects different type than prior uses: 'tensor<2x3x2xf32>' vs 'tensor<2x3x3xf32>'
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x4xf32>, tensor<2x3x2xf32>) -> tensor<1x3x5xf32>
  return
}

// -----

// Malformed attribute dictionary.
func.func @bad_attr_dict(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: expected attribute value
  %y = tconv.conv_transpose %x, %w {strides = } : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// Unterminated properties in the generic form.
func.func @unterminated_properties(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: expected '>' to close properties
  %y = "tconv.conv_transpose"(%x, %w) <{strides = array<i64: 2>} : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x11xf32>
  return
}

// -----

// Unknown layout in the custom form.
func.func @unknown_layout(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+2]]:{{[0-9]+}}: error: expected ::mlir::tconv::Layout to be one of: channels_first, channels_last
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: failed to parse TConv_LayoutAttr parameter 'value'
  %y = tconv.conv_transpose %x, %w {layout = #tconv.layout<nhwc>} : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// Empty layout.
func.func @empty_layout(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+2]]:{{[0-9]+}}: error: expected valid keyword or string
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: failed to parse TConv_LayoutAttr parameter 'value'
  %y = tconv.conv_transpose %x, %w {layout = #tconv.layout<>} : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// Misspelled op name.
func.func @unknown_op(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: custom op 'tconv.conv_transposed' is unknown
  %y = tconv.conv_transposed %x, %w : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// Well-formed text that fails verification also makes tconv-opt fail.
func.func @verifier_error(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) {
  // CHECK: malformed.mlir:[[@LINE+2]]:{{[0-9]+}}: error: 'strides' values must be >= 1, got [0]
  // CHECK: malformed.mlir:[[@LINE+1]]:{{[0-9]+}}: error: 'tconv.conv_transpose' op failed to infer returned types
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 0>} : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return
}

// -----

// The last chunk is valid and is still printed.
// CHECK-NOT: error:
// OUT-LABEL: func.func @valid(
// OUT: tconv.conv_transpose %arg0, %arg1 : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
func.func @valid(%x: tensor<1x2x4xf32>, %w: tensor<2x3x3xf32>) -> tensor<1x3x6xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x4xf32>, tensor<2x3x3xf32>) -> tensor<1x3x6xf32>
  return %y : tensor<1x3x6xf32>
}
