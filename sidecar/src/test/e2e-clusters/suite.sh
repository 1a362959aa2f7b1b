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

# The sidecar must not pick up keys from the caller's environment.
unset GITHUB_TOKEN ANTHROPIC_API_KEY OPENAI_API_KEY FEEDBACK_API_KEY FEEDBACK_ADMIN_KEY FEEDBACK_SECRETS_FILE

WORK="$(mktemp -d)"
FAKE_LLM_PID=""
trap 'stop_test_sidecar; [[ -n "$FAKE_LLM_PID" ]] && kill "$FAKE_LLM_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
# The dashboard suite's stand-in for the Anthropic API, so a cluster draft (into a local git repository) runs.
node "$HERE/../e2e/fake-anthropic.mjs" >"$WORK/fake-anthropic.url" 2>"$WORK/fake-anthropic.log" &
FAKE_LLM_PID=$!
for _ in $(seq 1 100); do [[ -s "$WORK/fake-anthropic.url" ]] && break; sleep 0.1; done
[[ -s "$WORK/fake-anthropic.url" ]] || fail_setup "the fake Anthropic API did not start: $(cat "$WORK/fake-anthropic.log")"
start_test_sidecar "$WORK/clusters" FEEDBACK_CLUSTERING=true ANTHROPIC_BASE_URL="$(cat "$WORK/fake-anthropic.url")" ||
  fail_setup "the sidecar did not start"
export DASHBOARD_URL="$SIDECAR_URL" PATCHWORK_ROOT="$ROOT"

cd "$HERE"
tap="$WORK/clusters.tap"
node --experimental-detect-module --no-warnings --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stderr \
  --test-reporter=tap --test-reporter-destination="$tap" clusters.test.mjs
read -r passed failed _ < <(tap_counts "$tap")
write_counts clusters "$passed" "${failed:-0}"
echo "clusters: $passed passed, ${failed:-0} failed" >&2
[[ "${failed:-0}" -eq 0 ]]
