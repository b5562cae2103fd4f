#!/usr/bin/env bash
# Managed-services benchmark: `berth services create` against `docker run` of the same image, until the first successful
# query, per type; then backup and restore of a ~200 MB PostgreSQL service through Berth against pg_dump/psql run by hand
# in the same container; in one run. Prints medians, MB/s and ratios. Usage: bench/services/run.sh [ROUNDS] [MB]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
"$repo/scripts/prereqs.sh"
dotnet build "$repo/src/Berth" -c Release -v q --nologo
dotnet run --project "$repo/bench/services" -c Release -- "$repo" "${1:-3}" "${2:-200}"
