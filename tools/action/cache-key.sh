#!/usr/bin/env bash
# The GitHub Action's cache: one obolint install per operating system, architecture and source
# of the action (a new obolint commit builds anew). Prints key=... and prefix=... lines for
# $GITHUB_OUTPUT.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=/dev/null
os=$(. /etc/os-release && echo "${ID}-${VERSION_ID:-rolling}")
sources=$(cd "$src" && find CMakeLists.txt cmake src rules -type f -print0 | sort -z |
          xargs -0 sha256sum | sha256sum | cut -c1-16)
echo "key=obolint-${os}-$(uname -m)-${sources}"
echo "prefix=${RUNNER_TOOL_CACHE:-${HOME}/.cache}/obolint/${sources}"
