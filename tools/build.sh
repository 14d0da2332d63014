#!/usr/bin/env bash
# Configures and builds obolint into build/ (binary: build/obolint, C++ component:
# build/obolint-cpp.so). Targets may be named: `tools/build.sh obolint` builds the binary and
# its component only, not the tests. Extra CMake options: OBOLINT_CMAKE_ARGS="-DOBOLINT_CPP=OFF".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_type=${OBOLINT_BUILD_TYPE:-Release}
build_dir=${BUILD_DIR:-$root/build}
# shellcheck disable=SC2086  # OBOLINT_CMAKE_ARGS holds several arguments on purpose
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE="$build_type" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  ${OBOLINT_CMAKE_ARGS:-} >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$build_dir" -j "$(nproc)" "${targets[@]}"
