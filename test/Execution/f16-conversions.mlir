// f16 <-> f32 conversions expanded into integer code
// (tconv-expand-f16-conversions), run and compared bit for bit with NumPy's
// float16 conversion (Inputs/f16_conversions.py). x86-64, the baseline CPU,
// has no F16C, so the pipeline expands the conversions for it: the IR check
// shows that no fpext/fptrunc of f16 is left for LLVM.
// REQUIRES: numpy

// RUN: tconv-opt %s --tconv-to-llvm=target-cpu=x86-64 | FileCheck %s --check-prefix=IR --implicit-check-not=llvm.fpext --implicit-check-not=llvm.fptrunc
// IR: llvm.func @truncate
// IR: llvm.func @extend

// Truncation: f32 values at every rounding decision (each finite f16, the
// halfway points between neighbours and one f32 ulp to either side, both
// signs), overflow, subnormals, zeros, infinities, NaNs, then random bit
// patterns; in vectors (the default tiles) and as scalars (vectorize=0).
// RUN: %python %S/Inputs/f16_conversions.py inputs %t.x.npy %t.codes.npy
// RUN: tconv-run %s --entry=truncate --inputs=%t.x.npy --output=%t.trunc.npy --target-cpu=x86-64
// RUN: %python %S/Inputs/f16_conversions.py check-truncate %t.x.npy %t.trunc.npy | FileCheck %s --check-prefix=TRUNC
// RUN: tconv-run %s --entry=truncate --inputs=%t.x.npy --output=%t.trunc-scalar.npy --target-cpu=x86-64 --pipeline-options=vectorize=0
// RUN: %python %S/Inputs/f16_conversions.py check-truncate %t.x.npy %t.trunc-scalar.npy | FileCheck %s --check-prefix=TRUNC
// TRUNC: truncate: 262144 values, 0 mismatches PASS

// Extension: all 65536 f16 bit patterns, the f32 results' bits returned in
// two halves so that no NaN passes through a conversion on the way out.
// RUN: tconv-run %s --entry=extend --inputs=%t.codes.npy --output=%t.ext.npy --target-cpu=x86-64
// RUN: %python %S/Inputs/f16_conversions.py check-extend %t.ext.npy | FileCheck %s --check-prefix=EXT
// RUN: tconv-run %s --entry=extend --inputs=%t.codes.npy --output=%t.ext-scalar.npy --target-cpu=x86-64 --pipeline-options=vectorize=0
// RUN: %python %S/Inputs/f16_conversions.py check-extend %t.ext-scalar.npy | FileCheck %s --check-prefix=EXT
// EXT: extend: 65536 values, 0 mismatches PASS

func.func @truncate(%x: tensor<262144xf32>) -> tensor<262144xf16> {
  %init = tensor.empty() : tensor<262144xf16>
  %y = linalg.map ins(%x : tensor<262144xf32>) outs(%init : tensor<262144xf16>)
    (%in: f32, %out: f16) {
      %h = arith.truncf %in : f32 to f16
      linalg.yield %h : f16
    }
  return %y : tensor<262144xf16>
}

// Row 0 of the result holds the high 16 bits of each f32, row 1 the low 16.
func.func @extend(%codes: tensor<65536xf32>) -> tensor<2x65536xf32> {
  %init = tensor.empty() : tensor<2x65536xf32>
  %y = linalg.generic {
         indexing_maps = [affine_map<(d0, d1) -> (d1)>,
                          affine_map<(d0, d1) -> (d0, d1)>],
         iterator_types = ["parallel", "parallel"]}
       ins(%codes : tensor<65536xf32>) outs(%init : tensor<2x65536xf32>) {
  ^bb0(%code: f32, %out: f32):
    %c0 = arith.constant 0 : index
    %c16 = arith.constant 16 : i32
    %low_mask = arith.constant 65535 : i32
    %row = linalg.index 0 : index
    %code_bits = arith.fptoui %code : f32 to i16
    %h = arith.bitcast %code_bits : i16 to f16
    %e = arith.extf %h : f16 to f32
    %bits = arith.bitcast %e : f32 to i32
    %high = arith.shrui %bits, %c16 : i32
    %low = arith.andi %bits, %low_mask : i32
    %is_high = arith.cmpi eq, %row, %c0 : index
    %part = arith.select %is_high, %high, %low : i32
    %value = arith.uitofp %part : i32 to f32
    linalg.yield %value : f32
  } -> tensor<2x65536xf32>
  return %y : tensor<2x65536xf32>
}
