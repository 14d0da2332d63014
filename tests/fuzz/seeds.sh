#!/usr/bin/env bash
# Seed corpus of one fuzz target from the project's fixtures: seeds.sh ROOT TARGET OUT_DIR.
# Each seed is written in the input format of its target (tests/fuzz/fuzz_TARGET.cpp).
set -euo pipefail
root=$1 target=$2 out=$3
cd "$root"
# Named after their content (seed runs in a subshell when piped into).
seed() {
  local tmp
  tmp=$(mktemp "$out/.seed.XXXXXX")
  cat >"$tmp"
  mv "$tmp" "$out/$(sha1sum <"$tmp" | cut -c1-16)"
}
py_files() { find rules tests/fixtures -name '*.py' -size -64k | sort; }
cpp_files() { find rules tests/fixtures \( -name '*.cpp' -o -name '*.cc' -o -name '*.h' -o -name '*.hpp' \) -size -64k | sort; }

case "$target" in
  python)
    for f in $(py_files); do seed <"$f"; done ;;
  token_flow)
    for f in $(py_files); do seed <"$f"; done
    # Modules of one fixture folder together: an app and its helpers.
    for d in $(py_files | xargs -n1 dirname | sort -u); do
      mapfile -t files < <(find "$d" -maxdepth 1 -name '*.py' | sort | head -n 3)
      ((${#files[@]} > 1)) || continue
      { for f in "${files[@]}"; do cat "$f"; printf '\n#---\n'; done; } | seed
    done ;;
  notebook)
    for f in tests/fixtures/notebooks/*.ipynb; do { printf '\0'; cat "$f"; } | seed; done
    for f in $(grep -rl 'Databricks notebook source' rules tests/fixtures); do
      { printf '\1'; tail -n +2 "$f"; } | seed
    done ;;
  secrets)
    for f in $(find rules/OBO003-hardcoded-token rules/OBO011* rules/OBO012* tests/fixtures -type f -size -16k | sort); do
      { printf '\x10\0'; cat "$f"; } | seed
    done ;;
  glob)
    while IFS= read -r line; do printf '%b' "$line" | tr '|' '\0' | seed; done <<'GLOBS'
*.py|src/app.py
**/build/|a/b/build/x
src/**/test_*.py|src/a/b/test_x.py
[a-z]*.[!c]|main.h
\*literal|*literal
*a*a*a*a*b|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac
node_modules/\n!keep.py\n/anchored\n*.log\n# comment\nbuild/|sub/dir/build
a/**/b/**/c|a/x/y/b/z/c
GLOBS
    ;;
  parse)
    { echo config; cat rules/OBO900-unused-suppression/fixtures/.obolint.toml; } | seed
    { echo config; printf 'select = ["OBO"]\nignore = ["OBO005"]\nexclude = ["migrations/**"]\nfail-on = "flag"\n[severity]\nOBO001 = "BLOCK"\n[per-path-ignores]\n"tests/**" = ["OBO003"]\n[obo004]\nsources = ["flask.request.headers"]\n'; } | seed
    { echo pyproject; printf '[tool.obolint]\nselect = ["OBO001"]\n[tool.obolint.severity]\nOBO002 = "flag"\n'; } | seed
    for f in $(find rules -name pyproject.toml); do { echo pyproject; cat "$f"; } | seed; done
    for f in rules/*/rule.toml; do { echo "rule:$(basename "$(dirname "$f")")"; cat "$f"; } | seed; done
    for f in rules/languages/*.toml; do { echo "lang:$(basename "$f" .toml)"; cat "$f"; } | seed; done
    for f in $(grep -rlE 'noqa|NOLINT|obolint: ignore' rules tests/fixtures | sort); do
      { echo "suppress:$(basename "$f")"; cat "$f"; } | seed
    done ;;
  cpp_literals)
    for f in $(cpp_files); do seed <"$f"; done ;;
  *) echo "seeds.sh: unknown target $target" >&2; exit 2 ;;
esac
echo "fuzz: $(find "$out" -type f | wc -l) seeds for $target" >&2
