#!/usr/bin/env bash
# The cluster view's browser test: reuses the dashboard suite's harness and its pinned playwright-core
# (sidecar/src/test/e2e/package-lock.json), against a real sidecar that clusters. Run by ./patchwork test; alone:
#   PATCHWORK_ROOT=$PWD PATCHWORK_RESULTS=/tmp/r JAVA_HOME=... bash sidecar/src/test/e2e-clusters/suite.sh
set -uo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="${PATCHWORK_ROOT:?run through ./patchwork test}"
: "${PATCHWORK_RESULTS:?}" "${JAVA_HOME:?}"
mkdir -p "$PATCHWORK_RESULTS"
source "$ROOT/scripts/lib/test-sidecar.sh"

fail_setup() { echo "clusters suite: $*" >&2; write_counts clusters 0 1; exit 1; }

bash "$ROOT/scripts/setup.sh" chromium || fail_setup "Chromium is missing and could not be installed"
command -v node >/dev/null || fail_setup "node is missing (Node 20 or newer)"
source "$HERE/../e2e/lib.sh"
ensure_e2e_packages

WORK="$(mktemp -d)"
trap 'stop_test_sidecar; rm -rf "$WORK"' EXIT
start_test_sidecar "$WORK/clusters" FEEDBACK_CLUSTERING=true || fail_setup "the sidecar did not start"
export DASHBOARD_URL="$SIDECAR_URL"

cd "$HERE"
tap="$WORK/clusters.tap"
node --experimental-detect-module --no-warnings --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stderr \
  --test-reporter=tap --test-reporter-destination="$tap" clusters.test.mjs
read -r passed failed _ < <(tap_counts "$tap")
write_counts clusters "$passed" "${failed:-0}"
echo "clusters: $passed passed, ${failed:-0} failed" >&2
[[ "${failed:-0}" -eq 0 ]]
