#!/usr/bin/env bash
# Sets up, builds and runs the demo on a real layer (DCGAN generator,
# 256 -> 128 channels, 8x8 -> 16x16, batch 16):
#   1. tconv-opt shows the op lowered to linalg,
#   2. tconv-run JIT-compiles it, checks it against the reference and times it,
#   3. tconv-aot compiles it ahead of time into an object with a C header,
#      which examples/ links into a C program (through the installed CMake
#      package) that checks and times it.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

scripts/install-deps.sh
cmake --preset release -B "$build" >/dev/null
cmake --build "$build"

layer=examples/dcgan/dcgan3.mlir
echo "== $layer"
cat "$layer"
echo "== tconv-opt --convert-tconv-to-linalg (zero insertion, flip, stride-1 conv)"
"$build/bin/tconv-opt" "$layer" --convert-tconv-to-linalg --canonicalize
echo "== tconv-run: JIT-compile, run on random data, check, time"
"$build/bin/tconv-run" "$layer" --entry=layer --check --repeat=10 \
  --output="$build/dcgan3-out.npy"
echo "== tconv-aot + find_package(TConv): the C program in examples/"
cmake --install "$build" --prefix "$build/install" >/dev/null
cmake -S examples -B "$build/examples" -G Ninja \
  -DTConv_DIR="$(cd "$build" && pwd)/install/lib/cmake/TConv" >/dev/null
cmake --build "$build/examples" >/dev/null
"$build/examples/dcgan_layer"
echo "== generated header: $build/examples/tconv_kernels/dcgan_layer/dcgan3.h"
grep -A1 "^void" "$build/examples/tconv_kernels/dcgan_layer/dcgan3.h"
