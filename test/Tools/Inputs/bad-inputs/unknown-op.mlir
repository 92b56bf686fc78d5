func.func @layer(%x: tensor<1x2x3xf32>) -> tensor<1x2x3xf32> {
  %y = "tconv.no_such_op"(%x) : (tensor<1x2x3xf32>) -> tensor<1x2x3xf32>
  return %y : tensor<1x2x3xf32>
}
