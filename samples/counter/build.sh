#!/usr/bin/env bash
# Build the "counter" sample image from Debian packages (socat, the PostgreSQL, MariaDB and Redis clients) and
# push 127.0.0.1:5000/counter:v1, unless the registry has it already (--force rebuilds).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../../scripts/lib.sh"
cd "$HERE/../.."
[[ ${1:-} == --force ]] || {
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' "http://$BERTH_REGISTRY/v2/counter/manifests/v1")
  [[ $code != 200 ]] || { log "$BERTH_REGISTRY/counter:v1 already in the registry (use --force to rebuild)"; exit 0; }
}
scripts/build-debian-image.sh counter:v1 --include socat,postgresql-client-15,mariadb-client-core,redis-tools \
  --copy samples/counter/count.sh:/usr/local/bin/count \
  --change 'EXPOSE 8080' \
  --change 'CMD ["socat","TCP-LISTEN:8080,fork,reuseaddr","EXEC:/usr/local/bin/count"]'
