#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initdb into a temp directory, a free port on
# 127.0.0.1, its unix socket in that directory, trust auth, gone when the command ends. The
# command sees TEST_DATABASE_URL (the journal's PostgreSQL tests run against it). Used by .ci/run;
# locally: `bash scripts/with-postgres.sh npx vitest run server/journal`.
#
# TEST_DATABASE_URL, not DATABASE_URL: the console itself reads DATABASE_URL, and the e2e console
# started by the same `npm test` stays on its own embedded database.
set -uo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh COMMAND [ARGS...]" >&2
  exit 2
fi

bin=""
if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
  bin="$(dirname "$(command -v pg_ctl)")"
else
  # Debian keeps them out of PATH, one directory per major version: take the newest.
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
fi
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  echo "with-postgres: no pg_ctl found (Debian: apt-get install -y postgresql)" >&2
  exit 1
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/linq-console-pg.XXXXXX")"
# initdb and postgres refuse to run as root: as root, the cluster belongs to the postgres user.
as_owner() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "with-postgres: running as root needs a postgres user" >&2; exit 1; }
  chown postgres "$dir"
  as_owner() { runuser -u postgres -- "$@"; }
fi

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

stop() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-instructions >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
# fsync stays on: the durability tests mean what they say against this cluster too.
as_owner "$bin/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/server.log" \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }

export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') at $TEST_DATABASE_URL" >&2
"$@"
