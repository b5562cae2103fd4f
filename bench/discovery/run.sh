#!/usr/bin/env bash
# Discovery benchmark: how long a registration takes to reach a watcher (median, p99 over 1,000 changes) per backend.
# Usage: bench/discovery/run.sh [CHANGES] [BACKEND...]   (backends: embedded etcd; default: all)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
"$repo/scripts/install.sh"
"$repo/scripts/start-etcd.sh"
"$repo/scripts/start-zookeeper.sh"
dotnet run --project "$repo/bench/discovery" -c Release -- "${1:-1000}" "${@:2}"
