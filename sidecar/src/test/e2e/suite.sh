#!/usr/bin/env bash
# The dashboard's tests: the SSE parser and vocabulary unit tests, then the page in Debian's Chromium (playwright-core)
# against real sidecars started from the built jar: an open one (whose drafts go to a local git repository
# through a loopback stand-in for the Anthropic API), a fresh one for the screenshots, and one with
# FEEDBACK_ADMIN_KEY. Run by ./patchwork test; alone:
#   PATCHWORK_ROOT=$PWD PATCHWORK_RESULTS=/tmp/r JAVA_HOME=... bash sidecar/src/test/e2e/suite.sh
set -uo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="${PATCHWORK_ROOT:?run through ./patchwork test}"
: "${PATCHWORK_RESULTS:?}" "${JAVA_HOME:?}"
mkdir -p "$PATCHWORK_RESULTS"
source "$ROOT/scripts/lib/test-sidecar.sh"

fail_setup() { echo "dashboard suite: $*" >&2; write_counts dashboard 0 1; exit 1; }

bash "$ROOT/scripts/setup.sh" chromium || fail_setup "Chromium is missing and could not be installed"
command -v node >/dev/null || fail_setup "node is missing (Node 20 or newer)"
source "$HERE/lib.sh"
ensure_e2e_packages
cd "$HERE"

# The sidecars must not pick up keys from the caller's environment.
unset GITHUB_TOKEN ANTHROPIC_API_KEY OPENAI_API_KEY FEEDBACK_API_KEY FEEDBACK_ADMIN_KEY FEEDBACK_SECRETS_FILE

WORK="$(mktemp -d)"
PIDS=()
FAKE_LLM_PID=""
cleanup() {
  for pid in "${PIDS[@]}"; do SIDECAR_PID="$pid" stop_test_sidecar; done
  [[ -n "$FAKE_LLM_PID" ]] && kill "$FAKE_LLM_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
skipped=0
# Runs node --test on the given files; adds its pass/fail counts from the TAP summary.
run_tests() {
  local name="$1"; shift
  local tap="$WORK/$name.tap"
  node --no-warnings --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stderr \
    --test-reporter=tap --test-reporter-destination="$tap" "$@"
  local p f s
  read -r p f s < <(tap_counts "$tap")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

start() { # start <name> [VAR=val...]: starts a sidecar, remembers its pid, sets SIDECAR_URL
  local name="$1"; shift
  start_test_sidecar "$WORK/$name" "$@" || fail_setup "the $name sidecar did not start"
  PIDS+=("$SIDECAR_PID")
}

run_tests parser sse.test.mjs labels.test.mjs

# A stand-in for the Anthropic API, so a real draft (into a local git repository) can run from the page.
node fake-anthropic.mjs >"$WORK/fake-anthropic.url" 2>"$WORK/fake-anthropic.log" &
FAKE_LLM_PID=$!
for _ in $(seq 1 100); do [[ -s "$WORK/fake-anthropic.url" ]] && break; sleep 0.1; done
[[ -s "$WORK/fake-anthropic.url" ]] || fail_setup "the fake Anthropic API did not start: $(cat "$WORK/fake-anthropic.log")"

export DASHBOARD_DOCS_DIR="$ROOT/docs"
start open ANTHROPIC_BASE_URL="$(cat "$WORK/fake-anthropic.url")"
export DASHBOARD_URL="$SIDECAR_URL"
run_tests dashboard dashboard.test.mjs xss.test.mjs report.test.mjs

start showcase
export DASHBOARD_URL="$SIDECAR_URL"
run_tests look look.test.mjs

ADMIN_KEY="admin-$RANDOM-$RANDOM"
start guarded FEEDBACK_ADMIN_KEY="$ADMIN_KEY" GITHUB_TOKEN=ghp_from_the_environment_9f3e
export DASHBOARD_ADMIN_URL="$SIDECAR_URL" DASHBOARD_ADMIN_KEY="$ADMIN_KEY"
run_tests auth auth.test.mjs

write_counts dashboard "$passed" "$failed" "$skipped"
echo "dashboard: $passed passed, $failed failed, $skipped skipped" >&2
[[ "$failed" -eq 0 ]]
