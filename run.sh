#!/usr/bin/env bash
# Start Berth on this machine as it is meant to run: packages, the Docker engine, the private registry in
# token mode with Berth as its token server, a Release build, then `berth up`. Once Berth answers, the sample
# images are offered to every tenant as base images and pushed as the admin; only then does it say "ready".
# Berth stays in the foreground until Ctrl-C. Arguments go to `berth up`.
# It refuses to start when the API's or the gateway's port is already taken (say, by a Berth of an earlier
# run), before building anything.
#
# Environment: BERTH_DATA (default ./data), BERTH_API_URL (http://127.0.0.1:7070),
# BERTH_GATEWAY_URL (http://127.0.0.1:7080), BERTH_RUN (/var/tmp/berth), BERTH_REGISTRY (127.0.0.1:5000; any
# other address runs a registry of its own there, with its config and storage in $BERTH_RUN/registry-HOST-PORT).
# BERTH_SERVICE_IMAGES=0 skips building the managed services' images (postgres, mariadb, redis).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh

api_url=${BERTH_API_URL:-http://127.0.0.1:7070}
gateway_url=${BERTH_GATEWAY_URL:-http://127.0.0.1:7080}
signing_key="$BERTH_RUN/registry-auth/signing.key"

# url_port URL: the TCP port of an http URL (80 when it names none).
url_port() {
  local authority=${1#*://}
  authority=${authority%%/*}
  if [[ $authority =~ :([0-9]+)$ ]]; then printf '%s\n' "${BASH_REMATCH[1]}"; else echo 80; fi
}
api_port=$(url_port "$api_url")
gateway_port=$(url_port "$gateway_url")

# listeners PORT: the processes listening on TCP PORT on any address, as ss names them; nothing when none does.
listeners() {
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -nE 's/.*users:\(\((.*)\)\).*/\1/p; t; s/.*/(a process this user cannot see)/p'
}

scripts/install.sh
need ss "run scripts/install.sh (package iproute2)"
# A process already on one of Berth's ports would answer in its place (an earlier run's Berth looks healthy).
for wanted in "API $api_url $api_port" "gateway $gateway_url $gateway_port"; do
  read -r what url port <<<"$wanted"
  holder=$(listeners "$port" | head -n 1)
  [[ -z $holder ]] || die "port $port of the $what ($url) is taken by $holder; stop that process (an earlier ./run.sh?) or choose other addresses with BERTH_API_URL / BERTH_GATEWAY_URL"
done

scripts/start-engine.sh
scripts/registry-auth.sh
# The registry sends clients to Berth for tokens. An open registry of ours (test.sh's) is switched over;
# its storage stays, so images pushed before are still there.
scripts/start-registry.sh --token --realm "$api_url/v1/registry/token" --replace

with_build_lock dotnet build Berth.slnx -c Release || die "build failed"

# Berth's state lives here unless the caller says otherwise.
export BERTH_DATA="${BERTH_DATA:-$PWD/data}"
install -d -m 700 "$BERTH_DATA"
[[ -x ./berth ]] || die "./berth (the launcher script) is missing or not executable"

./berth up --listen "$api_url" --gateway-listen "$gateway_url" --registry "$BERTH_REGISTRY" --registry-signing-key "$signing_key" "$@" &
berth_pid=$!
# Until Berth is handed the foreground, any exit of this script takes Berth down with it; after that,
# Ctrl-C or a kill of this script reaches Berth, which stops cleanly. (A background job of a script
# ignores SIGINT, so it is told with SIGTERM.)
# shellcheck disable=SC2317 # called by the traps
stop_berth() { kill -TERM "$berth_pid" 2>/dev/null || true; }
trap stop_berth EXIT INT TERM

# ours_listening PORT: the Berth started here listens on PORT (berth_pid is the dotnet process: the launcher execs it).
# shellcheck disable=SC2317 # called by answers
ours_listening() { ss -Hltnp "sport = :$1" 2>/dev/null | grep -q "pid=$berth_pid,"; }
# shellcheck disable=SC2317 # called by wait_until
answers() {
  pid_running "$berth_pid" || die "berth up exited during start-up (see above)"
  ours_listening "$api_port" && ours_listening "$gateway_port" && curl -sf --max-time 2 "$api_url/healthz" >/dev/null
}
wait_until 300 answers || die "Berth did not answer on $api_url/healthz within 300 s"

admin_token=$(<"$BERTH_DATA/admin.token")
warnings=0
# The sample is made a base image before it is pushed: from then on no tenant can create an app of its name, whose
# repository it would be. A tenant that was quicker keeps its app; Berth runs on without the sample.
if added=$(BERTH_TOKEN=$admin_token ./berth base-images add hello --url "$api_url" 2>&1); then
  # Pushed as the admin, from a docker config of its own so the user's logins stay as they are.
  export DOCKER_CONFIG="$BERTH_RUN/docker-admin"
  # Its output only on failure: the notice that this config stores the login unencrypted is no news here.
  login=$(docker login "$BERTH_REGISTRY" -u admin --password-stdin <<<"$admin_token" 2>&1) ||
    die "docker login $BERTH_REGISTRY as admin failed (is $BERTH_DATA/admin.token the admin's token?): $login"
  BERTH_REGISTRY_USER=admin BERTH_REGISTRY_PASSWORD=$admin_token samples/hello/build.sh
  # postgres, mariadb, redis for managed services (minutes, once; BERTH_SERVICE_IMAGES=0 skips them).
  if [[ ${BERTH_SERVICE_IMAGES:-1} != 0 ]]; then
    BERTH_REGISTRY_USER=admin BERTH_REGISTRY_PASSWORD=$admin_token scripts/build-base-services.sh
    # The counter sample the services walkthrough binds to them, offered to every tenant like hello.
    if BERTH_TOKEN=$admin_token ./berth base-images add counter --url "$api_url" >/dev/null; then
      BERTH_REGISTRY_USER=admin BERTH_REGISTRY_PASSWORD=$admin_token samples/counter/build.sh
    else
      warn "the sample image 'counter' is not offered to tenants (an app of that name exists?)"
    fi
  fi
  unset DOCKER_CONFIG
else
  warn "the sample image 'hello' is not offered to tenants: ${added#error: }"
  warn "apps cannot run --image hello until it is: remove that app (./berth apps rm hello), then stop and start ./run.sh again"
  warnings=1
fi
((warnings == 0)) || log "Berth runs, but its set-up is not complete (see the warnings above)"
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
