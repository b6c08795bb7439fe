#!/usr/bin/env bash
# Checks every code block of the published READMEs (README.md and packages/{core,sandbox,webhooks,
# express,react}/README.md) the way a merchant meets them: in a blank npm project that installs the
# packed packages and whatever the READMEs' install lines name. Build first
# (`npx -y pnpm@10.34.9 build`); needs Node, npm and the npm registry, nothing else.
#
#   bash scripts/readme-examples/run.sh            # exits 1 on any failure, after the summary
#   MIA_README_WORK=/tmp/readme bash scripts/readme-examples/run.sh
#       keeps the project in that folder, and reuses its installed packages on the next run
#       (packs and installs again only when the folder has none): for editing READMEs
#
# Every ```ts, ```tsx, ```js and ```sh block is covered: run, type-checked, checked as an install
# line, or skipped with a reason. An HTML comment right before the block says which (invisible on
# npm and GitHub):
#
#   <!-- example: run -->        run with `node --import tsx` (as `npx tsx file.ts`) in a folder of
#                                its own; it must exit 0 by itself within 90 s
#   <!-- example: server; request: POST /api/mia/orders/1001/checkout -> 201; request: pay -->
#                                start it with PORT set, send each request (retried until the
#                                status, and the text after it if given, match), then SIGTERM: it
#                                must exit 0 within 15 s. `pay` pays the newest QR in the bank, as
#                                a customer's banking app would (the callback reaches the server).
#                                Headers go in parentheses: `GET /x (Cookie: a=b) -> 200`
#   <!-- example: typecheck -->  tsc --noEmit only (needs a real bank, a browser or a framework)
#   <!-- example: skip; reason: repository command, run in a clone -->
#   <!-- example: install -->    a shell block of `npm install` / `pnpm add` lines; implied for a
#                                shell block of nothing else
#
# Options, after the mode, separated by `;`:
#   given: app, store   a fragment's context, from givens.mjs: declarations of the reader's own
#                       values (then it can only be type-checked) or imports shown in an earlier
#                       block (then it can still run)
#   file: lib/mia.ts    write the block at that path (others import it as `@/lib/mia`)
#   env: browser        type-check with the DOM and bundler resolution (implied for tsx);
#                       `env: nextjs` is the same for Next.js files
#
# Run and server blocks are type-checked too. Strict settings: `strict`, `noUncheckedIndexedAccess`,
# `exactOptionalPropertyTypes` and more (see extract.mjs), against the installed tarballs' types.
# They run against the sandbox bank on 127.0.0.1 (the `mia-sandbox` CLI of the packed
# @mia-sdk/sandbox) with the environment the READMEs tell a merchant to set: MIA_CLIENT_ID,
# MIA_CLIENT_SECRET, MIA_SIGNATURE_KEY, MIA_BASE_URL (the sandbox's URL), MIA_ENV=sandbox, the
# MIAPOS_* variables, PORT and ADMIN_TOKEN; DATABASE_URL is unset, so stores use embedded PGlite.
#
# Each install block's packages must include every package the README's blocks import; the
# project installs them all (latest versions), with the tarballs, in one `npm install`. The run
# also fails on HTML comments that are not markers and on internal references (`§`, `Seed 0…`,
# `../shared/`, DESIGN.md) in the READMEs. A README that can't carry markers yet is classified in
# markers.mjs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/scripts/readme-examples"
if [ -n "${MIA_README_WORK:-}" ]; then
  mkdir -p "$MIA_README_WORK"
  WORK="$(cd "$MIA_README_WORK" && pwd)"
  rm -rf "$WORK/app/examples" "$WORK/app/runs"
else
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/mia-readme-examples.XXXXXX")"
  trap 'rm -rf "$WORK"' EXIT
fi
started=$SECONDS
reuse=""
if [ -n "${MIA_README_WORK:-}" ] && [ -d "$WORK/app/node_modules/@mia-sdk/core" ]; then reuse=1; fi

# The tools that check the examples, at the versions the repository uses.
TOOLCHAIN=(
  "typescript@~5.9.3"
  "tsx@^4.20.6"
  "@types/node@^20.19.0"
  "@types/express@^5.0.3"
  "@types/pg@^8.23.1"
  "@types/react@^19.1.0"
  "@types/react-dom@^19.1.0"
)

if [ -z "$reuse" ]; then
  echo "== readme-examples: pack the packages =="
  bash "$ROOT/scripts/pack-packages.sh" "$WORK/tarballs" >/dev/null
fi

echo "== readme-examples: extract the blocks =="
node "$HERE/extract.mjs" "$ROOT" "$WORK/app"

cd "$WORK/app"
if [ -n "$reuse" ]; then
  echo "== readme-examples: reusing the packages installed in $WORK/app =="
else
  echo "== readme-examples: a blank project with the tarballs and the install lines' packages =="
  npm init -y >/dev/null
  install_started=$SECONDS
  # Every tarball and package in one `npm install`; the overrides make the packages' own dependency
  # on @mia-sdk/core (and express's on webhooks) resolve to the local tarballs, never to the registry.
  node - "$WORK/tarballs" "${TOOLCHAIN[@]}" <<'EOF'
const { readFileSync, writeFileSync } = require("node:fs")
const [tarballs, ...toolchain] = process.argv.slice(2)
const pkg = JSON.parse(readFileSync("package.json", "utf8"))
const registry = JSON.parse(readFileSync("install.json", "utf8"))
const split = (spec) => {
  const at = spec.indexOf("@", 1)
  return at === -1 ? [spec, "latest"] : [spec.slice(0, at), spec.slice(at + 1)]
}
pkg.type = "module"
pkg.private = true
pkg.dependencies = {}
pkg.overrides = {}
for (const name of ["core", "sandbox", "webhooks", "express", "react"]) {
  pkg.dependencies[`@mia-sdk/${name}`] = `file:${tarballs}/mia-sdk-${name}.tgz`
  pkg.overrides[`@mia-sdk/${name}`] = `$@mia-sdk/${name}`
}
for (const spec of [...registry, ...toolchain]) {
  const [name, range] = split(spec)
  pkg.dependencies[name] ??= range
}
writeFileSync("package.json", `${JSON.stringify(pkg, null, 2)}\n`)
console.log(`installing ${Object.keys(pkg.dependencies).join(" ")}`)
EOF
  npm install --no-audit --no-fund --loglevel=error >npm-install.log 2>&1 || {
    cat npm-install.log
    echo "readme-examples: npm install failed" >&2
    exit 1
  }
  copies="$(find node_modules -path '*/@mia-sdk/core/package.json' | wc -l)"
  if [ "$copies" != "1" ]; then
    find node_modules -path '*/@mia-sdk/core/package.json' >&2
    echo "readme-examples: expected one @mia-sdk/core (the tarball), found $copies" >&2
    exit 1
  fi
  echo "installed in $((SECONDS - install_started)) s"
fi

echo "== readme-examples: type-check and run =="
status=0
node "$HERE/run-examples.mjs" "$WORK/app" || status=$?
echo "readme-examples: $((SECONDS - started)) s in all"
exit "$status"
