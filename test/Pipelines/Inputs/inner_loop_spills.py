#!/usr/bin/env python3
"""Compiles each module with `tconv-aot --emit=asm --pack-weights` for one
target and checks its innermost FMA loops (verbose assembly: LLVM marks loop
headers, loop membership and spill/reload instructions in comments).

  inner_loop_spills.py --tconv-aot=PATH --target-cpu=CPU
      [--target-triple=TRIPLE] [--pipeline-options=OPTIONS]
      [--mca-min-percent=P] A.mlir B.mlir ...

Prints one line per module, `A: L loops, S spill/reload`, then
`spill-free: N of M`. A module without any innermost FMA loop counts as not
spill-free (nothing was checked). x86 (comments after '#', vfmadd; for
int8, vpdpbusd or vpmaddwd) and AArch64 (comments after '//', fmla, sdot)
assembly.

With --mca-min-percent, llvm-mca (for the same CPU) also estimates the
cycles per iteration of each module's innermost loop with the most FMAs, and
a line `A: F FMAs in C cycles, X% of the FMA bound` follows, the FMA bound
being F over the CPU's FMA issue rate (`fmas-per-cycle` of
`tconv-opt --tconv-print-target-model`); then `throughput: N of M at P% or
more`.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

LABEL = re.compile(r"^(?:\.LBB(\d+_\d+):|(?:#|//) %bb\.\d+:)")
INNER_HEADER = re.compile(r"=>\s*This Inner Loop Header")
OUTER_HEADER = re.compile(r"=>\s*This Loop Header")
MEMBER = re.compile(r"in Loop: Header=BB(\d+_\d+)")
# FMAs, and the i8 dot products of quantized modules.
# AVX-VNNI's VPDPBUSD is printed with a {vex} prefix.
FMA = re.compile(
    r"^\s+(\{vex\}\s+)?(vfmadd|vfnmadd|fmla|vpdpbusd|vpmaddwd|sdot)\w*\s")
SPILL = re.compile(r"(?:#|//).*\b(Spill|Reload)\b")
DIRECTIVE = re.compile(r"^\s+(\.|#|//)")


class Loop:
    def __init__(self):
        self.fmas = 0
        self.spills = 0
        self.instructions = []


def find_inner_loops(assembly):
    """The innermost loops of `assembly`, by header label."""
    loops = {}
    label = None  # the label of the current block
    current = None  # the inner loop the current block belongs to
    for line in assembly.splitlines():
        match = LABEL.match(line)
        if match:
            label = match.group(1)
            member = MEMBER.search(line)
            current = member.group(1) if member else None
            if current not in loops:
                current = None
        # A block's comments (on its label line or the next ones) say
        # whether it heads a loop.
        if label and INNER_HEADER.search(line):
            current = label
            loops.setdefault(current, Loop())
            continue
        if OUTER_HEADER.search(line):
            current = None
            continue
        if current is None or not line.startswith("\t"):
            continue
        loop = loops[current]
        if FMA.match(line):
            loop.fmas += 1
        if SPILL.search(line):
            loop.spills += 1
        if not DIRECTIVE.match(line):
            loop.instructions.append(line)
    return {header: loop for header, loop in loops.items() if loop.fmas > 0}


def fmas_per_cycle(args):
    """The target model's FMA issue rate for the CPU."""
    model = subprocess.run(
        [args.tconv_opt, "--tconv-print-target-model=target-triple=" +
         args.target_triple + " target-cpu=" + args.target_cpu, "-o",
         os.devnull], input="", check=True, capture_output=True,
        text=True).stdout
    return float(re.search(r"^fmas-per-cycle: ([0-9.]+)$", model,
                           re.M).group(1))


def mca_cycles(args, instructions):
    """llvm-mca's cycles per iteration of `instructions`."""
    with tempfile.NamedTemporaryFile("w", suffix=".s") as f:
        f.write("\n".join(instructions) + "\n")
        f.flush()
        command = ["llvm-mca", "-mcpu=" + args.target_cpu, "-iterations=1000",
                   f.name]
        if args.target_triple:
            command.insert(1, "-mtriple=" + args.target_triple)
        report = subprocess.run(command, check=True, capture_output=True,
                                text=True).stdout
    return int(re.search(r"Total Cycles:\s+(\d+)", report).group(1)) / 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tconv-aot", required=True)
    parser.add_argument("--tconv-opt", default="tconv-opt")
    parser.add_argument("--target-cpu", required=True)
    parser.add_argument("--target-triple", default="")
    parser.add_argument("--pipeline-options", default="")
    parser.add_argument("--mca-min-percent", type=float)
    parser.add_argument("modules", nargs="+")
    args = parser.parse_args()
    rate = fmas_per_cycle(args) if args.mca_min_percent is not None else 0
    clean = fast = 0
    for module in args.modules:
        assembly = subprocess.run(
            [args.tconv_aot, module, "--emit=asm", "--pack-weights",
             "--target-cpu=" + args.target_cpu,
             "--target-triple=" + args.target_triple,
             "--pipeline-options=" + args.pipeline_options, "-o", "-"],
            check=True, capture_output=True, text=True).stdout
        loops = find_inner_loops(assembly)
        spills = sum(loop.spills for loop in loops.values())
        name = os.path.splitext(os.path.basename(module))[0]
        print(f"{name}: {len(loops)} loops, {spills} spill/reload")
        clean += len(loops) > 0 and spills == 0
        if args.mca_min_percent is not None and loops:
            hot = max(loops.values(), key=lambda loop: loop.fmas)
            cycles = mca_cycles(args, hot.instructions)
            percent = 100 * hot.fmas / rate / cycles
            print(f"{name}: {hot.fmas} FMAs in {cycles:.2f} cycles, "
                  f"{percent:.0f}% of the FMA bound")
            fast += percent >= args.mca_min_percent
    print(f"spill-free: {clean} of {len(args.modules)}")
    if args.mca_min_percent is not None:
        print(f"throughput: {fast} of {len(args.modules)} at "
              f"{args.mca_min_percent:g}% or more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
