#!/usr/bin/env bash
# Sets up, checks the sources' formatting (scripts/check-format.sh), builds
# and runs every tconv test (lit, FileCheck, execution and unit tests), then
# the same tests on tconv built with AddressSanitizer and
# UndefinedBehaviorSanitizer (preset asan-ubsan, in build-asan/). This is
# what CI runs (.ci/run). --no-sanitizers skips the second run.
# Usage: scripts/test.sh [--no-sanitizers] [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizers=1
if [ "${1:-}" = "--no-sanitizers" ]; then
  sanitizers=0
  shift
fi
build=${1:-build}
asan_build=build-asan

# --cross: the AArch64 cross suite never reports UNSUPPORTED in CI.
scripts/install-deps.sh --cross
cmake --preset release -B "$build" >/dev/null
status=0
format_failed=0
scripts/check-format.sh || format_failed=1
# The normal run takes a quarter of the random configurations of the
# property tests (260 of 1040 in random-configs.test; `check-tconv` by hand
# runs them all), the sanitizer run a twentieth; every RUN line runs in both but for a few the sanitizer
# run skips. With the builds they fit CI's 40 minutes on 2 cores
# (docs/testing.md).
LIT_OPTS="${LIT_OPTS:-} --param random_configs_divisor=4" \
  cmake --build "$build" --target check-tconv 2>&1 \
  | tee "$build/check-tconv.log" || status=$?
logs=("$build/check-tconv.log")
if [ "$sanitizers" = 1 ]; then
  cmake --preset asan-ubsan >/dev/null
  LIT_OPTS="${LIT_OPTS:-} --param random_configs_divisor=20" \
    cmake --build "$asan_build" --target check-tconv 2>&1 \
    | tee "$asan_build/check-tconv.log" || status=$?
  logs+=("$asan_build/check-tconv.log")
fi
# One summary line in the "N passed, N failed" form CI understands, over
# every run; the format check counts as one more test.
[ "$format_failed" = 0 ] || status=1
python3 - "$format_failed" "${logs[@]}" <<'PY'
import re, sys
format_failed = int(sys.argv[1])
texts = [open(path).read() for path in sys.argv[2:]]
def count(label):
    total = 0
    for text in texts:
        m = re.search(r"^\s*%s\s*:\s*(\d+)" % label, text, re.M)
        total += int(m.group(1)) if m else 0
    return total
passed = count("Passed") + (1 - format_failed)
failed = format_failed + count("Failed") + count("Unexpectedly Passed") + count("Timed Out")
skipped = count("Unsupported") + count("Expectedly Failed")
print(f"check-tconv: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
