// Bad input to tconv-run: each case prints one `error:` line and exits 1
// (`not` fails on a crash, which exits with a signal).
// RUN: not tconv-run %s --entry=missing 2>&1 | FileCheck %s --check-prefix=ENTRY
// ENTRY: error: no function named 'missing'
// RUN: not tconv-run %S/Inputs/does-not-exist.mlir --entry=layer 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: error: cannot open input file {{.*}}does-not-exist.mlir
// RUN: not tconv-run %s --entry=layer --inputs=%S/Inputs/x-ok.npy 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: error: @layer takes 2 arguments but --inputs gives 1 files
// RUN: not tconv-run %s --entry=layer --inputs=%S/Inputs/x-ok.npy,%S/Inputs/nope.npy 2>&1 | FileCheck %s --check-prefix=MISSING-NPY
// MISSING-NPY: error: {{.*}}nope.npy: cannot open file
// RUN: not tconv-run %s --entry=layer --inputs=%S/Inputs/not-npy.npy,%S/Inputs/w-ok.npy 2>&1 | FileCheck %s --check-prefix=MAGIC
// MAGIC: error: {{.*}}not-npy.npy: not a .npy file (bad magic)
// RUN: not tconv-run %s --entry=layer --inputs=%S/Inputs/x-f64.npy,%S/Inputs/w-ok.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: error: {{.*}}x-f64.npy: expected float32 data ('<f4') for argument 0 of element type f32, got '<f8'
// RUN: not tconv-run %s --entry=layer --inputs=%S/Inputs/bad-npy/int32.npy,%S/Inputs/w-ok.npy 2>&1 | FileCheck %s --check-prefix=INT-FOR-FLOAT
// INT-FOR-FLOAT: error: {{.*}}int32.npy: expected float32 data ('<f4') for argument 0 of element type f32, got '<i4'
// RUN: not tconv-run %s --entry=quantized --inputs=%S/Inputs/x-ok.npy,%S/Inputs/w-ok.npy 2>&1 | FileCheck %s --check-prefix=FLOAT-FOR-INT
// FLOAT-FOR-INT: error: {{.*}}x-ok.npy: expected uint8 data ('|u1') for argument 0 of element type ui8, got '<f4'
// RUN: not tconv-run %s --entry=layer --inputs=%S/Inputs/x-wrong-shape.npy,%S/Inputs/w-ok.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: error: {{.*}}x-wrong-shape.npy: shape (1, 2, 4) does not match argument 0 of type tensor<1x2x3xf32>
// RUN: not tconv-run %s --entry=layer --inputs=%S/Inputs/x-truncated.npy,%S/Inputs/w-ok.npy 2>&1 | FileCheck %s --check-prefix=TRUNC
// TRUNC: error: {{.*}}x-truncated.npy: truncated data
// RUN: not tconv-run %s --entry=layer --inputs=%S/Inputs/x-fortran.npy,%S/Inputs/w-ok.npy 2>&1 | FileCheck %s --check-prefix=FORTRAN
// FORTRAN: error: {{.*}}x-fortran.npy: fortran_order arrays are not supported
// An empty input whose other dimensions overflow int64 (NumPy refuses it);
// tconv-run's strides of it overflowed (found by tconv-fuzz-npy).
// RUN: %python %S/../Execution/Inputs/write_npy.py %t.empty.npy=0x2x4611686018427387905
// RUN: not tconv-run %s --entry=dynamic_width --inputs=%t.empty.npy,%S/Inputs/w-ok.npy 2>&1 | FileCheck %s --check-prefix=OVERFLOW
// OVERFLOW: error: {{.*}}empty.npy: shape (0, 2, 4611686018427387905) overflows
// RUN: not tconv-run %s --entry=dynamic 2>&1 | FileCheck %s --check-prefix=DYN
// DYN: error: argument 0 of @dynamic has dynamic dims: give its data with --inputs
// RUN: not tconv-run %s --entry=integer 2>&1 | FileCheck %s --check-prefix=TYPE
// TYPE: error: @integer argument 0 must be a ranked tensor of f32, f16, bf16, i8, ui8 or i32
// RUN: not tconv-run %s --entry=layer --output=%t.missing-dir/out.npy 2>&1 | FileCheck %s --check-prefix=OUT
// OUT: error: {{.*}}out.npy: cannot create temporary file
// RUN: not tconv-run %s --entry=no_result --output=%t.out.npy 2>&1 | FileCheck %s --check-prefix=NORESULT
// NORESULT: error: @no_result has no result to write
// RUN: not tconv-run %S/Inputs/not-npy.npy --entry=layer 2>&1 | FileCheck %s --check-prefix=PARSE
// PARSE: not-npy.npy:1:1: error:
// RUN: not tconv-run %s --entry=layer --repeat=abc 2>&1 | FileCheck %s --check-prefix=OPTION
// OPTION: for the --repeat option: 'abc' value invalid
// RUN: not tconv-run %s --entry=layer --pipeline-options="bogus=1" 2>&1 | FileCheck %s --check-prefix=PIPELINE
// PIPELINE: no such option bogus
// PIPELINE: error: invalid --pipeline-options 'bogus=1'
// The JIT calls functions with their own signatures.
// RUN: not tconv-run %s --entry=layer --pipeline-options="caller-scratch=true" 2>&1 | FileCheck %s --check-prefix=CALLER-SCRATCH
// CALLER-SCRATCH: error: caller-scratch changes the functions' signatures: it is for tconv-aot (--scratch=caller)

// Nameless options that upstream's parser skips (found reading it for
// tconv-fuzz-options): quotes, braces or whitespace around nothing.
// RUN: not tconv-run %s --entry=layer --pipeline-options="''=phase" 2>&1 | FileCheck %s --check-prefix=NAMELESS
// RUN: not tconv-run %s --entry=layer --pipeline-options="threads=1 {}=2" 2>&1 | FileCheck %s --check-prefix=NAMELESS
// RUN: not tconv-run %s --entry=layer --pipeline-options="$(printf 'vectorize=false \t=true')" 2>&1 | FileCheck %s --check-prefix=NAMELESS
// NAMELESS: error: invalid --pipeline-options '{{.*}}': an option has no name
// RUN: not tconv-run %s --entry=layer --pipeline-options="register-tile-width=-1" 2>&1 | FileCheck %s --check-prefix=TILE
// TILE: error: tconv-block-conv-filters: tile sizes must be >= 0
// The tool's own --target-cpu sets the target, the pipeline options cannot.
// RUN: not tconv-run %s --entry=layer --pipeline-options="target-cpu=haswell" 2>&1 | FileCheck %s --check-prefix=TARGET
// TARGET: error: --pipeline-options cannot name the target
// RUN: not tconv-run %s --entry=layer --target-cpu=no-such-cpu 2>&1 | FileCheck %s --check-prefix=CPU
// CPU: tconv-run: error: unknown target CPU 'no-such-cpu'
// The JIT runs code for the host's architecture only (no tconv host is
// RISC-V). The CPU is named, so that lit's --param target_cpu does not
// stand in for it.
// RUN: not tconv-run %s --entry=layer --target-triple=riscv64-linux-gnu --target-cpu=generic-rv64 2>&1 | FileCheck %s --check-prefix=CROSS
// CROSS: tconv-run: error: cannot run code for riscv64-unknown-linux-gnu on this host: compile it with tconv-aot
// A target name with braces (found by tconv-fuzz-options: upstream's parser
// keeps unbalanced braces in a string value, which then does not parse back).
// RUN: not tconv-run %s --entry=layer --pipeline-options="target-features=+no-{{{such-feature" 2>&1 | FileCheck %s --check-prefix=BRACES
// BRACES: error: {{.*}}target-cpu and target-features take LLVM's names
// RUN: not tconv-run %s 2>&1 | FileCheck %s --check-prefix=NOENTRY
// NOENTRY: for the --entry option: must be specified at least once

func.func @layer(%x: tensor<1x2x3xf32>, %w: tensor<2x2x2xf32>) -> tensor<1x2x4xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3xf32>, tensor<2x2x2xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}

func.func @dynamic(%x: tensor<?x2x3xf32>, %w: tensor<2x2x2xf32>) -> tensor<?x2x4xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<?x2x3xf32>, tensor<2x2x2xf32>) -> tensor<?x2x4xf32>
  return %y : tensor<?x2x4xf32>
}

func.func @dynamic_width(%x: tensor<?x2x?xf32>, %w: tensor<2x2x2xf32>) -> tensor<?x2x?xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<?x2x?xf32>, tensor<2x2x2xf32>) -> tensor<?x2x?xf32>
  return %y : tensor<?x2x?xf32>
}

func.func @integer(%x: tensor<2xi64>) -> tensor<2xi64> {
  return %x : tensor<2xi64>
}

func.func @quantized(%x: tensor<1x2x3xui8>, %w: tensor<2x2x2xi8>) -> tensor<1x2x4xi32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3xui8>, tensor<2x2x2xi8>) -> tensor<1x2x4xi32>
  return %y : tensor<1x2x4xi32>
}

func.func @no_result(%x: tensor<2xf32>) {
  return
}
