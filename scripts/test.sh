#!/usr/bin/env bash
# Sets up, builds and runs every tconv test (lit, FileCheck, execution and
# unit tests). Usage: scripts/test.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
status=0
cmake --build "$build" --target check-tconv 2>&1 | tee "$build/check-tconv.log" \
  || status=$?
# One summary line in the "N passed, N failed" form CI understands.
python3 - "$build/check-tconv.log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def count(label):
    m = re.search(r"^\s*%s\s*:\s*(\d+)" % label, text, re.M)
    return int(m.group(1)) if m else 0
passed = count("Passed")
failed = count("Failed") + count("Unexpectedly Passed") + count("Timed Out")
skipped = count("Unsupported") + count("Expectedly Failed")
print(f"check-tconv: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
