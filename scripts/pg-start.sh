#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster on a loopback port and prints the URL of an empty
# database. Usage: eval "$(scripts/pg-start.sh)"  → sets DAIYUN_PG_DATA, DAIYUN_PG_URL.
# Stop it with scripts/pg-stop.sh. initdb refuses root, so as root the cluster runs as postgres.
# The tests run in parallel, each app with its own pool of up to 16 connections: 200 connections
# were too few once the suite grew ("sorry, too many clients already" failed a test in CI).
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-54329}
if [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL 15 is missing: installing postgresql-15" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15) >&2
fi
while "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; do PGPORT=$((PGPORT + 1)); done
PGDATA=$(mktemp -d /tmp/daiyun-pg.XXXXXX)
AS=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDATA"; AS=(runuser -u postgres --); fi
"${AS[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 30 \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGDATA -c max_connections=1000 ${DAIYUN_PG_OPTIONS:-}" start >/dev/null
"$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE daiyun_test" >/dev/null
echo "export DAIYUN_PG_DATA=$PGDATA"
echo "export DAIYUN_PG_URL=postgres://postgres@127.0.0.1:$PGPORT/daiyun_test?sslmode=disable"
