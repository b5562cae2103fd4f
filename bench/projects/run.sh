#!/usr/bin/env bash
# Project deploy benchmark: the three-service sample (samples/shop) through Berth against `docker-compose up` of the
# same file (Debian's docker-compose, when it runs here; else the same containers started by hand). Prints medians and
# the ratio. Usage: bench/projects/run.sh [ROUNDS]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
"$repo/scripts/prereqs.sh"
dotnet build "$repo/src/Berth" -c Release -v q --nologo
dotnet run --project "$repo/bench/projects" -c Release -- "$repo" "${1:-3}"
