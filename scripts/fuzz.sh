#!/usr/bin/env bash
# Builds the libFuzzer target tconv-fuzz (clang-22, ASan) in its own build
# directory and fuzzes the tconv parser, verifier and lowering for a bounded
# time. See docs/fuzzing.md.
#
#   scripts/fuzz.sh SECONDS [BUILD_DIR] [-- LIBFUZZER_FLAGS...]
#
# SECONDS bounds the run (-max_total_time, wall clock). BUILD_DIR defaults to
# build-fuzz. Seeds are every `// -----` case of test/**/*.mlir; inputs that
# reach new coverage accumulate in BUILD_DIR/fuzz/corpus and crashing inputs
# land in BUILD_DIR/fuzz/crashes. Exits non-zero when a crash was found.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh SECONDS [BUILD_DIR] [-- LIBFUZZER_FLAGS...]" >&2
  exit 2
fi
seconds=$1
shift
build=build-fuzz
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
  build=$1
  shift
fi
[ "${1:-}" = "--" ] && shift

scripts/install-deps.sh --fuzz
if [ ! -f "$build/CMakeCache.txt" ]; then
  # -O1 without NDEBUG: the assertions of tconv (and of LLVM's headers) are
  # bugs the fuzzer should find.
  cmake -S . -B "$build" -G Ninja -DTCONV_ENABLE_FUZZER=ON \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
fi
ninja -C "$build" -j2 tconv-fuzz

# One seed per test case, without the comment lines (RUN, CHECK, expected-*)
# that only cost the mutator time.
fuzz=$build/fuzz
rm -rf "$fuzz/seeds"
mkdir -p "$fuzz/seeds" "$fuzz/corpus" "$fuzz/crashes"
find test -name '*.mlir' -print0 | sort -z |
  while IFS= read -r -d '' file; do
    awk -v out="$fuzz/seeds/$(echo "${file#test/}" | tr / _)" '
      BEGIN { n = 0 }
      function flush() {
        if (text ~ /[^ \t\n]/) {
          printf "%s", text > (out "." n)
          close(out "." n)
        }
        n++; text = ""
      }
      /^\/\/ -----/ { flush(); next }
      /^[ \t]*\/\// { next }
      { text = text $0 "\n" }
      END { flush() }' "$file"
  done
echo "fuzz: $(ls "$fuzz/seeds" | wc -l) seeds, fuzzing for ${seconds}s"

# One process (-jobs/-workers stay at 1): the machine is shared. No leak
# detection: the one MLIRContext keeps every type and attribute it uniques,
# which libFuzzer would take for a leak and rerun each input to check.
"$build/bin/tconv-fuzz" "$fuzz/corpus" "$fuzz/seeds" \
  -dict=utils/fuzz/tconv.dict -max_len=4096 -timeout=60 -rss_limit_mb=4096 \
  -detect_leaks=0 \
  -max_total_time="$seconds" -print_final_stats=1 \
  -artifact_prefix="$fuzz/crashes/" "$@"
