#!/usr/bin/env bash
# Builds Berth's release artifacts for linux-x64 into dist/ — nothing is needed where they are installed but the
# files themselves (no SDK, no clang, no source):
#   berth-linux-x64           the control plane and CLI, self-contained, one file
#   berth-gateway-linux-x64   the NativeAOT gateway
#   berth_VERSION_amd64.deb   both, the systemd units (berth, berth-server, berth-gateway), /etc/berth/berth.env,
#                             a berth system user and /var/lib/berth (0700)
#   SHA256SUMS
# Usage: scripts/release.sh [--version X.Y.Z] [--out DIR]   (default 0.1.<commits>, dist/)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIST="$ROOT/dist"
version="0.1.$(git -C "$ROOT" rev-list --count HEAD 2>/dev/null || echo 0)"
while (($#)); do
  case $1 in
    --version) version=${2:?--version X.Y.Z}; shift 2 ;;
    --out) DIST=$(realpath -m "${2:?--out DIR}"); shift 2 ;;
    *) die "release: unknown argument '$1'" ;;
  esac
done
command -v dpkg-deb >/dev/null || die "release: dpkg-deb is missing"

rm -rf "$DIST" && mkdir -p "$DIST"
publish="$DIST/.publish"
log "publishing berth (self-contained, single file)"
DOTNET_NOLOGO=1 with_build_lock dotnet publish "$ROOT/src/Berth" -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=none -p:Version="$version" \
  -v q --nologo -o "$publish" >&2 || die "release: publishing berth failed"
install -m 0755 "$publish/berth" "$DIST/berth-linux-x64"
log "publishing the NativeAOT gateway"
install -m 0755 "$("$ROOT/scripts/publish-gateway.sh")" "$DIST/berth-gateway-linux-x64"

# The package's tree, owned by root inside the archive (--root-owner-group).
pkg="$DIST/.deb"
install -d "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/lib/systemd/system" "$pkg/etc/berth"
install -m 0755 "$DIST/berth-linux-x64" "$pkg/usr/bin/berth"
install -m 0755 "$DIST/berth-gateway-linux-x64" "$pkg/usr/bin/berth-gateway"
install -m 0644 "$ROOT"/packaging/systemd/*.service "$pkg/lib/systemd/system/"
install -m 0640 "$ROOT/packaging/deb/berth.env" "$pkg/etc/berth/berth.env"
install -m 0755 "$ROOT/packaging/deb/postinst" "$pkg/DEBIAN/postinst"
echo /etc/berth/berth.env >"$pkg/DEBIAN/conffiles"
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: berth
Version: $version
Architecture: amd64
Maintainer: Berth <berth@localhost>
Depends: adduser
Recommends: docker.io
Section: admin
Priority: optional
Installed-Size: $(du -sk "$pkg" | cut -f1)
Description: Container-as-a-Service: your Docker hosts, deployed to through one API and one gateway
 berth (control plane and CLI) and berth-gateway (the NativeAOT HTTP gateway), with systemd units:
 berth.service (both in one process), berth-server.service and berth-gateway.service (a cluster).
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$DIST/berth_${version}_amd64.deb" >/dev/null || die "release: dpkg-deb failed"
rm -rf "$pkg" "$publish"

(cd "$DIST" && sha256sum berth-linux-x64 berth-gateway-linux-x64 "berth_${version}_amd64.deb" >SHA256SUMS)
log "release $version in $DIST"
ls -l "$DIST" >&2
