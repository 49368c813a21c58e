#!/usr/bin/env bash
# Stops the cluster scripts/pg-start.sh started and removes its data folder.
set -uo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -n "${DAIYUN_PG_DATA:-}" ] && [ -d "$DAIYUN_PG_DATA" ] || exit 0
AS=(); [ "$(id -u)" = 0 ] && AS=(runuser -u postgres --)
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DAIYUN_PG_DATA" -m fast -w stop >/dev/null 2>&1
rm -rf "$DAIYUN_PG_DATA"
