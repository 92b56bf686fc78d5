// tconv-run compiles only the function it runs (and what that calls): a
// module of many entries costs one entry's compile per RUN line, and a
// function the run does not reach cannot fail it. With
// algorithm=subpixel, @grouped cannot be lowered (sub-pixel needs
// groups == 1); running @ungrouped still works, running @grouped is the
// lowering error.

// RUN: tconv-run %s --entry=ungrouped --check --pipeline-options=algorithm=subpixel | FileCheck %s
// CHECK: PASS
// RUN: not tconv-run %s --entry=grouped --check --pipeline-options=algorithm=subpixel 2>&1 | FileCheck %s --check-prefix=GROUPED
// GROUPED: error: {{.*}}the sub-pixel lowering needs groups == 1

func.func @ungrouped(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x2x2xf32>) -> tensor<1x3x6x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>}
       : (tensor<1x2x3x3xf32>, tensor<2x3x2x2xf32>) -> tensor<1x3x6x6xf32>
  return %y : tensor<1x3x6x6xf32>
}

func.func @grouped(%x: tensor<1x4x3x3xf32>, %w: tensor<4x1x2x2xf32>) -> tensor<1x2x6x6xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2, 2>, groups = 2 : i64}
       : (tensor<1x4x3x3xf32>, tensor<4x1x2x2xf32>) -> tensor<1x2x6x6xf32>
  return %y : tensor<1x2x6x6xf32>
}
