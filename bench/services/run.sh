#!/usr/bin/env bash
# Managed-services benchmark: `berth services create` against `docker run` of the same image, until the first successful
# query, per type, in one run. Prints medians and ratios. Usage: bench/services/run.sh [ROUNDS]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
"$repo/scripts/prereqs.sh"
dotnet build "$repo/src/Berth" -c Release -v q --nologo
dotnet run --project "$repo/bench/services" -c Release -- "$repo" "${1:-3}"
