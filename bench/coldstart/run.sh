#!/usr/bin/env bash
# Cold-start benchmark: the first request to a sleeping app until its first 200 through Berth's gateway, against
# `docker start` of a stopped container of the same image + curl until 200, in one run. Prints median, p95 and ratios.
# Usage: bench/coldstart/run.sh [WAKES]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
"$repo/scripts/prereqs.sh"
dotnet build "$repo/src/Berth" -c Release -v q --nologo
dotnet run --project "$repo/bench/coldstart" -c Release -- "$repo" "${1:-20}"
