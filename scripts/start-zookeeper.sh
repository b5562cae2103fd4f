#!/usr/bin/env bash
# Make sure a standalone ZooKeeper answers on 127.0.0.1:2181 (loopback only), for the
# ZooKeeper discovery backend and its tests. Started by hand, detached, with its config,
# data and log under $BERTH_RUN/zookeeper. A running ZooKeeper is never touched.
# tickTime 500 ms and minSessionTimeout 1 s keep session-expiry tests quick.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

START_TIMEOUT=${BERTH_ZOOKEEPER_TIMEOUT:-60}
HOST=127.0.0.1
PORT=2181
ZK_DIR="$BERTH_RUN/zookeeper"
CONF_DIR="$ZK_DIR/conf"
CONFIG="$CONF_DIR/zoo.cfg"
DATA_DIR="$ZK_DIR/data"
LOG_FILE="$ZK_DIR/zookeeper.log"
PID_FILE="$ZK_DIR/zookeeper.pid"
ZK_JAR=/usr/share/java/zookeeper.jar
# No logging binding ships on ZooKeeper's own class path; slf4j-simple writes to stderr (our log).
LOG_JAR=/usr/share/java/slf4j-simple.jar

# four_letter WORD: the answer of a four-letter-word command, empty when nothing answers.
four_letter() {
  timeout 3 bash -c "exec 3<>/dev/tcp/$HOST/$PORT && printf '%s' '$1' >&3 && cat <&3" 2>/dev/null || true
}

# zookeeper_up: a standalone ZooKeeper serves clients on $HOST:$PORT.
zookeeper_up() {
  grep -q '^Mode: standalone' <<<"$(four_letter srvr)"
}

# Fast path: nothing to do.
if zookeeper_up; then
  log "zookeeper already answering on $HOST:$PORT"
  exit 0
fi

need java "run scripts/install.sh (package zookeeper pulls in Java)"
need flock
need timeout
[[ -r $ZK_JAR ]] || die "$ZK_JAR not found; run scripts/install.sh (package zookeeper)"

take_lock zookeeper
if zookeeper_up; then
  log "zookeeper already answering on $HOST:$PORT"
  exit 0
fi

# our_zookeeper_pids: java processes running a ZooKeeper server on our config.
our_zookeeper_pids() {
  local pid
  for pid in $(pgrep -x java || true); do
    pid_running "$pid" || continue
    if tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF "$CONFIG"; then
      printf '%s\n' "$pid"
    fi
  done
}

# Ours is starting (or busy): wait for it rather than starting a second one.
mapfile -t running < <(our_zookeeper_pids)
if ((${#running[@]})); then
  log "zookeeper (pid ${running[*]}) is running but not serving yet; waiting up to ${START_TIMEOUT}s"
  wait_until "$START_TIMEOUT" zookeeper_up && { log "zookeeper is up"; exit 0; }
  log_tail "$LOG_FILE"
  die "zookeeper (pid ${running[*]}) does not serve on $HOST:$PORT after ${START_TIMEOUT}s; not starting another. Stop it (kill ${running[*]}) and rerun."
fi

# A pid file without its process is what a killed server leaves behind.
if [[ -e $PID_FILE ]]; then
  log "removing stale $PID_FILE (no zookeeper running on $CONFIG)"
  rm -f "$PID_FILE"
fi

# Something else holds the port: ZooKeeper could not bind it, so say who it is.
if tcp_open "$HOST" "$PORT"; then
  holder=$(ss -Hltnp "sport = :$PORT" 2>/dev/null | sed -nE 's/.*users:\(\((.*)\)\).*/\1/p' | head -n 1 || true)
  die "port $HOST:$PORT is taken by something that is not a standalone ZooKeeper${holder:+ ($holder)}; free it and rerun"
fi

mkdir -p "$CONF_DIR" "$DATA_DIR"
# Write the config only when it differs, so an identical rerun changes nothing.
# maxClientCnxns=0: tests open many sessions from 127.0.0.1 at once (the default caps at 60).
tmp=$(mktemp "$CONFIG.XXXXXX")
cat >"$tmp" <<EOF
tickTime=500
minSessionTimeout=1000
maxSessionTimeout=60000
dataDir=$DATA_DIR
clientPort=$PORT
clientPortAddress=$HOST
maxClientCnxns=0
admin.enableServer=false
4lw.commands.whitelist=ruok,srvr,stat,mntr,conf
autopurge.snapRetainCount=3
autopurge.purgeInterval=1
EOF
if cmp -s "$tmp" "$CONFIG"; then rm -f "$tmp"; else mv -f "$tmp" "$CONFIG"; fi

classpath="$CONF_DIR:$ZK_JAR"
[[ -r $LOG_JAR ]] && classpath+=":$LOG_JAR"

log_from=$(file_size "$LOG_FILE")
printf '\n=== %s start-zookeeper.sh: starting zookeeper on %s ===\n' "$(date -Is)" "$CONFIG" >>"$LOG_FILE"
# setsid + nohup: the server must outlive this script and the terminal; fd 9 (our lock) closed.
setsid nohup java -Xmx256m -cp "$classpath" org.apache.zookeeper.server.quorum.QuorumPeerMain "$CONFIG" \
  </dev/null >>"$LOG_FILE" 2>&1 9>&- &
ZK_PID=$!
printf '%s\n' "$ZK_PID" >"$PID_FILE"
log "started zookeeper (pid $ZK_PID), log: $LOG_FILE; waiting up to ${START_TIMEOUT}s"

up_or_died() {
  zookeeper_up && return 0
  if ! pid_running "$ZK_PID"; then
    log_tail "$LOG_FILE" "$log_from"
    rm -f "$PID_FILE"
    die "zookeeper (pid $ZK_PID) exited during start-up; see $LOG_FILE"
  fi
  return 1
}
if ! wait_until "$START_TIMEOUT" up_or_died; then
  log_tail "$LOG_FILE" "$log_from"
  die "zookeeper (pid $ZK_PID) did not serve on $HOST:$PORT within ${START_TIMEOUT}s; it is left running, see $LOG_FILE"
fi
log "zookeeper is up (pid $ZK_PID)"
