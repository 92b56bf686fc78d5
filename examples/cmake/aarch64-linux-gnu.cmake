# A CMake toolchain file that builds examples/ (or any project using
# tconv_add_kernels) for 64-bit Arm Linux on an x86 host, with Debian's
# cross compiler (gcc-aarch64-linux-gnu, libc6-dev-arm64-cross) and qemu-user
# to run the programs here:
#
#   cmake -S examples -B build-aarch64 \
#     -DCMAKE_TOOLCHAIN_FILE=examples/cmake/aarch64-linux-gnu.cmake \
#     -DTConv_DIR=<prefix>/lib/cmake/TConv [-DTCONV_TARGET_CPU=neoverse-n1]
#   cmake --build build-aarch64
#   qemu-aarch64 -L /usr/aarch64-linux-gnu build-aarch64/dcgan_layer
#
# tconv-aot runs on the build host and writes AArch64 objects: the
# kernels' target comes from TCONV_TARGET_TRIPLE and TCONV_TARGET_CPU
# (LLVM's names; generic by default), which tconv_add_kernels reads.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)

set(TCONV_TARGET_TRIPLE aarch64-linux-gnu)
set(TCONV_TARGET_CPU "generic" CACHE STRING
  "AArch64 CPU the tconv kernels are tuned for (LLVM's name)")

# Libraries and headers of the target only; programs (tconv-aot) and
# packages (TConv_DIR) from the host.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
