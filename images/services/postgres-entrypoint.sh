#!/bin/sh
# Berth's PostgreSQL image: initialise the data directory on the volume on first start, then run the server in
# the foreground as the postgres user. BERTH_ADMIN_PASSWORD is the superuser's password (set at init only).
set -eu
PGDATA=/var/lib/postgresql/data
BIN=/usr/lib/postgresql/15/bin
mkdir -p "$PGDATA" /run/postgresql
chown postgres:postgres "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${BERTH_ADMIN_PASSWORD:?BERTH_ADMIN_PASSWORD is needed to initialise the database}"
  pwfile=/run/postgresql/pw
  printf '%s\n' "$BERTH_ADMIN_PASSWORD" >"$pwfile"
  chown postgres "$pwfile"
  setpriv --reuid=postgres --regid=postgres --init-groups \
    "$BIN/initdb" -D "$PGDATA" -U postgres -E UTF8 --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pwfile" >/dev/null
  rm -f "$pwfile"
  printf 'host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
fi
unset BERTH_ADMIN_PASSWORD
exec setpriv --reuid=postgres --regid=postgres --init-groups \
  "$BIN/postgres" -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/run/postgresql
