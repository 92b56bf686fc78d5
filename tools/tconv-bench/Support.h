//===- Support.h - What the parts of tconv-bench share ----------*- C++ -*-===//
//
// Part of the tconv project (benchmark, not a test).
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TOOLS_TCONV_BENCH_SUPPORT_H
#define TCONV_TOOLS_TCONV_BENCH_SUPPORT_H

// The errors and output files of every tool: emitToolError, reportToolError,
// writeToolOutput.
#include "tconv/Support/ToolSupport.h"

#include "mlir/Support/LLVM.h"

#include <new>
#include <vector>

namespace mlir::tconv::bench {

/// Buffers start on a cache line, as oneDNN's own and a framework's tensors
/// do: a vector load that straddles two lines costs two, which made tconv's
/// packed weights in plain vector memory 20% slower on dcgan2.
template <typename T> struct CacheLineAllocator {
  using value_type = T;
  CacheLineAllocator() = default;
  template <typename U> CacheLineAllocator(const CacheLineAllocator<U> &) {}
  T *allocate(size_t n) {
    return static_cast<T *>(
        ::operator new(n * sizeof(T), std::align_val_t(kCacheLineBytes)));
  }
  void deallocate(T *p, size_t) {
    ::operator delete(p, std::align_val_t(kCacheLineBytes));
  }
  bool operator==(const CacheLineAllocator &) const { return true; }
  bool operator!=(const CacheLineAllocator &) const { return false; }
  static constexpr size_t kCacheLineBytes = 64;
};
template <typename T>
using AlignedVector = std::vector<T, CacheLineAllocator<T>>;
using Buffer = AlignedVector<float>;
/// A tensor of any element type (LayerData.h), read through typed pointers.
using Bytes = AlignedVector<char>;

} // namespace mlir::tconv::bench

#endif // TCONV_TOOLS_TCONV_BENCH_SUPPORT_H
