#!/usr/bin/env bash
# Run Berth's whole test suite and end with one plain line: "N passed, N failed[, N skipped]".
# Extra arguments go to `dotnet test`. Exit code: that of dotnet test.
set -euo pipefail
cd "$(dirname "$0")"

scripts/prereqs.sh
# Tests that start `berth gateway` run the NativeAOT binary, as ./berth gateway does.
BERTH_GATEWAY_EXECUTABLE="$(scripts/publish-gateway.sh)"
export BERTH_GATEWAY_EXECUTABLE

out=$(mktemp)
trap 'rm -f "$out"' EXIT

# global.json selects Microsoft.Testing.Platform; on SDK 10 the solution is given with
# --solution. English output so the summary below can be parsed.
set +e
DOTNET_CLI_UI_LANGUAGE=en dotnet test --solution Berth.slnx "$@" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
set -e

# dotnet test prints, per run:
#   Test run summary: Passed!|Failed!|...
#     total: 17
#     failed: 0
#     succeeded: 17
#     skipped: 0
#     error: N        (only when a test module itself failed, e.g. crashed)
#     duration: 418ms
# Sum every summary block (colour codes stripped). Module errors count as failures.
read -r passed failed skipped found < <(
  sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$out" | awk '
    /^Test run summary:/ { insum = 1; found++; next }
    insum && /^[[:space:]]*succeeded:[[:space:]]*[0-9]+/ { p += $2 }
    insum && /^[[:space:]]*failed:[[:space:]]*[0-9]+/    { f += $2 }
    insum && /^[[:space:]]*error:[[:space:]]*[0-9]+/     { f += $2 }
    insum && /^[[:space:]]*skipped:[[:space:]]*[0-9]+/   { s += $2 }
    insum && /^[[:space:]]*duration:/                    { insum = 0 }
    END { printf "%d %d %d %d\n", p, f, s, found }'
)

# Repeat each failed test with its first lines, so the end of a long log says which ones failed.
if ((failed > 0)); then
  echo "Failed tests:"
  sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$out" | awk '
    /^failed / { print; left = 3; next }
    left > 0 && /^  from / { next }
    left > 0 && /^  / { print; left--; next }
    { left = 0 }'
fi
if ((found == 0)); then
  echo "test.sh: dotnet test printed no test run summary (build failure? exit code $rc)" >&2
fi
if ((skipped > 0)); then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$rc"
