#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for developing and testing Vindex on PostgreSQL:
#
#   scripts/dev-postgres.sh start    initialise (first time) and start it on 127.0.0.1; prints the export line
#   scripts/dev-postgres.sh status   running or not, and the export line
#   scripts/dev-postgres.sh stop     stop it (the data stays for the next start)
#   scripts/dev-postgres.sh remove   stop it and delete its data directory
#
# Trust authentication on 127.0.0.1 only and fsync off: for tests and development, never for real data.
# Settings (environment): VINDEX_PG_DATA (data directory, default /tmp/vindex-dev-pg-<uid>),
# VINDEX_PG_PORT (default 54329). As root the server runs as the user postgres (runuser); otherwise as
# you. Needs the PostgreSQL server binaries (Debian: apt-get install postgresql).
set -euo pipefail

PORT=${VINDEX_PG_PORT:-54329}
DATA=${VINDEX_PG_DATA:-/tmp/vindex-dev-pg-$(id -u)}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$dir" ] && command -v pg_config >/dev/null 2>&1; then dir=$(pg_config --bindir); fi
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "dev-postgres: no PostgreSQL server binaries found (Debian: apt-get install postgresql)" >&2
    exit 1
  fi
  echo "$dir"
}

# Runs a server binary as the cluster's owner: postgres when we are root (initdb refuses root), else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { echo "postgres://postgres@127.0.0.1:$PORT/postgres"; }

running() { [ -f "$DATA/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

BIN=$(pg_bin)
case "${1:-}" in
  start)
    if [ ! -f "$DATA/PG_VERSION" ]; then
      mkdir -p "$DATA"
      chmod 700 "$DATA"
      if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DATA"; fi
      as_owner "$BIN/initdb" -D "$DATA" -U postgres -A trust --no-sync -E UTF8 >/dev/null
    fi
    if ! running; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    fi
    echo "export VINDEX_TEST_PG=$(url)"
    ;;
  stop)
    if running; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; fi
    echo "dev-postgres: stopped ($DATA)"
    ;;
  remove)
    if running; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; fi
    rm -rf "$DATA"
    echo "dev-postgres: removed $DATA"
    ;;
  status)
    if running; then echo "dev-postgres: running on 127.0.0.1:$PORT ($DATA)"; echo "export VINDEX_TEST_PG=$(url)"
    else echo "dev-postgres: not running ($DATA)"; exit 3; fi
    ;;
  *)
    echo "usage: scripts/dev-postgres.sh start|stop|status|remove" >&2
    exit 2
    ;;
esac
