#!/usr/bin/env bash
# Sets up, builds and runs every tconv test (lit, FileCheck, execution and
# unit tests), then the same tests on tconv built with AddressSanitizer and
# UndefinedBehaviorSanitizer (preset asan-ubsan, in build-asan/).
# Usage: scripts/test.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
asan_build=build-asan

scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
status=0
# CI's 30 minutes on 2 cores hold both runs: the normal one runs half of the
# random configurations of the property tests (470 of 940: `check-tconv` by
# hand runs them all), the sanitizer one a tenth; every RUN line runs in both.
LIT_OPTS="${LIT_OPTS:-} --param random_configs_divisor=2" \
  cmake --build "$build" --target check-tconv 2>&1 \
  | tee "$build/check-tconv.log" || status=$?
cmake --preset asan-ubsan >/dev/null
LIT_OPTS="${LIT_OPTS:-} --param random_configs_divisor=10" \
  cmake --build "$asan_build" --target check-tconv 2>&1 \
  | tee "$asan_build/check-tconv.log" || status=$?
# One summary line in the "N passed, N failed" form CI understands, over both
# runs.
python3 - "$build/check-tconv.log" "$asan_build/check-tconv.log" <<'PY'
import re, sys
texts = [open(path).read() for path in sys.argv[1:]]
def count(label):
    total = 0
    for text in texts:
        m = re.search(r"^\s*%s\s*:\s*(\d+)" % label, text, re.M)
        total += int(m.group(1)) if m else 0
    return total
passed = count("Passed")
failed = count("Failed") + count("Unexpectedly Passed") + count("Timed Out")
skipped = count("Unsupported") + count("Expectedly Failed")
print(f"check-tconv: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
