#!/usr/bin/env bash
# Gateway benchmark, one run: wrk straight to a backend, through Berth's gateway (JIT, and NativeAOT unless AOT=0)
# and through nginx (2 workers, keep-alive upstream, no access log) to the same loopback backends, in interleaved
# rounds after a warm-up. Prints req/s, p99, CPU per request and RSS under load of each, and the gateway/nginx ratios.
# Usage: bench/gateway/run.sh [ROUNDS] [SECONDS]
#   env: BACKENDS=2 CONNECTIONS=64 THREADS=2 WARMUP=20 AOT=1
#        GATEWAY_ENV="NAME=VALUE ..." replaces the gateway processes' runtime settings (default below).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-3}
seconds=${2:-10}
backends=${BACKENDS:-2}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
warmup=${WARMUP:-20}
aot=${AOT:-1}
# Socket completions inline on the epoll threads (with the gateway's inline scheduling: no thread-pool hop per
# request), and a 4 MB gen0 budget instead of one sized from the CPU cache (~10 MB less RSS, no throughput cost).
gateway_env=${GATEWAY_ENV:-DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_GCgen0size=0x400000}

missing=()
command -v nginx >/dev/null || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
[ "$aot" = 1 ] && ! command -v clang-14 >/dev/null && missing+=(clang-14)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet build "$repo/bench/gateway" -c Release -v q --nologo >/dev/null
dll="$repo/artifacts/bin/Berth.Bench.Gateway/release/Berth.Bench.Gateway.dll"
aot_dir="$repo/artifacts/bench-gateway-aot"
if [ "$aot" = 1 ]; then
  echo "publishing the NativeAOT gateway"
  dotnet publish "$repo/bench/gateway" -c Release -r linux-x64 -v q --nologo -p:PublishAot=true -p:CppCompilerAndLinker=clang-14 \
    -p:EnableConfigurationBindingGenerator=true -o "$aot_dir" >/dev/null
fi

work=$(mktemp -d)
pids=()
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
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
  for _ in $(seq 1 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.05
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

targets=(direct nginx gateway)
declare -A url pid
url[direct]="http://${backend_addresses[0]}/"

gateway_port=$(free_port)
# shellcheck disable=SC2086 # gateway_env is a list of NAME=VALUE words.
env $gateway_env dotnet "$dll" gateway "127.0.0.1:$gateway_port" "${backend_addresses[@]}" & pid[gateway]=$!
pids+=("${pid[gateway]}")
url[gateway]="http://127.0.0.1:$gateway_port/"
wait_port "$gateway_port"

if [ "$aot" = 1 ]; then
  aot_port=$(free_port)
  # shellcheck disable=SC2086
  env $gateway_env "$aot_dir/Berth.Bench.Gateway" gateway "127.0.0.1:$aot_port" "${backend_addresses[@]}" & pid[gateway-aot]=$!
  pids+=("${pid[gateway-aot]}")
  url[gateway-aot]="http://127.0.0.1:$aot_port/"
  targets+=(gateway-aot)
  wait_port "$aot_port"
fi

nginx_port=$(free_port)
{
  echo "worker_processes 2; pid $work/nginx.pid; error_log $work/error.log warn;"
  echo "events { worker_connections 4096; }"
  echo "http {"
  echo "  access_log off;"
  echo "  client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fastcgi;"
  echo "  uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;"
  echo "  upstream backends {"
  for address in "${backend_addresses[@]}"; do echo "    server $address;"; done
  echo "    keepalive 64;"
  echo "  }"
  echo "  server {"
  echo "    listen 127.0.0.1:$nginx_port;"
  echo "    location / {"
  echo "      proxy_pass http://backends; proxy_http_version 1.1; proxy_set_header Connection \"\";"
  echo "      proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$remote_addr;"
  echo "      proxy_set_header X-Forwarded-Proto \$scheme; proxy_set_header X-Forwarded-Host \$host;"
  echo "    }"
  echo "  }"
  echo "}"
} >"$work/nginx.conf"
nginx -c "$work/nginx.conf" -p "$work/"
wait_port "$nginx_port"
pid[nginx]=$(cat "$work/nginx.pid")
url[nginx]="http://127.0.0.1:$nginx_port/"

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
      printf "%s/nginx: throughput %.2fx, p99 %.2fx, CPU per request %.2fx\n", n,
        median(n, 2) / median("nginx", 2), median(n, 3) / median("nginx", 3), median(n, 4) / median("nginx", 4)
    }
  }' "$work/results" 2>"$work/medians" >"$work/ratios"
show <"$work/medians"
cat "$work/ratios"
