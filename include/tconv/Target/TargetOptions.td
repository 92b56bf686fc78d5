//===- TargetOptions.td - Options naming a target model ----*- tablegen -*-===//
//
// Part of the tconv project.
//
//===----------------------------------------------------------------------===//
//
// The options of every pass that reads the target model (getTargetModel):
// one definition, so that their names, defaults and help agree.
//
//===----------------------------------------------------------------------===//

#ifndef TCONV_TARGET_TARGETOPTIONS_TD
#define TCONV_TARGET_TARGETOPTIONS_TD

include "mlir/Pass/PassBase.td"

defvar TargetModelOptions = [
  Option<"targetTriple", "target-triple", "std::string", "",
         "Target triple, e.g. aarch64-linux-gnu (default: the host's)">,
  Option<"targetCpu", "target-cpu", "std::string", "",
         "Target CPU, as LLVM names it (default: the host's; generic for "
         "another architecture)">,
  Option<"targetFeatures", "target-features", "std::string", "",
         "Target features, e.g. +avx2,-avx512f (default: the CPU's own, "
         "or the host's for the host CPU)">,
];

#endif // TCONV_TARGET_TARGETOPTIONS_TD
