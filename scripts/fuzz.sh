#!/usr/bin/env bash
# Builds tconv's libFuzzer targets (clang-22, ASan, UBSan) in their own build
# directory and fuzzes one input surface, or each in turn, for a bounded
# time. See docs/fuzzing.md.
#
#   scripts/fuzz.sh SECONDS [TARGET] [BUILD_DIR] [-- LIBFUZZER_FLAGS...]
#
# TARGET is
#   ir       tconv-fuzz: MLIR source through the parser, verifier and
#            lowering (the default)
#   npy      tconv-fuzz-npy: .npy files through the reader and the float
#            conversions of tconv-run
#   options  tconv-fuzz-options: --pipeline-options strings through the
#            option parser and the pipeline builder
#   all      each of them in turn, SECONDS each
# SECONDS bounds each run (-max_total_time, wall clock). BUILD_DIR defaults to
# build-fuzz. Each target works in a directory of BUILD_DIR (fuzz/ for ir,
# fuzz-npy/, fuzz-options/): seeds/ is regenerated each run, corpus/ keeps the
# inputs that reached new coverage across runs and crashes/ receives the
# crashing inputs. Exits non-zero when a run found a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
usage="usage: scripts/fuzz.sh SECONDS [ir|npy|options|all] [BUILD_DIR] [-- LIBFUZZER_FLAGS...]"
if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "$usage" >&2
  exit 2
fi
seconds=$1
shift
target=ir
case "${1:-}" in
  ir | npy | options | all) target=$1; shift ;;
esac
build=build-fuzz
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
  build=$1
  shift
fi
if [ $# -gt 0 ]; then
  if [ "$1" != "--" ]; then
    echo "$usage" >&2
    exit 2
  fi
  shift
fi

scripts/install-deps.sh
if [ ! -f "$build/CMakeCache.txt" ]; then
  # -O1 without NDEBUG: the assertions of tconv (and of LLVM's headers) are
  # bugs the fuzzer should find.
  cmake -S . -B "$build" -G Ninja -DTCONV_ENABLE_FUZZER=ON \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
fi

# One seed per `// -----` case of test/**/*.mlir, without the comment lines
# (RUN, CHECK, expected-*) that only cost the mutator time.
seed_ir() {
  find test -name '*.mlir' -print0 | sort -z |
    while IFS= read -r -d '' file; do
      awk -v out="$1/$(echo "${file#test/}" | tr / _)" '
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
}

# The committed seeds (utils/fuzz/make_npy_seeds.py) and the .npy files of
# the tests: good and bad inputs, reproducers.
seed_npy() {
  find utils/fuzz/npy-seeds test -name '*.npy' -print0 |
    while IFS= read -r -d '' file; do
      cp "$file" "$1/$(echo "$file" | tr / _)"
    done
}

# The options of every tool invocation in the tests, the bad-input corpus's
# list, the reproducers, and the default of every option as the target prints
# them. The dictionary gets each option's name.
seed_options() {
  /usr/bin/python3 - "$1" <<'EOF'
import ast, pathlib, re, sys

out = pathlib.Path(sys.argv[1])
options = set()
flag = re.compile(r"""--(?:pipeline-options|tconv-to-llvm)=("[^"]*"|'[^']*'|[^\s"']+)""")
for path in sorted(pathlib.Path("test").rglob("*")):
    if path.suffix in (".mlir", ".test"):
        text = path.read_text(errors="replace")
        options.update(m.strip("\"'") for m in flag.findall(text))
bad_inputs = pathlib.Path("test/Tools/Inputs/check_bad_inputs.py").read_text()
for node in ast.walk(ast.parse(bad_inputs)):
    if (isinstance(node, ast.Assign)
            and getattr(node.targets[0], "id", "") == "BAD_PIPELINE_OPTIONS"):
        options.update(ast.literal_eval(node.value))
for i, text in enumerate(sorted(options)):
    (out / f"test.{i}").write_text(text)
EOF
  if [ -d test/Fuzz/Inputs/options ]; then
    find test/Fuzz/Inputs/options -type f -exec cp -t "$1" {} +
  fi
  "$bin" --print-defaults >"$1/defaults"
  cp utils/fuzz/options.dict "$work/options.dict"
  tr ' ' '\n' <"$1/defaults" | sed 's/=.*/=/; s/.*/"&"/' >>"$work/options.dict"
}

# run_target NAME BINARY WORK_DIR SEEDER LIBFUZZER_FLAGS...: builds BINARY,
# has SEEDER fill WORK_DIR/seeds (with $bin and $work set) and fuzzes.
status=0
extra=("$@")
run_target() {
  local name=$1 seeder=$4
  bin=$build/bin/$2
  work=$build/$3
  shift 4
  ninja -C "$build" -j2 "$(basename "$bin")"
  rm -rf "$work/seeds"
  mkdir -p "$work/seeds" "$work/corpus" "$work/crashes"
  "$seeder" "$work/seeds"
  echo "fuzz $name: $(ls "$work/seeds" | wc -l) seeds, fuzzing for ${seconds}s"
  # One process (-jobs/-workers stay at 1): the machine is shared.
  "$bin" "$work/corpus" "$work/seeds" -max_total_time="$seconds" \
    -print_final_stats=1 -artifact_prefix="$work/crashes/" "$@" \
    "${extra[@]}" || status=1
}

if [ "$target" = ir ] || [ "$target" = all ]; then
  # No leak detection: the one MLIRContext keeps every type and attribute it
  # uniques, which libFuzzer would take for a leak and rerun each input to
  # check.
  run_target ir tconv-fuzz fuzz seed_ir \
    -dict=utils/fuzz/tconv.dict -max_len=4096 -timeout=60 -rss_limit_mb=4096 \
    -detect_leaks=0
fi
if [ "$target" = npy ] || [ "$target" = all ]; then
  # Every allocation is bounded by the input's size: a few KiB.
  run_target npy tconv-fuzz-npy fuzz-npy seed_npy \
    -dict=utils/fuzz/npy.dict -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -malloc_limit_mb=16
fi
if [ "$target" = options ] || [ "$target" = all ]; then
  # -close_fd_mask=2: upstream's option parser writes a line to stderr for
  # every input it rejects, most of them (a GB an hour). libFuzzer still
  # prints crashes and sanitizer reports; rerun a crashing input without it
  # to see the target's own message.
  run_target options tconv-fuzz-options fuzz-options seed_options \
    -dict="$build/fuzz-options/options.dict" -max_len=512 -timeout=10 \
    -rss_limit_mb=2048 -close_fd_mask=2
fi
exit $status
