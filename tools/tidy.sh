#!/usr/bin/env bash
# clang-tidy over obolint's own sources with the checks in .clang-tidy (a lint step, not a test).
#
#   tools/tidy.sh                 files changed on this branch (since its merge base with main)
#                                 plus uncommitted and untracked ones
#   tools/tidy.sh --since REV     files changed since REV (CI: --since HEAD~1)
#   tools/tidy.sh --all           every source file
#   tools/tidy.sh FILE...         these files
#
# A changed header lints the .cpp of the same name. Runs one clang-tidy per core, printing each
# file as it is done. Needs a configured build (tools/build.sh; BUILD_DIR for another than build/)
# and clang-tidy-19. Exit 1 on any warning.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
tidy=$(command -v clang-tidy-19 || echo /usr/lib/llvm-19/bin/clang-tidy)
[[ -x "$tidy" ]] || { echo "tidy: clang-tidy-19 not installed (apt-get install clang-tidy-19)" >&2; exit 2; }
[[ -f "$build_dir/compile_commands.json" ]] || { echo "tidy: run tools/build.sh first" >&2; exit 2; }
cd "$root"

mode=changed since=""
files=()
while (($#)); do
  case $1 in
    --all) mode=all; shift ;;
    --since) since=$2; mode=since; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) files+=("$1"); mode=files; shift ;;
  esac
done

changed() {
  case $mode in
    since) git diff --name-only --diff-filter=ACMR "$since" -- ;;
    changed)
      local base
      base=$(git merge-base HEAD main 2>/dev/null || git rev-parse HEAD)
      git diff --name-only --diff-filter=ACMR "$base" --
      git ls-files --others --exclude-standard ;;
  esac
}

case $mode in
  all) mapfile -t list < <(git ls-files 'src/*.cpp') ;;
  files) list=("${files[@]}") ;;
  *)
    mapfile -t list < <(changed | grep -E '^src/.*\.(cpp|h)$' | sed 's/\.h$/.cpp/' | sort -u |
                        while read -r f; do [[ -f $f ]] && echo "$f"; done)
    ;;
esac
if ((${#list[@]} == 0)); then
  echo "tidy: no changed C++ source files (tools/tidy.sh --all lints everything)"
  exit 0
fi

# GCC's precompiled headers mean nothing to clang-tidy: give it the commands without them.
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
python3 - "$build_dir/compile_commands.json" "$db/compile_commands.json" <<'PY'
import json, re, sys
cmds = json.load(open(sys.argv[1]))
for c in cmds:
    c["command"] = re.sub(r" -include \S*cmake_pch\.hxx| -Winvalid-pch", "", c["command"])
json.dump(cmds, open(sys.argv[2], "w"))
PY

total=${#list[@]}
echo "tidy: ${total} file(s), $(nproc) at a time"
start=$(date +%s)
# One clang-tidy per file; each prints its name when done so a slow file does not look hung.
lint_one() {
  local n=$1 f=$2 s r
  s=$(date +%s)
  r=$("$TIDY" -p "$TIDY_DB" --quiet "$f" 2>/dev/null | grep -E "warning:|error:" || true)
  printf '[%s/%s] %s (%ss)\n' "$n" "$TIDY_TOTAL" "$f" "$(($(date +%s) - s))" >&2
  if [[ -n $r ]]; then echo "$r"; fi
}
export -f lint_one
export TIDY=$tidy TIDY_DB=$db TIDY_TOTAL=$total
# shellcheck disable=SC2016  # $@ is expanded by the inner bash
warnings=$(printf '%s\n' "${list[@]}" | nl -w1 -s' ' | xargs -P "$(nproc)" -L1 bash -c 'lint_one "$@"' _ | sort -u)
if [[ -n "$warnings" ]]; then
  echo "$warnings"
  echo "tidy: $(echo "$warnings" | wc -l) warning(s) in $(($(date +%s) - start)) s"
  exit 1
fi
echo "tidy: clean (${total} files, $(($(date +%s) - start)) s)"
