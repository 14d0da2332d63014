#!/usr/bin/env bash
# The GitHub Action's scan step: annotations (--format github) and a SARIF report in one run, the
# exit status kept for the gate step (so the SARIF upload runs first). With OBOLINT_DIFF_BASE on
# a pull request, the SARIF still holds every finding (code scanning compares it with the base
# branch's) while the gate looks only at changed lines.
set -euo pipefail
sarif=${OBOLINT_SARIF:-obolint.sarif}
read -ra paths <<<"${OBOLINT_PATHS:-.}"
read -ra extra <<<"${OBOLINT_ARGS:-}"
common=()
if [[ -n "${OBOLINT_BASELINE:-}" ]]; then common+=(--baseline "$OBOLINT_BASELINE"); fi
common+=("${extra[@]}")
status=0
if [[ -n "${OBOLINT_DIFF_BASE:-}" && "${GITHUB_EVENT_NAME:-}" == pull_request* ]]; then
  obolint scan --format sarif --output "$sarif" --fail-on never "${common[@]}" "${paths[@]}" ||
    status=$?
  if [[ $status -eq 0 ]]; then
    obolint scan --format github --fail-on "${OBOLINT_FAIL_ON:-block}" \
      --diff-base "$OBOLINT_DIFF_BASE" "${common[@]}" "${paths[@]}" || status=$?
  fi
else
  obolint scan --format github --output-format "sarif:$sarif" \
    --fail-on "${OBOLINT_FAIL_ON:-block}" "${common[@]}" "${paths[@]}" || status=$?
fi
{
  echo "exit-code=$status"
  if [[ -f "$sarif" ]]; then echo "sarif-file=$sarif"; fi
} >>"${GITHUB_OUTPUT:-/dev/stdout}"
