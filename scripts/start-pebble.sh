#!/usr/bin/env bash
# Make sure Pebble (Let's Encrypt's ACME test server, Debian package pebble) answers on loopback, with
# pebble-challtestsrv as its DNS server (every name resolves to 127.0.0.1, so HTTP-01 checks reach a local gateway).
# Started by hand and detached; a running one is never touched. Prints the directory URL as its last line.
#
# Usage: scripts/start-pebble.sh [--strict | --short-lived]
#   (default)  https://127.0.0.1:14000/dir, management https://127.0.0.1:15000 (roots at /roots/0), state in
#              $BERTH_RUN/pebble; fast for tests: no sleep before validating (PEBBLE_VA_NOSLEEP=1), no nonce
#              refused on purpose (PEBBLE_WFE_NONCEREJECT=0)
#   --strict   a second Pebble with its own defaults (also BERTH_PEBBLE_STRICT=1): it refuses a share of nonces and
#              sleeps before validating, so clients' retries are exercised; https://127.0.0.1:14001/dir,
#              management https://127.0.0.1:15001, state in $BERTH_RUN/pebble-strict
#   --short-lived  a third Pebble, fast like the default one, whose certificates live $BERTH_PEBBLE_VALIDITY seconds
#              (default 30; Pebble 2.4's certificateValidityPeriod), so renewals come within a test; it checks HTTP-01
#              on port 14081 unless BERTH_PEBBLE_HTTP_PORT says otherwise (the control plane tests' gateway, apart from
#              the ACME client tests' 14080); https://127.0.0.1:14002/dir, management :15002, state in $BERTH_RUN/pebble-short
# Pebble fetches HTTP-01 challenges from port $BERTH_PEBBLE_HTTP_PORT (default 14080) of the name being validated:
# the gateway under test listens there. Pebble's own TLS certificate (P-256, for 127.0.0.1 and localhost) is
# $BERTH_RUN/pebble/tls/cert.pem; challtestsrv's DNS is 127.0.0.1:8053, its management 127.0.0.1:8055.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

START_TIMEOUT=${BERTH_PEBBLE_TIMEOUT:-30}
STRICT=${BERTH_PEBBLE_STRICT:-0}
SHORT=0
case ${1:-} in
  "") ;;
  --strict) STRICT=1 ;;
  --short-lived) SHORT=1 ;;
  -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown argument '$1' (see $0 --help)" ;;
esac

TLS_DIR="$BERTH_RUN/pebble/tls"
CHALL_DIR="$BERTH_RUN/pebble"
DNS=127.0.0.1:8053
CHALL_MANAGEMENT=127.0.0.1:8055
HTTP_PORT=${BERTH_PEBBLE_HTTP_PORT:-$((SHORT ? 14081 : 14080))}
VALIDITY=
if ((SHORT)); then
  NAME=pebble-short DIR="$BERTH_RUN/pebble-short" PORT=14002 MANAGEMENT_PORT=15002 VALIDITY=${BERTH_PEBBLE_VALIDITY:-30}
elif ((STRICT)); then
  NAME=pebble-strict DIR="$BERTH_RUN/pebble-strict" PORT=14001 MANAGEMENT_PORT=15001
else
  NAME=pebble DIR="$BERTH_RUN/pebble" PORT=14000 MANAGEMENT_PORT=15000
fi
DIRECTORY="https://127.0.0.1:$PORT/dir"
CONFIG="$DIR/pebble-config.json"
PID_FILE="$DIR/pebble.pid"
LOG_FILE="$DIR/pebble.log"
CHALL_PID_FILE="$CHALL_DIR/challtestsrv.pid"
CHALL_LOG="$CHALL_DIR/challtestsrv.log"

pebble_up() {
  [[ -f $TLS_DIR/cert.pem ]] && curl -s --max-time 3 --cacert "$TLS_DIR/cert.pem" -o /dev/null "$DIRECTORY"
}

challtestsrv_up() {
  tcp_open 127.0.0.1 "${CHALL_MANAGEMENT#*:}"
}

# A running Pebble checks challenges on the port its config names: asking for another one is an error, not a surprise.
check_http_port() {
  local running
  running=$(sed -nE 's/.*"httpPort": *([0-9]+).*/\1/p' "$CONFIG" 2>/dev/null || true)
  [[ -z $running || $running == "$HTTP_PORT" ]] ||
    die "$NAME is running with httpPort $running, not $HTTP_PORT; stop it (kill \$(cat $PID_FILE)) to change it"
}

if pebble_up && challtestsrv_up; then
  check_http_port
  log "$NAME already answering at $DIRECTORY"
  printf '%s\n' "$DIRECTORY"
  exit 0
fi

need pebble "run scripts/install.sh (package pebble)"
need pebble-challtestsrv "run scripts/install.sh (package pebble)"
need openssl "run scripts/install.sh (package openssl)"
need flock
state_dir "$CHALL_DIR"
state_dir "$DIR"
take_lock pebble

# start_detached PIDFILE LOG COMMAND...: setsid + nohup so it outlives this script; fd 9 (our lock) closed.
start_detached() {
  local pid_file=$1 log_file=$2
  shift 2
  printf '\n=== %s start-pebble.sh: starting %s ===\n' "$(date -Is)" "$1" >>"$log_file"
  setsid nohup "$@" </dev/null >>"$log_file" 2>&1 9>&- &
  echo $! >"$pid_file"
}

# wait_for NAME PIDFILE LOG CHECK: until CHECK passes; die with the log's tail if the process exits or time runs out.
wait_for() {
  local name=$1 pid=$2 log_file=$3 from=$4 check=$5
  up_or_died() {
    "$check" && return 0
    pid_running "$pid" || { log_tail "$log_file" "$from"; die "$name (pid $pid) exited during start-up; see $log_file"; }
    return 1
  }
  wait_until "$START_TIMEOUT" up_or_died || { log_tail "$log_file" "$from"; die "$name (pid $pid) did not answer within ${START_TIMEOUT}s; see $log_file"; }
}

if ! challtestsrv_up; then
  pid=$(pid_from_file "$CHALL_PID_FILE" 2>/dev/null) && pid_alive_as "$pid" pebble-challtes && die "pebble-challtestsrv (pid $pid) runs but does not answer on $CHALL_MANAGEMENT"
  from=$(file_size "$CHALL_LOG")
  start_detached "$CHALL_PID_FILE" "$CHALL_LOG" pebble-challtestsrv -defaultIPv4 127.0.0.1 -defaultIPv6 "" \
    -dns01 "$DNS" -http01 "" -https01 "" -tlsalpn01 "" -management "$CHALL_MANAGEMENT"
  wait_for pebble-challtestsrv "$(cat "$CHALL_PID_FILE")" "$CHALL_LOG" "$from" challtestsrv_up
  log "pebble-challtestsrv up: DNS $DNS answers 127.0.0.1 for every name"
fi

if ! pebble_up; then
  if [[ ! -f $TLS_DIR/cert.pem ]]; then
    mkdir -p "$TLS_DIR" && chmod 0700 "$TLS_DIR"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj "/CN=pebble" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$TLS_DIR/key.pem" -out "$TLS_DIR/cert.pem" 2>/dev/null ||
      die "openssl failed to make Pebble's certificate in $TLS_DIR"
  fi
  pid=$(pid_from_file "$PID_FILE" 2>/dev/null) && pid_alive_as "$pid" pebble && die "$NAME (pid $pid) runs but does not answer at $DIRECTORY"
  VALIDITY_SETTING=
  [[ -z $VALIDITY ]] || VALIDITY_SETTING=$',\n    "certificateValidityPeriod": '"$VALIDITY"
  cat >"$CONFIG" <<JSON
{
  "pebble": {
    "listenAddress": "127.0.0.1:$PORT",
    "managementListenAddress": "127.0.0.1:$MANAGEMENT_PORT",
    "certificate": "$TLS_DIR/cert.pem",
    "privateKey": "$TLS_DIR/key.pem",
    "httpPort": $HTTP_PORT,
    "tlsPort": 5001,
    "ocspResponderURL": "",
    "externalAccountBindingRequired": false$VALIDITY_SETTING
  }
}
JSON
  env=()
  ((STRICT)) || env=(PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0)
  from=$(file_size "$LOG_FILE")
  start_detached "$PID_FILE" "$LOG_FILE" env "${env[@]}" pebble -config "$CONFIG" -dnsserver "$DNS"
  wait_for "$NAME" "$(cat "$PID_FILE")" "$LOG_FILE" "$from" pebble_up
  log "$NAME up at $DIRECTORY (HTTP-01 checked on port $HTTP_PORT; root at https://127.0.0.1:$MANAGEMENT_PORT/roots/0)"
fi

check_http_port
printf '%s\n' "$DIRECTORY"
