#!/usr/bin/env bash
# The GitHub Action's install step. OBOLINT_PACKAGE: a .deb to install. Otherwise OBOLINT_PREFIX
# holds a cached install (then only the runtime packages are installed) or receives a new one,
# built from the action's own source: the binary and its C++ component only, no tests.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo=sudo; fi
if [[ -n "${OBOLINT_PACKAGE:-}" ]]; then
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "$(realpath "$OBOLINT_PACKAGE")"
  obolint version --verbose
  exit 0
fi
prefix=${OBOLINT_PREFIX:?OBOLINT_PREFIX is not set}
if [[ -x "$prefix/bin/obolint" ]]; then
  echo "obolint: cached build in $prefix"
  "$src/tools/setup.sh" --runtime
else
  "$src/tools/setup.sh"
  build=$(mktemp -d)
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DOBOLINT_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" --target obolint -j "$(nproc)"
  cmake --install "$build" --prefix "$prefix" >/dev/null
  rm -rf "$build"
fi
if [[ -n "${GITHUB_PATH:-}" ]]; then echo "$prefix/bin" >>"$GITHUB_PATH"; fi
"$prefix/bin/obolint" version --verbose
