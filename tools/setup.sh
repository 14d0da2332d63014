#!/usr/bin/env bash
# Installs the Debian packages obolint builds with, only those that are missing.
# Safe to run repeatedly; needs root (or sudo) only when something must be installed.
set -euo pipefail

packages=(
  pkgconf cmake g++ make git
  libtree-sitter-dev libcli11-dev nlohmann-json3-dev libgtest-dev libtomlplusplus-dev libre2-dev libyaml-cpp-dev
  clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev
  nodejs npm openssl ca-certificates
)
# Tools the test suite drives for real (pre-commit framework end-to-end test).
test_packages=(pre-commit clang-tidy-19)
# Hyperscan exists for x86-64 only; elsewhere the prefilter falls back to RE2.
if [[ "$(dpkg --print-architecture 2>/dev/null)" == "amd64" ]]; then packages+=(libhyperscan-dev); fi

want=("${packages[@]}")
if [[ "${1:-}" == "--with-test-tools" ]]; then want+=("${test_packages[@]}"); fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # node/npm may come from elsewhere than Debian (nodesource, pyenv images): accept a working binary.
    case "$p" in
      nodejs) command -v node >/dev/null && continue ;;
      npm) command -v npm >/dev/null && continue ;;
      pre-commit) command -v pre-commit >/dev/null && continue ;;
    esac
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "setup: all build dependencies present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
