//===- JitMemoryTest.cpp - The JIT's section memory mapper ----------------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// createNearSectionsMapper keeps an engine's sections within its reserved
// range whatever else the process maps in between; the default mapper put a
// kernel's data over 2 GiB from its code in an ASan build.
//
//===----------------------------------------------------------------------===//

#include "tconv/Runtime/Jit.h"

#include "llvm/Support/Memory.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <cstring>
#include <sys/mman.h>

using namespace mlir::tconv::runtime;
using llvm::sys::Memory;
using llvm::sys::MemoryBlock;
using Purpose = llvm::SectionMemoryManager::AllocationPurpose;

namespace {

constexpr size_t kReserved = size_t(16) << 20;

uintptr_t address(const MemoryBlock &block) {
  return reinterpret_cast<uintptr_t>(block.base());
}

TEST(NearSectionsMapper, SectionsStayInTheReservedRange) {
  auto mapper = createNearSectionsMapper(kReserved);
  std::error_code ec;
  MemoryBlock code = mapper->allocateMappedMemory(
      Purpose::Code, 4096, nullptr, Memory::MF_READ | Memory::MF_WRITE, ec);
  ASSERT_FALSE(ec);
  ASSERT_NE(code.base(), nullptr);
  // 8 GiB of addresses taken between the two allocations: the system's own
  // placement would put the next block beyond them.
  size_t between = size_t(8) << 30;
  void *other = ::mmap(nullptr, between, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(other, MAP_FAILED);
  MemoryBlock data =
      mapper->allocateMappedMemory(Purpose::RWData, size_t(4) << 20, nullptr,
                                   Memory::MF_READ | Memory::MF_WRITE, ec);
  ::munmap(other, between);
  ASSERT_FALSE(ec);
  ASSERT_NE(data.base(), nullptr);
  uintptr_t low = std::min(address(code), address(data));
  uintptr_t high = std::max(address(code) + code.allocatedSize(),
                            address(data) + data.allocatedSize());
  EXPECT_LE(high - low, kReserved);
  // Both are usable, and code can be made executable.
  std::memset(data.base(), 1, data.allocatedSize());
  std::memset(code.base(), 0xc3, code.allocatedSize());
  EXPECT_FALSE(
      mapper->protectMappedMemory(code, Memory::MF_READ | Memory::MF_EXEC));
  EXPECT_FALSE(mapper->releaseMappedMemory(data));
}

TEST(NearSectionsMapper, FailsBeyondTheReservedRange) {
  auto mapper = createNearSectionsMapper(kReserved);
  std::error_code ec;
  MemoryBlock first =
      mapper->allocateMappedMemory(Purpose::RWData, kReserved / 2, nullptr,
                                   Memory::MF_READ | Memory::MF_WRITE, ec);
  ASSERT_FALSE(ec);
  MemoryBlock second =
      mapper->allocateMappedMemory(Purpose::ROData, kReserved / 2 + 1, nullptr,
                                   Memory::MF_READ | Memory::MF_WRITE, ec);
  EXPECT_TRUE(ec);
  EXPECT_EQ(second.base(), nullptr);
  EXPECT_NE(first.base(), nullptr);
}

} // namespace
