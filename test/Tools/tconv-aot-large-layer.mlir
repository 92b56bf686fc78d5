// REQUIRES: cc
// A batch-64 DCGAN-like layer (64x512x128x128 -> 256 channels, kernel 4,
// stride 2, padding 1) has 6.5 GB of temporaries. As one static buffer they
// made a 6.5 GB .bss, and linking the object failed ("relocation truncated
// to fit: R_X86_64_PC32 against `.bss'"). Now the static buffer stays within
// max-static-bytes (8 MiB by default) and the rest comes from the heap: the
// object links into a C program, whose .bss stays under 10^7 bytes (7
// digits). The program is not run (the layer needs 13 GB).

// RUN: rm -rf %t && split-file %s %t
// RUN: tconv-aot %t/layer.mlir -o %t/layer.o --header=%t/layer.h
// RUN: llvm-size -A %t/layer.o | FileCheck %s --check-prefix=BSS
// RUN: llvm-nm --undefined-only --format=just-symbols %t/layer.o | FileCheck %s --check-prefix=HEAP
// RUN: %cc -std=c99 -Wall -Wextra -Werror -include %t/layer.h %t/main.c %t/layer.o -o %t/program
// RUN: llvm-size -A %t/program | FileCheck %s --check-prefix=BSS
// BSS: {{^}}.bss {{ *[0-9]{1,7} }}
// HEAP-DAG: {{^}}free
// HEAP-DAG: {{^}}malloc

//--- layer.mlir
func.func @layer(%x: tensor<64x512x128x128xf32>, %w: tensor<512x256x4x4xf32>,
                 %b: tensor<256xf32>) -> tensor<64x256x256x256xf32> {
  %y = tconv.conv_transpose %x, %w, %b {strides = array<i64: 2, 2>,
         padding = array<i64: 1, 1, 1, 1>}
       : (tensor<64x512x128x128xf32>, tensor<512x256x4x4xf32>,
          tensor<256xf32>) -> tensor<64x256x256x256xf32>
  return %y : tensor<64x256x256x256xf32>
}

//--- main.c
/* Links the kernel: `layer` must resolve, with the header's signature. */
int main(void) {
  void (*volatile kernel)(const float *, const float *, const float *,
                          float *) = layer;
  return kernel == 0;
}
