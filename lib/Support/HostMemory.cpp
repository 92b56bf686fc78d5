//===- HostMemory.cpp - Memory settings of processes that time kernels ----===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Support/HostMemory.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

void mlir::tconv::retainFreedMemory() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
