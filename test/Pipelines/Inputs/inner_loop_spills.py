#!/usr/bin/env python3
"""Compiles each module with `tconv-aot --emit=asm --pack-weights` for one
target CPU and counts the vector spills and reloads in its innermost FMA
loops (verbose assembly: LLVM marks loop headers, loop membership and
spill/reload instructions in comments).

  inner_loop_spills.py --tconv-aot=PATH --target-cpu=CPU
      [--target-triple=TRIPLE] [--pipeline-options=OPTIONS] A.mlir B.mlir ...

Prints one line per module, `A: L loops, S spill/reload`, then
`spill-free: N of M`. A module without any innermost FMA loop counts as not
spill-free (nothing was checked). x86 (comments after '#', vfmadd) and
AArch64 (comments after '//', fmla) assembly.
"""
import argparse
import os
import re
import subprocess
import sys

LABEL = re.compile(r"^(?:\.LBB(\d+_\d+):|(?:#|//) %bb\.\d+:)")
INNER_HEADER = re.compile(r"=>\s*This Inner Loop Header")
OUTER_HEADER = re.compile(r"=>\s*This Loop Header")
MEMBER = re.compile(r"in Loop: Header=BB(\d+_\d+)")
FMA = re.compile(r"^\s+(vfmadd|vfnmadd|fmla)\w*\s")
SPILL = re.compile(r"(?:#|//).*\b(Spill|Reload)\b")


def count_spills(assembly):
    """(inner loops with FMAs, spills and reloads in them) of `assembly`."""
    loops = {}  # inner loop header -> [FMAs, spills and reloads]
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
            loops.setdefault(current, [0, 0])
            continue
        if OUTER_HEADER.search(line):
            current = None
            continue
        if current is None or not line.startswith("\t"):
            continue
        if FMA.match(line):
            loops[current][0] += 1
        if SPILL.search(line):
            loops[current][1] += 1
    checked = [spills for fmas, spills in loops.values() if fmas > 0]
    return len(checked), sum(checked)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tconv-aot", required=True)
    parser.add_argument("--target-cpu", required=True)
    parser.add_argument("--target-triple", default="")
    parser.add_argument("--pipeline-options", default="")
    parser.add_argument("modules", nargs="+")
    args = parser.parse_args()
    clean = 0
    for module in args.modules:
        assembly = subprocess.run(
            [args.tconv_aot, module, "--emit=asm", "--pack-weights",
             "--target-cpu=" + args.target_cpu,
             "--target-triple=" + args.target_triple,
             "--pipeline-options=" + args.pipeline_options, "-o", "-"],
            check=True, capture_output=True, text=True).stdout
        loops, spills = count_spills(assembly)
        name = os.path.splitext(os.path.basename(module))[0]
        print(f"{name}: {loops} loops, {spills} spill/reload")
        clean += loops > 0 and spills == 0
    print(f"spill-free: {clean} of {len(args.modules)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
