#!/usr/bin/env bash
# Build the "hello" sample image from busybox-static and push 127.0.0.1:5000/hello:v1 and :v2.
# No image can be pulled from the internet here, so the rootfs is made by hand and
# `docker import`ed. Versions already in the registry are skipped unless --force.
#
# Usage: samples/hello/build.sh [--force] [VERSION...]     (default versions: v1 v2)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=SCRIPTDIR/../../scripts/lib.sh
source "$HERE/../../scripts/lib.sh"

REPO=hello
BUSYBOX=/bin/busybox
# Applets a test may need inside the container (busybox dispatches on argv[0]).
APPLETS=(sh httpd echo hostname cat rm ls sleep touch wget nc kill ps mkdir env true false date grep uname)

force=0
versions=()
for arg in "$@"; do
  case $arg in
    --force | -f) force=1 ;;
    -h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    v[0-9]*) versions+=("$arg") ;;
    *) die "unknown argument '$arg' (usage: $0 [--force] [VERSION...])" ;;
  esac
done
((${#versions[@]})) || versions=(v1 v2)

need curl "run scripts/install.sh"
need docker "run scripts/install.sh (package docker.io)"
engine_up || die "the Docker engine does not answer on $DOCKER_SOCK; run scripts/start-engine.sh"
registry_up || die "no registry on $BERTH_REGISTRY; run scripts/start-registry.sh"

# in_registry VERSION: the registry already holds a manifest for hello:VERSION. A registry in token
# mode is asked with a token for $BERTH_REGISTRY_USER (see registry_bearer in scripts/lib.sh).
in_registry() {
  local code header auth=()
  header=$(registry_bearer "repository:$REPO:pull")
  [[ -z $header ]] || auth=(-H "$header")
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${auth[@]}" \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$BERTH_REGISTRY/v2/$REPO/manifests/$1") || return 1
  [[ $code == 200 ]]
}

todo=()
for v in "${versions[@]}"; do
  if ((!force)) && in_registry "$v"; then
    log "$BERTH_REGISTRY/$REPO:$v already in the registry (use --force to rebuild)"
  else
    todo+=("$v")
  fi
done
((${#todo[@]})) || exit 0

# busybox must be the static build: the image has no libc.
[[ -x $BUSYBOX ]] || die "$BUSYBOX missing; run scripts/install.sh (package busybox-static)"
if ldd "$BUSYBOX" >/dev/null 2>&1; then
  die "$BUSYBOX is dynamically linked; install busybox-static (apt-get install busybox-static)"
fi
have=$("$BUSYBOX" --list)
for a in "${APPLETS[@]}"; do
  grep -qx "$a" <<<"$have" || die "$BUSYBOX has no '$a' applet"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"/{bin,www,etc,proc,sys,dev,tmp}
chmod 755 "$root"
chmod 1777 "$root/tmp"
cp "$BUSYBOX" "$root/bin/busybox"
for a in "${APPLETS[@]}"; do ln -s busybox "$root/bin/$a"; done
# Minimal users so ps/ls show names instead of numbers.
printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
# Health endpoint: httpd serves /www/_ping -> 200; delete the file -> 404 (see README.md).
echo OK >"$root/www/_ping"
# One tarball for every version: same layer digest, so later pushes reuse the blob.
tar -C "$root" --numeric-owner --owner=0 --group=0 -cf "$work/rootfs.tar" .

# index.html is written at start so it names the container's own hostname.
# shellcheck disable=SC2016 # expanded by the container's shell, not here
CMD='CMD ["/bin/sh","-c","echo \"hello $BERTH_SAMPLE_VERSION from $(hostname)\" > /www/index.html; exec httpd -f -p 8080 -h /www"]'

for v in "${todo[@]}"; do
  image="$BERTH_REGISTRY/$REPO:$v"
  log "building $image"
  docker import \
    --change "ENV BERTH_SAMPLE_VERSION=$v" \
    --change "EXPOSE 8080" \
    --change "$CMD" \
    "$work/rootfs.tar" "$image" >/dev/null || die "docker import of $image failed"
  log "pushing $image"
  docker push -q "$image" >/dev/null || die "docker push $image failed"
  in_registry "$v" || die "pushed $image but the registry has no manifest for it"
done
log "done: ${todo[*]}"
