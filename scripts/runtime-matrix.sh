#!/usr/bin/env bash
# Runs the test suites of @mia-sdk/core, @mia-sdk/webhooks and @mia-sdk/sandbox on Node 22 and 24
# (Node 20, the machine's own, runs every suite in the README's test command).
#
#   bash scripts/runtime-matrix.sh            # Node 22 and 24
#   bash scripts/runtime-matrix.sh 24         # one version
#   MIA_MATRIX_PACKAGES="core" bash scripts/runtime-matrix.sh 22
#
# Each Node comes from the npm registry's `node` package through npx (nothing installed
# globally). Vitest is the workspace's own (`pnpm install` first), started with that Node binary,
# which is also first on PATH, so its workers and anything a test spawns run on the same version.
# The environment passes through: with MIA_TEST_DATABASE_URL set the PostgreSQL suites run, as
# in the main test command. Every suite runs even after a failure; the exit code is 1 if any failed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then VERSIONS=("$@"); else VERSIONS=(22 24); fi
read -r -a PACKAGES <<<"${MIA_MATRIX_PACKAGES:-core webhooks sandbox}"

SUMMARY=()
FAILED=0

for version in "${VERSIONS[@]}"; do
  echo "== runtime matrix: Node ${version} =="
  if ! node_bin="$(npx -y "node@${version}" -p process.execPath)" || [ ! -x "$node_bin" ]; then
    echo "runtime-matrix: could not get node@${version} from the npm registry" >&2
    SUMMARY+=("node ${version}  (not installed)  FAILED")
    FAILED=1
    continue
  fi
  actual="$("$node_bin" --version)"
  if [ "${actual%%.*}" != "v${version%%.*}" ]; then
    echo "runtime-matrix: asked for node@${version}, got ${actual}" >&2
    SUMMARY+=("node ${version}  (got ${actual})  FAILED")
    FAILED=1
    continue
  fi
  for package in "${PACKAGES[@]}"; do
    echo "-- @mia-sdk/${package} on Node ${actual} --"
    started=$SECONDS
    if (cd "packages/${package}" && PATH="$(dirname "$node_bin"):$PATH" "$node_bin" node_modules/vitest/vitest.mjs run); then
      result=passed
    else
      result=FAILED
      FAILED=1
    fi
    SUMMARY+=("$(printf '%-8s %-10s %-7s %4ss' "$actual" "$package" "$result" "$((SECONDS - started))")")
  done
done

echo "== runtime matrix: summary =="
printf '%s\n' "${SUMMARY[@]}"
exit "$FAILED"
