// Random configuration 112 of utils/random_configs.py --path=aot
// --pack-weights (seed 39580503): 3-D, channels-last, 3 groups, strides 4.
// algorithm=auto unrolled its 64 phases, 3 convolutions each (the groups are
// split): tconv-aot took 150 s of CPU (300 s with --pack-weights) and the
// harness timed out. Auto now counts convolutions, not phases.

// REQUIRES: cc
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %tconv_src_root/utils/random_configs.py --replay %s --path=aot --tconv-aot tconv-aot --cc %cc --run-prefix=%run --workdir %t --pack-weights | FileCheck %s
// CHECK: aot check: {{.*}} PASS

// config: 3-D channels_last f32 N=1 Cin=6 Cout=6 G=3 MACs=23040; I=4 k=4 s=4 p=0/0 dil=1 op=0 -> O=16; I=2 k=5 s=4 p=0/0 dil=1 op=1 -> O=10; I=3 k=4 s=4 p=0/0 dil=1 op=0 -> O=12
// config-json: {"index":112,"d":3,"cl":true,"dtype":"f32","bias":true,"G":3,"Cin":6,"Cout":6,"N":1,"I":[4,2,3],"k":[4,5,4],"s":[4,4,4],"dil":[1,1,1],"op":[0,1,0],"pb":[0,0,0],"pe":[0,0,0],"O":[16,10,12],"dyn_batch":false,"dyn_dims":[],"attr_mode":2,"attr_seed":244175338,"input_seed":769932}
func.func @layer(%x: tensor<1x4x2x3x6xf32>, %w: tensor<6x4x5x4x2xf32>, %b: tensor<6xf32>) -> tensor<1x16x10x12x6xf32> {
  %y = "tconv.conv_transpose"(%x, %w, %b) <{padding = array<i64: 0, 0, 0, 0, 0, 0>, layout = #tconv.layout<channels_last>, groups = 3 : i64, strides = array<i64: 4, 4, 4>, output_padding = array<i64: 0, 1, 0>}>
       : (tensor<1x4x2x3x6xf32>, tensor<6x4x5x4x2xf32>, tensor<6xf32>) -> tensor<1x16x10x12x6xf32>
  return %y : tensor<1x16x10x12x6xf32>
}
