#!/usr/bin/env bash
# Builds and runs the Next.js example (examples/nextjs) as a merchant would, from the packed
# packages, and drives it end to end against the sandbox bank (drive.mjs). Build the packages
# first (`npx -y pnpm@10.34.9 build`).
#
#   bash scripts/nextjs-example/run.sh
#
# 1. packs @mia-sdk/* into tarballs (scripts/pack-packages.sh);
# 2. copies the example into a temp folder (outside the pnpm workspace) and installs the tarballs
#    and Next.js with npm;
# 3. `next build`;
# 4. starts the sandbox bank (the mia-sandbox CLI of the packed @mia-sdk/sandbox) and
#    `next start`, both on 127.0.0.1 with free ports;
# 5. runs drive.mjs: orders, checkout (QR at the sandbox), test-pay, the signed callback to the
#    Next.js route, the order paid via the order route and the event stream, the pages, and
#    (when Chromium and playwright-core are found) the live status in a browser.
#
# Environment: MIA_EXAMPLE_KEEP=1 keeps the temp folder; CHROMIUM_PATH (default /usr/bin/chromium);
# MIA_REQUIRE_BROWSER=1 fails instead of skipping the browser steps without Chromium.
# Exits non-zero on any failure; the servers are stopped on exit either way.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export NEXT_TELEMETRY_DISABLED=1 CI="${CI:-true}" npm_config_audit=false npm_config_fund=false \
  npm_config_update_notifier=false

WORK="$(mktemp -d "${TMPDIR:-/tmp}/mia-nextjs-example.XXXXXX")"
APP="$WORK/app"
PIDS=()
TIMINGS=()
STARTED=$SECONDS

cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do
    # Each server runs in its own process group (setsid): stop the group, children included.
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    for log in "$WORK/sandbox.log" "$WORK/next.log"; do
      [ -f "$log" ] && { echo "== tail of $(basename "$log") =="; tail -n 40 "$log"; }
    done
  fi
  if [ "${MIA_EXAMPLE_KEEP:-}" = "1" ]; then echo "nextjs example: kept $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

timed() {
  local name="$1"
  shift
  local started=$SECONDS
  echo "== nextjs example: ${name} =="
  "$@"
  TIMINGS+=("$(printf '%-28s %4ss' "$name" "$((SECONDS - started))")")
}

# Waits until a log file has a line matching a pattern; fails when the process died first.
wait_for_log() {
  local pid="$1" log="$2" pattern="$3" seconds="$4"
  for _ in $(seq 1 $((seconds * 10))); do
    grep -Eq "$pattern" "$log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { echo "nextjs example: the process ${pid} stopped:" >&2; tail -n 40 "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "nextjs example: no \"${pattern}\" in $(basename "$log") after ${seconds} s" >&2
  return 1
}

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })'
}

for package in core sandbox webhooks react; do
  if [ ! -f "$ROOT/packages/${package}/dist/index.js" ]; then
    echo "nextjs example: packages/${package}/dist is missing; build first (npx -y pnpm@10.34.9 build)" >&2
    exit 1
  fi
done

pack() { bash "$ROOT/scripts/pack-packages.sh" "$WORK/tarballs" >/dev/null; }
timed "pack the packages" pack

copy() {
  mkdir -p "$APP"
  tar -C "$ROOT/examples/nextjs" --exclude=./node_modules --exclude=./.next --exclude='./.env*.local' -cf - . |
    tar -C "$APP" -xf -
}
timed "copy the example" copy

install() {
  # The tarballs replace the @mia-sdk/* ranges of package.json (the packages as npm would serve them).
  # --prefer-offline takes what npm's cache has; a registry request that hangs is retried after
  # 2 minutes instead of npm's default 5.
  (cd "$APP" && timeout 900 npm install --no-audit --no-fund --loglevel=error --prefer-offline --fetch-timeout=120000 \
    "$WORK"/tarballs/mia-sdk-{core,webhooks,react,sandbox}.tgz)
  (cd "$APP" && node -e 'for (const p of ["next", "react", "@mia-sdk/core", "@mia-sdk/webhooks", "@mia-sdk/react", "@mia-sdk/sandbox"]) console.log(`  ${p}@${require(`${p}/package.json`).version}`)')
}
timed "npm install" install

build() { (cd "$APP" && timeout 900 ./node_modules/.bin/next build); }
timed "next build" build

# Credentials of this run only: the app must take them from its environment.
CLIENT_ID="$(node -p 'crypto.randomUUID()')"
CLIENT_SECRET="$(node -p 'crypto.randomUUID()')"
SIGNATURE_KEY="$(node -p 'crypto.randomUUID()')"

SANDBOX_URL=""
start_sandbox() {
  (cd "$APP" && exec setsid ./node_modules/.bin/mia-sandbox --port 0 --host 127.0.0.1 \
    --client-id "$CLIENT_ID" --client-secret "$CLIENT_SECRET" --signature-key "$SIGNATURE_KEY" \
    --callback-retry-delays 200,1000,3000) >"$WORK/sandbox.log" 2>&1 &
  PIDS+=("$!")
  wait_for_log "$!" "$WORK/sandbox.log" "listening on http://127\.0\.0\.1:[0-9]+" 30
  SANDBOX_URL="$(grep -Eo 'listening on http://127\.0\.0\.1:[0-9]+' "$WORK/sandbox.log" | head -n 1 | cut -d' ' -f3)"
  echo "sandbox bank at ${SANDBOX_URL}"
}
timed "start the sandbox" start_sandbox

APP_URL=""
start_next() {
  local port
  for attempt in 1 2 3; do
    port="$(free_port)"
    # The app reads .env.local, as the README sets it up (and so does `npm run pay`).
    cat >"$APP/.env.local" <<EOF
MIA_BASE_URL=${SANDBOX_URL}
MIA_CLIENT_ID=${CLIENT_ID}
MIA_CLIENT_SECRET=${CLIENT_SECRET}
MIA_SIGNATURE_KEY=${SIGNATURE_KEY}
MIA_CALLBACK_URL=http://127.0.0.1:${port}/api/mia/callback
EOF
    (cd "$APP" && exec setsid ./node_modules/.bin/next start -H 127.0.0.1 -p "$port") >"$WORK/next.log" 2>&1 &
    PIDS+=("$!")
    if wait_for_log "$!" "$WORK/next.log" "Ready in" 60; then
      APP_URL="http://127.0.0.1:${port}"
      echo "next start at ${APP_URL}"
      return 0
    fi
    kill -TERM -- "-${PIDS[-1]}" 2>/dev/null || true
    echo "nextjs example: next start failed (attempt ${attempt}), trying another port" >&2
  done
  return 1
}
timed "start next" start_next

PLAYWRIGHT_CORE="$(cd "$ROOT" && node -e 'try { console.log(require.resolve("playwright-core", { paths: ["apps/demo"] })) } catch {}')"
drive() {
  cp "$ROOT/scripts/nextjs-example/drive.mjs" "$APP/drive.mjs"
  mkdir -p "$APP/support" && cp "$ROOT/scripts/support/steps.mjs" "$APP/support/steps.mjs"
  (cd "$APP" && APP_URL="$APP_URL" MIA_BASE_URL="$SANDBOX_URL" MIA_CLIENT_ID="$CLIENT_ID" \
    MIA_CLIENT_SECRET="$CLIENT_SECRET" MIA_SIGNATURE_KEY="$SIGNATURE_KEY" PLAYWRIGHT_CORE="$PLAYWRIGHT_CORE" \
    timeout 300 node drive.mjs)
}
timed "drive the example" drive

if grep -Eiq "error|⨯" "$WORK/next.log"; then
  echo "nextjs example: next start logged errors:" >&2
  grep -Ei -B2 -A8 "error|⨯" "$WORK/next.log" >&2
  exit 1
fi

echo "== nextjs example: timings =="
printf '%s\n' "${TIMINGS[@]}"
printf '%-28s %4ss\n' "total" "$((SECONDS - STARTED))"
echo "nextjs example: passed"
