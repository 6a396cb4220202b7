#!/bin/sh
# with-postgres.sh PROGRAM [ARG…] — runs a server test program against a
# throwaway PostgreSQL cluster on loopback: SUYUAN_TEST_PG holds its URL
# (without a database; test-support.c makes a schema per test directory in
# the database "postgres"). The cluster is stopped and removed when the
# program ends, however it ends.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u

# meson reads exit status 77 of a TAP test as a failure: a TAP skip plan says it.
skip () {
  echo "1..0 # SKIP $*"
  exit 0
}

bin=${SUYUAN_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -n "$bin" ] && [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] \
  || skip "PostgreSQL server binaries not found (Debian package postgresql)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/suyuan-pg-XXXXXX") || exit 1
as=""
user=$(id -un)
# initdb refuses root: the cluster belongs to the postgres system user then.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || skip "running as root and there is no postgres user to own the cluster"
  chown postgres: "$tmp"
  as="runuser -u postgres --"
  user=postgres
fi

cleanup () {
  $as "$bin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! $as "$bin/initdb" -D "$tmp/data" -A trust -U "$user" -E UTF8 --locale=C --no-sync \
     >"$tmp/initdb.log" 2>&1; then
  echo "initdb failed:" >&2
  cat "$tmp/initdb.log" >&2
  exit 1
fi

# A free port, asked of the kernel; tried again should another take it first.
for attempt in 1 2 3; do
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if $as "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 30 \
       -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
       start >/dev/null 2>&1; then
    started=yes
    break
  fi
done
if [ "${started:-}" != yes ]; then
  echo "PostgreSQL did not start:" >&2
  cat "$tmp/server.log" >&2
  exit 1
fi

SUYUAN_TEST_PG="postgresql://$user@127.0.0.1:$port"
export SUYUAN_TEST_PG
"$@"
