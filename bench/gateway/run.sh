#!/usr/bin/env bash
# Gateway benchmark, one run: wrk straight to a backend, through Berth's gateway and through nginx (2 workers,
# keep-alive upstream, no access log) to the same loopback backends, in interleaved rounds after a warm-up. The gateway
# is the product: `./berth gateway` (the NativeAOT berth-gateway, with the wrapper's settings) over a private etcd
# listing the backends; gateway-jit is the same gateway code in a JIT process over an embedded store, as `berth up`
# runs it; gateway-sockets is the product gateway on Kestrel's socket transport instead of its own epoll one
# (BERTH_Gateway__Transport=sockets). gateway-tls and nginx-tls are the product gateway and nginx over HTTPS (HTTP/1.1,
# keep-alive, TLS 1.3 as wrk negotiates it) serving the same ECDSA P-256 certificate: nginx from its files, the gateway
# from the certificate store in etcd (as an uploaded certificate), picked by SNI. Prints req/s, p99, CPU per request and
# RSS under load of each, and the ratios: gateway targets against nginx, the TLS ones against nginx-tls.
# Usage: bench/gateway/run.sh [ROUNDS] [SECONDS]
#   env: BACKENDS=2 CONNECTIONS=64 THREADS=2 WARMUP=20
#        TARGETS="nginx gateway" measures only these (default: all seven; nginx, nginx-tls are needed for the ratios).
#        GATEWAY_BASE=path/to/berth-gateway adds target gateway-base, an earlier build to compare within one run.
#        GATEWAY_JIT_ENV="NAME=VALUE ..." replaces gateway-jit's runtime settings (default below).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-3}
seconds=${2:-10}
backends=${BACKENDS:-2}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
warmup=${WARMUP:-20}
# What ./berth sets for `berth gateway` (see the wrapper), for the JIT process too.
gateway_jit_env=${GATEWAY_JIT_ENV:-DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_GCgen0size=0x400000}

missing=()
command -v nginx >/dev/null || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
command -v etcd >/dev/null || missing+=(etcd-server etcd-client)
command -v clang-14 >/dev/null || missing+=(clang-14 zlib1g-dev)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet build "$repo/bench/gateway" -c Release -v q --nologo >/dev/null
dll="$repo/artifacts/bin/Berth.Bench.Gateway/release/Berth.Bench.Gateway.dll"
# The wrapper publishes berth-gateway when src/ changed; do it now rather than inside the measurements.
"$repo/berth" gateway --help >/dev/null

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

used_ports=" "
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 30000))
    if [[ "$used_ports" != *" $port "* ]] && ! ss -ltnH "sport = :$port" | grep -q .; then
      used_ports+="$port "
      echo "$port"
      return
    fi
  done
}

wait_port() {
  # A minute: a .NET process starts in a second on a quiet machine, far slower on a loaded one.
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2
  exit 1
}

backend_addresses=()
for _ in $(seq 1 "$backends"); do
  port=$(free_port)
  dotnet "$dll" backend "127.0.0.1:$port" & pids+=($!)
  backend_addresses+=("127.0.0.1:$port")
done
for address in "${backend_addresses[@]}"; do wait_port "${address##*:}"; done

read -ra targets <<<"${TARGETS:-direct nginx gateway gateway-sockets gateway-jit nginx-tls gateway-tls}"
declare -A url pid
url[direct]="http://${backend_addresses[0]}/"

# A private etcd holding app "bench" and its instances, in discovery's layout (ServiceKeys, AppKeys).
etcd_port=$(free_port)
etcd_peer=$(free_port)
etcd --name bench --data-dir "$work/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
  --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$etcd_peer" \
  --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" --initial-cluster "bench=http://127.0.0.1:$etcd_peer" \
  >"$work/etcd.log" 2>&1 & pids+=($!)
wait_port "$etcd_port"
etcd_put() { ETCDCTL_API=3 etcdctl --endpoints "http://127.0.0.1:$etcd_port" put "$1" "$2" >/dev/null; }
etcd_put /caas/apps/bench bench
for i in "${!backend_addresses[@]}"; do etcd_put "/caas/service/address/bench/v1/backend$i" "${backend_addresses[$i]}"; done

# One ECDSA P-256 certificate for both TLS targets. wrk names the URL's host in SNI, so the store holds it under
# 127.0.0.1 as well as bench.localhost; its key is sealed with the installation key the gateway gets.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=bench.localhost \
  -addext "subjectAltName=DNS:bench.localhost,IP:127.0.0.1" -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
secret_key=$(head -c 32 /dev/urandom | base64)
dotnet "$dll" certificate "http://127.0.0.1:$etcd_port" "$work/tls.crt" "$work/tls.key" "$secret_key" 127.0.0.1 bench.localhost

gateway_port=$(free_port)
gateway_tls_port=$(free_port)
BERTH_Gateway__SecretKey="$secret_key" BERTH_Gateway__LocalAuthorityDirectory="$work/authority" \
  "$repo/berth" gateway --listen "http://127.0.0.1:$gateway_port" --https-url "https://127.0.0.1:$gateway_tls_port" \
  --discovery etcd --discovery-endpoint "http://127.0.0.1:$etcd_port" >"$work/gateway.log" 2>&1 & pid[gateway]=$!
pids+=("${pid[gateway]}")
url[gateway]="http://127.0.0.1:$gateway_port/"
pid[gateway-tls]=${pid[gateway]}
url[gateway-tls]="https://127.0.0.1:$gateway_tls_port/"

sockets_port=$(free_port)
BERTH_Gateway__Transport=sockets "$repo/berth" gateway --listen "http://127.0.0.1:$sockets_port" --discovery etcd \
  --discovery-endpoint "http://127.0.0.1:$etcd_port" >"$work/gateway-sockets.log" 2>&1 & pid[gateway-sockets]=$!
pids+=("${pid[gateway-sockets]}")
url[gateway-sockets]="http://127.0.0.1:$sockets_port/"

# An earlier build of berth-gateway to compare with in the same run (GATEWAY_BASE=path), started as the wrapper starts it.
if [[ -n "${GATEWAY_BASE:-}" ]]; then
  base_port=$(free_port)
  DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_GCgen0size=0x400000 "$GATEWAY_BASE" gateway \
    --url "http://127.0.0.1:$base_port" --discovery etcd --discovery-endpoint "http://127.0.0.1:$etcd_port" \
    >"$work/gateway-base.log" 2>&1 & pid[gateway-base]=$!
  pids+=("${pid[gateway-base]}")
  url[gateway-base]="http://127.0.0.1:$base_port/"
  wait_port "$base_port"
fi

jit_port=$(free_port)
# shellcheck disable=SC2086 # gateway_jit_env is a list of NAME=VALUE words.
env $gateway_jit_env dotnet "$dll" gateway "127.0.0.1:$jit_port" "${backend_addresses[@]}" & pid[gateway-jit]=$!
pids+=("${pid[gateway-jit]}")
url[gateway-jit]="http://127.0.0.1:$jit_port/"
for port in "$gateway_port" "$sockets_port" "$jit_port"; do
  wait_port "$port"
  for _ in $(seq 1 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: bench.localhost" "http://127.0.0.1:$port/")" = 200 ] && break
    sleep 0.1
  done
done

nginx_port=$(free_port)
nginx_tls_port=$(free_port)
# What an operator would run for a proxy on 2 cores: one worker per core, each with its own listening socket
# (reuseport: the kernel spreads connections evenly, where a shared socket let one worker take most of them),
# connections kept open without a request limit on both sides, and keep-alive upstream connections.
# `daemon off` keeps nginx in this script's session: a daemonised nginx lands in its own scheduler autogroup and,
# on a machine shared with other work, measured 5-11k req/s against 38-44k for the same configuration in-session.
{
  echo "daemon off; worker_processes 2; pid $work/nginx.pid; error_log $work/error.log warn;"
  echo "events { worker_connections 4096; }"
  echo "http {"
  echo "  access_log off; keepalive_requests 1000000;"
  echo "  client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fastcgi;"
  echo "  uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;"
  echo "  upstream backends {"
  for address in "${backend_addresses[@]}"; do echo "    server $address;"; done
  echo "    keepalive 64; keepalive_requests 1000000;"
  echo "  }"
  echo "  server {"
  echo "    listen 127.0.0.1:$nginx_port reuseport;"
  echo "    listen 127.0.0.1:$nginx_tls_port ssl reuseport;"
  echo "    ssl_certificate $work/tls.crt; ssl_certificate_key $work/tls.key; ssl_protocols TLSv1.2 TLSv1.3;"
  echo "    location / {"
  echo "      proxy_pass http://backends; proxy_http_version 1.1; proxy_set_header Connection \"\";"
  echo "      proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$remote_addr;"
  echo "      proxy_set_header X-Forwarded-Proto \$scheme; proxy_set_header X-Forwarded-Host \$host;"
  echo "    }"
  echo "  }"
  echo "}"
} >"$work/nginx.conf"
nginx -c "$work/nginx.conf" -p "$work/" & pid[nginx]=$!
pids+=("${pid[nginx]}")
wait_port "$nginx_port"
url[nginx]="http://127.0.0.1:$nginx_port/"
pid[nginx-tls]=${pid[nginx]}
url[nginx-tls]="https://127.0.0.1:$nginx_tls_port/"

# The gateway reads the store after it starts: wait until it serves the stored certificate, not its local authority's.
wanted=$(openssl x509 -in "$work/tls.crt" -noout -fingerprint -sha256)
for _ in $(seq 1 200); do
  served=$(openssl s_client -connect "127.0.0.1:$gateway_tls_port" -servername 127.0.0.1 </dev/null 2>/dev/null \
    | openssl x509 -noout -fingerprint -sha256 2>/dev/null || true)
  [ "$served" = "$wanted" ] && break
  sleep 0.1
done
if [ "$served" != "$wanted" ]; then
  echo "the gateway does not serve the stored certificate on https://127.0.0.1:$gateway_tls_port (see $work/gateway.log)" >&2
  exit 1
fi

# A process and its children (nginx's workers): CPU ticks (user + system), and RSS in KB.
tree() { echo "$1" $(pgrep -P "$1" || true); }
cpu_ticks() { local t=0 p; for p in $(tree "$1"); do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat"))); done; echo "$t"; }
rss_kb() { local r=0 p; for p in $(tree "$1"); do r=$((r + $(ps -o rss= -p "$p"))); done; echo "$r"; }

# run NAME DURATION: one wrk run; appends "NAME rps p99_ms us_per_request rss_kb" to results.
run() {
  local name=$1 duration=$2 process=${pid[$1]:-} before=0 after=0 sampler= rss=0
  [ -n "$process" ] && before=$(cpu_ticks "$process")
  if [ -n "$process" ]; then
    (sleep "$((duration / 2))"; rss_kb "$process" >"$work/rss") & sampler=$!
  fi
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H "Host: bench.localhost" "${url[$name]}" >"$work/wrk.txt"
  if [ -n "$process" ]; then
    wait "$sampler"
    after=$(cpu_ticks "$process")
    rss=$(cat "$work/rss")
  fi
  awk -v name="$name" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v rss="$rss" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    / requests in / { requests = $1 }
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses|Socket errors/ { errors = errors " " $0 }
    END {
      us = (ticks > 0 && requests > 0) ? ticks / hz * 1e6 / requests : 0
      printf "%s %.0f %.2f %.1f %d\n", name, rps, p99, us, rss
      if (errors != "") printf "  %s:%s\n", name, errors > "/dev/stderr"
    }' "$work/wrk.txt" >>"$work/results"
}

show() {
  awk '{ printf "  %-12s %8d req/s   p99 %7.2f ms", $1, $2, $3
         if ($4 > 0) printf "   %5.1f us CPU/req   RSS %5.1f MB", $4, $5 / 1024
         printf "\n" }'
}

echo "warming up ${warmup}s each (the JIT settles; nginx and direct are flat, but warmed alike)"
for target in "${targets[@]}"; do run "$target" "$warmup"; done
: >"$work/results"

for round in $(seq 1 "$rounds"); do
  for target in "${targets[@]}"; do run "$target" "$seconds"; done
  echo "round $round:"
  tail -n "${#targets[@]}" "$work/results" | show
done

echo
echo "medians of $rounds rounds (wrk -t$threads -c$connections, ${seconds}s each, $backends backends; RSS sampled mid-run, max of rounds):"
awk -v list="${targets[*]}" '
  function median(name, field,   n, i, j, v, tmp) {
    n = 0
    for (i = 1; i <= rows; i++) if (row_name[i] == name) v[++n] = row[i, field]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { tmp = v[i]; v[i] = v[j]; v[j] = tmp }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  { rows++; row_name[rows] = $1; for (f = 2; f <= 5; f++) row[rows, f] = $f; if ($5 > max[$1]) max[$1] = $5 }
  END {
    count = split(list, names, " ")
    for (k = 1; k <= count; k++) print names[k], median(names[k], 2), median(names[k], 3), median(names[k], 4), max[names[k]] > "/dev/stderr"
    for (k = 1; k <= count; k++) {
      n = names[k]
      if (n !~ /^gateway/) continue
      base = n ~ /-tls$/ ? "nginx-tls" : "nginx"
      if (!(base in max)) continue
      printf "%s/%s: throughput %.2fx, p99 %.2fx, CPU per request %.2fx\n", n, base,
        median(n, 2) / median(base, 2), median(n, 3) / median(base, 3), median(n, 4) / median(base, 4)
    }
  }' "$work/results" 2>"$work/medians" >"$work/ratios"
show <"$work/medians"
cat "$work/ratios"
