#!/usr/bin/env bash
# Runs, on Node, Bun and Deno, against the built packages (`npx -y pnpm@10.34.9 build` first):
# - smoke.mjs: one payment end to end on @mia-sdk/core, webhooks and sandbox;
# - web-handlers.mjs: the Web-standard handlers of @mia-sdk/webhooks/web served by the runtime's
#   own HTTP server (node:http, Bun.serve, Deno.serve): checkout, live events, the bank's callback.
#
#   bash scripts/smoke/run.sh              # node (the machine's), bun, deno
#   bash scripts/smoke/run.sh bun          # only Bun
#
# Bun and Deno are the npm registry's `bun` and `deno` packages (their binaries come in the
# optional `@oven/bun-linux-x64` / `@deno/linux-x64-glibc` packages), run through npx. Every
# program runs on every runtime even after a failure; the exit code is 1 if any failed.
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
PROGRAMS=(smoke.mjs web-handlers.mjs)
for runtime in "${RUNTIMES[@]}"; do
  case "$runtime" in
    node) command=(node) ;;
    bun) command=(npx -y "bun@${BUN_VERSION}" run) ;;
    # manual: use the node_modules folder as pnpm and the links above left it, install nothing.
    deno) command=(npx -y "deno@${DENO_VERSION}" run --node-modules-dir=manual
      --allow-net=127.0.0.1 --allow-read --allow-env --allow-sys) ;;
    *)
      echo "smoke: unknown runtime ${runtime} (node, bun or deno)" >&2
      exit 2
      ;;
  esac
  started=$SECONDS
  result=passed
  failed_programs=()
  for program in "${PROGRAMS[@]}"; do
    echo "== smoke: ${runtime} ${program} =="
    if ! "${command[@]}" "$program"; then
      result=FAILED
      FAILED=1
      failed_programs+=("$program")
    fi
  done
  detail="${failed_programs[*]:-}"
  SUMMARY+=("$(printf '%-5s %-7s %4ss%s' "$runtime" "$result" "$((SECONDS - started))" "${detail:+  (${detail})}")")
done

echo "== smoke: summary =="
printf '%s\n' "${SUMMARY[@]}"
exit "$FAILED"
