// Random configuration 71 of the cross suite's random-configs-cross.test
// (seed 20261206): 1-D depthwise, stride 3, dilation 2. Its bias row, read
// before the register-tile nest by loop-invariant hoisting, was passed to
// the outlined nest (tconv-outline-tile-loops) as a [1 x [14 x <3 x float>]]
// argument, on which LLVM 22's AArch64 instruction selection crashed: the
// nest reads it itself now. Runs on the host and, in the cross suite, for
// AArch64 under qemu.

// REQUIRES: cc
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %tconv_src_root/utils/random_configs.py --replay %s --path=aot --tconv-aot tconv-aot --cc %cc --run-prefix=%run --workdir %t --pack-weights | FileCheck %s
// CHECK: aot check: {{.*}} PASS

// config: 1-D channels_first f32 N=3 Cin=3 Cout=3 G=3 MACs=351; I=13 k=3 s=3 p=0/0 dil=2 op=0 -> O=41
// config-json: {"index":71,"d":1,"cl":false,"dtype":"f32","bias":true,"G":3,"Cin":3,"Cout":3,"N":3,"I":[13],"k":[3],"s":[3],"dil":[2],"op":[0],"pb":[0],"pe":[0],"O":[41],"dyn_batch":false,"dyn_dims":[],"attr_mode":2,"attr_seed":705817150,"input_seed":790982}
func.func @layer(%x: tensor<3x3x13xf32>, %w: tensor<3x1x3xf32>, %b: tensor<3xf32>) -> tensor<3x3x41xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{dilations = array<i64: 2>, layout = #tconv.layout<channels_first>, strides = array<i64: 3>, groups = 3 : i64}>
       : (tensor<3x3x13xf32>, tensor<3x1x3xf32>, tensor<3xf32>) -> tensor<3x3x41xf32>
  return %y : tensor<3x3x41xf32>
}
