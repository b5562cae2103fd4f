#!/usr/bin/env bash
# Two extra Docker engines on this machine, as stand-ins for remote hosts in the multi-host tests:
#   engine 1: unix:///var/run/berth-engine1.sock                         bridge berth1 172.31.1.1/24
#   engine 2: unix:///var/run/berth-engine2.sock and tcp://127.0.0.1:23762 (mutual TLS)
#                                                                        bridge berth2 172.31.2.1/24
# Each has its own data root, exec root, pidfile and cgroup parent, no iptables rules, and vfs storage.
# The TLS files (CA, server and client certificates) are made once under $BERTH_RUN/engines/tls.
# Idempotent: a running engine is never touched. `start-engines.sh --stop` stops both and cleans up.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

START_TIMEOUT=${BERTH_ENGINES_TIMEOUT:-60}
DIR="$BERTH_RUN/engines"
TLS_DIR="$DIR/tls"
ENGINES=(1 2)
TLS_PORT=23762

sock() { printf '/var/run/berth-engine%s.sock' "$1"; }
pidfile() { printf '/var/run/berth-engine%s.pid' "$1"; }
# Short on purpose: containerd's socket paths live under it and unix socket paths are limited to 108 bytes.
exec_root() { printf '/var/run/berth-e%s' "$1"; }

engine_answers() {
  [[ -S $(sock "$1") ]] && [[ "$(curl -s --max-time 3 --unix-socket "$(sock "$1")" http://localhost/_ping 2>/dev/null)" == OK ]]
}

stop_engine() {
  local n=$1 pid
  if pid=$(pid_from_file "$(pidfile "$n")") && pid_alive_as "$pid" dockerd; then
    log "stopping engine $n (dockerd $pid)"
    kill "$pid"
    wait_until 30 bash -c "! kill -0 $pid 2>/dev/null" || { warn "engine $n did not stop in 30 s; killing it"; kill -9 "$pid" || true; }
  fi
  rm -f "$(pidfile "$n")" "$(sock "$n")"
  if ip link show "berth$n" >/dev/null 2>&1; then
    ip link del "berth$n"
  fi
  # The cgroup folders go once no container is left in them; a busy one stays and is reported.
  local cg
  for cg in /sys/fs/cgroup/*/"berth$n"; do
    [[ -d $cg ]] || continue
    find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null || warn "could not remove $cg (still in use?)"
  done
}

if [[ ${1:-} == --stop ]]; then
  take_lock engines
  for n in "${ENGINES[@]}"; do stop_engine "$n"; done
  log "engines stopped"
  exit 0
fi

all_up() {
  local n
  for n in "${ENGINES[@]}"; do engine_answers "$n" || return 1; done
  [[ -s $TLS_DIR/cert.pem ]]
}

if all_up; then
  log "engines already answering: ${ENGINES[*]}"
  exit 0
fi

need dockerd "run scripts/install.sh (package docker.io)"
need curl "run scripts/install.sh"
need openssl
need ip
need flock

take_lock engines
if all_up; then
  log "engines already answering: ${ENGINES[*]}"
  exit 0
fi

# make_tls: a CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA.
make_tls() {
  [[ -s $TLS_DIR/cert.pem && -s $TLS_DIR/server-cert.pem ]] && return 0
  log "making TLS certificates in $TLS_DIR"
  mkdir -p "$TLS_DIR"
  chmod 700 "$TLS_DIR"
  (
    cd "$TLS_DIR"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=berth test engines CA" -keyout ca-key.pem -out ca.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server-key.pem -out server.csr 2>/dev/null
    printf 'subjectAltName = IP:127.0.0.1,DNS:localhost\nextendedKeyUsage = serverAuth\n' >server.ext
    openssl x509 -req -days 3650 -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -extfile server.ext -out server-cert.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=berth" -keyout key.pem -out client.csr 2>/dev/null
    printf 'extendedKeyUsage = clientAuth\n' >client.ext
    openssl x509 -req -days 3650 -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -extfile client.ext -out cert.pem 2>/dev/null
    rm -f server.csr client.csr server.ext client.ext ca.srl
  ) || die "openssl failed to make the TLS certificates in $TLS_DIR"
}

make_bridge() {
  local n=$1
  if ! ip link show "berth$n" >/dev/null 2>&1; then
    ip link add "berth$n" type bridge
    ip addr add "172.31.$n.1/24" dev "berth$n"
  fi
  ip link set "berth$n" up
}

start_engine() {
  local n=$1
  local pid log_from log_file="$DIR/engine$n.log"
  if engine_answers "$n"; then
    log "engine $n already answering on $(sock "$n")"
    return 0
  fi
  if pid=$(pid_from_file "$(pidfile "$n")") && pid_alive_as "$pid" dockerd; then
    log "engine $n (dockerd $pid) is running but not answering yet; waiting up to ${START_TIMEOUT}s"
    wait_until "$START_TIMEOUT" engine_answers "$n" && return 0
    die "engine $n (dockerd $pid) does not answer on $(sock "$n"); stop it (scripts/start-engines.sh --stop) and rerun"
  fi
  rm -f "$(pidfile "$n")" "$(sock "$n")"
  make_bridge "$n"
  mkdir -p "$DIR/engine$n"

  local args=(
    --host "unix://$(sock "$n")"
    --data-root "$DIR/engine$n/data"
    --exec-root "$(exec_root "$n")"
    --pidfile "$(pidfile "$n")"
    --bridge "berth$n"
    --iptables=false --ip-masq=false
    --cgroup-parent "/berth$n"
    --storage-driver=vfs
    --insecure-registry "$BERTH_REGISTRY"
  )
  if ((n == 2)); then
    args+=(--host "tcp://127.0.0.1:$TLS_PORT" --tlsverify --tlscacert "$TLS_DIR/ca.pem"
      --tlscert "$TLS_DIR/server-cert.pem" --tlskey "$TLS_DIR/server-key.pem")
  fi

  log_from=$(file_size "$log_file")
  printf '\n=== %s start-engines.sh: starting engine %s ===\n' "$(date -Is)" "$n" >>"$log_file"
  # setsid + nohup: the engine must outlive this script; fd 9 (our lock) closed.
  setsid nohup dockerd "${args[@]}" </dev/null >>"$log_file" 2>&1 9>&- &
  local started=$!
  log "started engine $n (dockerd $started), log: $log_file"
  up_or_died() {
    engine_answers "$n" && return 0
    pid_running "$started" || { log_tail "$log_file" "$log_from"; die "engine $n (dockerd $started) exited during start-up"; }
    return 1
  }
  wait_until "$START_TIMEOUT" up_or_died || { log_tail "$log_file" "$log_from"; die "engine $n did not answer within ${START_TIMEOUT}s"; }
}

make_tls
for n in "${ENGINES[@]}"; do start_engine "$n"; done
log "engines up: $(for n in "${ENGINES[@]}"; do printf 'unix://%s ' "$(sock "$n")"; done)tcp://127.0.0.1:$TLS_PORT (TLS files in $TLS_DIR)"
