#!/usr/bin/env bash
# Publishes the NativeAOT gateway (src/Berth.GatewayHost → artifacts/gateway-aot/berth-gateway) when it is missing or
# anything under src/ is newer, then prints its path. Exit 1 without clang-14 (scripts/install.sh installs it).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
root="$(cd "$(dirname "$0")/.." && pwd)"
gateway="$root/artifacts/gateway-aot/berth-gateway"

if ! command -v clang-14 >/dev/null; then
  echo "publish-gateway: clang-14 is missing (scripts/install.sh installs it)" >&2
  exit 1
fi

if [[ ! -x "$gateway" ]] || [[ -n "$(find "$root/src" -type f -newer "$gateway" -print -quit)" ]]; then
  echo "publish-gateway: publishing the NativeAOT gateway (a minute or two)" >&2
  if ! DOTNET_NOLOGO=1 with_build_lock dotnet publish "$root/src/Berth.GatewayHost" -c Release -r linux-x64 -v q --nologo -o "$(dirname "$gateway")" >&2; then
    echo "publish-gateway: publishing failed (see above)" >&2
    exit 1
  fi
  # An up-to-date publish may leave the file untouched; touching it stops every later run from publishing again.
  touch "$gateway"
fi

echo "$gateway"
