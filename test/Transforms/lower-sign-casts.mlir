// RUN: tconv-opt %s --tconv-lower-sign-casts --split-input-file | FileCheck %s
// RUN: tconv-opt %s --canonicalize --split-input-file | FileCheck %s --check-prefix=FOLD

// tconv.sign_cast becomes the builtin cast, on scalars and vectors alike;
// the LLVM lowering folds it (ui8 and i8 are one LLVM type).
// CHECK-LABEL: func.func @casts
// CHECK-SAME: (%[[S:.*]]: ui8, %[[V:.*]]: vector<2x16xui8>)
// CHECK: %[[SC:.*]] = builtin.unrealized_conversion_cast %[[S]] : ui8 to i8
// CHECK: %[[VC:.*]] = builtin.unrealized_conversion_cast %[[V]] : vector<2x16xui8> to vector<2x16xi8>
// CHECK: return %[[SC]], %[[VC]]
// CHECK-NOT: tconv.sign_cast
func.func @casts(%s: ui8, %v: vector<2x16xui8>) -> (i8, vector<2x16xi8>) {
  %a = tconv.sign_cast %s : ui8 to i8
  %b = tconv.sign_cast %v : vector<2x16xui8> to vector<2x16xi8>
  return %a, %b : i8, vector<2x16xi8>
}

// -----

// A cast there and back folds to its source.
// FOLD-LABEL: func.func @round_trip
// FOLD-SAME: (%[[X:.*]]: vector<16xi8>)
// FOLD-NEXT: return %[[X]]
func.func @round_trip(%x: vector<16xi8>) -> vector<16xi8> {
  %u = tconv.sign_cast %x : vector<16xi8> to vector<16xui8>
  %s = tconv.sign_cast %u : vector<16xui8> to vector<16xi8>
  return %s : vector<16xi8>
}
