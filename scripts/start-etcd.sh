#!/usr/bin/env bash
# Make sure Berth's single-member etcd is up on loopback, started by hand and detached.
#   scripts/start-etcd.sh            plain member: http://127.0.0.1:2379 (peer 2380), data in $BERTH_RUN/etcd
#   scripts/start-etcd.sh --secure   secure member: https://127.0.0.1:2479 (peer 2480), data in $BERTH_RUN/etcd-secure,
#                                    client TLS required (CA and certificates made here with openssl) and auth on:
#                                      root     - everything
#                                      berth    - readwrite /caas/
#                                      gateway  - read /caas/service/address/, /caas/apps/ and the gateway settings
#                                                 (/caas/domains/, /caas/traffic/, /caas/blacklist/, /caas/active/, /caas/settings/, /caas/https/)
#                                                 the ACME HTTP-01 answers (/caas/acme/challenges/) and the
#                                                 certificate store (/caas/certificates/, keys sealed)
#                                    passwords in $BERTH_RUN/etcd-secure/<user>.password (mode 0600),
#                                    certificates in $BERTH_RUN/etcd-secure/pki/ (ca.crt, client.crt, client.key).
# A running member is never touched; a killed one's stale pidfile is cleaned up.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

START_TIMEOUT=${BERTH_ETCD_TIMEOUT:-30}
SECURE=0
case ${1:-} in
  "") ;;
  --secure) SECURE=1 ;;
  *) die "unknown argument '$1' (usage: $0 [--secure])" ;;
esac

if ((SECURE)); then
  NAME=berth-secure CLIENT_PORT=2479 PEER_PORT=2480 DIR="$BERTH_RUN/etcd-secure"
  ENDPOINT="https://127.0.0.1:$CLIENT_PORT"
else
  NAME=berth CLIENT_PORT=2379 PEER_PORT=2380 DIR="$BERTH_RUN/etcd"
  ENDPOINT="http://127.0.0.1:$CLIENT_PORT"
fi
DATA_DIR="$DIR/data"
PID_FILE="$DIR/etcd.pid"
LOG_FILE="$DIR/etcd.log"
PKI="$DIR/pki"

# etcdctl against our member; on the secure one with the client certificate (and root when auth is on).
ctl() {
  local args=(--endpoints "$ENDPOINT" --dial-timeout 2s --command-timeout 5s)
  ((SECURE)) && args+=(--cacert "$PKI/ca.crt" --cert "$PKI/client.crt" --key "$PKI/client.key")
  ETCDCTL_API=3 etcdctl "${args[@]}" "$@"
}
root_ctl() { ctl --user "root:$(cat "$DIR/root.password")" "$@"; }

# etcdctl reports a member with auth on as healthy too (permission denied still went through raft).
# The port check first: etcdctl would spend its whole dial timeout on a member not listening yet.
etcd_up() {
  tcp_open 127.0.0.1 "$CLIENT_PORT" && ctl endpoint health >/dev/null 2>&1
}

# What the gateway role may read besides /caas/service/address/ and /caas/apps/.
GATEWAY_PREFIXES=(domains traffic blacklist active settings acme/challenges certificates sleeping https)

# grant_gateway CTL: gives the gateway role each of GATEWAY_PREFIXES (granting twice is harmless), and the two prefixes a
# gateway writes: its requests to wake a sleeping app and for a certificate on demand, which only the leader acts on.
grant_gateway() {
  local prefix
  for prefix in "${GATEWAY_PREFIXES[@]}"; do
    "$1" role grant-permission gateway --prefix=true read "/caas/$prefix/" >/dev/null
  done
  "$1" role grant-permission gateway --prefix=true readwrite /caas/wake/ >/dev/null
  "$1" role grant-permission gateway --prefix=true readwrite /caas/acme/wanted/ >/dev/null
}

# Auth is finished once the last step (the gateway role) answers to root.
auth_ready() {
  [[ -f $DIR/root.password ]] && root_ctl role get gateway >/dev/null 2>&1
}

# A member set up before a prefix joined GATEWAY_PREFIXES gets it now, so its gateways keep up with the layout.
gateway_role_current() {
  local role
  role=$(root_ctl role get gateway 2>/dev/null) || return 1
  grep -qF "/caas/${GATEWAY_PREFIXES[-1]}/" <<<"$role" || grant_gateway root_ctl
}

ready() {
  etcd_up || return 1
  ((SECURE == 0)) || { auth_ready && gateway_role_current; }
}

# Fast path: nothing to do.
if [[ -f $PKI/ca.crt || $SECURE == 0 ]] && ready; then
  log "etcd $NAME already answering on $ENDPOINT"
  exit 0
fi

need etcd "run scripts/install.sh (package etcd-server)"
need etcdctl "run scripts/install.sh (package etcd-client)"
need flock
((SECURE)) && need openssl "run scripts/install.sh (package openssl)"

take_lock "etcd-$NAME"

# our_etcd_pids: etcd processes serving our data dir (tests may run others elsewhere).
our_etcd_pids() {
  local pid
  for pid in $(pgrep -x etcd || true); do
    pid_running "$pid" || continue
    tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF "$DATA_DIR" && printf '%s\n' "$pid"
  done
  return 0
}

# make_pki: a self-signed CA, a server certificate for 127.0.0.1/localhost and one client certificate
# (CN berth-client, not a user name, so identity comes from the password, never from the certificate).
make_pki() {
  [[ -f $PKI/ca.crt && -f $PKI/server.crt && -f $PKI/client.crt ]] && return 0
  log "making a CA and certificates in $PKI"
  rm -rf "$PKI"
  mkdir -p "$PKI"
  chmod 0700 "$PKI"
  (
    cd "$PKI"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
      -keyout ca.key -out ca.crt -subj "/CN=berth-etcd-ca" 2>/dev/null
    issue() { # issue NAME CN EXTENDED_KEY_USAGE [SAN]
      openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$1.key" -out "$1.csr" \
        -subj "/CN=$2" -addext "extendedKeyUsage=$3" ${4:+-addext "subjectAltName=$4"} 2>/dev/null
      openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
        -copy_extensions copy -out "$1.crt" 2>/dev/null
      rm -f "$1.csr"
    }
    issue server berth-etcd serverAuth "IP:127.0.0.1,DNS:localhost"
    issue client berth-client clientAuth
    chmod 0600 ./*.key
  ) || die "openssl failed to make the certificates in $PKI"
}

# password USER: the user's password, made once and kept in a 0600 file.
password() {
  local file="$DIR/$1.password"
  if [[ ! -s $file ]]; then
    (umask 077 && openssl rand -hex 16 >"$file")
  fi
  chmod 0600 "$file"
  cat "$file"
}

# setup_auth: users and roles, then auth on. Each step checks first, so a run cut short resumes.
setup_auth() {
  local root_pw berth_pw gateway_pw out
  root_pw=$(password root) berth_pw=$(password berth) gateway_pw=$(password gateway)
  if ctl user list >/dev/null 2>&1; then
    log "setting up users and roles on $NAME"
    ctl user get root >/dev/null 2>&1 || ctl user add "root:$root_pw" >/dev/null
    ctl role get berth >/dev/null 2>&1 || {
      ctl role add berth >/dev/null
      ctl role grant-permission berth --prefix=true readwrite /caas/ >/dev/null
    }
    ctl user get berth >/dev/null 2>&1 || {
      ctl user add "berth:$berth_pw" >/dev/null
      ctl user grant-role berth berth >/dev/null
    }
    ctl role get gateway >/dev/null 2>&1 || {
      ctl role add gateway >/dev/null
      ctl role grant-permission gateway --prefix=true read /caas/service/address/ >/dev/null
      ctl role grant-permission gateway --prefix=true read /caas/apps/ >/dev/null
      grant_gateway ctl
    }
    ctl user get gateway >/dev/null 2>&1 || {
      ctl user add "gateway:$gateway_pw" >/dev/null
      ctl user grant-role gateway gateway >/dev/null
    }
    # etcdctl logs a retry while it gives root the root role; show its output only on failure.
    out=$(ctl auth enable 2>&1) || die "etcdctl auth enable failed on $NAME: $out"
  fi
  auth_ready || die "auth is on in $DATA_DIR but root's password in $DIR/root.password does not work; remove $DIR and rerun"
  log "auth is on: users root, berth (readwrite /caas/), gateway (read /caas/service/address/, /caas/apps/, gateway settings, certificates, sleeping marks; write /caas/wake/, /caas/acme/wanted/)"
}

# wait_ready: the member answers (and its auth is set up); die if it exits first.
wait_ready() {
  local pid=$1 from=$2
  up_or_died() {
    etcd_up && return 0
    if ! pid_running "$pid"; then
      log_tail "$LOG_FILE" "$from"
      die "etcd $NAME (pid $pid) exited during start-up; see $LOG_FILE"
    fi
    return 1
  }
  if ! wait_until "$START_TIMEOUT" up_or_died; then
    log_tail "$LOG_FILE" "$from"
    die "etcd $NAME (pid $pid) did not answer on $ENDPOINT within ${START_TIMEOUT}s; it is left running, see $LOG_FILE"
  fi
  ((SECURE == 0)) || setup_auth
}

mkdir -p "$DIR"
chmod 0700 "$DIR"
((SECURE)) && make_pki

# A member of ours is starting (or was started by another run): wait for it instead of starting a second one.
mapfile -t running < <(our_etcd_pids)
if ((${#running[@]})); then
  log "etcd $NAME (pid ${running[*]}) is running; waiting up to ${START_TIMEOUT}s for it to answer"
  wait_ready "${running[0]}" "$(file_size "$LOG_FILE")"
  log "etcd $NAME is up (pid ${running[*]})"
  exit 0
fi

if pid=$(pid_from_file "$PID_FILE") && ! pid_alive_as "$pid" etcd; then
  log "removing stale $PID_FILE (no etcd with pid $pid)"
fi
rm -f "$PID_FILE"

for port in "$CLIENT_PORT" "$PEER_PORT"; do
  if tcp_open 127.0.0.1 "$port"; then
    holder=$(ss -Hltnp "sport = :$port" 2>/dev/null | sed -nE 's/.*users:\(\((.*)\)\).*/\1/p' | head -n 1 || true)
    die "port 127.0.0.1:$port is taken by something that is not our etcd${holder:+ ($holder)}; free it and rerun"
  fi
done

args=(--name "$NAME" --data-dir "$DATA_DIR"
  --listen-client-urls "$ENDPOINT" --advertise-client-urls "$ENDPOINT"
  --listen-peer-urls "http://127.0.0.1:$PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$PEER_PORT"
  --initial-cluster "$NAME=http://127.0.0.1:$PEER_PORT" --initial-cluster-state new
  --logger zap --log-outputs stderr)
if ((SECURE)); then
  args+=(--cert-file "$PKI/server.crt" --key-file "$PKI/server.key"
    --trusted-ca-file "$PKI/ca.crt" --client-cert-auth)
fi

log_from=$(file_size "$LOG_FILE")
printf '\n=== %s start-etcd.sh: starting etcd %s ===\n' "$(date -Is)" "$NAME" >>"$LOG_FILE"
# setsid + nohup: etcd must outlive this script and the terminal; fd 9 (our lock) closed.
setsid nohup etcd "${args[@]}" </dev/null >>"$LOG_FILE" 2>&1 9>&- &
ETCD_PID=$!
echo "$ETCD_PID" >"$PID_FILE"
log "started etcd $NAME (pid $ETCD_PID) on $ENDPOINT, log: $LOG_FILE; waiting up to ${START_TIMEOUT}s"
wait_ready "$ETCD_PID" "$log_from"
log "etcd $NAME is up (pid $ETCD_PID)"
