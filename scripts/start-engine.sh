#!/usr/bin/env bash
# Make sure the default Docker engine (/var/run/docker.sock) is up.
# Packages never auto-start services on our machines, so dockerd is started by hand,
# detached. A running engine is never touched; a killed one's leftovers are cleaned up.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

START_TIMEOUT=${BERTH_ENGINE_TIMEOUT:-60}
LOG_FILE="$BERTH_RUN/dockerd.log"

# Fast path: nothing to do.
if engine_up; then
  log "engine already answering on $DOCKER_SOCK"
  exit 0
fi

need curl "run scripts/install.sh"
need dockerd "run scripts/install.sh (package docker.io)"
need flock

# Two runs at once (e.g. two test.sh) must not both start an engine.
take_lock engine
if engine_up; then
  log "engine already answering on $DOCKER_SOCK"
  exit 0
fi

# default_dockerd_pids: dockerd processes serving the default socket. Engines started
# with their own --host (tests run secondary engines) are someone else's: ignore them.
default_dockerd_pids() {
  local pid arg custom ours
  for pid in $(pgrep -x dockerd || true); do
    pid_alive_as "$pid" dockerd || continue
    custom=0 ours=0
    while IFS= read -r -d '' arg; do
      case $arg in
        -H* | --host | --host=*) custom=1 ;;
      esac
      [[ $arg == *"$DOCKER_SOCK"* ]] && ours=1
    done <"/proc/$pid/cmdline" || true
    ((custom == 0 || ours == 1)) && printf '%s\n' "$pid"
  done
}

# A dockerd exists but does not answer yet (still starting, or busy): wait for it
# rather than starting a second engine beside it.
mapfile -t running < <(default_dockerd_pids)
if ((${#running[@]})); then
  log "dockerd (pid ${running[*]}) is running but not answering yet; waiting up to ${START_TIMEOUT}s"
  if wait_until "$START_TIMEOUT" engine_up; then
    log "engine is up (pid ${running[*]})"
    exit 0
  fi
  log_tail "$LOG_FILE"
  die "dockerd (pid ${running[*]}) does not answer on $DOCKER_SOCK after ${START_TIMEOUT}s; not starting a second engine. Check its log, stop it (kill ${running[*]}) and rerun."
fi

# No engine for the default socket: clean up what a killed one leaves behind,
# since dockerd refuses to start over a live-looking pidfile.
if pid=$(pid_from_file "$DOCKER_PIDFILE"); then
  if pid_alive_as "$pid" dockerd; then
    # Unreachable in practice (default_dockerd_pids would have found it), but be safe.
    die "$DOCKER_PIDFILE names running dockerd $pid that does not answer; not starting another"
  fi
  log "removing stale $DOCKER_PIDFILE (no dockerd with pid $pid)"
  rm -f "$DOCKER_PIDFILE"
elif [[ -e $DOCKER_PIDFILE ]]; then
  log "removing empty/garbled $DOCKER_PIDFILE"
  rm -f "$DOCKER_PIDFILE"
fi
if [[ -e $DOCKER_SOCK ]]; then
  log "removing stale $DOCKER_SOCK (no engine behind it)"
  rm -f "$DOCKER_SOCK"
fi
# dockerd re-adopts a containerd that outlived it (it checks containerd.pid), so a live
# one stays; a dead one's pidfile would make dockerd wait on a process that is gone
# (or adopt an unrelated process that reused the pid), and its sockets would block the new one.
if cpid=$(pid_from_file "$CONTAINERD_DIR/containerd.pid") && pid_alive_as "$cpid" containerd; then
  log "containerd $cpid from the previous engine is still running; dockerd will adopt it"
else
  for f in containerd.pid containerd.sock containerd.sock.ttrpc containerd-debug.sock; do
    if [[ -e $CONTAINERD_DIR/$f ]]; then
      log "removing stale $CONTAINERD_DIR/$f"
      rm -f "${CONTAINERD_DIR:?}/$f"
    fi
  done
fi

log_from=$(file_size "$LOG_FILE")
printf '\n=== %s start-engine.sh: starting dockerd --storage-driver=vfs ===\n' "$(date -Is)" >>"$LOG_FILE"
# setsid + nohup: the engine must outlive this script and the terminal; fd 9 (our lock) closed.
setsid nohup dockerd --storage-driver=vfs </dev/null >>"$LOG_FILE" 2>&1 9>&- &
DOCKERD_PID=$!
log "started dockerd (pid $DOCKERD_PID), log: $LOG_FILE; waiting up to ${START_TIMEOUT}s"

up_or_died() {
  engine_up && return 0
  if ! pid_running "$DOCKERD_PID"; then
    log_tail "$LOG_FILE" "$log_from"
    die "dockerd (pid $DOCKERD_PID) exited during start-up; see $LOG_FILE"
  fi
  return 1
}
if ! wait_until "$START_TIMEOUT" up_or_died; then
  log_tail "$LOG_FILE" "$log_from"
  die "dockerd (pid $DOCKERD_PID) did not answer on $DOCKER_SOCK within ${START_TIMEOUT}s; it is left running, see $LOG_FILE"
fi
log "engine is up (pid $DOCKERD_PID)"
