#!/usr/bin/env bash
# Checks that every C and C++ source in the repository is formatted as
# clang-format 22 formats it (LLVM style, .clang-format). Prints the files
# that are not and exits 1; --fix reformats them instead. One clang-format
# version, because the versions disagree on details.
# Usage: scripts/check-format.sh [--fix]
set -euo pipefail
cd "$(dirname "$0")/.."
clang_format=${CLANG_FORMAT:-clang-format-22}
if ! command -v "$clang_format" >/dev/null; then
  echo "check-format: error: $clang_format not found (scripts/install-deps.sh installs it)" >&2
  exit 1
fi
mapfile -t files < <(git ls-files '*.c' '*.h' '*.cpp')
if [ "${1:-}" = "--fix" ]; then
  "$clang_format" -i "${files[@]}"
  exit 0
fi
unformatted=()
for f in "${files[@]}"; do
  "$clang_format" --dry-run --Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
done
if [ ${#unformatted[@]} -ne 0 ]; then
  printf 'check-format: not formatted (scripts/check-format.sh --fix): %s\n' \
    "${unformatted[@]}" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
