#!/usr/bin/env bash
# Autoscale benchmark: a load step through Berth's gateway against an app with a requests-per-second policy — time
# until the autoscaler's count is reached and routed, its decisions with their figures, time to scale back once the
# load ends — beside the same count deployed by hand through the API, in one run. Prints times and ratios.
# Usage: bench/autoscale/run.sh [LOAD_SECONDS]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
"$repo/scripts/prereqs.sh"
dotnet build "$repo/src/Berth" -c Release -v q --nologo
dotnet run --project "$repo/bench/autoscale" -c Release -- "$repo" "${1:-30}"
