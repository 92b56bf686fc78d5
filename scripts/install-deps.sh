#!/usr/bin/env bash
# Installs what tconv needs to build and test on Debian 12: LLVM/MLIR 22,
# clang-22 with compiler-rt (the ASan/UBSan runtimes of the asan-ubsan
# preset; libFuzzer for scripts/fuzz.sh), LLVM's OpenMP runtime (threaded
# kernels), CMake, Ninja,
# GoogleTest, NumPy (the f16 conversion tests' oracle) and clang-format-22
# (scripts/check-format.sh). Idempotent: when everything is present it returns at once
# without touching apt.
#
#   --bench   also oneDNN (libdnnl-dev) and XNNPACK (libxnnpack-dev, with
#             libpthreadpool-dev and libcpuinfo-dev), the benchmark's
#             baselines
#   --torch   also PyTorch (python3-torch): the cross-check and the PyTorch
#             importer's tests
#   --onnx    also ONNX (python3-onnx): the ONNX importer's tests
#   --cross   also the AArch64 cross compiler and C library
#             (gcc-aarch64-linux-gnu, libc6-dev-arm64-cross) and qemu-user:
#             the cross suite of check-tconv builds the AOT drivers for
#             AArch64 and runs them under qemu-aarch64. Threaded AArch64
#             objects need LLVM's OpenMP runtime for AArch64, which Debian
#             ships only as the arm64 package libomp5-14: its library is
#             unpacked into .deps/aarch64-linux-gnu/ of the checkout (not
#             installed: adding the arm64 architecture to dpkg would replace
#             the host's libomp-22-dev)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22
  libclang-rt-22-dev libomp-22-dev
  cmake ninja-build libgtest-dev python3 python3-numpy clang-format-22
)
for arg in "$@"; do
  case "$arg" in
    --bench) packages+=(libdnnl-dev libxnnpack-dev libpthreadpool-dev libcpuinfo-dev) ;;
    --torch) packages+=(python3-torch) ;;
    --onnx) packages+=(python3-onnx) ;;
    --cross) packages+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user curl) ;;
    *) echo "install-deps: unknown option '$arg' (use --bench, --torch, --onnx, --cross)" >&2
       exit 1 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The AArch64 OpenMP runtime: a pinned Debian 12 package, checked by hash.
if [[ " $* " == *" --cross "* ]]; then
  omp_dir=.deps/aarch64-linux-gnu
  omp_deb=libomp5-14_14.0.6-12_arm64.deb
  omp_sha256=b6884c8932e4bd78e60786dddf4838762e5f591457269913d03f33553eef18b3
  if [ ! -f "$omp_dir/libomp.so.5" ]; then
    echo "install-deps: unpacking $omp_deb into $omp_dir"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    url=http://deb.debian.org/debian/pool/main/l/llvm-toolchain-14/$omp_deb
    if ! curl -sfL --retry 3 -o "$tmp/$omp_deb" "$url" ||
       ! echo "$omp_sha256  $tmp/$omp_deb" | sha256sum -c --quiet -; then
      echo "install-deps: error: cannot fetch $url with SHA-256 $omp_sha256" \
        "(update the pin in scripts/install-deps.sh)" >&2
      exit 1
    fi
    dpkg-deb -x "$tmp/$omp_deb" "$tmp/root"
    mkdir -p "$omp_dir"
    cp "$tmp/root/usr/lib/llvm-14/lib/libomp.so.5" "$omp_dir/"
  fi
fi
