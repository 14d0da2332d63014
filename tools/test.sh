#!/usr/bin/env bash
# Quick start 2: set up, build, and run every test (unit, fixtures, CLI, SARIF validation, end to end).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh" --with-test-tools
"$root/tools/build.sh"
cd "$root/build"
ctest --output-on-failure -j "$(nproc)"
