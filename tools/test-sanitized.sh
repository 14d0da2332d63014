#!/usr/bin/env bash
# The test suite under AddressSanitizer + UBSan: builds build-asan/ (-DOBOLINT_SANITIZE=ON with
# clang-19 at -O1: the binary, the C++ component, the tests and the fuzz targets instrumented)
# and runs the tests there. Called by .ci/run after the ordinary build and tests; `tools/fuzz
# --replay` then reuses this build (FUZZ_BUILD_DIR). Any sanitizer report fails the test that
# caused it (UBSan does not recover; a child obolint's report shows in that test's output).
#
#   tools/test-sanitized.sh              every test but the lint and configure-time ones
#   tools/test-sanitized.sh -R Hostile   extra ctest arguments select tests
#
# ASAN_BUILD_DIR overrides the folder. OBOLINT_SANITIZED_SUBSET (a ctest -E regex) leaves more
# out when CI time is short.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ASAN_BUILD_DIR:-$root/build-asan}
start=$(date +%s)
# Reuse the grammar tarball the ordinary build fetched (still checked against its pin).
tarball=$root/build/_deps/tree-sitter-python/tree-sitter-python-0.23.6.tgz
if [[ -z "${OBOLINT_GRAMMAR_TARBALL:-}" && -f "$tarball" ]]; then
  export OBOLINT_GRAMMAR_TARBALL=$tarball
fi
# clang-19 and its sanitizer runtimes (Debian libclang-rt-19-dev), installed when missing.
"$root/tools/setup.sh" --with-fuzz-tools >/dev/null
# A folder configured with another compiler (an older gcc build) is configured again.
if [[ -f "$build/CMakeCache.txt" ]] && ! grep -q '^CMAKE_CXX_COMPILER:.*clang++-19' "$build/CMakeCache.txt"; then
  rm -rf "$build"
fi
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  # -O1: what the sanitizers are meant for, and half the compile time of -O3.
  CC=clang-19 CXX=clang++-19 cmake -S "$root" -B "$build" "${generator[@]}" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
    -DCMAKE_C_FLAGS_RELEASE="-O1 -DNDEBUG" -DOBOLINT_SANITIZE=ON >/dev/null
fi
cmake --build "$build" -j "$(nproc)"
echo "== sanitized build done ($(($(date +%s) - start)) s)"

# Leak checking stays on; sanitizer reports name the source lines (llvm-symbolizer when present).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exclude='tidy|actionlint|grammar_fetch'
[[ -n "${OBOLINT_SANITIZED_SUBSET:-}" ]] && exclude="$exclude|$OBOLINT_SANITIZED_SUBSET"
cd "$build"
# A test that makes Clang crash on purpose (stack exhaustion) runs without leak checking: Clang's
# crash recovery (src/cpp/crash_guard.cpp) abandons the crashed parse's memory by design, and the
# frames it unwinds past never free theirs. Every other test keeps leak checking.
crashes='CppHardening.StackExhaustion'
status=0
ctest --output-on-failure --timeout 900 -j "$(nproc)" -E "$exclude|$crashes" "$@" || status=$?
ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" ctest --output-on-failure --timeout 900 -R "$crashes" "$@" ||
  status=$?
echo "== sanitized tests done in $(($(date +%s) - start)) s"
exit "$status"
