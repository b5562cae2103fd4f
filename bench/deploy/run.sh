#!/usr/bin/env bash
# Deploy benchmark: Berth against `docker run` + curl, in one run. Prints medians, ratios and Berth's RSS.
# Usage: bench/deploy/run.sh [ROUNDS]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
"$repo/scripts/prereqs.sh"
dotnet build "$repo/src/Berth" -c Release -v q --nologo
dotnet run --project "$repo/bench/deploy" -c Release -- "$repo" "${1:-3}"
