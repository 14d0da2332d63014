#!/usr/bin/env bash
# The test suite under AddressSanitizer + UBSan: builds build-asan/ (-DOBOLINT_SANITIZE=ON, the
# binary, the C++ component and the tests all instrumented) and runs the tests there. Called by
# .ci/run after the ordinary build and tests. Any sanitizer report fails the test that caused it
# (UBSan does not recover; a child obolint's report shows in that test's output).
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
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DOBOLINT_SANITIZE=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target obolint obolint_tests
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
