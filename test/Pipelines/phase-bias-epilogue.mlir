// A transposed convolution by phases whose phases cover the whole result
// (k 3, stride 2: taps for every residue) and which has a bias: each phase
// accumulates from zeros in its register tiles and adds the bias to them as
// they are stored into its strided slice of the result. The bias is never
// broadcast into a result-sized tensor first: that cost a pass over the
// result, and every tile reading its slice back another (a 256x256x64
// super-resolution result: 16 MB each way).
// RUN: tconv-opt %s --tconv-to-llvm="algorithm=phase target-cpu=skylake-avx512" --mlir-print-ir-after=tconv-tile-and-vectorize -o /dev/null 2>&1 | FileCheck %s

// CHECK-LABEL: func.func @phases
// CHECK-SAME: %[[B:[a-z0-9]+]]: tensor<32xf32>)
// CHECK-NOT: ins(%[[B]] : tensor<32xf32>)
// CHECK: vector.transfer_write %[[ZEROS0:cst[_0-9]*]], {{.*}} : vector<1x1x[[W0:[0-9]+]]x32xf32>, tensor<1x1x[[W0]]x32xf32>{{$}}
// CHECK: vector.contract
// CHECK: %[[BIAS0:.*]] = vector.transfer_read {{.*}} : tensor<32xf32>, vector<1x1x[[W0]]x32xf32>
// CHECK: arith.addf %{{.*}}, %[[BIAS0]] : vector<1x1x[[W0]]x32xf32>
// CHECK: vector.transfer_write %[[ZEROS1:cst[_0-9]*]], {{.*}} : vector<1x1x[[W1:[0-9]+]]x32xf32>, tensor<1x1x[[W1]]x32xf32>{{$}}
// CHECK: vector.contract
// CHECK: %[[BIAS1:.*]] = vector.transfer_read {{.*}} : tensor<32xf32>, vector<1x1x[[W1]]x32xf32>
// CHECK: arith.addf %{{.*}}, %[[BIAS1]] : vector<1x1x[[W1]]x32xf32>
// CHECK: vector.transfer_write %[[ZEROS2:cst[_0-9]*]], {{.*}} : vector<1x1x[[W2:[0-9]+]]x32xf32>, tensor<1x1x[[W2]]x32xf32>{{$}}
// CHECK: vector.contract
// CHECK: %[[BIAS2:.*]] = vector.transfer_read {{.*}} : tensor<32xf32>, vector<1x1x[[W2]]x32xf32>
// CHECK: arith.addf %{{.*}}, %[[BIAS2]] : vector<1x1x[[W2]]x32xf32>
// CHECK: vector.transfer_write %[[ZEROS3:cst[_0-9]*]], {{.*}} : vector<1x1x[[W3:[0-9]+]]x32xf32>, tensor<1x1x[[W3]]x32xf32>{{$}}
// CHECK: vector.contract
// CHECK: %[[BIAS3:.*]] = vector.transfer_read {{.*}} : tensor<32xf32>, vector<1x1x[[W3]]x32xf32>
// CHECK: arith.addf %{{.*}}, %[[BIAS3]] : vector<1x1x[[W3]]x32xf32>
// CHECK-NOT: ins(%[[B]] : tensor<32xf32>)
// CHECK: return
func.func @phases(%x: tensor<1x8x16x32xf32>, %w: tensor<32x3x3x32xf32>, %b: tensor<32xf32>) -> tensor<1x16x32x32xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>, layout = #tconv.layout<channels_last>} : (tensor<1x8x16x32xf32>, tensor<32x3x3x32xf32>, tensor<32xf32>) -> tensor<1x16x32x32xf32>
  return %y : tensor<1x16x32x32xf32>
}
