#!/usr/bin/env bash
# Scheduler benchmark: placements per second on SQLite and PostgreSQL, one and four concurrent schedulers.
# Usage: bench/scheduler/run.sh [--hosts 1000] [--instances 10000] [--batch 10] [--databases sqlite,postgres] [--schedulers 1,4]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
"$repo/scripts/start-postgres.sh" >/dev/null
dotnet build "$repo/bench/scheduler" -c Release -v q --nologo >/dev/null
dotnet run --project "$repo/bench/scheduler" -c Release --no-build -- "$@"
