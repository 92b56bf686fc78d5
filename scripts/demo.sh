#!/usr/bin/env bash
# Sets up, builds and runs the demo: a real layer (DCGAN generator,
# 256 -> 128 channels, 8x8 -> 16x16, batch 16) through tconv-opt and
# tconv-run, checked against the reference implementation.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target tconv-opt tconv-run

layer=examples/dcgan3.mlir
echo "== $layer"
cat "$layer"
echo "== tconv-opt --convert-tconv-to-linalg (zero insertion, flip, stride-1 conv)"
"$build/bin/tconv-opt" "$layer" --convert-tconv-to-linalg --canonicalize
echo "== tconv-run: JIT-compile, run on random data, check, time"
"$build/bin/tconv-run" "$layer" --entry=layer --check --repeat=3 \
  --output="$build/dcgan3-out.npy"
echo "== result written to $build/dcgan3-out.npy"
