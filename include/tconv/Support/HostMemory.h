//===- HostMemory.h - Memory settings of processes that time kernels -*- C++
//-*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_SUPPORT_HOSTMEMORY_H
#define TCONV_SUPPORT_HOSTMEMORY_H

namespace mlir::tconv {

/// Keeps freed memory in the process (glibc: no mmap for large blocks, no
/// trimming), as a caller that calls a kernel repeatedly and reuses its
/// buffers would. Otherwise every call page-faults its large temporaries
/// (those over max-static-bytes, which come from the heap per call) and
/// JIT results in again: most of fcn32's time (18 -> 274 ms). A no-op
/// elsewhere.
void retainFreedMemory();

} // namespace mlir::tconv

#endif // TCONV_SUPPORT_HOSTMEMORY_H
