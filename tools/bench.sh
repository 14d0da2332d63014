#!/usr/bin/env bash
# Speed of obolint as ratios to reference runs in the same invocation, on a generated corpus:
#   read:  `cat` of every file (the floor: reading the bytes)
#   grep:  `grep -rl dapi` (a secret scanner's floor)
# Usage: tools/bench.sh [build/obolint] [files]   (default 2000 files)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/obolint}
n=${2:-2000}
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT

# A realistic mix: Python modules of the example app repeated, with renamed copies, plus text files.
i=0
while ((i < n)); do
  for f in "$root"/examples/pm-hub/pm_hub/*.py "$root"/examples/pm-hub/legacy/*.py; do
    d="$corpus/pkg$((i / 100))"
    mkdir -p "$d"
    cp "$f" "$d/m$i.py"
    i=$((i + 1))
    ((i < n)) || break
  done
  printf 'name: svc%d\nimage: x\n' "$i" >"$corpus/pkg$((i / 100))/c$i.yaml"
  i=$((i + 1))
done
bytes=$(du -sb "$corpus" | cut -f1)

time_of() {  # best of 3, seconds
  local best=999999
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s.%N)
    best=$(echo "$e - $s" | bc -l | awk -v b="$best" '{print ($1 < b) ? $1 : b}')
  done
  echo "$best"
}

t_read=$(time_of sh -c "find '$corpus' -type f -exec cat {} + >/dev/null")
t_grep=$(time_of grep -rl dapi "$corpus")
t_obo=$(time_of "$bin" scan --fail-on never --format json "$corpus")
t_obo_text=$(time_of "$bin" scan --fail-on never --select OBO003 "$corpus")

printf 'corpus: %d files, %.1f MB\n' "$n" "$(echo "$bytes / 1000000" | bc -l)"
printf '%-28s %8.3f s   x%.1f of read   x%.1f of grep\n' \
  "obolint (all rules)" "$t_obo" "$(echo "$t_obo / $t_read" | bc -l)" "$(echo "$t_obo / $t_grep" | bc -l)"
printf '%-28s %8.3f s   x%.1f of read   x%.1f of grep\n' \
  "obolint --select OBO003" "$t_obo_text" "$(echo "$t_obo_text / $t_read" | bc -l)" "$(echo "$t_obo_text / $t_grep" | bc -l)"
printf '%-28s %8.3f s\n' "reference: read (cat)" "$t_read" "reference: grep -rl dapi" "$t_grep"
printf 'obolint throughput: %.1f MB/s\n' "$(echo "$bytes / 1000000 / $t_obo" | bc -l)"
