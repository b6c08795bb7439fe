#!/usr/bin/env bash
# Stops a cluster started by start-test-postgres.sh and deletes its files.
# Usage: stop-test-postgres.sh [DATA_DIR]   (defaults to the last cluster started)
set -euo pipefail

LAST="${TMPDIR:-/tmp}/mia-test-pg.last"
DATA="${1:-$(cat "$LAST" 2>/dev/null || true)}"
if [ -z "$DATA" ] || [ ! -d "$DATA" ]; then
  echo "stop-test-postgres: no cluster to stop (${DATA:-none given})" >&2
  exit 0
fi
if [ ! -f "$DATA/url" ] && [ ! -d "$DATA/cluster" ]; then
  echo "stop-test-postgres: $DATA was not made by start-test-postgres.sh; leaving it alone" >&2
  exit 1
fi

BIN="$(dirname "$(command -v pg_ctl 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)")"
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  OWNER="$(stat -c %U "$DATA")"
  as_owner() { runuser -u "$OWNER" -- "$@"; }
fi
if [ -f "$DATA/cluster/postmaster.pid" ]; then
  as_owner "$BIN/pg_ctl" -D "$DATA/cluster" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
    echo "stop-test-postgres: pg_ctl stop failed; see $DATA/server.log" >&2
fi
rm -rf "$DATA"
if [ "$(cat "$LAST" 2>/dev/null || true)" = "$DATA" ]; then rm -f "$LAST"; fi
echo "stop-test-postgres: stopped and removed $DATA" >&2
