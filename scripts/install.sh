#!/usr/bin/env bash
# Install the Debian packages Berth needs, only those missing, and check the .NET SDK.
# Fast and silent-ish when everything is present (no apt-get update then).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# docker.io: the engine; docker-registry: the local image registry;
# busybox-static: the sample images' userland; mmdebstrap: the base service images' root filesystems; curl: readiness probes;
# etcd/zookeeper: state and discovery back ends used by later work; openssl: the secure etcd's and the extra
# test engines' certificates; postgresql/mariadb-server: the relational state stores' test servers;
# iproute2: the extra test engines' bridges; chromium: the browser the dashboard's tests drive (Playwright cannot
# download one here); clang-14/zlib1g-dev: linking the NativeAOT gateway (berth-gateway); pebble: the ACME test server
# (with pebble-challtestsrv) the certificate tests issue from; socat: the reference host provisioner's registry relay.
PACKAGES=(docker.io docker-registry busybox-static mmdebstrap curl etcd-server etcd-client zookeeper openssl postgresql mariadb-server iproute2 chromium clang-14 zlib1g-dev pebble socat)

installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

missing=()
for p in "${PACKAGES[@]}"; do
  installed "$p" || missing+=("$p")
done

if ((${#missing[@]})); then
  ((EUID == 0)) || die "missing packages: ${missing[*]} - run this script as root to install them"
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q || die "apt-get update failed"
  apt-get install -y -q "${missing[@]}" || die "apt-get install ${missing[*]} failed"
  for p in "${missing[@]}"; do
    installed "$p" || die "package $p still not installed after apt-get install"
  done
else
  log "packages present: ${PACKAGES[*]}"
fi

# The .NET 10 SDK is preinstalled on our machines; we do not install it here.
command -v dotnet >/dev/null 2>&1 ||
  die "the .NET 10 SDK is missing: 'dotnet' is not on PATH (install dotnet-sdk-10.0, see https://dot.net)"
sdk=$(dotnet --version 2>/dev/null) ||
  die "'dotnet --version' failed: no .NET SDK usable here (a runtime alone is not enough; need SDK 10.x, see global.json)"
major=${sdk%%.*}
if ! [[ $major =~ ^[0-9]+$ ]] || ((major < 10)); then
  die ".NET SDK $sdk found, but Berth needs SDK 10 or later (see global.json)"
fi
log ".NET SDK $sdk"
