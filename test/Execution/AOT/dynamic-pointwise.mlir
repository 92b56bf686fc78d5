// Found by utils/random_configs.py --path=aot (seed 209853415, configuration
// 34): a 1x1 convolution over two dynamic spatial dims was flattened to 1-D,
// and expanding the flat pixels back into two dynamic dims crashed upstream's
// --expand-strided-metadata inside tconv-aot. Such convolutions now stay 2-D.

// REQUIRES: cc
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %tconv_src_root/utils/random_configs.py --replay %s --path=aot --tconv-aot tconv-aot --cc %cc --run-prefix=%run --workdir %t | FileCheck %s
// CHECK: aot check: {{.*}} PASS

// config: 2-D channels_last f32 N=3 Cin=2 Cout=4 G=1 no-bias MACs=1344; I=8 k=1 s=3 p=0/0 dil=1 op=0 -> O=22 (dynamic); I=7 k=1 s=1 p=0/2 dil=3 op=0 -> O=5 (dynamic)
// config-json: {"index":34,"d":2,"cl":true,"dtype":"f32","bias":false,"G":1,"Cin":2,"Cout":4,"N":3,"I":[8,7],"k":[1,1],"s":[3,1],"dil":[1,3],"op":[0,0],"pb":[0,0],"pe":[0,2],"O":[22,5],"dyn_batch":false,"dyn_dims":[0,1],"attr_mode":1,"attr_seed":1770363118,"input_seed":226491}
func.func @layer(%x: tensor<3x?x?x2xf32>, %w: tensor<4x1x1x2xf32>) -> tensor<3x?x?x4xf32> {
  %y = "tconv.conv_transpose"(%x, %w) <{output_padding = array<i64: 0, 0>, strides = array<i64: 3, 1>, dilations = array<i64: 1, 3>, groups = 1 : i64, layout = #tconv.layout<channels_last>, padding = array<i64: 0, 0, 0, 2>}>
       : (tensor<3x?x?x2xf32>, tensor<4x1x1x2xf32>) -> tensor<3x?x?x4xf32>
  return %y : tensor<3x?x?x4xf32>
}
