#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the SQL store tests and prints its URL on stdout:
#
#   export MIA_TEST_DATABASE_URL="$(bash packages/webhooks/scripts/start-test-postgres.sh)"
#   (cd packages/webhooks && npx vitest run)
#   bash packages/webhooks/scripts/stop-test-postgres.sh   # stops it and deletes its files
#
# The cluster listens on 127.0.0.1 only, on a free port, with trust authentication, and keeps its
# files in a temporary directory (MIA_TEST_PG_DIR to choose it). Durability is switched off: it
# is for tests. As root (CI), the server runs as the `postgres` user, since initdb refuses root.
# Needs PostgreSQL's server binaries: `apt-get install -y postgresql` on Debian/Ubuntu.
set -euo pipefail

say() { echo "start-test-postgres: $*" >&2; }

find_bin_dir() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  # Debian keeps the server binaries out of PATH; take the newest installed version.
  local candidate
  candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$candidate" ] && [ -x "$candidate/pg_ctl" ]; then
    echo "$candidate"
    return
  fi
  say "pg_ctl not found. Install PostgreSQL first: apt-get update && apt-get install -y postgresql"
  exit 1
}

BIN="$(find_bin_dir)"
# Remembers the last cluster started, so stop-test-postgres.sh needs no argument.
LAST="${TMPDIR:-/tmp}/mia-test-pg.last"
DATA="${MIA_TEST_PG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/mia-test-pg.XXXXXX")}"
mkdir -p "$DATA"
if [ -n "$(ls -A "$DATA")" ]; then
  say "$DATA is not empty; point MIA_TEST_PG_DIR at an empty or new directory"
  exit 1
fi
# A failed start leaves nothing behind: no server, no files.
STARTED=""
cleanup_on_failure() {
  if [ -z "$STARTED" ]; then
    if [ -f "$DATA/cluster/postmaster.pid" ]; then as_owner "$BIN/pg_ctl" -D "$DATA/cluster" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$DATA"
  fi
}
trap cleanup_on_failure EXIT

# As root the cluster belongs to `postgres`; otherwise to whoever runs this script.
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  OWNER="${MIA_TEST_PG_USER:-postgres}"
  if ! id "$OWNER" >/dev/null 2>&1; then
    say "running as root but there is no user '$OWNER' to run PostgreSQL (installing postgresql creates it)"
    exit 1
  fi
  chown "$OWNER" "$DATA"
  as_owner() { runuser -u "$OWNER" -- "$@"; }
  if ! as_owner test -w "$DATA"; then
    say "user '$OWNER' cannot write $DATA (a parent directory is closed to it); set MIA_TEST_PG_DIR under /tmp"
    exit 1
  fi
fi
chmod 700 "$DATA"

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })'
}

as_owner "$BIN/initdb" -D "$DATA/cluster" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >"$DATA/initdb.log" 2>&1 ||
  { cat "$DATA/initdb.log" >&2; say "initdb failed"; exit 1; }

# A port found free can be taken before the server binds it: try a few.
for attempt in 1 2 3 4 5; do
  PORT="$(free_port)"
  if as_owner "$BIN/pg_ctl" -D "$DATA/cluster" -l "$DATA/server.log" -w -t 60 start -o \
    "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories='$DATA' -c max_connections=200 \
     -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >"$DATA/pg_ctl.log" 2>&1; then
    echo "$DATA" >"$LAST"
    URL="postgres://postgres@127.0.0.1:$PORT/postgres"
    echo "$URL" >"$DATA/url"
    say "PostgreSQL $("$BIN/pg_ctl" --version | awk '{print $3}') is up at $URL (files in $DATA)"
    say "stop it with: bash $(dirname "$0")/stop-test-postgres.sh $DATA"
    STARTED=1
    echo "$URL"
    exit 0
  fi
  say "start on port $PORT failed (attempt $attempt):"
  tail -n 5 "$DATA/server.log" >&2 2>/dev/null || true
done
say "could not start PostgreSQL; its last log lines:"
tail -n 20 "$DATA/server.log" >&2 2>/dev/null || true
exit 1
