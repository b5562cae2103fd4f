#!/usr/bin/env bash
# Everything Berth's tests and `run.sh` need, in dependency order: packages, the Docker
# engine, the local registry, the sample images. Each step is idempotent and quick when
# its work is already done, so this is safe to run before every test run.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install.sh
scripts/start-engine.sh
scripts/start-registry.sh
scripts/start-zookeeper.sh
samples/hello/build.sh
