# shellcheck shell=bash disable=SC2034 # constants are used by the scripts that source this
# Shared helpers for Berth's scripts. Source it; do not run it.
#   source "$(dirname "$0")/lib.sh"

# Where the hand-started servers keep their logs, configs and data.
BERTH_RUN="${BERTH_RUN:-/var/tmp/berth}"
# The local registry every script and test pushes to / pulls from.
BERTH_REGISTRY="${BERTH_REGISTRY:-127.0.0.1:5000}"
# The default engine: the product and the docker CLI talk to this socket.
DOCKER_SOCK=/var/run/docker.sock
DOCKER_PIDFILE=/var/run/docker.pid
CONTAINERD_DIR=/var/run/docker/containerd

_BERTH_TAG="$(basename "$0" .sh)"

log()  { printf '[%s] %s\n' "$_BERTH_TAG" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$_BERTH_TAG" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$_BERTH_TAG" "$*" >&2; exit 1; }

# state_dir DIR: make DIR ours before anything is kept there. A new one is made 0711 (the database servers'
# own users must pass through to their folders; nobody else may list or add to it). An existing one must be
# a real folder owned by us that nobody else can write to: a folder someone else made at a predictable name
# (/var/tmp/berth) could hold planted keys or configs that root would then use.
state_dir() {
  local dir=$1
  [[ -e $dir || -L $dir ]] || mkdir -p -m 711 "$dir" || die "cannot create $dir"
  [[ -d $dir && ! -L $dir ]] || die "$dir is not a plain folder (a symlink or a file): remove it, or set BERTH_RUN elsewhere"
  [[ $(stat -c %u "$dir") == "$(id -u)" ]] ||
    die "$dir belongs to user $(stat -c %U "$dir"), not to $(id -un): remove it, or set BERTH_RUN elsewhere"
  (( ($(stat -c %#a "$dir") & 8#022) == 0 )) || die "others can write to $dir (mode $(stat -c %a "$dir")): run chmod go-w $dir"
}

# need CMD [HINT]: fail early with a useful message instead of "command not found" later.
need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found${2:+ ($2)}"
}

# wait_until SECONDS CMD [ARGS...]: poll CMD every 0.2 s until it succeeds (return 0)
# or the time is up (return 1). CMD may call die itself to abort early
# (e.g. when the process being waited for has exited).
wait_until() {
  local timeout=$1; shift
  local deadline=$((SECONDS + timeout))
  while true; do
    "$@" && return 0
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# log_tail FILE [FROM_BYTE]: last lines of a server's log, indented, on stderr (for failure
# messages). FROM_BYTE skips what earlier runs wrote, so only this attempt's lines show.
log_tail() {
  local file=$1 from=${2:-0}
  if [[ -s $file ]]; then
    printf '  --- last lines of %s ---\n' "$file" >&2
    tail -c +"$((from + 1))" "$file" | tail -n 25 | sed 's/^/  | /' >&2
  else
    printf '  (log %s is empty or missing)\n' "$file" >&2
  fi
}

# file_size FILE: size in bytes, 0 when missing (to remember where this run's log starts).
file_size() {
  stat -c %s "$1" 2>/dev/null || echo 0
}

# pid_from_file FILE: print the pid stored in FILE; fail if there is none.
pid_from_file() {
  local p
  [[ -f $1 ]] || return 1
  p=$(tr -dc '0-9' <"$1")
  [[ -n $p ]] || return 1
  printf '%s\n' "$p"
}

# pid_running PID: the process exists and has not exited (a zombie, state Z in field 3
# of /proc/PID/stat, has exited but is not reaped yet; kill -0 would still succeed).
pid_running() {
  local state
  state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

# pid_alive_as PID NAME: the process is running and its command name is NAME.
# The name check guards against a pid from a stale pidfile having been reused.
pid_alive_as() {
  local comm
  comm=$(cat "/proc/$1/comm" 2>/dev/null) || return 1
  [[ $comm == "$2" ]] && pid_running "$1"
}

# take_lock NAME: serialize concurrent runs (two test.sh at once must not start two
# servers). Uses fd 9; children started in the background must close it (9>&-) or
# they would hold the lock forever.
take_lock() {
  exec 9>"$BERTH_RUN/$1.lock"
  flock -w 120 9 || die "timed out waiting for lock $BERTH_RUN/$1.lock (another run stuck?)"
}

# engine_up: the default engine answers its ping.
engine_up() {
  [[ -S $DOCKER_SOCK ]] || return 1
  [[ "$(curl -s --max-time 3 --unix-socket "$DOCKER_SOCK" http://localhost/_ping 2>/dev/null)" == OK ]]
}

# registry_up: a Docker registry (any auth setup) answers on $BERTH_REGISTRY.
# /v2/ may return 200 or 401 (token auth); the API version header is what identifies it.
registry_up() {
  local headers
  headers=$(curl -s --max-time 3 -o /dev/null -D - "http://$BERTH_REGISTRY/v2/" 2>/dev/null) || return 1
  grep -qi '^docker-distribution-api-version: *registry/2' <<<"$headers"
}

# registry_bearer SCOPE: for a registry in token mode, print a curl header carrying a token for SCOPE
# (e.g. repository:hello:pull), fetched from the registry's realm with $BERTH_REGISTRY_USER and
# $BERTH_REGISTRY_PASSWORD; print nothing for an open registry or without credentials.
registry_bearer() {
  [[ -n ${BERTH_REGISTRY_USER:-} ]] || return 0
  local challenge realm service token
  challenge=$(curl -s --max-time 5 -o /dev/null -D - "http://$BERTH_REGISTRY/v2/" 2>/dev/null | tr -d '\r' |
    sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: *Bearer //p')
  realm=$(sed -nE 's/.*realm="([^"]*)".*/\1/p' <<<"$challenge")
  service=$(sed -nE 's/.*service="([^"]*)".*/\1/p' <<<"$challenge")
  [[ -n $realm ]] || return 0
  token=$(curl -s --max-time 5 -u "$BERTH_REGISTRY_USER:${BERTH_REGISTRY_PASSWORD:-}" --get \
    --data-urlencode "service=$service" --data-urlencode "scope=$1" "$realm" | sed -nE 's/.*"token":"([^"]*)".*/\1/p')
  [[ -n $token ]] && printf 'Authorization: Bearer %s\n' "$token"
}

# tcp_open HOST PORT: something accepts TCP connections there.
tcp_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

state_dir "$BERTH_RUN"

# with_build_lock CMD...: runs a Release build or publish of this checkout while holding its lock. run.sh, cluster.sh,
# release.sh and publish-gateway.sh write the same artifacts/ folders, and the tests run them side by side: two at
# once break each other (a file copied while the other rewrites it).
with_build_lock() {
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  mkdir -p "$root/artifacts"
  flock "$root/artifacts/.release-build.lock" "$@"
}
