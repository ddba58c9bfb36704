#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the tests, installing the
# Debian package if it is missing, and print the URL to use. Idempotent: a
# server already running in $PGDATA is reused.
#   eval "$(bash tests/pg/start.sh)"   # sets SOPENGINE_TEST_PG
# SOPENGINE_PG_DB names the database (default sopengine_test), so that several
# checkouts can run their suites against one server at once.
set -euo pipefail
PGPORT=${PGPORT:-55432}
PGDATA=${PGDATA:-/tmp/sopengine-pg}
DB=${SOPENGINE_PG_DB:-sopengine_test}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ]; then
  echo "installing postgresql..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
run_as() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
  run_as "$bindir/initdb -D $PGDATA -U postgres --auth=trust -E UTF8 >/dev/null"
fi
if ! run_as "$bindir/pg_ctl -D $PGDATA status" >/dev/null 2>&1; then
  run_as "$bindir/pg_ctl -D $PGDATA -l $PGDATA/server.log -w -o \"-h 127.0.0.1 -p $PGPORT -k /tmp -F\" start" >&2
fi
run_as "$bindir/psql -h 127.0.0.1 -p $PGPORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='$DB'\"" | grep -q 1 ||
  run_as "$bindir/createdb -h 127.0.0.1 -p $PGPORT -U postgres $DB"
echo "export SOPENGINE_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:$PGPORT/$DB"
