#!/usr/bin/env bash
# What the C++ front end costs per file against `clang -fsyntax-only` with the same command line:
# for each FILE, hyperfine runs `obolint scan FILE -p DB` and the database's command for FILE with
# -fsyntax-only, alternated, and prints both medians and their ratio (whole processes: obolint's
# includes loading its rules and the Clang libraries). The files should pass the C++ prefilter
# (others are not parsed at all) and have their includes found (a missing include stops clang
# early, not obolint).
# Usage: tools/cpp-parse-cost.sh DB_DIR FILE...   (DB_DIR holds compile_commands.json)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
obolint=${OBOLINT:-$root/build/obolint}
db=$1
shift
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
printf '%-60s %10s %10s %7s\n' file obolint clang ratio
for f in "$@"; do
  abs=$(realpath "$f")
  clang_cmd=$(python3 - "$db/compile_commands.json" "$abs" <<'PY'
import json, shlex, sys, os
db, target = sys.argv[1], sys.argv[2]
for e in json.load(open(db)):
    path = os.path.normpath(os.path.join(e["directory"], e["file"]))
    if path == target:
        args = e.get("arguments") or shlex.split(e["command"])
        args = [a for a in args if a not in ("-c",)]
        out = []
        skip = False
        for a in args:
            if skip: skip = False; continue
            if a == "-o": skip = True; continue
            out.append(a)
        out[0] = "clang-19"
        print("cd " + shlex.quote(e["directory"]) + " && " + " ".join(shlex.quote(a) for a in out) + " -fsyntax-only -Wno-everything")
        break
PY
)
  [[ -n "$clang_cmd" ]] || { echo "$f: not in $db/compile_commands.json" >&2; continue; }
  json=$(mktemp)
  hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$json" \
    "$obolint scan $abs -p $db --fail-on never -q" "bash -c '$clang_cmd'" >/dev/null 2>&1
  python3 - "$json" "$f" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
o, c = r[0]["median"], r[1]["median"]
print(f"{sys.argv[2][-60:]:<60} {o:9.3f}s {c:9.3f}s {o / c:6.2f}x")
PY
  rm -f "$json"
done
