#!/usr/bin/env bash
# Gateway benchmark, one run: wrk straight to a backend, through Berth's gateway and through nginx (2 workers,
# keep-alive upstream, no access log) to the same loopback backends, in interleaved rounds after a warm-up.
# Prints req/s and p99 of each, the gateway/nginx ratios, CPU per request of both proxies and the gateway's RSS.
# Usage: bench/gateway/run.sh [ROUNDS] [SECONDS]      env: BACKENDS=2 CONNECTIONS=64 THREADS=2 WARMUP=20
#        GATEWAY_ENV="DOTNET_gcServer=1 ..." adds environment variables to the gateway process only.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-3}
seconds=${2:-10}
backends=${BACKENDS:-2}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
warmup=${WARMUP:-20}

missing=()
command -v nginx >/dev/null || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet build "$repo/bench/gateway" -c Release -v q --nologo >/dev/null
dll="$repo/artifacts/bin/Berth.Bench.Gateway/release/Berth.Bench.Gateway.dll"

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

gateway_port=$(free_port)
# shellcheck disable=SC2086 # GATEWAY_ENV is a list of NAME=VALUE words.
env ${GATEWAY_ENV:-} dotnet "$dll" gateway "127.0.0.1:$gateway_port" "${backend_addresses[@]}" & gateway_pid=$!
pids+=("$gateway_pid")
wait_port "$gateway_port"

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

direct_url="http://${backend_addresses[0]}/"
gateway_url="http://127.0.0.1:$gateway_port/"
nginx_url="http://127.0.0.1:$nginx_port/"
host="bench.localhost"

# CPU ticks (user + system) of a process and its children (nginx's workers).
cpu_ticks() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}

# run NAME URL DURATION [PID]: one wrk run; appends "NAME rps p99_ms us_per_request rss_kb" to results.
run() {
  local name=$1 url=$2 duration=$3 pid=${4:-} out before=0 after=0 rss=0 sampler=
  out="$work/wrk-$name.txt"
  [ -n "$pid" ] && before=$(cpu_ticks "$pid")
  if [ "$name" = gateway ]; then
    (sleep "$((duration / 2))"; ps -o rss= -p "$gateway_pid" >"$work/rss") & sampler=$!
  fi
  wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -H "Host: $host" "$url" >"$out"
  [ -n "$sampler" ] && wait "$sampler"
  [ -n "$pid" ] && after=$(cpu_ticks "$pid")
  [ "$name" = gateway ] && rss=$(tr -d ' ' <"$work/rss")
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
    }' "$out" >>"$work/results"
}

nginx_master=$(cat "$work/nginx.pid")
echo "warming up: gateway ${warmup}s, nginx and direct 5s each"
run gateway "$gateway_url" "$warmup" "$gateway_pid"
run nginx "$nginx_url" 5 "$nginx_master"
run direct "$direct_url" 5
: >"$work/results"

for round in $(seq 1 "$rounds"); do
  run direct "$direct_url" "$seconds"
  run nginx "$nginx_url" "$seconds" "$nginx_master"
  run gateway "$gateway_url" "$seconds" "$gateway_pid"
  echo "round $round:"
  tail -n 3 "$work/results" | awk '{ printf "  %-8s %8d req/s   p99 %6.2f ms%s\n", $1, $2, $3, ($4 > 0 ? sprintf("   %5.1f us CPU/req", $4) : "") }'
done

awk -v rounds="$rounds" -v c="$connections" -v t="$threads" -v b="$backends" '
  function median(name, field,   n, i, j, v, tmp) {
    n = 0
    for (i = 1; i <= rows; i++) if (row_name[i] == name) v[++n] = row[i, field]
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { tmp = v[i]; v[i] = v[j]; v[j] = tmp }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  { rows++; row_name[rows] = $1; for (f = 2; f <= 5; f++) row[rows, f] = $f }
  END {
    printf "\nmedians of %d rounds (wrk -t%d -c%d, %d backends):\n", rounds, t, c, b
    split("direct nginx gateway", names, " ")
    for (k = 1; k <= 3; k++) {
      n = names[k]
      printf "  %-8s %8d req/s   p99 %6.2f ms", n, median(n, 2), median(n, 3)
      if (median(n, 4) > 0) printf "   %5.1f us CPU/req", median(n, 4)
      printf "\n"
    }
    printf "gateway/nginx: throughput %.2fx, p99 %.2fx\n", median("gateway", 2) / median("nginx", 2), median("gateway", 3) / median("nginx", 3)
    max = 0; for (i = 1; i <= rows; i++) if (row_name[i] == "gateway" && row[i, 5] > max) max = row[i, 5]
    printf "gateway RSS under load: %.1f MB (max of rounds)\n", max / 1024
  }' "$work/results"
