#!/usr/bin/env bash
# Run a command with DATABASE_URL pointing at PostgreSQL: the server on 127.0.0.1:5432
# when one answers, otherwise a throwaway cluster started here and removed afterwards.
set -euo pipefail
if [ -n "${ANXIN_TEST_DATABASE_URL:-}" ]; then
  export DATABASE_URL=$ANXIN_TEST_DATABASE_URL
  exec "$@"
fi
probe_port=${ANXIN_PG_PROBE_PORT:-5432}  # another port forces a throwaway cluster (tested)
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p "$probe_port"; then
  export DATABASE_URL=postgres://postgres@127.0.0.1:$probe_port/anxin
  exec "$@"
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  bash "$(dirname "$0")/system-packages.sh" postgresql
fi
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
cluster=$(mktemp -d /tmp/anxin-pg.XXXXXX)
port=55432
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$cluster"
  as_owner=(runuser -u postgres --)
fi
"${as_owner[@]}" "$bindir/initdb" -D "$cluster/data" -U postgres -A trust >/dev/null
"${as_owner[@]}" "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/log" -w \
  -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
trap '"${as_owner[@]}" "$bindir/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null; rm -rf "$cluster"' EXIT
export DATABASE_URL=postgres://postgres@127.0.0.1:$port/anxin
"$@"
