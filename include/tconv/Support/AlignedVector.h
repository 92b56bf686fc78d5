//===- AlignedVector.h - Vectors starting on a cache line -------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// Host buffers handed to compiled kernels start on a cache line, as a
// framework's tensors (and oneDNN's buffers) do: a vector load that
// straddles two lines costs two. A std::vector's data from malloc start 16
// bytes into a line: packed weights there ran 20% slower on dcgan2, and a
// residual read by a fused epilogue made a layer 1.7x slower in tconv-run.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_SUPPORT_ALIGNEDVECTOR_H
#define TCONV_SUPPORT_ALIGNEDVECTOR_H

#include <cstddef>
#include <new>
#include <vector>

namespace mlir::tconv {

/// Allocates on kCacheLineBytes boundaries.
template <typename T> struct CacheLineAllocator {
  using value_type = T;
  static constexpr size_t kCacheLineBytes = 64;

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
};

template <typename T>
using AlignedVector = std::vector<T, CacheLineAllocator<T>>;

} // namespace mlir::tconv

#endif // TCONV_SUPPORT_ALIGNEDVECTOR_H
