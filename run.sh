#!/usr/bin/env bash
# Start Berth on this machine as it is meant to run: packages, the Docker engine, the private registry in
# token mode with Berth as its token server, a Release build, then `berth up`. Once Berth answers, the sample
# images are pushed as the admin and offered to every tenant as base images. Berth stays in the foreground
# until Ctrl-C. Arguments go to `berth up`.
#
# Environment: BERTH_DATA (default ./data), BERTH_API_URL (http://127.0.0.1:7070),
# BERTH_GATEWAY_URL (http://127.0.0.1:7080), BERTH_REGISTRY (127.0.0.1:5000), BERTH_RUN (/var/tmp/berth).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

api_url=${BERTH_API_URL:-http://127.0.0.1:7070}
gateway_url=${BERTH_GATEWAY_URL:-http://127.0.0.1:7080}
signing_key="$BERTH_RUN/registry-auth/signing.key"

scripts/install.sh
scripts/start-engine.sh
scripts/registry-auth.sh
# The registry sends clients to Berth for tokens. An open registry of ours (test.sh's) is switched over;
# its storage stays, so images pushed before are still there.
scripts/start-registry.sh --token --realm "$api_url/v1/registry/token" --replace

dotnet build Berth.slnx -c Release || die "build failed"

# Berth's state lives here unless the caller says otherwise.
export BERTH_DATA="${BERTH_DATA:-$PWD/data}"
mkdir -p "$BERTH_DATA"
[[ -x ./berth ]] || die "./berth (the launcher script) is missing or not executable"

./berth up --api-url "$api_url" --gateway-url "$gateway_url" --registry "$BERTH_REGISTRY" --registry-signing-key "$signing_key" "$@" &
berth_pid=$!
# Until Berth is handed the foreground, any exit of this script takes Berth down with it; after that,
# Ctrl-C or a kill of this script reaches Berth, which stops cleanly. (A background job of a script
# ignores SIGINT, so it is told with SIGTERM.)
# shellcheck disable=SC2317 # called by the traps
stop_berth() { kill -TERM "$berth_pid" 2>/dev/null || true; }
trap stop_berth EXIT INT TERM

# shellcheck disable=SC2317 # called by wait_until
answers() {
  curl -sf --max-time 2 "$api_url/healthz" >/dev/null && return 0
  pid_running "$berth_pid" || die "berth up exited during start-up (see above)"
  return 1
}
wait_until 120 answers || die "Berth did not answer on $api_url/healthz within 120 s"

# The samples are pushed as the admin, from a docker config of their own so the user's logins stay as they are.
admin_token=$(<"$BERTH_DATA/admin.token")
export DOCKER_CONFIG="$BERTH_RUN/docker-admin"
docker login "$BERTH_REGISTRY" -u admin --password-stdin <<<"$admin_token" >/dev/null ||
  die "docker login $BERTH_REGISTRY as admin failed (is $BERTH_DATA/admin.token the admin's token?)"
BERTH_REGISTRY_USER=admin BERTH_REGISTRY_PASSWORD=$admin_token samples/hello/build.sh
BERTH_REGISTRY_USER=admin BERTH_REGISTRY_PASSWORD=$admin_token scripts/build-base-services.sh  # postgres, mariadb, redis (minutes, once)
unset DOCKER_CONFIG
./berth base-images add hello --url "$api_url" --token "$admin_token" >/dev/null
log "ready: API $api_url, gateway $gateway_url, registry $BERTH_REGISTRY (docker login $BERTH_REGISTRY -u TENANT -p TOKEN)"

trap stop_berth INT TERM
trap - EXIT
status=0
wait "$berth_pid" || status=$?
# A signal ends wait early (status above 128) while Berth is still stopping: wait for Berth itself.
while ((status > 128)) && kill -0 "$berth_pid" 2>/dev/null; do
  status=0
  wait "$berth_pid" || status=$?
done
exit "$status"
