#!/usr/bin/env bash
# Everything Berth's tests and `run.sh` need, in dependency order: packages, the Docker
# engine, the local registry, the sample images. Each step is idempotent and quick when
# its work is already done, so this is safe to run before every test run.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install.sh
scripts/start-engine.sh
# The tests pull anonymously, so they need the registry open: one that run.sh switched to token mode is
# switched back (same storage).
scripts/start-registry.sh --replace
scripts/start-etcd.sh
scripts/start-etcd.sh --secure
scripts/start-zookeeper.sh
scripts/start-engines.sh
scripts/start-postgres.sh
scripts/start-mariadb.sh
samples/hello/build.sh
# The managed services' images and the sample that counts in them, from Debian packages (minutes once, then cached).
scripts/build-base-services.sh
samples/counter/build.sh
