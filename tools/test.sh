#!/usr/bin/env bash
# Quick start 2 (what CI runs): set up, build everything, run every test (unit, fixtures, CLI,
# SARIF validation, end to end, actionlint). ctest prints each test as it finishes; the slowest
# take seconds, none is silent for minutes. clang-tidy is a separate step: tools/tidy.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
start=$(date +%s)
"$root/tools/setup.sh" --with-test-tools
echo "== build ($(($(date +%s) - start)) s)"
"$root/tools/build.sh"
echo "== test ($(($(date +%s) - start)) s)"
cd "${BUILD_DIR:-$root/build}"
ctest --output-on-failure --timeout 600 -j "$(nproc)"
echo "== done in $(($(date +%s) - start)) s"
