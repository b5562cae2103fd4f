#!/usr/bin/env bash
# Berth's reference host provisioner: each host it makes is a Docker engine on this machine in a network namespace
# of its own, so it has its own address and its own dockerd, as a new machine would.
#   create        stdin: Berth's request (JSON, read and ignored here); stdout: the new host, one JSON object:
#                 {"name","engine","tls","advertiseIp","labels"}; on failure a reason on stderr and a non-zero exit
#   destroy NAME  stops the host's processes and removes its namespace, links and files; a host already gone is fine
#   list          the names of the hosts it made, one a line
# Layout: bridge bpv0 10.214.0.1/24 on this machine; host pvN in namespace bpv-N at 10.214.0.(10+N), N = 1..50, its
# dockerd (vfs, unix socket only, no iptables) with its containers on bridge bpd0 172.28.N.1/24 inside the namespace.
# These ranges are this script's only: cluster.sh uses 10.213.0.0/24 and 172.29.0.0/16, start-engines.sh 172.31.0.0/16.
# Images: the engine pulls from the local registry ($BERTH_REGISTRY, 127.0.0.1:PORT) as every engine here does. A
# namespace has a loopback of its own, so a socat there listens on 127.0.0.1:PORT and passes each connection through
# a unix socket to a socat on this machine's side, which connects to the registry: image names stay the same on
# every host. Labels: "provisioner=netns" plus any KEY=VALUE pairs in BERTH_PROVISION_LABELS (space separated).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
# stdout carries the answer only.
log() { printf '[%s] %s\n' "$_BERTH_TAG" "$*" >&2; }

DIR="$BERTH_RUN/provisioned"
BRIDGE=bpv0
NET=10.214.0
MAX=50
START_TIMEOUT=${BERTH_PROVISION_TIMEOUT:-90}

netns() { echo "bpv-$1"; }
veth() { echo "bpv-$1"; }
addr() { echo "$NET.$((10 + $1))"; }
in_ns() { local n=$1; shift; nsenter "--net=/run/netns/$(netns "$n")" "$@"; }
number() { # number NAME: N of pvN
  [[ $1 =~ ^pv([0-9]+)$ ]] && ((BASH_REMATCH[1] >= 1 && BASH_REMATCH[1] <= MAX)) || die "'$1' is not a host this provisioner makes (pv1..pv$MAX)"
  echo "${BASH_REMATCH[1]}"
}

# spawn N PROC CMD...: detached, its pid in pvN/PROC.pid and its output in pvN/PROC.log; fd 9 (our lock) closed.
spawn() {
  local n=$1 proc=$2; shift 2
  setsid nohup "$@" </dev/null >>"$DIR/pv$n/$proc.log" 2>&1 9>&- &
  echo $! >"$DIR/pv$n/$proc.pid"
}
stop() { # stop N PROC
  local pid file="$DIR/pv$1/$2.pid"
  pid=$(pid_from_file "$file") || return 0
  if pid_running "$pid"; then
    kill "$pid" 2>/dev/null || true
    wait_until 30 bash -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

make_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$NET.1/24" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
}

engine_answers() { [[ "$(curl -s --max-time 3 --unix-socket "$DIR/pv$1/docker.sock" http://localhost/_ping 2>/dev/null)" == OK ]]; }

destroy() {
  local n=$1
  stop "$n" dockerd
  stop "$n" registry-in
  stop "$n" registry-out
  if [[ -e /run/netns/$(netns "$n") ]]; then
    local pid
    for pid in $(ip netns pids "$(netns "$n")" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns del "$(netns "$n")"
  fi
  ip link del "$(veth "$n")" 2>/dev/null || true
  local cg
  for cg in /sys/fs/cgroup/*/"bpv-$n"; do
    [[ -d $cg ]] || continue
    find "$cg" -depth -type d -exec rmdir {} + 2>/dev/null || warn "could not remove $cg (still in use?)"
  done
  # vfs layers and leftover mounts of the engine's data: unmount before removing.
  local m
  for m in $(awk -v a="$DIR/pv$n/" -v b="/run/bpv-$n" 'index($2, a) == 1 || index($2, b) == 1 { print $2 }' /proc/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
  rm -rf "${DIR:?}/pv$n" "/run/bpv-$n"
  # The last host gone, the bridge goes too (callers hold the lock, so no create is under way).
  if ! compgen -G "/run/netns/bpv-*" >/dev/null && ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link del "$BRIDGE"
  fi
}

create() {
  local n="" i a labels='"provisioner":"netns"' pair
  for pair in ${BERTH_PROVISION_LABELS:-}; do
    [[ $pair =~ ^[A-Za-z0-9._-]+=[A-Za-z0-9._-]*$ ]] || die "BERTH_PROVISION_LABELS: '$pair' is not KEY=VALUE"
    labels+=",\"${pair%%=*}\":\"${pair#*=}\""
  done
  for ((i = 1; i <= MAX; i++)); do
    if [[ ! -e $DIR/pv$i && ! -e /run/netns/$(netns "$i") ]]; then n=$i; break; fi
  done
  [[ -n $n ]] || die "all $MAX hosts of this provisioner exist; destroy one first"
  a=$(addr "$n")
  mkdir -p "$DIR/pv$n"
  # From here on a failure (an error, or die) leaves nothing behind.
  made=""
  trap '[[ -n $made ]] || destroy "$n"' EXIT
  make_bridge
  ip netns add "$(netns "$n")"
  ip link add "$(veth "$n")" type veth peer name eth0 netns "$(netns "$n")"
  ip link set "$(veth "$n")" master "$BRIDGE" up
  in_ns "$n" ip addr add "$a/24" dev eth0
  in_ns "$n" ip link set lo up
  in_ns "$n" ip link set eth0 up
  in_ns "$n" ip link add bpd0 type bridge
  in_ns "$n" ip addr add "172.28.$n.1/24" dev bpd0
  in_ns "$n" ip link set bpd0 up

  local registry_port=${BERTH_REGISTRY##*:}
  spawn "$n" registry-out socat "UNIX-LISTEN:$DIR/pv$n/registry.sock,fork,unlink-early" "TCP:$BERTH_REGISTRY"
  wait_until 10 test -S "$DIR/pv$n/registry.sock" || die "the registry relay of pv$n did not start"
  spawn "$n" registry-in nsenter "--net=/run/netns/$(netns "$n")" \
    socat "TCP-LISTEN:$registry_port,bind=127.0.0.1,fork,reuseaddr" "UNIX-CONNECT:$DIR/pv$n/registry.sock"
  # nsenter, not `ip netns exec`: that one remounts /sys for the namespace, which hides the cgroup mounts dockerd needs.
  spawn "$n" dockerd nsenter "--net=/run/netns/$(netns "$n")" dockerd \
    --host "unix://$DIR/pv$n/docker.sock" --data-root "$DIR/pv$n/data" --exec-root "/run/bpv-$n" \
    --pidfile "$DIR/pv$n/docker.pid" --bridge bpd0 --iptables=false --ip-masq=false --cgroup-parent "/bpv-$n" \
    --storage-driver=vfs --insecure-registry "$BERTH_REGISTRY"
  if ! wait_until "$START_TIMEOUT" engine_answers "$n"; then
    log_tail "$DIR/pv$n/dockerd.log"
    die "the engine of pv$n did not answer within ${START_TIMEOUT}s"
  fi

  made=1
  log "made pv$n at $a"
  printf '{"name":"pv%s","engine":"unix://%s","tls":null,"advertiseIp":"%s","labels":{%s}}\n' "$n" "$DIR/pv$n/docker.sock" "$a" "$labels"
}

need ip
need nsenter
need socat "run scripts/install.sh (package socat)"
need dockerd "run scripts/install.sh (package docker.io)"
need flock
state_dir "$BERTH_RUN"
mkdir -p "$DIR"

case ${1:-} in
  create)
    cat >/dev/null || true
    take_lock provision
    create
    ;;
  destroy)
    [[ -n ${2:-} ]] || die "usage: $0 destroy NAME"
    n=$(number "$2")
    cat >/dev/null 2>&1 || true
    take_lock provision
    destroy "$n"
    log "destroyed $2"
    ;;
  list)
    for d in "$DIR"/pv*; do [[ -d $d ]] && basename "$d"; done
    ;;
  *) die "usage: $0 create | destroy NAME | list" ;;
esac
