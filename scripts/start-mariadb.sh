#!/usr/bin/env bash
# Make sure a MariaDB server answers on 127.0.0.1:3306 for the state store's tests and benchmarks,
# with a user berth/berth that owns every database named berth_* (each test class makes its own).
# Started by hand, detached, with its data under $BERTH_RUN/mariadb. A running server is never touched.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

START_TIMEOUT=${BERTH_MARIADB_TIMEOUT:-60}
PORT=${BERTH_MARIADB_PORT:-3306}
DIR="$BERTH_RUN/mariadb"
DATA_DIR="$DIR/data"
SOCKET="$DIR/mariadb.sock"
PID_FILE="$DIR/mariadb.pid"
LOG_FILE="$DIR/mariadb.log"
# Test-only credentials for a server that listens on loopback alone.
USER_NAME=berth
PASSWORD=berth

user_ready() {
  mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$PORT" -u "$USER_NAME" -p"$PASSWORD" -N -e 'SELECT 1' >/dev/null 2>&1
}

if user_ready; then
  log "mariadb already answering on 127.0.0.1:$PORT"
  exit 0
fi

need mariadb "run scripts/install.sh (package mariadb-server)"
need mariadbd "run scripts/install.sh (package mariadb-server)"
need mariadb-install-db "run scripts/install.sh (package mariadb-server)"
need flock

take_lock mariadb
if user_ready; then
  log "mariadb already answering on 127.0.0.1:$PORT"
  exit 0
fi

# As root over the server's own socket (unix_socket authentication).
ensure_user() {
  mariadb --no-defaults --socket="$SOCKET" -u root <<EOF
CREATE USER IF NOT EXISTS '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
GRANT ALL PRIVILEGES ON \`berth\\_%\`.* TO '$USER_NAME'@'127.0.0.1';
EOF
}

socket_up() {
  mariadb-admin --no-defaults --socket="$SOCKET" -u root ping >/dev/null 2>&1
}

# Our server runs but the user is missing (a half-finished earlier start): add it.
if socket_up; then
  ensure_user || die "cannot create user $USER_NAME on the running server"
  log "mariadb was up; user $USER_NAME created"
  exit 0
fi

if pid=$(pid_from_file "$PID_FILE") && pid_alive_as "$pid" mariadbd; then
  log "mariadbd (pid $pid) is running but not answering yet; waiting up to ${START_TIMEOUT}s"
  wait_until "$START_TIMEOUT" socket_up || die "mariadbd (pid $pid) does not answer on $SOCKET; stop it (kill $pid) and rerun"
  ensure_user
  exit 0
fi

if tcp_open 127.0.0.1 "$PORT"; then
  die "port 127.0.0.1:$PORT is taken by something that is not our MariaDB; free it or set BERTH_MARIADB_PORT"
fi

mkdir -p "$DIR"
chown mysql:mysql "$DIR"
rm -f "$PID_FILE" "$SOCKET"
if [[ ! -d $DATA_DIR/mysql ]]; then
  log "initialising $DATA_DIR"
  rm -rf "$DATA_DIR"
  mariadb-install-db --no-defaults --user=mysql --datadir="$DATA_DIR" --skip-test-db >>"$LOG_FILE" 2>&1 ||
    { log_tail "$LOG_FILE"; die "mariadb-install-db failed"; }
fi

log_from=$(file_size "$LOG_FILE")
printf '\n=== %s start-mariadb.sh: starting mariadbd on 127.0.0.1:%s ===\n' "$(date -Is)" "$PORT" >>"$LOG_FILE"
# setsid + nohup: the server must outlive this script; fd 9 (our lock) closed.
# Durability is traded for speed: this server holds test data only.
setsid nohup mariadbd --no-defaults --user=mysql --datadir="$DATA_DIR" --socket="$SOCKET" --pid-file="$PID_FILE" \
  --port="$PORT" --bind-address=127.0.0.1 --skip-name-resolve --innodb-buffer-pool-size=128M \
  --innodb-flush-log-at-trx-commit=0 --max-connections=400 --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
  </dev/null >>"$LOG_FILE" 2>&1 9>&- &
MARIADB_PID=$!
log "started mariadbd (pid $MARIADB_PID), log: $LOG_FILE; waiting up to ${START_TIMEOUT}s"

up_or_died() {
  socket_up && return 0
  if ! pid_running "$MARIADB_PID"; then
    log_tail "$LOG_FILE" "$log_from"
    die "mariadbd (pid $MARIADB_PID) exited during start-up; see $LOG_FILE"
  fi
  return 1
}
if ! wait_until "$START_TIMEOUT" up_or_died; then
  log_tail "$LOG_FILE" "$log_from"
  die "mariadbd (pid $MARIADB_PID) did not answer within ${START_TIMEOUT}s; it is left running, see $LOG_FILE"
fi
ensure_user || die "cannot create user $USER_NAME"
wait_until 10 user_ready || die "user $USER_NAME cannot log in on 127.0.0.1:$PORT; see $LOG_FILE"
log "mariadb is up on 127.0.0.1:$PORT (pid $MARIADB_PID, data $DATA_DIR)"
