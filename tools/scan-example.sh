#!/usr/bin/env bash
# Quick start 1: set up, build obolint (the binary and its C++ component, not the tests), and scan
# the bundled example Databricks App.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh"
"$root/tools/build.sh" obolint
cd "$root"
status=0
./build/obolint scan examples/pm-hub "$@" || status=$?
# The example app holds anti-patterns on purpose: findings (exit 1) are the expected outcome.
if [[ $status -eq 1 ]]; then exit 0; fi
exit $status
