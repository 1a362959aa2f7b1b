#!/usr/bin/env bash
# The Tools page's browser test: reuses the dashboard suite's harness and its pinned playwright-core
# (sidecar/src/test/e2e/package-lock.json), against a real sidecar fed with call records. Run by ./patchwork test; alone:
#   PATCHWORK_ROOT=$PWD PATCHWORK_RESULTS=/tmp/r JAVA_HOME=... bash sidecar/src/test/e2e-tools/suite.sh
set -uo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="${PATCHWORK_ROOT:?run through ./patchwork test}"
: "${PATCHWORK_RESULTS:?}" "${JAVA_HOME:?}"
mkdir -p "$PATCHWORK_RESULTS"
source "$ROOT/scripts/lib/test-sidecar.sh"

fail_setup() { echo "tools suite: $*" >&2; write_counts tools 0 1; exit 1; }

bash "$ROOT/scripts/setup.sh" chromium || fail_setup "Chromium is missing and could not be installed"
command -v node >/dev/null || fail_setup "node is missing (Node 20 or newer)"
source "$HERE/../e2e/lib.sh"
ensure_e2e_packages

# The sidecar must not pick up keys from the caller's environment.
unset GITHUB_TOKEN ANTHROPIC_API_KEY OPENAI_API_KEY FEEDBACK_API_KEY FEEDBACK_ADMIN_KEY FEEDBACK_SECRETS_FILE

WORK="$(mktemp -d)"
trap 'stop_test_sidecar; rm -rf "$WORK"' EXIT
start_test_sidecar "$WORK/tools" FEEDBACK_CLUSTERING=false || fail_setup "the sidecar did not start"
export DASHBOARD_URL="$SIDECAR_URL" PATCHWORK_ROOT="$ROOT"

cd "$HERE"
tap="$WORK/tools.tap"
node --experimental-detect-module --no-warnings --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stderr \
  --test-reporter=tap --test-reporter-destination="$tap" tools.test.mjs
read -r passed failed _ < <(tap_counts "$tap")
write_counts tools "$passed" "${failed:-0}"
echo "tools: $passed passed, ${failed:-0} failed" >&2
[[ "${failed:-0}" -eq 0 ]]
