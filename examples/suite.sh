#!/usr/bin/env bash
# The demo as a test, on the jars `mvn verify` just built: `examples/demo.sh --no-wait` with no LLM key (the report
# reaches the sidecar, the LLM step explains itself, nothing is left running), then with a key against a fake OpenAI
# on loopback (fake_openai.py: the fix lands on a branch of the local copy), then Ctrl-C on a pseudo-terminal.
# Run by ./patchwork test (PATCHWORK_ROOT, PATCHWORK_RESULTS and JAVA_HOME exported).
set -uo pipefail

ROOT="${PATCHWORK_ROOT:?run through ./patchwork test}"
source "$ROOT/scripts/lib/test-sidecar.sh"

passed=0
failed=0
check() { # check <description> <command...>
  local description="$1"; shift
  if "$@"; then
    passed=$((passed + 1)); echo "  ok   $description"
  else
    failed=$((failed + 1)); echo "  FAIL $description"
  fi
}

work="$(mktemp -d "${TMPDIR:-/tmp}/patchwork-demo-suite.XXXXXX")"
trap 'rm -rf "$work"' EXIT
demo_dir="$work/demo"

echo "examples: running the demo (non-LLM form)"
env -u ANTHROPIC_API_KEY -u OPENAI_API_KEY PATCHWORK_DEMO_DIR="$demo_dir" \
  timeout 300 bash "$ROOT/examples/demo.sh" --no-wait </dev/null >"$work/demo.out" 2>&1
code=$?
out="$(cat "$work/demo.out")"

check "the demo exits 0 (it exited $code)" test "$code" -eq 0
check "the agent called the feedback tool through the proxy" grep -q '^agent> feedback -> Recorded' "$work/demo.out"
check "the report reached the sidecar, sent by the proxy" \
  grep -Eq '^demo> Report [0-9a-f-]{36} is on the sidecar: gap_type missing_tool, from client patchwork-demo-agent, source proxy' "$work/demo.out"
check "the report's own page is printed" grep -Eq '^demo> The agent.s report, on a page of its own: http://127\.0\.0\.1:[0-9]+/reports/[0-9a-f-]+$' "$work/demo.out"
check "without an LLM key it says how to enable drafting" grep -q 'set ANTHROPIC_API_KEY (or OPENAI_API_KEY)' "$work/demo.out"
nothing_left_running() { # the [p] keeps pgrep from matching a command line that holds the pattern itself
  ! pgrep -f "[p]atchwork.demo=$demo_dir" >/dev/null
}
check "no process the demo started is still running" nothing_left_running
check "the demo removed its temporary directory" test ! -e "$demo_dir"
echo "examples: running the demo with an LLM key, against a fake OpenAI on loopback"
python3 "$ROOT/examples/fake_openai.py" >"$work/fake.port" 2>"$work/fake.log" &
fake_pid=$!
for _ in $(seq 1 50); do [[ -s "$work/fake.port" ]] && break; sleep 0.1; done
env -u ANTHROPIC_API_KEY OPENAI_API_KEY=sk-demo-fake OPENAI_BASE_URL="http://127.0.0.1:$(cat "$work/fake.port")/v1" \
  PATCHWORK_DEMO_DIR="$work/llm" PATCHWORK_DEMO_REPO="$work/repo" \
  timeout 300 bash "$ROOT/examples/demo.sh" --no-wait </dev/null >"$work/llm.out" 2>&1
llm_code=$?
kill "$fake_pid" 2>/dev/null; wait "$fake_pid" 2>/dev/null
branch="$(sed -n 's/^demo> The fix is on branch \([^ ]*\) of .*/\1/p' "$work/llm.out")"
check "with an LLM key the demo exits 0 (it exited $llm_code)" test "$llm_code" -eq 0
check "the sidecar called the model" grep -q 'fake openai: POST /v1/chat/completions' "$work/fake.log"
check "the fix is committed on a new branch of the local copy ($branch)" \
  bash -c "[[ -n '$branch' ]] && git -C '$work/repo' show --stat '$branch' | grep -q ContextSearch.java"
[[ $llm_code -eq 0 ]] || cat "$work/llm.out"

echo "examples: pressing Ctrl-C at the demo's prompt and in the middle of the agent's session"
at_prompt="$(python3 "$ROOT/examples/interrupt_check.py" "$work/prompt" "Press Enter" 2>&1)"
mid_session="$(python3 "$ROOT/examples/interrupt_check.py" "$work/session" "agent> Tools on offer" 2>&1)"
check "Ctrl-C at the prompt stops everything ($at_prompt)" \
  test "$at_prompt" = "exit=130 left=0 dir=False triggered=True"
check "Ctrl-C during the MCP session stops everything ($mid_session)" \
  grep -Eq '^exit=(130|1) left=0 dir=False triggered=True$' <<<"$mid_session"
check "an unknown option is a usage error (exit 2)" bash -c "bash '$ROOT/examples/demo.sh' --bogus >/dev/null 2>&1; test \$? -eq 2"

if [[ $failed -gt 0 ]]; then
  echo "examples: the demo's output:"; echo "$out"
fi
write_counts examples "$passed" "$failed"
[[ $failed -eq 0 ]]
