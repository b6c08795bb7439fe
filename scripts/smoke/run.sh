#!/usr/bin/env bash
# Runs smoke.mjs (one payment end to end on the built @mia-sdk/core, webhooks and sandbox) on
# Node, Bun and Deno. Build the packages first (`npx -y pnpm@10.34.9 build`).
#
#   bash scripts/smoke/run.sh              # node (the machine's), bun, deno
#   bash scripts/smoke/run.sh bun          # only Bun
#
# Bun and Deno are the npm registry's `bun` and `deno` packages (their binaries come in the
# optional `@oven/bun-linux-x64` / `@deno/linux-x64-glibc` packages), run through npx. Every
# runtime runs even after a failure; the exit code is 1 if any failed.
set -euo pipefail
cd "$(dirname "$0")"

BUN_VERSION=1
DENO_VERSION=2
if [ "$#" -gt 0 ]; then RUNTIMES=("$@"); else RUNTIMES=(node bun deno); fi

# The smoke program imports the packages by name, as a merchant's code does, so each runtime
# resolves them through their package.json "exports" to dist/.
mkdir -p node_modules/@mia-sdk
for package in core webhooks sandbox; do
  if [ ! -f "../../packages/${package}/dist/index.js" ]; then
    echo "smoke: packages/${package}/dist/index.js is missing; build first (npx -y pnpm@10.34.9 build)" >&2
    exit 1
  fi
  ln -sfn "../../../../packages/${package}" "node_modules/@mia-sdk/${package}"
done

SUMMARY=()
FAILED=0
for runtime in "${RUNTIMES[@]}"; do
  echo "== smoke: ${runtime} =="
  case "$runtime" in
    node) command=(node smoke.mjs) ;;
    bun) command=(npx -y "bun@${BUN_VERSION}" run smoke.mjs) ;;
    # manual: use the node_modules folder as pnpm and the links above left it, install nothing.
    deno) command=(npx -y "deno@${DENO_VERSION}" run --node-modules-dir=manual
      --allow-net=127.0.0.1 --allow-read --allow-env --allow-sys smoke.mjs) ;;
    *)
      echo "smoke: unknown runtime ${runtime} (node, bun or deno)" >&2
      exit 2
      ;;
  esac
  started=$SECONDS
  if "${command[@]}"; then result=passed; else result=FAILED; FAILED=1; fi
  SUMMARY+=("$(printf '%-5s %-7s %4ss' "$runtime" "$result" "$((SECONDS - started))")")
done

echo "== smoke: summary =="
printf '%s\n' "${SUMMARY[@]}"
exit "$FAILED"
