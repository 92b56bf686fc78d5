//===- HostMemory.cpp - Memory settings of processes that time kernels ----===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Support/HostMemory.h"

// Defines __GLIBC__ (through <features.h>) where it applies.
#include <cstdlib>

#ifdef __GLIBC__
#include <malloc.h>
#endif

void mlir::tconv::retainFreedMemory() {
#ifdef __GLIBC__
  // Blocks over the largest mmap threshold glibc accepts (32 MiB) would
  // still be mapped and unmapped per call: no mmap at all, and no trimming.
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
