#!/usr/bin/env python3
"""Feeds the bad-input corpus to every tool and checks that each one fails
cleanly: exit status 1, an `error:` line, no crash report, and no output file
left behind. Prints one line per problem and a final summary line

    bad inputs: N cases, M problems

and exits with 1 if M > 0. The tools are taken from PATH (lit puts the build's
first).

usage: check_bad_inputs.py INPUTS_DIR WORK_DIR
  INPUTS_DIR holds bad-inputs/*.mlir (malformed or invalid modules),
  bad-npy/*.npy (malformed .npy files) and w-ok.npy.
"""

import glob
import os
import subprocess
import sys

# A module tconv-run accepts, to which the bad .npy files are given.
GOOD_MODULE = """\
func.func @layer(%x: tensor<1x2x3xf32>, %w: tensor<2x2x2xf32>) -> tensor<1x2x4xf32> {
  %y = tconv.conv_transpose %x, %w : (tensor<1x2x3xf32>, tensor<2x2x2xf32>) -> tensor<1x2x4xf32>
  return %y : tensor<1x2x4xf32>
}
"""

# Malformed or out-of-range values of the tconv-to-llvm pipeline options.
BAD_PIPELINE_OPTIONS = [
    "algorithm=nope", "algorithm", "=", "threads=-1", "threads=0",
    "threads=abc", "register-tile-width=-1", "register-tile-channels=-3",
    "register-tile-width=99999999999999999999", "cache-tile-input-channels=-5",
    "vectorize=maybe", "unknown-option=1", "algorithm=phase extra",
    "{algorithm=phase", "algorithm=\"phase", "target-cpu=no-such-cpu",
    "target-features=avx2", "target-features=+no-such-feature",
    "max-static-bytes=-1", "max-static-bytes=2147483648",
]

CRASH_MARKERS = ("Stack dump", "PLEASE submit", "Assertion", "LLVM ERROR",
                 "Segmentation fault", "AddressSanitizer", "runtime error:")


def run_case(label, cmd, outputs, problems, allow_success=False,
             upstream_message=False):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    text = proc.stdout.decode("utf-8", "replace")
    why = []
    if proc.returncode == 0 and allow_success:
        return True
    if proc.returncode != 1:
        why.append(f"exit status {proc.returncode} (expected 1)")
    # tconv-opt parses pass options with upstream mlir-opt's command line,
    # whose messages ("tconv-opt: for the --algorithm option: ...") carry
    # no "error:".
    if "error:" not in text and not (upstream_message and text.strip()):
        why.append("no 'error:' line")
    for marker in CRASH_MARKERS:
        if marker in text:
            why.append(f"crash report ('{marker}')")
    for path in outputs:
        if os.path.exists(path):
            why.append(f"left {os.path.basename(path)} behind")
            os.remove(path)
    if why:
        problems.append(f"{label}: {'; '.join(why)}\n  command: "
                        f"{' '.join(cmd)}\n  | " +
                        "\n  | ".join(text.strip().splitlines()[:8]))
    return False


def main():
    inputs, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    problems, cases = [], 0
    opt_out = os.path.join(work, "out.mlir")
    obj, header = os.path.join(work, "out.o"), os.path.join(work, "out.h")
    npy_out = os.path.join(work, "out.npy")

    for module in sorted(glob.glob(os.path.join(inputs, "bad-inputs", "*.mlir"))):
        name = os.path.basename(module)
        rejected = False
        # tconv-opt may accept what is merely not runnable (an empty module).
        rejected |= not run_case(f"tconv-opt {name}",
                                 ["tconv-opt", module, "--tconv-to-llvm",
                                  "-o", opt_out], [opt_out], problems,
                                 allow_success=True)
        rejected |= not run_case(f"tconv-run {name}",
                                 ["tconv-run", module, "--entry=layer",
                                  "--check", "--output=" + npy_out],
                                 [npy_out], problems)
        rejected |= not run_case(f"tconv-aot {name}",
                                 ["tconv-aot", module, "-o", obj,
                                  "--header=" + header], [obj, header],
                                 problems)
        cases += 3
        if not rejected:
            problems.append(f"{name}: every tool accepted it (not a bad input)")

    good = os.path.join(work, "good.mlir")
    with open(good, "w") as f:
        f.write(GOOD_MODULE)
    weight = os.path.join(inputs, "w-ok.npy")
    for npy in sorted(glob.glob(os.path.join(inputs, "bad-npy", "*.npy"))):
        run_case(f"tconv-run {os.path.basename(npy)}",
                 ["tconv-run", good, "--entry=layer", "--check",
                  f"--inputs={npy},{weight}", "--output=" + npy_out],
                 [npy_out], problems)
        cases += 1

    for options in BAD_PIPELINE_OPTIONS:
        # Upstream's pass-option parser skips a nameless "=" (tconv-run and
        # tconv-aot reject it themselves).
        if options != "=":
            run_case(f"tconv-opt --tconv-to-llvm='{options}'",
                     ["tconv-opt", good, f"--tconv-to-llvm={options}", "-o",
                      opt_out], [opt_out], problems, upstream_message=True)
        run_case(f"tconv-run --pipeline-options='{options}'",
                 ["tconv-run", good, "--entry=layer",
                  f"--pipeline-options={options}", "--output=" + npy_out],
                 [npy_out], problems)
        run_case(f"tconv-aot --pipeline-options='{options}'",
                 ["tconv-aot", good, "-o", obj, "--header=" + header,
                  f"--pipeline-options={options}"], [obj, header], problems)
        cases += 2 + (options != "=")

    for problem in problems:
        print("PROBLEM " + problem)
    print(f"bad inputs: {cases} cases, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
