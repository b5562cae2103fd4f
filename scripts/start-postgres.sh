#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 for the state store's tests and benchmarks,
# with a role berth/berth that may create databases (each test class makes its own and drops it).
# Started by hand, detached, with its data under $BERTH_RUN/postgres. A running server is never touched.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

START_TIMEOUT=${BERTH_POSTGRES_TIMEOUT:-60}
PORT=${BERTH_POSTGRES_PORT:-5432}
PG_BIN=/usr/lib/postgresql/15/bin
DIR="$BERTH_RUN/postgres"
DATA_DIR="$DIR/data"
SOCKET_DIR="$DIR/run"
LOG_FILE="$DIR/postgres.log"
# Test-only credentials for a server that listens on loopback alone.
ROLE=berth
PASSWORD=berth

# role_ready: the server answers, the test role can log in over TCP and may end sessions in the databases it drops
# (DROP DATABASE … WITH (FORCE) also ends an autovacuum worker that happens to be in it).
role_ready() {
  [[ "$(PGPASSWORD=$PASSWORD psql -X -q -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d postgres -tAc \
    "SELECT pg_has_role('pg_signal_backend', 'MEMBER')" 2>/dev/null)" == t ]]
}

server_up() {
  pg_isready -q -h 127.0.0.1 -p "$PORT" -t 2 >/dev/null 2>&1
}

if role_ready; then
  log "postgres already answering on 127.0.0.1:$PORT"
  exit 0
fi

need psql "run scripts/install.sh (package postgresql)"
need pg_isready "run scripts/install.sh (package postgresql)"
[[ -x $PG_BIN/initdb ]] || die "$PG_BIN/initdb not found: run scripts/install.sh (package postgresql)"
need flock

take_lock postgres
if role_ready; then
  log "postgres already answering on 127.0.0.1:$PORT"
  exit 0
fi

ensure_role() {
  runuser -u postgres -- psql -X -q -h "$SOCKET_DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<EOF
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END \$\$;
GRANT pg_signal_backend TO $ROLE;
EOF
}

# A server is up but the role is missing or lacks a grant: it is ours only if its socket is in our folder.
if server_up; then
  [[ -S $SOCKET_DIR/.s.PGSQL.$PORT ]] ||
    die "something answers on 127.0.0.1:$PORT that is not the server in $DATA_DIR; stop it or set BERTH_POSTGRES_PORT"
  ensure_role || die "cannot create role $ROLE on the running server"
  log "postgres was up; role $ROLE created or granted"
  exit 0
fi

if tcp_open 127.0.0.1 "$PORT"; then
  die "port 127.0.0.1:$PORT is taken by something that is not PostgreSQL; free it or set BERTH_POSTGRES_PORT"
fi

mkdir -p "$DIR" "$SOCKET_DIR"
touch "$LOG_FILE"
# The server writes its own log, so the folder and the log are the postgres user's.
chown postgres:postgres "$DIR" "$SOCKET_DIR" "$LOG_FILE"
if [[ ! -s $DATA_DIR/PG_VERSION ]]; then
  log "initialising $DATA_DIR"
  rm -rf "$DATA_DIR"
  pwfile=$(mktemp "$DIR/pw.XXXXXX")
  printf '%s\n' "$PASSWORD" >"$pwfile"
  chown postgres:postgres "$pwfile"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$pwfile" >>"$LOG_FILE" 2>&1 || { rm -f "$pwfile"; log_tail "$LOG_FILE"; die "initdb failed"; }
  rm -f "$pwfile"
fi

# A server killed without a clean stop leaves its pidfile; pg_ctl refuses to start over a live one only.
if pid=$(head -n 1 "$DATA_DIR/postmaster.pid" 2>/dev/null | tr -dc '0-9') && [[ -n $pid ]] && ! pid_alive_as "$pid" postgres; then
  log "removing stale $DATA_DIR/postmaster.pid (no postgres with pid $pid)"
  rm -f "$DATA_DIR/postmaster.pid"
fi

log_from=$(file_size "$LOG_FILE")
printf '\n=== %s start-postgres.sh: starting postgres on 127.0.0.1:%s ===\n' "$(date -Is)" "$PORT" >>"$LOG_FILE"
# pg_ctl daemonises the server itself; fd 9 (our lock) closed so the server does not hold it.
# max_connections: parallel test classes and the concurrency tests each keep a pool open.
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t "$START_TIMEOUT" \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$SOCKET_DIR -c max_connections=300 -c fsync=off -c synchronous_commit=off" \
  start 9>&- >/dev/null || { log_tail "$LOG_FILE" "$log_from"; die "postgres did not start; see $LOG_FILE"; }

ensure_role || { log_tail "$LOG_FILE" "$log_from"; die "cannot create role $ROLE"; }
wait_until 10 role_ready || die "role $ROLE cannot log in on 127.0.0.1:$PORT; see $LOG_FILE"
log "postgres is up on 127.0.0.1:$PORT (data $DATA_DIR)"
