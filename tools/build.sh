#!/usr/bin/env bash
# Configures and builds obolint into build/ (binary: build/obolint).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_type=${OBOLINT_BUILD_TYPE:-Release}
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE="$build_type" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
cmake --build "$root/build" -j "$(nproc)"
