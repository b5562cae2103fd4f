#!/usr/bin/env bash
# Build Berth's base service images from Debian's own packages and push them to the local registry:
# postgres:15 (postgresql-15), mariadb:10.11 (mariadb-server-core), redis:7 (redis-server). Each image runs a
# small entrypoint (images/services/) that initialises the data directory on the service's volume on first
# start and runs the server in the foreground. Images already in the registry are skipped unless --force.
#
# Usage: scripts/build-base-services.sh [--force] [postgres|mariadb|redis...]     (default: all three)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/lib.sh"
cd "$HERE/.."

force=0
wanted=()
for arg in "$@"; do
  case $arg in
    --force | -f) force=1 ;;
    postgres | mariadb | redis) wanted+=("$arg") ;;
    -h | --help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$arg'" ;;
  esac
done
((${#wanted[@]})) || wanted=(postgres mariadb redis)
registry_up || die "no registry on $BERTH_REGISTRY; run scripts/start-registry.sh"

# in_registry REPO TAG: the registry already holds a manifest for REPO:TAG (asked with a token in token mode).
in_registry() {
  local code header auth=()
  header=$(registry_bearer "repository:$1:pull")
  [[ -z $header ]] || auth=(-H "$header")
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${auth[@]}" \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$BERTH_REGISTRY/v2/$1/manifests/$2") || return 1
  [[ $code == 200 ]]
}

entry=/usr/local/bin/berth-entrypoint
for name in "${wanted[@]}"; do
  case $name in
    postgres) tag=15 packages=postgresql-15 port=5432 ;;
    mariadb) tag=10.11 packages=mariadb-server-core,mariadb-client port=3306 ;;
    redis) tag=7 packages=redis-server port=6379 ;;
  esac
  if ((!force)) && in_registry "$name" "$tag"; then
    log "$BERTH_REGISTRY/$name:$tag already in the registry (use --force to rebuild)"
    continue
  fi
  scripts/build-debian-image.sh "$name:$tag" --include "$packages" \
    --copy "images/services/$name-entrypoint.sh:$entry" \
    --change "EXPOSE $port" --change "CMD [\"$entry\"]"
  in_registry "$name" "$tag" || die "pushed $name:$tag but the registry has no manifest for it"
done
