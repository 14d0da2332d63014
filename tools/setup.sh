#!/usr/bin/env bash
# Installs the Debian packages obolint needs, only those that are missing. Safe to run
# repeatedly; needs root (or sudo) only when something must be installed.
#
#   tools/setup.sh                    build dependencies (and `file`, dpkg-dev for cpack -G DEB)
#   tools/setup.sh --with-test-tools  also what the test suite drives: pre-commit, clang-tidy-19, neovim
#   tools/setup.sh --with-fuzz-tools  also clang's sanitizer and libFuzzer runtimes (tools/fuzz)
#   tools/setup.sh --runtime          only what an installed obolint needs to run (CI caches)
#
# The Python grammar comes from the npm registry at configure time (cmake/TreeSitterPython.cmake):
# behind a proxy set `npm config set proxy/https-proxy`, with a private CA `npm config set cafile
# /path/ca.pem`; offline, set OBOLINT_GRAMMAR_TARBALL to a copy of tree-sitter-python-0.23.6.tgz.
set -euo pipefail

packages=(
  pkgconf cmake g++ make git file dpkg-dev
  libtree-sitter-dev libcli11-dev nlohmann-json3-dev libgtest-dev libtomlplusplus-dev libre2-dev libyaml-cpp-dev
  clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev
  nodejs npm openssl ca-certificates
)
# Tools the test suite drives for real (pre-commit framework end-to-end test, lint step, a headless
# Neovim as the language server's client: about 30 MB with its runtime).
test_packages=(pre-commit clang-tidy-19 neovim)
# tools/fuzz: libFuzzer and the sanitizer runtimes for clang-19 (not needed by the test suite).
fuzz_packages=(libclang-rt-19-dev ninja-build)
# An installed obolint: its shared libraries, Clang's resource headers, git.
runtime_packages=(git libtree-sitter0 libre2-9 libyaml-cpp0.7 libclang-cpp19 libllvm19 libclang-common-19-dev)
# Hyperscan exists for x86-64 only; elsewhere the prefilter falls back to RE2.
if [[ "$(dpkg --print-architecture 2>/dev/null)" == "amd64" ]]; then
  packages+=(libhyperscan-dev)
  runtime_packages+=(libhyperscan5)
fi

case "${1:-}" in
  --with-test-tools) want=("${packages[@]}" "${test_packages[@]}") ;;
  --with-fuzz-tools) want=("${packages[@]}" "${fuzz_packages[@]}") ;;
  --runtime) want=("${runtime_packages[@]}") ;;
  "") want=("${packages[@]}") ;;
  *) echo "setup: unknown option $1 (--with-test-tools, --with-fuzz-tools, --runtime)" >&2; exit 2 ;;
esac

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
  echo "setup: all packages present"
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
