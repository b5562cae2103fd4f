#!/usr/bin/env bash
# Start Berth locally: prerequisites (engine, registry, sample images), a Release build,
# then `berth up` in the foreground. Arguments go to `berth up`.
set -euo pipefail
cd "$(dirname "$0")"

scripts/prereqs.sh

dotnet build Berth.slnx -c Release || { echo "run.sh: ERROR: build failed" >&2; exit 1; }

# Berth's state lives here unless the caller says otherwise.
export BERTH_DATA="${BERTH_DATA:-$PWD/data}"
mkdir -p "$BERTH_DATA"

[[ -x ./berth ]] || { echo "run.sh: ERROR: ./berth (the launcher script) is missing or not executable" >&2; exit 1; }
exec ./berth up "$@"
