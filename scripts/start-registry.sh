#!/usr/bin/env bash
# Make sure the local image registry answers on 127.0.0.1:5000 (plain HTTP, loopback only).
# Started by hand, detached, with its config and storage under $BERTH_RUN.
# A running registry is never touched.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

START_TIMEOUT=${BERTH_REGISTRY_TIMEOUT:-30}
CONFIG="$BERTH_RUN/registry.yml"
DATA_DIR="$BERTH_RUN/registry-data"
LOG_FILE="$BERTH_RUN/registry.log"
HOST=${BERTH_REGISTRY%:*}
PORT=${BERTH_REGISTRY##*:}

# Fast path: nothing to do.
if registry_up; then
  log "registry already answering on $BERTH_REGISTRY"
  exit 0
fi

need curl "run scripts/install.sh"
need docker-registry "run scripts/install.sh (package docker-registry)"
need flock

take_lock registry
if registry_up; then
  log "registry already answering on $BERTH_REGISTRY"
  exit 0
fi

# our_registry_pids: docker-registry processes configured for our address (tests may run
# other registries, e.g. with token auth, on other ports: those are not ours).
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

# A registry of ours is starting: wait for it instead of starting a second one.
mapfile -t running < <(our_registry_pids)
if ((${#running[@]})); then
  log "docker-registry (pid ${running[*]}) is running but not answering yet; waiting up to ${START_TIMEOUT}s"
  wait_until "$START_TIMEOUT" registry_up && { log "registry is up"; exit 0; }
  log_tail "$LOG_FILE"
  die "docker-registry (pid ${running[*]}) does not answer on http://$BERTH_REGISTRY/v2/ after ${START_TIMEOUT}s; not starting another. Stop it (kill ${running[*]}) and rerun."
fi

# Something else holds the port: a registry could not bind it, so say who it is.
if tcp_open "$HOST" "$PORT"; then
  holder=$(ss -Hltnp "sport = :$PORT" 2>/dev/null | sed -nE 's/.*users:\(\((.*)\)\).*/\1/p' | head -n 1 || true)
  die "port $BERTH_REGISTRY is taken by something that is not a Docker registry${holder:+ ($holder)}; free it and rerun"
fi

mkdir -p "$DATA_DIR"
# Write the config only when it differs, so an identical rerun changes nothing.
tmp=$(mktemp "$CONFIG.XXXXXX")
cat >"$tmp" <<EOF
version: 0.1
storage:
  filesystem:
    rootdirectory: $DATA_DIR
  delete:
    enabled: true
http:
  addr: $BERTH_REGISTRY
EOF
if cmp -s "$tmp" "$CONFIG"; then rm -f "$tmp"; else mv -f "$tmp" "$CONFIG"; fi

log_from=$(file_size "$LOG_FILE")
printf '\n=== %s start-registry.sh: starting docker-registry serve %s ===\n' "$(date -Is)" "$CONFIG" >>"$LOG_FILE"
# setsid + nohup: the registry must outlive this script and the terminal; fd 9 (our lock) closed.
setsid nohup docker-registry serve "$CONFIG" </dev/null >>"$LOG_FILE" 2>&1 9>&- &
REGISTRY_PID=$!
log "started docker-registry (pid $REGISTRY_PID), log: $LOG_FILE; waiting up to ${START_TIMEOUT}s"

up_or_died() {
  registry_up && return 0
  if ! pid_running "$REGISTRY_PID"; then
    log_tail "$LOG_FILE" "$log_from"
    die "docker-registry (pid $REGISTRY_PID) exited during start-up; see $LOG_FILE"
  fi
  return 1
}
if ! wait_until "$START_TIMEOUT" up_or_died; then
  log_tail "$LOG_FILE" "$log_from"
  die "docker-registry (pid $REGISTRY_PID) did not answer on http://$BERTH_REGISTRY/v2/ within ${START_TIMEOUT}s; it is left running, see $LOG_FILE"
fi
log "registry is up (pid $REGISTRY_PID)"
