//===- TargetModel.h - What codegen needs to know of a CPU ------*- C++ -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The one description of the target CPU that schedules are computed from:
// vector registers (width and count), FMA latency and issue rate, and cache
// sizes, all read off LLVM's own description of the CPU (its subtarget
// features, scheduling model and TargetTransformInfo), so that code for a
// CPU is tuned the same way whichever machine compiles it. Where LLVM has no
// figure (a CPU without a scheduling model, caches it does not know), the
// documented defaults below stand in.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TARGET_TARGETMODEL_H
#define TCONV_TARGET_TARGETMODEL_H

#include "mlir/Support/LLVM.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace llvm {
class TargetMachine;
class raw_ostream;
} // namespace llvm

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace mlir::tconv {

using ErrorReporter = function_ref<void(const Twine &)>;

/// i8 x i8 -> i32 multiply-add instructions, by what each i32 lane sums.
enum class Int8DotProduct {
  None,
  /// x86 VPMADDWD (AVX2, AVX-512BW): two i16 x i16 products, exact on
  /// sign-extended i8 values.
  PairsOfI16,
  /// x86 VNNI's VPDPBUSD (AVX512-VNNI, AVX-VNNI): four u8 x s8 products.
  QuadsOfU8S8,
  /// AArch64 SDOT (the dot-product extension): four s8 x s8 products.
  QuadsOfS8S8,
  /// x86 VPMADDUBSW then VPMADDWD by ones (AVX2, AVX-512BW): four u8 x s8
  /// products, as VPDPBUSD's, exact only where the weights lie in [-64, 63]
  /// (VPMADDUBSW saturates each pair's sum to i16: 2 x 255 x 64 fits). The
  /// quantized convolutions whose weights are known to (tconv.narrow_weights)
  /// use it where the target has no VNNI.
  QuadsOfU8S7,
};

/// The input channels each i32 lane of `kind` sums; 1 for none.
int64_t getInt8DotProductGroup(Int8DotProduct kind);

/// Whether `kind` takes its inputs as u8 (x ^ 0x80, compensated).
bool takesUnsignedInputs(Int8DotProduct kind);

/// The instruction's name, as --print-target-model shows it.
StringRef getName(Int8DotProduct kind);

/// The cache line size the schedules assume: that of every x86-64 core and
/// of most AArch64 ones (a 128-byte line only gets two prefetches, or two
/// streamed halves, where one would do).
inline constexpr int64_t kCacheLineBytes = 64;

struct TargetModel {
  /// LLVM's names of the target triple, the CPU and its features
  /// ("+avx2,+fma,...").
  std::string triple;
  std::string cpu;
  std::string features;
  /// The widest vector register the backend uses for f32 arithmetic, and
  /// how many there are.
  unsigned vectorBits = 128;
  unsigned vectorRegisters = 16;
  /// Latency (cycles) of a dependent chain of vector FMAs, and FMAs issued
  /// per cycle: together the number of independent accumulators that keeps
  /// the FMA units busy.
  unsigned fmaLatency = kDefaultFmaLatency;
  double fmasPerCycle = kDefaultFmasPerCycle;
  /// Vector loads (or broadcasts) per cycle.
  double loadsPerCycle = kDefaultLoadsPerCycle;
  /// Instructions issued per cycle (LLVM's issue width): FMAs and loads
  /// together cannot exceed it, which binds on narrow in-order cores.
  unsigned issueWidth = kDefaultIssueWidth;
  /// Per-core data caches, in bytes.
  uint64_t l1DataBytes = kDefaultL1DataBytes;
  uint64_t l2Bytes = kDefaultL2Bytes;
  /// Bytes per cycle one core keeps reading from its L2, and from the
  /// shared cache beyond it (L3), when the data is not in the level above.
  double l2BytesPerCycle = kDefaultL2BytesPerCycle;
  double l3BytesPerCycle = kDefaultL3BytesPerCycle;
  /// Whether vector FMAs take their scalar operand from a lane of a vector
  /// register (AArch64's FMLA by element). A register tile then holds one
  /// input register per output pixel (LLVM loads all of a step's inputs
  /// before its FMAs), and each holds `lanes` input channels, one per
  /// reduction step. x86 broadcasts one input at a time instead (or folds
  /// the broadcast into the FMA).
  bool fmaByElement = false;
  /// Whether vector FMAs take an operand from memory (x86). On load-store
  /// targets (AArch64) every loaded vector takes a register first.
  bool fmaMemoryOperands = false;
  /// Whether f16 <-> f32 conversions are instructions (x86 F16C or
  /// AVX512-FP16, AArch64); without them LLVM would call compiler-rt, and
  /// the pipeline expands them into integer code instead.
  bool hasF16Conversions = false;
  /// The instruction that multiplies a quantized convolution's i8 values,
  /// adding a few products into each i32 lane, and the width of the vectors
  /// it works on (the vector width); none: i32 multiplies.
  Int8DotProduct int8DotProduct = Int8DotProduct::None;
  unsigned int8DotProductBits = 0;
  /// A faster instruction for convolutions whose weights lie in [-64, 63]
  /// (QuadsOfU8S7 where int8DotProduct is VPMADDWD), at the same width; none
  /// where int8DotProduct is the fastest.
  Int8DotProduct narrowWeightInt8DotProduct = Int8DotProduct::None;
  /// The instruction that sums a depthwise convolution's i8 taps, whose
  /// products do not share an input channel but neighbouring inputs: pairs
  /// of taps (PairsOfI16) where VPMADDWD is at the vector width, even on
  /// VNNI CPUs (tconv-pair-depthwise-taps); none: i32 multiplies.
  Int8DotProduct depthwiseInt8DotProduct = Int8DotProduct::None;

  /// The input channels each i32 lane of int8DotProduct sums; 1 without.
  int64_t getInt8DotProductGroup() const {
    return tconv::getInt8DotProductGroup(int8DotProduct);
  }

  /// Elements of `elementBits` bits per vector register.
  int64_t getLanes(unsigned elementBits) const {
    return std::max<int64_t>(1, vectorBits / elementBits);
  }

  /// One line per figure, as tconv-aot --print-target-model shows it.
  void print(llvm::raw_ostream &os) const;

  // Defaults where LLVM has no figure: what every x86-64 CPU since Haswell
  // and every AArch64 core of the last decade meets or beats (two 4-cycle
  // FMA pipes, two loads per cycle, four instructions per cycle, 32 KiB
  // L1D, 256 KiB or more of L2, 32 bytes a cycle from L2 and 16 from L3).
  // LLVM has no cache sizes or bandwidths of its own per CPU (AArch64: no
  // sizes; X86: these defaults for all) and for some CPUs only a stand-in
  // scheduling model: a table of known cores in TargetModel.cpp gives their
  // figures.
  static constexpr unsigned kDefaultFmaLatency = 4;
  static constexpr double kDefaultFmasPerCycle = 2;
  static constexpr double kDefaultLoadsPerCycle = 2;
  static constexpr unsigned kDefaultIssueWidth = 4;
  static constexpr uint64_t kDefaultL1DataBytes = 32 * 1024;
  static constexpr uint64_t kDefaultL2Bytes = 256 * 1024;
  static constexpr double kDefaultL2BytesPerCycle = 32;
  static constexpr double kDefaultL3BytesPerCycle = 16;
};

/// A target machine for `triple` (empty: the host's; x86_64 and aarch64
/// are the architectures tconv tunes for, any LLVM knows compiles). For the
/// host's architecture, an empty `cpu` or "native" means the host CPU with
/// the host's features unless `features` are given; for another one, an
/// empty `cpu` means "generic". An explicit CPU gets its own features plus
/// `features`. Unknown triples, CPUs and features are reported, not
/// silently ignored.
FailureOr<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(StringRef triple, StringRef cpu,
                    std::optional<StringRef> features,
                    ErrorReporter reportError);

/// Whether code for `machine` runs on this host's architecture (the JIT's
/// and the benchmark's first condition; getFeaturesMissingOnHost is the
/// second).
bool isHostArchitecture(const llvm::TargetMachine &machine);

/// The features of `machine`'s CPU that its code may use and a host with
/// `hostFeatures` (llvm::sys::getHostCPUFeatures(), by default) lacks: the
/// vector ISAs and the bit manipulation LLVM selects for scalar code. System
/// instructions that a hypervisor hides (invpcid, rdseed, pku, ...) do not
/// count. Empty when the code runs here, as far as features tell.
SmallVector<std::string>
getFeaturesMissingOnHost(const llvm::TargetMachine &machine,
                         const llvm::StringMap<bool> &hostFeatures);
SmallVector<std::string>
getFeaturesMissingOnHost(const llvm::TargetMachine &machine);

/// The model of the CPU `machine` generates code for.
TargetModel getTargetModel(const llvm::TargetMachine &machine);

/// The model of `cpu` with `features` on `triple`, as createTargetMachine
/// takes them (empty `features`: the CPU's own, or the host's for the host
/// CPU).
FailureOr<TargetModel> getTargetModel(StringRef triple, StringRef cpu,
                                      StringRef features,
                                      ErrorReporter reportError);

/// The model of a pass's target options (`triple`, `cpu`, `features`, as
/// getTargetModel takes them); on failure, an error naming the pass
/// (`passName`) at an unknown location in `ctx`.
FailureOr<TargetModel> getTargetModelForPass(MLIRContext *ctx,
                                             StringRef passName,
                                             StringRef triple, StringRef cpu,
                                             StringRef features);

/// getTargetModelForPass into `model`: what the initialize() of a pass that
/// keeps the whole model does.
LogicalResult loadTargetModelForPass(MLIRContext *ctx, StringRef passName,
                                     StringRef triple, StringRef cpu,
                                     StringRef features, TargetModel &model);

} // namespace mlir::tconv

#endif // TCONV_TARGET_TARGETMODEL_H
