//===- TargetModelTest.cpp - Whether the host runs a target's code --------===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//

#include "tconv/Target/TargetModel.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Target/TargetMachine.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::tconv;

namespace {

std::unique_ptr<llvm::TargetMachine> createX86Machine(StringRef cpu) {
  FailureOr<std::unique_ptr<llvm::TargetMachine>> machine = createTargetMachine(
      "x86_64-unknown-linux-gnu", cpu, std::nullopt,
      [](const llvm::Twine &message) { ADD_FAILURE() << message.str(); });
  return succeeded(machine) ? std::move(*machine) : nullptr;
}

// An AVX2 host (as the host reports its features: every known one, true or
// false) cannot run AVX-512 code; hidden system features do not count.
TEST(TargetModel, FeaturesMissingOnAnAvx2Host) {
  std::unique_ptr<llvm::TargetMachine> machine =
      createX86Machine("skylake-avx512");
  ASSERT_TRUE(machine);
  llvm::StringMap<bool> host;
  for (StringRef feature : {"sse4.2", "avx", "avx2", "fma", "f16c", "bmi",
                            "bmi2", "lzcnt", "popcnt", "movbe"})
    host[feature] = true;
  for (StringRef feature : {"avx512f", "avx512bw", "avx512vl", "avx512dq",
                            "avx512cd", "invpcid", "pku"})
    host[feature] = false;
  SmallVector<std::string> missing = getFeaturesMissingOnHost(*machine, host);
  EXPECT_TRUE(llvm::is_contained(missing, "avx512f"));
  EXPECT_TRUE(llvm::is_contained(missing, "avx512bw"));
  EXPECT_FALSE(llvm::is_contained(missing, "avx2"));
  EXPECT_FALSE(llvm::is_contained(missing, "invpcid"));
  EXPECT_FALSE(llvm::is_contained(missing, "pku"));

  // The same host runs Haswell's code.
  std::unique_ptr<llvm::TargetMachine> haswell = createX86Machine("haswell");
  ASSERT_TRUE(haswell);
  EXPECT_TRUE(getFeaturesMissingOnHost(*haswell, host).empty());
}

} // namespace
