// RUN: tconv-opt %s --split-input-file --verify-diagnostics --tconv-outline-weight-packing

// A packed value of dynamic shape has no place in the flat tensor.
// expected-error @+1 {{cannot pack weights of @dynamic: a rearranged value is not a statically shaped tensor of rank 1 or more: 'tensor<?x4xf32>'}}
func.func @dynamic(%x: tensor<?x4xf32>, %w: tensor<?x4xf32> {tconv.pack}) -> tensor<?x4xf32> {
  return %w : tensor<?x4xf32>
}

// -----

// The names of the new functions are taken.
func.func @taken(%w: tensor<4xf32> {tconv.pack}) -> tensor<4xf32> {
  return %w : tensor<4xf32>
}
// expected-error @+1 {{symbol @taken_pack is reserved for packing the weights of @taken}}
func.func private @taken_pack()

// -----

// One flat tensor holds one element type.
// expected-error @+1 {{cannot pack weights of @mixed: rearranged values of element types 'f32' and 'f16'}}
func.func @mixed(%a: tensor<4xf32> {tconv.pack}, %b: tensor<4xf16> {tconv.pack}) -> (tensor<4xf32>, tensor<4xf16>) {
  return %a, %b : tensor<4xf32>, tensor<4xf16>
}

// -----

// expected-error @+1 {{'tconv.pack' must be a unit attribute}}
func.func @not_unit(%w: tensor<4xf32> {tconv.pack = 1 : i64}) {
  return
}

// -----

// expected-error @+1 {{unknown tconv argument attribute 'tconv.weight'}}
func.func @unknown(%w: tensor<4xf32> {tconv.weight}) {
  return
}
