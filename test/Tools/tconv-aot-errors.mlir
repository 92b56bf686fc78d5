// Bad input to tconv-aot: each case prints `error:` and exits 1 (`not`
// fails on a crash) and leaves no output file behind.

// RUN: rm -rf %t && split-file %s %t

// RUN: not tconv-aot %t/does-not-exist.mlir -o %t/nofile.o 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: error: cannot open input file {{.*}}does-not-exist.mlir
// RUN: not test -e %t/nofile.o

// RUN: not tconv-aot %t/malformed.mlir -o %t/parse.o --header=%t/parse.h 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: malformed.mlir:1:{{[0-9]+}}: error:
// PARSE: error: cannot parse
// RUN: not test -e %t/parse.o
// RUN: not test -e %t/parse.h

// RUN: not tconv-aot %t/invalid.mlir -o %t/verify.o 2>&1 | FileCheck %s --check-prefix=VERIFY
// VERIFY: invalid.mlir:2:{{[0-9]+}}: error: {{.*}}groups
// RUN: not test -e %t/verify.o

// RUN: not tconv-aot %t/dynamic-weight.mlir -o %t/lower.o --header=%t/lower.h 2>&1 | FileCheck %s --check-prefix=LOWER
// LOWER: error:
// LOWER: error: lowering {{.*}}dynamic-weight.mlir to LLVM failed
// RUN: not test -e %t/lower.o
// RUN: not test -e %t/lower.h

// RUN: not tconv-aot %t/ok.mlir -o %t/missing-dir/out.o 2>&1 | FileCheck %s --check-prefix=OUTDIR
// OUTDIR: error: {{.*}}missing-dir{{/|\\}}out.o:
// RUN: not test -e %t/missing-dir

// A failing header must not leave the object behind either.
// RUN: not tconv-aot %t/ok.mlir -o %t/ok.o --header=%t/missing-dir/ok.h 2>&1 | FileCheck %s --check-prefix=HEADERDIR
// HEADERDIR: error: {{.*}}ok.h:
// RUN: not test -e %t/ok.o

// RUN: not tconv-aot %t/ok.mlir -o %t/emit.o --emit=exe 2>&1 | FileCheck %s --check-prefix=EMIT
// EMIT: error: unknown --emit value 'exe' (expected obj, asm, llvm or mlir)
// RUN: not test -e %t/emit.o

// RUN: not tconv-aot %t/ok.mlir -o %t/cpu.o --target-cpu=not-a-cpu 2>&1 | FileCheck %s --check-prefix=CPU
// CPU: error: unknown target CPU 'not-a-cpu'
// RUN: not tconv-aot %t/ok.mlir -o %t/cpu.o --target-triple=not-an-arch 2>&1 | FileCheck %s --check-prefix=TRIPLE
// TRIPLE: error: unknown target triple 'not-an-arch'
// 'native' is the host's CPU, which cannot be another architecture's.
// RUN: not tconv-aot %t/ok.mlir -o %t/cpu.o --target-triple=riscv64-linux-gnu --target-cpu=native 2>&1 | FileCheck %s --check-prefix=NATIVE
// NATIVE: error: target CPU 'native' is the host's, which cannot run riscv64-unknown-linux-gnu
// RUN: not test -e %t/cpu.o

// RUN: not tconv-aot %t/ok.mlir -o %t/feature.o --target-features=+not-a-feature 2>&1 | FileCheck %s --check-prefix=FEATURE
// FEATURE: error: unknown target feature 'not-a-feature'
// RUN: not tconv-aot %t/ok.mlir -o %t/feature.o --target-features=sse2 2>&1 | FileCheck %s --check-prefix=FEATURE-SIGN
// FEATURE-SIGN: error: target feature 'sse2' must start with '+' or '-'
// RUN: not test -e %t/feature.o

// RUN: not tconv-aot %t/scalar.mlir -o %t/scalar.o 2>&1 | FileCheck %s --check-prefix=SCALAR
// SCALAR: scalar.mlir:1:1: error: argument 1 of @scale must be a ranked tensor of f32, f16, bf16, i8, ui8 or i32 to have a C interface, got 'f32'
// RUN: not test -e %t/scalar.o

// RUN: not tconv-aot %t/integer.mlir -o %t/integer.o 2>&1 | FileCheck %s --check-prefix=INTEGER
// INTEGER: error: result 0 of @count must be a ranked tensor of f32, f16, bf16, i8, ui8 or i32 to have a C interface, got 'tensor<2xi16>'
// RUN: not test -e %t/integer.o

// RUN: not tconv-aot %t/unranked.mlir -o %t/unranked.o 2>&1 | FileCheck %s --check-prefix=UNRANKED
// UNRANKED: error: argument 0 of @unranked must be a ranked tensor of f32, f16, bf16, i8, ui8 or i32 to have a C interface, got 'tensor<*xf32>'

// Sizes in bytes the code cannot address (they would overflow int64_t):
// an argument's, and a temporary's (the zero-inserted input: 2^31 channels
// by 2^31 + 1 positions, 2^64 bytes) where the arguments are addressable.
// RUN: not tconv-aot %t/huge-argument.mlir -o %t/huge.o 2>&1 | FileCheck %s --check-prefix=HUGE-ARG
// HUGE-ARG: error: argument 0 of @layer is too large: 'tensor<1x1x2305843009213693952xf32>'
// RUN: not tconv-aot %t/huge-temporary.mlir -o %t/huge.o --header=%t/huge.h --pipeline-options=algorithm=zero-insertion 2>&1 | FileCheck %s --check-prefix=HUGE-TEMP
// HUGE-TEMP: huge-temporary.mlir:2:8: error: a temporary buffer of type 'memref<1x2147483649x2147483648xf32>' is larger than the 9223372036854775807 bytes the target can address
// HUGE-TEMP: error: lowering {{.*}}huge-temporary.mlir to LLVM failed
// RUN: not test -e %t/huge.o
// RUN: not test -e %t/huge.h

// RUN: not tconv-aot %t/bad-name.mlir -o %t/name.o 2>&1 | FileCheck %s --check-prefix=NAME
// NAME: error: public function @a.b has no C interface: its name is not a C identifier
// RUN: not tconv-aot %t/reserved.mlir -o %t/name.o 2>&1 | FileCheck %s --check-prefix=RESERVED
// RESERVED: error: public function @free has no C interface: the name is reserved
// RUN: not tconv-aot %t/main.mlir -o %t/name.o 2>&1 | FileCheck %s --check-prefix=MAIN
// MAIN: error: public function @main has no C interface: the name is reserved
// RUN: not test -e %t/name.o

// RUN: not tconv-aot %t/private.mlir -o %t/private.o 2>&1 | FileCheck %s --check-prefix=NOTHING
// NOTHING: error: no public function with a body: nothing to export
// RUN: not test -e %t/private.o

// RUN: not tconv-aot %t/ok.mlir -o %t/same.h --header=%t/same.h 2>&1 | FileCheck %s --check-prefix=SAME
// SAME: error: --header and -o name the same file
// RUN: not test -e %t/same.h

// --pack-weights needs a weight to pack, and the names of the packing
// pair and of the header's size macros must be free.
// RUN: not tconv-aot %t/no-weight.mlir -o %t/pack.o --pack-weights 2>&1 | FileCheck %s --check-prefix=NOPACK
// NOPACK: error: nothing to pack in {{.*}}no-weight.mlir: no exported function takes a conv_transpose weight argument (one used as nothing else)
// RUN: not tconv-aot %t/pack-clash.mlir -o %t/pack.o --pack-weights 2>&1 | FileCheck %s --check-prefix=PACKCLASH
// PACKCLASH: error: exported function @ok_pack clashes with the weight packing of @ok
// RUN: not tconv-aot %t/macro-clash.mlir -o %t/pack.o --pack-weights 2>&1 | FileCheck %s --check-prefix=MACROCLASH
// MACROCLASH: error: exported function @OK_PACKED_ELEMENTS clashes with the packed size macro of @ok
// RUN: not tconv-aot %t/macro-twice.mlir -o %t/pack.o --pack-weights 2>&1 | FileCheck %s --check-prefix=MACROTWICE
// MACROTWICE: error: @ok and @OK would share the packed size macro OK_PACKED_ELEMENTS
// RUN: not test -e %t/pack.o

// A failed run keeps an existing output as it was.
// RUN: echo previous > %t/keep.o
// RUN: not tconv-aot %t/invalid.mlir -o %t/keep.o 2>&1 | FileCheck %s --check-prefix=VERIFY
// RUN: FileCheck %s --check-prefix=KEEP < %t/keep.o
// KEEP: previous

//--- ok.mlir
func.func @layer(%x: tensor<1x2x3xf32>, %w: tensor<2x2x2xf32>) -> tensor<1x2x4xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3xf32>, tensor<2x2x2xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}

//--- malformed.mlir
func.func @layer(%x: tensor<1x2x3xf32> {

//--- invalid.mlir
func.func @layer(%x: tensor<1x2x3xf32>, %w: tensor<2x2x2xf32>) -> tensor<1x2x4xf32> {
  %y = tconv.conv_transpose %x, %w {groups = 3 : i64} : (tensor<1x2x3xf32>, tensor<2x2x2xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}

//--- dynamic-weight.mlir
func.func @layer(%x: tensor<1x2x3xf32>, %w: tensor<2x2x?xf32>) -> tensor<1x2x?xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3xf32>, tensor<2x2x?xf32>) -> tensor<1x2x?xf32>
  return %y : tensor<1x2x?xf32>
}

//--- scalar.mlir
func.func @scale(%x: tensor<4xf32>, %s: f32) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

//--- integer.mlir
func.func @count(%x: tensor<2xf32>) -> tensor<2xi16> {
  %c = arith.constant dense<1> : tensor<2xi16>
  return %c : tensor<2xi16>
}

//--- unranked.mlir
func.func @unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  return %x : tensor<*xf32>
}

//--- huge-argument.mlir
func.func @layer(%x: tensor<1x1x2305843009213693952xf32>, %w: tensor<1x1x1xf32>) -> tensor<1x1x2305843009213693952xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x1x2305843009213693952xf32>, tensor<1x1x1xf32>) -> tensor<1x1x2305843009213693952xf32>
  return %y : tensor<1x1x2305843009213693952xf32>
}

//--- huge-temporary.mlir
func.func @layer(%x: tensor<1x2x2147483648xf32>, %w: tensor<1x1x2147483648xf32>) -> tensor<1x2147483649x1xf32> {
  %y = tconv.conv_transpose %x, %w {strides = array<i64: 2147483648>, layout = #tconv.layout<channels_last>} : (tensor<1x2x2147483648xf32>, tensor<1x1x2147483648xf32>) -> tensor<1x2147483649x1xf32>
  return %y : tensor<1x2147483649x1xf32>
}

//--- bad-name.mlir
func.func @"a.b"(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}

//--- reserved.mlir
func.func @free(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}

//--- main.mlir
func.func @main(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}

//--- private.mlir
func.func private @hidden(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}

//--- no-weight.mlir
func.func @copy(%a: tensor<4xf32>) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}

//--- pack-clash.mlir
func.func @ok(%x: tensor<1x2x3xf32>, %w: tensor<2x2x2xf32>) -> tensor<1x2x4xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3xf32>, tensor<2x2x2xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}
func.func @ok_pack(%a: tensor<4xf32>) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}

//--- macro-clash.mlir
func.func @ok(%x: tensor<1x2x3xf32>, %w: tensor<2x2x2xf32>) -> tensor<1x2x4xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3xf32>, tensor<2x2x2xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}
func.func @OK_PACKED_ELEMENTS(%a: tensor<4xf32>) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}

//--- macro-twice.mlir
func.func @ok(%x: tensor<1x2x3xf32>, %w: tensor<2x2x2xf32>) -> tensor<1x2x4xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3xf32>, tensor<2x2x2xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}
func.func @OK(%x: tensor<1x2x3xf32>, %w: tensor<2x2x2xf32>) -> tensor<1x2x4xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3xf32>, tensor<2x2x2xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}
