#!/usr/bin/env bash
# A Berth cluster in a box, on this machine: every part in a network namespace of its own, with an address on one
# bridge (bcl0, 10.213.0.1/24) — traffic stays on addresses this script made.
#   h1..hN    10.213.0.11..   a dockerd (vfs, tcp://ADDR:2375 and a unix socket) and a `berth gateway` on ADDR:7080
#   cp1, cp2  10.213.0.21/22  `berth server` (API on ADDR:7070); h1 is their local host, h2..hN join through the API
#   d1..d3    10.213.0.31..33 a 3-member etcd (client 2379) or ZooKeeper (client 2181) ensemble
#   db        10.213.0.40     PostgreSQL (5432) or MariaDB (3306)
#   registry  10.213.0.1:5000 a read-only registry over the local registry's storage (every engine trusts it)
# Gateways and control planes use their own least-privilege discovery users (etcd roles / ZooKeeper digest ACLs).
#
# Usage: scripts/cluster.sh up [N] [--db postgres|mariadb] [--discovery etcd|zookeeper]   (default 3 postgres etcd)
#        scripts/cluster.sh down | status | env
#        scripts/cluster.sh cut NS | heal NS          link of a namespace down / up (h2, cp1, d3 …)
#        scripts/cluster.sh slow NS MS | fast NS      delay what its link sends by MS milliseconds (e.g. 200) / stop
#        scripts/cluster.sh kill|pause|resume PROC    PROC: h2-engine, h2-gateway, cp1, d3, db
#        scripts/cluster.sh start PROC                start a killed process again
#        scripts/cluster.sh restart-engine NS
# `up` is idempotent (a running part is left alone; another shape needs `down` first). `down` removes every
# namespace, link, process, cgroup, mount, firewall rule and file it made. BERTH_DLL picks the berth.dll to run
# (default: the Release build the ./berth wrapper makes).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR="$BERTH_RUN/cluster"
NET=10.213.0
BRIDGE=bcl0
FW_COMMENT=berth-cluster
REGISTRY="$NET.1:5000"
SHARED_REGISTRY_DATA="$BERTH_RUN/registry-data"
PG_BIN=/usr/lib/postgresql/15/bin
ZK_CLASSPATH=/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-simple.jar
START_TIMEOUT=${BERTH_CLUSTER_TIMEOUT:-90}

# ---------- layout ----------
addr() { # addr NS
  case $1 in
    db) echo "$NET.40" ;;
    h[1-9]) echo "$NET.$((10 + ${1#h}))" ;;
    cp[1-9]) echo "$NET.$((20 + ${1#cp}))" ;;
    d[1-3]) echo "$NET.$((30 + ${1#d}))" ;;
    *) die "no namespace '$1'" ;;
  esac
}
netns() { echo "bcl-$1"; }      # the kernel's name of a namespace
veth() { echo "bcl-$1"; }       # its link on the bridge side (≤ 15 characters)
# nsenter, not `ip netns exec`: that one remounts /sys for the namespace, which hides the cgroup mounts dockerd needs.
in_ns() { local ns=$1; shift; nsenter "--net=/run/netns/$(netns "$ns")" "$@"; }
pidfile() { echo "$DIR/pids/$1.pid"; }
shape() { cat "$DIR/shape" 2>/dev/null || true; }
hosts() { local n i; n=$(cut -d' ' -f1 <<<"$(shape)"); for ((i = 1; i <= n; i++)); do echo "h$i"; done; }
db_kind() { cut -d' ' -f2 <<<"$(shape)"; }
discovery_kind() { cut -d' ' -f3 <<<"$(shape)"; }
secret() { # secret NAME: made once, kept 0600
  local file="$DIR/secrets/$1"
  [[ -s $file ]] || (umask 077 && openssl rand -hex 16 >"$file")
  cat "$file"
}
berth_dll() {
  if [[ -n ${BERTH_DLL:-} ]]; then echo "$BERTH_DLL"; return; fi
  local dll="$ROOT/artifacts/bin/Berth/release/berth.dll"
  if [[ ! -f $dll ]] || [[ -n "$(find "$ROOT/src" -type f -newer "$dll" -print -quit)" ]]; then
    log "building berth (Release)"
    DOTNET_NOLOGO=1 with_build_lock dotnet build "$ROOT/src/Berth" -c Release -v q --nologo >&2 || die "building berth failed"
    touch "$dll"
  fi
  echo "$dll"
}

# ---------- processes ----------
# spawn PROC NS CMD...: start detached in the namespace, pid in pids/PROC.pid, output in logs/PROC.log.
spawn() {
  local proc=$1 ns=$2; shift 2
  if running "$proc"; then return 0; fi
  printf '%q ' "$ns" "$@" >"$DIR/cmd/$proc"
  printf '\n=== %s cluster.sh: starting %s ===\n' "$(date -Is)" "$proc" >>"$DIR/logs/$proc.log"
  setsid nohup nsenter "--net=/run/netns/$(netns "$ns")" "$@" </dev/null >>"$DIR/logs/$proc.log" 2>&1 9>&- &
  echo $! >"$(pidfile "$proc")"
}
running() { local pid; pid=$(pid_from_file "$(pidfile "$1")") && pid_running "$pid"; }
stop_proc() { # stop_proc PROC [SIGNAL]
  local pid
  pid=$(pid_from_file "$(pidfile "$1")") || return 0
  if pid_running "$pid"; then
    kill -CONT "$pid" 2>/dev/null || true
    kill "-${2:-TERM}" "$pid" 2>/dev/null || true
    wait_until 20 bash -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pidfile "$1")"
}
start_again() { # start_again PROC: the command it was first started with
  [[ -f $DIR/cmd/$1 ]] || die "no process '$1' in this cluster"
  local words
  eval "words=($(cat "$DIR/cmd/$1"))"
  spawn "$1" "${words[@]}"
}
http_ok() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1" 2>/dev/null)" == 200 ]]; }
wait_for() { # wait_for WHAT PROC CMD...: poll CMD; fail with the process's log when it dies or time is up
  local what=$1 proc=$2; shift 2
  up_or_died() {
    "$@" && return 0
    running "$proc" || { log_tail "$DIR/logs/$proc.log"; die "$what ($proc) exited during start-up"; }
    return 1
  }
  wait_until "$START_TIMEOUT" up_or_died "$@" || { log_tail "$DIR/logs/$proc.log"; die "$what ($proc) not ready within ${START_TIMEOUT}s"; }
}

# ---------- network ----------
make_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$NET.1/24" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  # Docker's FORWARD policy is DROP and bridged frames pass iptables here (br_netfilter): let ours through, only ours.
  iptables -C FORWARD -i "$BRIDGE" -o "$BRIDGE" -m comment --comment "$FW_COMMENT" -j ACCEPT 2>/dev/null ||
    iptables -I FORWARD 1 -i "$BRIDGE" -o "$BRIDGE" -m comment --comment "$FW_COMMENT" -j ACCEPT
}
make_ns() { # make_ns NS: a namespace with lo, and eth0 on the bridge at its address
  local ns=$1 name link
  name=$(netns "$ns") link=$(veth "$ns")
  ip netns list | grep -qw "^$name" || ip netns add "$name"
  if ! ip link show "$link" >/dev/null 2>&1; then
    ip link add "$link" type veth peer name eth0 netns "$name"
  fi
  ip link set "$link" master "$BRIDGE" up
  in_ns "$ns" ip -br addr show dev eth0 | grep -qF " $(addr "$ns")/24" || in_ns "$ns" ip addr add "$(addr "$ns")/24" dev eth0
  in_ns "$ns" ip link set lo up
  in_ns "$ns" ip link set eth0 up
}

# ---------- parts ----------
start_registry() {
  [[ -d $SHARED_REGISTRY_DATA ]] || die "no local registry storage at $SHARED_REGISTRY_DATA: run scripts/start-registry.sh and push the sample images (scripts/prereqs.sh)"
  cat >"$DIR/registry.yml" <<EOF
version: 0.1
storage:
  filesystem:
    rootdirectory: $SHARED_REGISTRY_DATA
  maintenance:
    readonly:
      enabled: true
    uploadpurging:
      enabled: false
http:
  addr: $REGISTRY
EOF
  if ! running registry; then
    printf '\n=== %s cluster.sh: starting registry ===\n' "$(date -Is)" >>"$DIR/logs/registry.log"
    setsid nohup docker-registry serve "$DIR/registry.yml" </dev/null >>"$DIR/logs/registry.log" 2>&1 9>&- &
    echo $! >"$(pidfile registry)"
  fi
}

start_engine() { # start_engine hN
  local ns=$1 n=${1#h} a
  a=$(addr "$ns")
  if ! in_ns "$ns" ip link show "bcd$n" >/dev/null 2>&1; then
    in_ns "$ns" ip link add "bcd$n" type bridge
    in_ns "$ns" ip addr add "172.29.$n.1/24" dev "bcd$n"
  fi
  in_ns "$ns" ip link set "bcd$n" up
  mkdir -p "$DIR/$ns"
  spawn "$ns-engine" "$ns" dockerd \
    --host "unix://$DIR/$ns/docker.sock" --host "tcp://$a:2375" \
    --data-root "$DIR/$ns/data" --exec-root "/run/bcl-$ns" --pidfile "$DIR/$ns/docker.pid" \
    --bridge "bcd$n" --iptables=false --ip-masq=false --cgroup-parent "/bcl-$ns" \
    --storage-driver=vfs --insecure-registry "$REGISTRY"
}
engine_up() { [[ "$(curl -s --max-time 3 "http://$(addr "$1"):2375/_ping" 2>/dev/null)" == OK ]]; }

start_etcd() {
  local cluster="" i
  for i in 1 2 3; do cluster+="${cluster:+,}d$i=http://$(addr "d$i"):2380"; done
  for i in 1 2 3; do
    local a
    a=$(addr "d$i")
    spawn "d$i" "d$i" etcd --name "d$i" --data-dir "$DIR/d$i" \
      --listen-client-urls "http://$a:2379" --advertise-client-urls "http://$a:2379" \
      --listen-peer-urls "http://$a:2380" --initial-advertise-peer-urls "http://$a:2380" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token bcl
  done
}
etcdctl_() { ETCDCTL_API=3 etcdctl --endpoints "$(discovery_endpoints ,)" --dial-timeout 2s --command-timeout 5s "$@"; }
etcd_up() { etcdctl_ endpoint health >/dev/null 2>&1 || etcdctl_ --user "root:$(secret root)" endpoint health >/dev/null 2>&1; }
etcd_auth() { # the roles of scripts/start-etcd.sh --secure: berth readwrite /caas/, gateway read its keys only
  etcdctl_ --user "root:$(secret root)" role get gateway >/dev/null 2>&1 && return 0
  etcdctl_ user add "root:$(secret root)" >/dev/null
  etcdctl_ role add berth >/dev/null
  etcdctl_ role grant-permission berth --prefix=true readwrite /caas/ >/dev/null
  etcdctl_ user add "berth:$(secret berth)" >/dev/null
  etcdctl_ user grant-role berth berth >/dev/null
  etcdctl_ role add gateway >/dev/null
  local prefix
  for prefix in service/address apps domains traffic blacklist active sleeping https; do
    etcdctl_ role grant-permission gateway --prefix=true read "/caas/$prefix/" >/dev/null
  done
  etcdctl_ role grant-permission gateway --prefix=true readwrite /caas/wake/ >/dev/null
  etcdctl_ role grant-permission gateway --prefix=true readwrite /caas/acme/wanted/ >/dev/null
  etcdctl_ user add "gateway:$(secret gateway)" >/dev/null
  etcdctl_ user grant-role gateway gateway >/dev/null
  etcdctl_ auth enable >/dev/null 2>&1
}

start_zookeeper() {
  local i
  for i in 1 2 3; do
    mkdir -p "$DIR/d$i/data"
    echo "$i" >"$DIR/d$i/data/myid"
    cat >"$DIR/d$i/zoo.cfg" <<EOF
tickTime=500
initLimit=20
syncLimit=10
minSessionTimeout=1000
maxSessionTimeout=60000
dataDir=$DIR/d$i/data
clientPort=2181
clientPortAddress=$(addr "d$i")
admin.enableServer=false
4lw.commands.whitelist=ruok,srvr,stat,mntr
server.1=$(addr d1):2888:3888
server.2=$(addr d2):2888:3888
server.3=$(addr d3):2888:3888
EOF
    spawn "d$i" "d$i" java -Xmx128m -XX:+UseSerialGC -cp "$DIR/d$i:$ZK_CLASSPATH" \
      org.apache.zookeeper.server.quorum.QuorumPeerMain "$DIR/d$i/zoo.cfg"
  done
}
zk_mode() { printf 'srvr\n' | timeout 3 busybox nc "$(addr "$1")" 2181 2>/dev/null | sed -n 's/^Mode: //p'; }
zookeeper_up() { local m; m=$(zk_mode d1)$(zk_mode d2)$(zk_mode d3); [[ $m == *leader* && $(grep -o follower <<<"$m" | wc -l) -ge 1 ]]; }
digest_id() { printf '%s:%s' "$1" "$(printf '%s:%s' "$1" "$2" | openssl dgst -sha1 -binary | base64)"; }

start_db() {
  local a
  a=$(addr db)
  mkdir -p "$DIR/db"
  # The data folder is made by the spawned process itself (initdb takes half a minute on a busy machine), which then
  # execs the server: the rest of the cluster starts meanwhile, and the pid stays the server's.
  if [[ $(db_kind) == postgres ]]; then
    chown postgres "$DIR/db"
    spawn db db setpriv --reuid=postgres --regid=postgres --init-groups bash -c '
      [[ -f $0/data/PG_VERSION ]] || {
        "$1/initdb" -D "$0/data" -U postgres -A trust --no-sync >/dev/null &&
          echo "host berth berth $2/24 scram-sha-256" >>"$0/data/pg_hba.conf"
      } || exit 1
      exec "$1/postgres" -D "$0/data" -c "listen_addresses=$3" -p 5432 -c "unix_socket_directories=$0" \
        -c fsync=off -c synchronous_commit=off -c shared_buffers=16MB' "$DIR/db" "$PG_BIN" "$NET.0" "$a"
  else
    chown mysql "$DIR/db"
    spawn db db bash -c '
      [[ -d $0/data/mysql ]] || mariadb-install-db --user=mysql --datadir="$0/data" --skip-test-db >/dev/null 2>&1 || exit 1
      exec mariadbd --no-defaults --user=mysql --datadir="$0/data" --socket="$0/mysql.sock" --pid-file="$0/mariadb.pid" \
        --port=3306 --bind-address="$1" --innodb-buffer-pool-size=32M --innodb-flush-log-at-trx-commit=2 --skip-name-resolve' "$DIR/db" "$a"
  fi
}
db_up() {
  if [[ $(db_kind) == postgres ]]; then
    runuser -u postgres -- "$PG_BIN/pg_isready" -q -h "$DIR/db" -p 5432
  else
    mariadb --socket="$DIR/db/mysql.sock" -e 'select 1' >/dev/null 2>&1
  fi
}
db_setup() {
  local pw
  pw=$(secret db)
  if [[ $(db_kind) == postgres ]]; then
    runuser -u postgres -- "$PG_BIN/psql" -q -h "$DIR/db" -p 5432 -tAc "select 1 from pg_roles where rolname='berth'" | grep -q 1 ||
      runuser -u postgres -- "$PG_BIN/psql" -q -h "$DIR/db" -p 5432 -c "create role berth login password '$pw'" -c "create database berth owner berth"
  else
    mariadb --socket="$DIR/db/mysql.sock" -e "create database if not exists berth; create user if not exists 'berth'@'%' identified by '$pw'; grant all on berth.* to 'berth'@'%';"
  fi
}
connection_string() {
  if [[ $(db_kind) == postgres ]]; then
    echo "Host=$(addr db);Port=5432;Database=berth;Username=berth;Password=$(secret db)"
  else
    echo "Server=$(addr db);Port=3306;Database=berth;User ID=berth;Password=$(secret db)"
  fi
}
discovery_endpoints() { # discovery_endpoints SEPARATOR
  local i out=""
  for i in 1 2 3; do
    if [[ $(discovery_kind) == etcd ]]; then out+="${out:+$1}http://$(addr "d$i"):2379"; else out+="${out:+$1}$(addr "d$i"):2181"; fi
  done
  echo "$out"
}
discovery_args() { local e; for e in $(discovery_endpoints ' '); do printf -- '--discovery-endpoint\n%s\n' "$e"; done; }

# control_plane_env USER: the environment of `berth server` (USER berth) and `berth gateway` (USER gateway).
discovery_env() {
  local user=$1
  echo "BERTH_Discovery__Username=$user"
  echo "BERTH_Discovery__Password=$(secret "$user")"
  if [[ $(discovery_kind) == zookeeper && $user == berth ]]; then echo "BERTH_Discovery__ReaderId=$(digest_id gateway "$(secret gateway)")"; fi
}

start_control_plane() { # start_control_plane cpN
  local cp=$1 a dll env=()
  a=$(addr "$cp") dll=$(berth_dll)
  mapfile -t env < <(discovery_env berth)
  install -d -m 700 "$DIR/$cp/data"  # berth refuses a data folder others may enter
  spawn "$cp" "$cp" env "${env[@]}" \
    "BERTH_State__Provider=$(db_kind)" "BERTH_State__ConnectionString=$(connection_string)" \
    "BERTH_Berth__SecretKey=$(cat "$DIR/secrets/key")" "BERTH_Berth__LocalHostName=h1" "BERTH_Berth__LocalEngine=tcp://$(addr h1):2375" \
    "BERTH_Berth__LocalAdvertiseIp=$(addr h1)" "BERTH_Berth__LocalPortRange=25000-25099" "BERTH_Berth__Healing__LeaderTtl=00:00:05" \
    "Logging__LogLevel__Default=Information" "Logging__Console__FormatterOptions__TimestampFormat=HH:mm:ss.fff " \
    DOTNET_GCgen0size=0x400000 \
    dotnet "$dll" server --data "$DIR/$cp/data" --listen "http://$a:7070" --registry "$REGISTRY" \
    --discovery "$(discovery_kind)" $(discovery_args)
}
start_gateway() { # start_gateway hN
  local ns=$1 dll env=()
  dll=$(berth_dll)
  mapfile -t env < <(discovery_env gateway)
  spawn "$ns-gateway" "$ns" env "${env[@]}" "BERTH_Gateway__AdminClients__0=$NET.0/24" DOTNET_GCgen0size=0x400000 \
    "Logging__Console__FormatterOptions__TimestampFormat=HH:mm:ss.fff " \
    dotnet "$dll" gateway --listen "http://$(addr "$ns"):7080" --discovery "$(discovery_kind)" $(discovery_args)
}
api() { # api METHOD PATH [JSON]
  curl -sS --max-time 30 -X "$1" -H "Authorization: Bearer $(cat "$DIR/cp1/data/admin.token")" \
    -H 'Content-Type: application/json' ${3:+--data "$3"} "http://$(addr cp1):7070$2"
}
add_hosts() {
  local ns listed
  listed=$(api GET /v1/hosts)
  for ns in $(hosts); do
    [[ $ns == h1 ]] && continue
    grep -q "\"name\":\"$ns\"" <<<"$listed" && continue
    api POST /v1/hosts "{\"name\":\"$ns\",\"engine\":\"tcp://$(addr "$ns"):2375\",\"advertiseIp\":\"$(addr "$ns")\",\"portRange\":\"25000-25099\"}" >/dev/null ||
      die "could not add host $ns through the API"
  done
}

# ---------- commands ----------
cmd_up() {
  local n=3 db=postgres discovery=etcd
  while (($#)); do
    case $1 in
      [0-9]*) n=$1; shift ;;
      --db) db=${2:?--db postgres|mariadb}; shift 2 ;;
      --discovery) discovery=${2:?--discovery etcd|zookeeper}; shift 2 ;;
      *) die "unknown argument '$1'" ;;
    esac
  done
  ((n >= 1 && n <= 9)) || die "N must be 1..9"
  [[ $db == postgres || $db == mariadb ]] || die "--db is postgres or mariadb"
  [[ $discovery == etcd || $discovery == zookeeper ]] || die "--discovery is etcd or zookeeper"
  need ip; need nsenter; need iptables; need curl; need openssl; need dockerd; need docker-registry; need busybox
  take_lock cluster
  if [[ -f $DIR/shape && $(shape) != "$n $db $discovery" ]]; then
    die "a cluster of another shape is up ($(shape)); run '$0 down' first"
  fi
  local started=$SECONDS
  mkdir -p "$DIR"/{pids,logs,cmd,secrets}
  # The database servers run as their own users and must reach their folders; the secrets stay root's.
  chmod 0755 "$DIR"
  chmod 0700 "$DIR/secrets"
  echo "$n $db $discovery" >"$DIR/shape"
  [[ -s $DIR/secrets/key ]] || (umask 077 && openssl rand -base64 32 >"$DIR/secrets/key")
  local dll
  dll=$(berth_dll)

  make_bridge
  local ns
  make_ns db
  start_db
  for ns in $(hosts) cp1 cp2 d1 d2 d3; do make_ns "$ns"; done
  start_registry
  for ns in $(hosts); do start_engine "$ns"; done
  if [[ $discovery == etcd ]]; then start_etcd; else start_zookeeper; fi

  log "parts started ($((SECONDS - started)) s); waiting for them"
  wait_for database db db_up
  db_setup
  if [[ $discovery == etcd ]]; then
    wait_for etcd d1 etcd_up
    etcd_auth
  else
    wait_for zookeeper d1 zookeeper_up
  fi
  for ns in $(hosts); do wait_for engine "$ns-engine" engine_up "$ns"; done
  wait_for registry registry http_ok "http://$REGISTRY/v2/"

  log "database, discovery, engines and registry ready ($((SECONDS - started)) s)"
  # The first control plane makes the schema and the admin token; the second joins it.
  # Gateways only once it is up: on ZooKeeper the first writer of /caas owns it, and a gateway registering itself as
  # a member would otherwise make the tree its own and lock Berth's user out.
  start_control_plane cp1
  wait_for "control plane" cp1 http_ok "http://$(addr cp1):7070/healthz"
  for ns in $(hosts); do start_gateway "$ns"; done
  start_control_plane cp2
  add_hosts
  for ns in $(hosts); do wait_for gateway "$ns-gateway" http_ok "http://$(addr "$ns"):7080/_berth/health"; done
  wait_for "control plane" cp2 http_ok "http://$(addr cp2):7070/healthz"
  log "cluster up in $((SECONDS - started)) s: $n hosts, $db, $discovery"
  cmd_status
}

cmd_down() {
  take_lock cluster
  local proc ns cg
  # Gateways and control planes first (they would otherwise react to the engines going), then the rest.
  for proc in $(ls "$DIR/pids" 2>/dev/null | sed 's/\.pid$//' | sort -r); do
    case $proc in *-gateway | cp*) stop_proc "$proc" ;; esac
  done
  for proc in $(ls "$DIR/pids" 2>/dev/null | sed 's/\.pid$//'); do stop_proc "$proc"; done
  # Whatever else still runs in our namespaces (a process a fault test started) goes too.
  for name in $(ip netns list | awk '{print $1}' | grep '^bcl-' || true); do
    for pid in $(ip netns pids "$name" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns del "$name"
  done
  for cg in /sys/fs/cgroup/*/bcl-*; do
    [[ -d $cg ]] || continue
    for pid in $(cat "$cg"/cgroup.procs "$cg"/*/cgroup.procs 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    wait_until 10 bash -c "! cat '$cg'/cgroup.procs '$cg'/*/cgroup.procs 2>/dev/null | grep -q ." || true
    find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null || warn "could not remove $cg"
  done
  { grep -oE " ($DIR|/run/bcl-)[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  ip link del "$BRIDGE" 2>/dev/null || true
  while iptables -D FORWARD -i "$BRIDGE" -o "$BRIDGE" -m comment --comment "$FW_COMMENT" -j ACCEPT 2>/dev/null; do :; done
  rm -rf /run/bcl-* "$DIR"
  log "cluster down"
}

cmd_status() {
  [[ -f $DIR/shape ]] || { log "no cluster"; return 0; }
  log "shape: $(shape) (hosts db discovery); bridge $BRIDGE $NET.1/24; registry $REGISTRY"
  local proc state
  for proc in $(ls "$DIR/pids" | sed 's/\.pid$//' | sort); do
    state=down
    if running "$proc"; then
      state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$(pid_from_file "$(pidfile "$proc")")/stat")
      [[ $state == T ]] && state=paused || state="up (pid $(pid_from_file "$(pidfile "$proc")"))"
    fi
    printf '  %-12s %s\n' "$proc" "$state"
  done
  for ns in $(hosts); do printf '  %-12s engine tcp://%s:2375  gateway http://%s:7080\n' "$ns" "$(addr "$ns")" "$(addr "$ns")"; done
  printf '  %-12s http://%s:7070 (admin token %s)\n' cp1 "$(addr cp1)" "$DIR/cp1/data/admin.token" cp2 "$(addr cp2)" "$DIR/cp1/data/admin.token"
}

# cmd_env: what a client (or a test) needs, as KEY=VALUE lines.
cmd_env() {
  [[ -f $DIR/shape ]] || die "no cluster"
  echo "CLUSTER_DIR=$DIR"
  echo "CLUSTER_HOSTS=$(hosts | tr '\n' ' ' | sed 's/ $//')"
  echo "CLUSTER_DB=$(db_kind)"
  echo "CLUSTER_DISCOVERY=$(discovery_kind)"
  echo "CLUSTER_API=http://$(addr cp1):7070 http://$(addr cp2):7070"
  echo "CLUSTER_GATEWAYS=$(for ns in $(hosts); do printf 'http://%s:7080 ' "$(addr "$ns")"; done | sed 's/ $//')"
  echo "CLUSTER_TOKEN=$(cat "$DIR/cp1/data/admin.token")"
  echo "CLUSTER_DISCOVERY_ENDPOINTS=$(discovery_endpoints ,)"
}

# A slow link: what a namespace sends out of eth0 waits MS in a small userspace delayer (scripts/link-delay.py, through
# iptables NFQUEUE) — this kernel has no netem. --queue-bypass lets packets through whenever no delayer runs.
delay_rule() { in_ns "$1" iptables -t mangle "$2" POSTROUTING -o eth0 -j NFQUEUE --queue-num 18 --queue-bypass; }
cmd_slow() { # cmd_slow NS MS
  local ns=$1 ms=${2%ms}
  [[ $ms =~ ^[0-9]+$ ]] || die "the delay is in milliseconds (e.g. 200 or 200ms), not '$2'"
  [[ -e /run/netns/$(netns "$ns") ]] || die "no namespace '$ns' (see '$0 status')"
  need python3
  stop_proc "$ns-delay"
  spawn "$ns-delay" "$ns" python3 "$ROOT/scripts/link-delay.py" 18 "$ms"
  delay_rule "$ns" -C 2>/dev/null || delay_rule "$ns" -A
  log "$ns delayed by $ms ms"
}
cmd_fast() { # cmd_fast NS
  while delay_rule "$1" -D 2>/dev/null; do :; done
  stop_proc "$1-delay"
  log "$1 at full speed"
}

proc_of() { [[ -f $DIR/pids/$1.pid || -f $DIR/cmd/$1 ]] || die "no process '$1' (see '$0 status')"; echo "$1"; }

case ${1:-} in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  cut) in_ns "${2:?cut NS}" ip link set eth0 down; log "cut $2 off" ;;
  heal) in_ns "${2:?heal NS}" ip link set eth0 up; log "healed $2" ;;
  slow) cmd_slow "${2:?slow NS MS}" "${3:?slow NS MS}" ;;
  fast) cmd_fast "${2:?fast NS}" ;;
  kill) p=$(proc_of "${2:?kill PROC}"); pid=$(pid_from_file "$(pidfile "$p")") && kill -KILL "$pid"; rm -f "$(pidfile "$p")"; log "killed $p" ;;
  pause) p=$(proc_of "${2:?pause PROC}"); kill -STOP "$(pid_from_file "$(pidfile "$p")")"; log "paused $p" ;;
  resume) p=$(proc_of "${2:?resume PROC}"); kill -CONT "$(pid_from_file "$(pidfile "$p")")"; log "resumed $p" ;;
  start) start_again "$(proc_of "${2:?start PROC}")"; log "started $2" ;;
  restart-engine)
    stop_proc "${2:?restart-engine NS}-engine"
    start_again "$2-engine"
    wait_for engine "$2-engine" engine_up "$2"
    log "engine of $2 restarted"
    ;;
  *) die "usage: $0 up [N] [--db postgres|mariadb] [--discovery etcd|zookeeper] | down | status | env | cut|heal NS | slow NS MS | fast NS | kill|pause|resume|start PROC | restart-engine NS" ;;
esac
