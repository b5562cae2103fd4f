#!/usr/bin/env bash
# Build an image from Debian packages (no image is pulled): mmdebstrap makes a minimal bookworm rootfs with the
# packages, the given files are copied in, docs, manuals, locales and apt's lists are left out, and the tar is
# `docker import`ed and pushed to the local registry.
#
# Usage: scripts/build-debian-image.sh REPO:TAG --include PKG[,PKG...] [--copy SRC:DEST]... [--change DOCKERFILE-LINE]...
#   e.g. --copy images/services/redis-entrypoint.sh:/usr/local/bin/berth-entrypoint --change 'CMD ["/usr/local/bin/berth-entrypoint"]'
set -euo pipefail
source "$(dirname "$0")/lib.sh"

(($#)) || die "usage: $0 REPO:TAG --include PKGS [--copy SRC:DEST]... [--change LINE]..."
ref=$1; shift
include=""
copies=()
changes=()
while (($#)); do
  case $1 in
    --include) include=$2; shift 2 ;;
    --copy) copies+=("$2"); shift 2 ;;
    --change) changes+=(--change "$2"); shift 2 ;;
    *) die "unknown argument '$1'" ;;
  esac
done
[[ -n $include ]] || die "--include is required"
need mmdebstrap "apt-get install mmdebstrap"
need docker "run scripts/install.sh (package docker.io)"
((EUID == 0)) || die "mmdebstrap --mode=root needs root"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
hooks=()
for c in "${copies[@]}"; do
  src=${c%%:*} dest=${c#*:}
  [[ -f $src ]] || die "no file $src to copy into $ref"
  hooks+=(--customize-hook="mkdir -p \"\$1$(dirname "$dest")\" && cp '$(realpath "$src")' \"\$1$dest\" && chmod 755 \"\$1$dest\"")
done
# Docs, manuals and locales are never read in a container; apt's lists and caches only matter for installing more.
# A half-written rootfs is thrown away anyway, so dpkg need not sync every file (much faster on a busy disk).
log "mmdebstrap $ref ($include)"
mmdebstrap --quiet --variant=minbase --mode=root --include="$include" --dpkgopt=force-unsafe-io \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*' \
  "${hooks[@]}" bookworm "$work/rootfs.tar" >"$work/mmdebstrap.log" 2>&1 ||
  { log_tail "$work/mmdebstrap.log"; die "mmdebstrap for $ref failed"; }
image="$BERTH_REGISTRY/$ref"
docker import "${changes[@]}" "$work/rootfs.tar" "$image" >/dev/null || die "docker import of $image failed"
log "pushing $image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}'))"
docker push -q "$image" >/dev/null || die "docker push $image failed"
