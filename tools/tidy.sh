#!/usr/bin/env bash
# clang-tidy over obolint's own sources with the checks in .clang-tidy. Needs a configured build
# (tools/build.sh; BUILD_DIR to use another than build/) and clang-tidy-19. Exit 1 on any warning.
# CTest runs it as the test `clang_tidy`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tidy=$(command -v clang-tidy-19 || echo /usr/lib/llvm-19/bin/clang-tidy)
[[ -x "$tidy" ]] || { echo "tidy: clang-tidy-19 not installed (apt-get install clang-tidy-19)" >&2; exit 2; }
cd "$root"
files=$(git ls-files 'src/*.cpp')
out=$(echo "$files" | xargs -P "$(nproc)" -n 4 "$tidy" -p "${BUILD_DIR:-build}" --quiet 2>/dev/null | grep -E "warning:|error:" | sort -u || true)
if [[ -n "$out" ]]; then
  echo "$out"
  echo "tidy: $(echo "$out" | wc -l) warning(s)"
  exit 1
fi
echo "tidy: clean ($(echo "$files" | wc -w) files)"
