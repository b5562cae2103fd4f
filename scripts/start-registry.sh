#!/usr/bin/env bash
# Make sure a Docker registry answers on an address (default $BERTH_REGISTRY, 127.0.0.1:5000), started by
# hand, detached, with its config, storage, log and pid file in one folder. A running registry in the mode
# asked for is never touched. Each address has a folder of its own, so BERTH_REGISTRY=127.0.0.1:5002 runs a
# second registry beside the one on 5000 without sharing its config or storage.
#
# Usage: scripts/start-registry.sh [--addr HOST:PORT] [--dir DIR] [--token [--realm URL]] [--tls] [--replace]
#   --addr      where it listens (default $BERTH_REGISTRY)
#   --dir       its folder (default $BERTH_RUN for 127.0.0.1:5000, $BERTH_RUN/registry-HOST-PORT otherwise)
#   --token     token authentication with Berth as the token server (also BERTH_REGISTRY_AUTH=token): the
#               registry trusts the certificate scripts/registry-auth.sh makes in --auth-dir
#   --realm     Berth's token URL (also BERTH_REGISTRY_REALM; default http://127.0.0.1:7070/v1/registry/token)
#   --auth-dir  the keys' folder (default $BERTH_RUN/registry-auth)
#   --tls       serve HTTPS with a certificate for HOST signed by the auth folder's CA (for non-loopback
#               addresses; Docker hosts then trust AUTH_DIR/ca.crt as /etc/docker/certs.d/HOST:PORT/ca.crt)
#   --replace   a registry of ours answering there in another mode is stopped and started again in this one
#               (same storage, so images stay); without it that is an error
# Without --token the registry is open: anyone who reaches it may push and pull.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

START_TIMEOUT=${BERTH_REGISTRY_TIMEOUT:-30}
addr=$BERTH_REGISTRY
dir=""
auth=${BERTH_REGISTRY_AUTH:-none}
realm=${BERTH_REGISTRY_REALM:-http://127.0.0.1:7070/v1/registry/token}
auth_dir="$BERTH_RUN/registry-auth"
tls=0
replace=0
while (($#)); do
  case $1 in
    --addr) addr=${2:?--addr needs HOST:PORT}; shift 2 ;;
    --dir) dir=${2:?--dir needs a folder}; shift 2 ;;
    --token) auth=token; shift ;;
    --realm) realm=${2:?--realm needs a URL}; shift 2 ;;
    --auth-dir) auth_dir=${2:?--auth-dir needs a folder}; shift 2 ;;
    --tls) tls=1; shift ;;
    --replace) replace=1; shift ;;
    -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see $0 --help)" ;;
  esac
done
[[ $auth == none || $auth == token ]] || die "BERTH_REGISTRY_AUTH must be 'token' or empty, not '$auth'"
HOST=${addr%:*}
PORT=${addr##*:}
[[ $PORT =~ ^[0-9]+$ && -n $HOST && $HOST != "$addr" ]] || die "--addr must be HOST:PORT, not '$addr'"
# The registry on 127.0.0.1:5000 keeps the folder and lock name older scripts use; any other address gets its
# own, whatever BERTH_REGISTRY says, so a second registry never reads or rewrites the first one's config.
DEFAULT_ADDR=127.0.0.1:5000
if [[ -z $dir ]]; then
  if [[ $addr == "$DEFAULT_ADDR" ]]; then dir=$BERTH_RUN; else dir="$BERTH_RUN/registry-$HOST-$PORT"; fi
fi
CONFIG="$dir/registry.yml"
DATA_DIR="$dir/registry-data"
LOG_FILE="$dir/registry.log"
PID_FILE="$dir/registry.pid"
scheme=http
((tls)) && scheme=https
URL="$scheme://$addr/v2/"
CURL_TLS=()
((tls)) && CURL_TLS=(--cacert "$auth_dir/ca.crt")

# mode_now: how the registry on the address answers: "none" (open), "token REALM", or nothing when no
# Docker registry answers there. The API version header is what identifies a registry.
mode_now() {
  local headers
  headers=$(curl -s --max-time 3 "${CURL_TLS[@]}" -o /dev/null -D - "$URL" 2>/dev/null) || return 0
  grep -qi '^docker-distribution-api-version: *registry/2' <<<"$headers" || return 0
  if grep -qiE '^HTTP/[0-9.]+ 401' <<<"$headers"; then
    printf 'token %s\n' "$(sed -nE 's/^[Ww][Ww][Ww]-[Aa]uthenticate: *Bearer .*realm="([^"]*)".*/\1/p' <<<"$headers" | tr -d '\r')"
  else
    echo none
  fi
}
wanted=$auth
[[ $auth == token ]] && wanted="token $realm"

# our_registry_pids: docker-registry processes configured for our address (tests run other registries on
# other ports: those are not ours).
our_registry_pids() {
  local pid cfg
  for pid in $(pgrep -x docker-registry || true); do
    pid_running "$pid" || continue
    # Command line: docker-registry serve CONFIG; the config is the last argument.
    cfg=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | tail -n 1) || continue
    if [[ $cfg == "$CONFIG" ]] || grep -qsE "addr: *['\"]?(${HOST//./\\.})?:${PORT}['\"]? *$" "$cfg"; then
      printf '%s\n' "$pid"
    fi
  done
}

# up_as_wanted: exit 0 when the registry already answers in the mode asked for; fail (or stop it, with
# --replace) when it answers in another.
up_as_wanted() {
  local now pids
  now=$(mode_now)
  [[ -n $now ]] || return 1
  if [[ $now == "$wanted" ]]; then
    log "registry already answering on $addr (auth: $now)"
    exit 0
  fi
  ((replace)) || die "the registry on $addr runs with auth '$now', not '$wanted'; stop it or rerun with --replace"
  mapfile -t pids < <(our_registry_pids)
  ((${#pids[@]})) || die "the registry on $addr runs with auth '$now' and is not one of ours; not replacing it"
  log "stopping docker-registry (pid ${pids[*]}, auth: $now) to start it with auth '$wanted'"
  kill "${pids[@]}"
  gone() { local p; for p in "${pids[@]}"; do pid_running "$p" && return 1; done; return 0; }
  wait_until 15 gone || die "docker-registry (pid ${pids[*]}) did not stop"
  return 1
}

# Fast path: nothing to do.
up_as_wanted || true

need curl "run scripts/install.sh"
need docker-registry "run scripts/install.sh (package docker-registry)"
need flock

mkdir -p "$dir"
if [[ $addr == "$DEFAULT_ADDR" ]]; then take_lock registry; else take_lock "registry-$HOST-$PORT"; fi
up_as_wanted || true

# A registry of ours is starting: wait for it instead of starting a second one.
mapfile -t running < <(our_registry_pids)
if ((${#running[@]})); then
  log "docker-registry (pid ${running[*]}) is running but not answering yet; waiting up to ${START_TIMEOUT}s"
  answers() { [[ -n $(mode_now) ]]; }
  wait_until "$START_TIMEOUT" answers && { log "registry is up"; exit 0; }
  log_tail "$LOG_FILE"
  die "docker-registry (pid ${running[*]}) does not answer on $URL after ${START_TIMEOUT}s; not starting another. Stop it (kill ${running[*]}) and rerun."
fi

# Something else holds the port: a registry could not bind it, so say who it is.
if tcp_open "$HOST" "$PORT"; then
  holder=$(ss -Hltnp "sport = :$PORT" 2>/dev/null | sed -nE 's/.*users:\(\((.*)\)\).*/\1/p' | head -n 1 || true)
  die "port $addr is taken by something that is not a Docker registry${holder:+ ($holder)}; free it and rerun"
fi

auth_config=""
if [[ $auth == token || $tls == 1 ]]; then
  tls_args=()
  ((tls)) && tls_args=(--tls "$HOST")
  "$(dirname "$0")/registry-auth.sh" --dir "$auth_dir" "${tls_args[@]}" >/dev/null
fi
if [[ $auth == token ]]; then
  auth_config="auth:
  token:
    realm: $realm
    service: ${BERTH_REGISTRY_SERVICE:-berth-registry}
    issuer: ${BERTH_REGISTRY_ISSUER:-berth}
    rootcertbundle: $auth_dir/signing.crt"
fi
tls_config=""
if ((tls)); then
  tls_config="  tls:
    certificate: $auth_dir/registry-$HOST.crt
    key: $auth_dir/registry-$HOST.key"
fi

mkdir -p "$DATA_DIR"
# Write the config only when it differs, so an identical rerun changes nothing.
tmp=$(mktemp "$CONFIG.XXXXXX")
cat >"$tmp" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $DATA_DIR
  delete:
    enabled: true
http:
  addr: $addr
${tls_config}
${auth_config}
YAML
if cmp -s "$tmp" "$CONFIG"; then rm -f "$tmp"; else mv -f "$tmp" "$CONFIG"; fi

log_from=$(file_size "$LOG_FILE")
printf '\n=== %s start-registry.sh: starting docker-registry serve %s (auth: %s) ===\n' "$(date -Is)" "$CONFIG" "$wanted" >>"$LOG_FILE"
# setsid + nohup: the registry must outlive this script and the terminal; fd 9 (our lock) closed.
setsid nohup docker-registry serve "$CONFIG" </dev/null >>"$LOG_FILE" 2>&1 9>&- &
REGISTRY_PID=$!
echo "$REGISTRY_PID" >"$PID_FILE"
log "started docker-registry (pid $REGISTRY_PID, auth: $wanted), log: $LOG_FILE; waiting up to ${START_TIMEOUT}s"

up_or_died() {
  [[ $(mode_now) == "$wanted" ]] && return 0
  if ! pid_running "$REGISTRY_PID"; then
    log_tail "$LOG_FILE" "$log_from"
    die "docker-registry (pid $REGISTRY_PID) exited during start-up; see $LOG_FILE"
  fi
  return 1
}
if ! wait_until "$START_TIMEOUT" up_or_died; then
  log_tail "$LOG_FILE" "$log_from"
  die "docker-registry (pid $REGISTRY_PID) did not answer on $URL within ${START_TIMEOUT}s; it is left running, see $LOG_FILE"
fi
log "registry is up (pid $REGISTRY_PID)"
