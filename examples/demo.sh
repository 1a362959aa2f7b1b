#!/usr/bin/env bash
# patchwork demo: the whole loop on a machine with nothing configured.
#   1. starts a sidecar (temporary SQLite database, a free loopback port),
#   2. runs the example cost tracker server through `patchwork proxy`,
#   3. drives it with a scripted agent that hits the missing "search by run_id" tool and calls `feedback`,
#   4. checks the report reached the sidecar and prints the dashboard URL,
#   5. with ANTHROPIC_API_KEY or OPENAI_API_KEY set, drafts the fix onto a branch of a local git copy of the example.
# Leaves no process behind: everything it starts is stopped on exit, Ctrl-C included.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

usage() {
  cat <<'USAGE'
Usage: patchwork demo [--no-wait]

Runs the end-to-end demo: sidecar, example MCP server behind the proxy, a scripted agent that reports a gap.
  --no-wait   stop the sidecar as soon as the demo is done (the default with no terminal on stdin)

With ANTHROPIC_API_KEY (or OPENAI_API_KEY) set, the sidecar also drafts the missing tool onto a branch of a
local git copy of the example (PATCHWORK_DEMO_REPO, default examples/target/demo-repo).
USAGE
}

no_wait=0
for arg in "$@"; do
  case "$arg" in
    --no-wait) no_wait=1 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; echo "demo: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA="$(command -v java || true)"
  [[ -n "$JAVA" ]] || { echo "demo: no java found; run it as './patchwork demo', which finds a JDK" >&2; exit 1; }
fi
SIDECAR_JAR="$ROOT/sidecar/target/patchwork-sidecar.jar"
PROXY_JAR="$ROOT/proxy/target/patchwork-proxy.jar"
EXAMPLES_JAR="$ROOT/examples/target/patchwork-examples.jar"
for jar in "$SIDECAR_JAR" "$PROXY_JAR" "$EXAMPLES_JAR"; do
  [[ -f "$jar" ]] || { echo "demo: $jar is missing; run './patchwork build' (or './patchwork demo', which builds)" >&2; exit 1; }
done

WORK="${PATCHWORK_DEMO_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/patchwork-demo.XXXXXX")}"
mkdir -p "$WORK"
# Every JVM the demo starts carries this marker, so a test can prove none is left behind.
MARK="-Dpatchwork.demo=$WORK"
SIDECAR_PID=""

cleanup() {
  local code=$?
  trap - EXIT INT TERM
  if [[ -n "$SIDECAR_PID" ]] && kill -0 "$SIDECAR_PID" 2>/dev/null; then
    kill "$SIDECAR_PID" 2>/dev/null || true
    wait "$SIDECAR_PID" 2>/dev/null || true
  fi
  if [[ "${PATCHWORK_DEMO_KEEP:-0}" != 1 ]]; then rm -rf "$WORK"; fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { printf '\033[1mdemo>\033[0m %s\n' "$*"; }
[[ -t 1 ]] || say() { printf 'demo> %s\n' "$*"; }

# The demo's sidecar is private: open on loopback, its own database and secrets file.
unset FEEDBACK_API_KEY FEEDBACK_ADMIN_KEY FEEDBACK_DB_URL FEEDBACK_SIDECAR_URL
say "Starting a sidecar (SQLite in $WORK)..."
FEEDBACK_HOST=127.0.0.1 FEEDBACK_PORT=0 FEEDBACK_DB_PATH="$WORK/feedback.db" FEEDBACK_SECRETS_FILE="$WORK/secrets.json" \
  "$JAVA" "$MARK" -jar "$SIDECAR_JAR" >"$WORK/sidecar.out" 2>"$WORK/sidecar.log" &
SIDECAR_PID=$!
URL=""
deadline=$((SECONDS + 90))
while [[ -z "$URL" ]]; do
  URL="$(grep -o 'listening on http://[0-9.:]*' "$WORK/sidecar.log" 2>/dev/null | head -n1 | sed 's/listening on //' || true)"
  if ! kill -0 "$SIDECAR_PID" 2>/dev/null; then
    echo "demo: the sidecar exited; its log:" >&2; cat "$WORK/sidecar.log" >&2; exit 1
  fi
  if (( SECONDS > deadline )); then
    echo "demo: the sidecar did not start within 90 s; its log:" >&2; cat "$WORK/sidecar.log" >&2; exit 1
  fi
  [[ -n "$URL" ]] || sleep 0.2
done
say "Sidecar and dashboard on $URL"

say "Running the example server through the proxy, driven by a scripted agent:"
say "  patchwork proxy --name cost-tracker --sidecar $URL -- java -jar examples/target/patchwork-examples.jar"
# The proxy jar directly, as `./patchwork proxy` runs it, so no build check runs inside the MCP session.
"$JAVA" "$MARK" -cp "$EXAMPLES_JAR" dev.patchworkmcp.examples.DemoAgent run \
  --sidecar "$URL" --report-file "$WORK/report-id" -- \
  "$JAVA" "$MARK" -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$PROXY_JAR" \
  --name cost-tracker --sidecar "$URL" --outbox "$WORK/outbox" -- \
  "$JAVA" "$MARK" -jar "$EXAMPLES_JAR"
REPORT_ID="$(cat "$WORK/report-id")"

echo
say "The agent's report, on a page of its own: $URL/reports/$REPORT_ID"
say "  (all reports: $URL/ ; as JSON: $URL/api/feedback/$REPORT_ID)"

if [[ -n "${ANTHROPIC_API_KEY:-}" || -n "${OPENAI_API_KEY:-}" ]]; then
  provider=anthropic
  [[ -n "${ANTHROPIC_API_KEY:-}" ]] || provider=openai
  if ! command -v git >/dev/null 2>&1; then
    say "Skipping the draft: git is not installed."
  else
    REPO="${PATCHWORK_DEMO_REPO:-$ROOT/examples/target/demo-repo}"
    rm -rf "$REPO" && mkdir -p "$REPO"
    cp -r "$ROOT/examples/src" "$ROOT/examples/pom.xml" "$ROOT/examples/README.md" "$REPO/"
    git -C "$REPO" init -q -b main
    git -C "$REPO" add -A
    git -C "$REPO" -c user.name="PatchworkMCP demo" -c user.email=demo@localhost commit -q -m "The cost tracker example"
    say "Drafting the fix with $provider onto a branch of a local git copy of the example ($REPO)..."
    if "$JAVA" "$MARK" -cp "$EXAMPLES_JAR" dev.patchworkmcp.examples.DemoAgent draft \
        --sidecar "$URL" --report "$REPORT_ID" --repo "$REPO" --provider "$provider"; then
      :
    else
      say "The draft did not finish (see the lines above); the report itself is safe on the sidecar."
    fi
  fi
else
  say "Next step, drafting the fix: set ANTHROPIC_API_KEY (or OPENAI_API_KEY) and run './patchwork demo' again."
  say "  The sidecar then writes the missing tool onto a branch of a local git copy of the example."
fi

if [[ $no_wait -eq 0 && -t 0 ]]; then
  echo
  say "The sidecar keeps running so you can look around: open $URL/"
  say "Press Enter (or Ctrl-C) to stop it."
  read -r _ || true
fi
say "Done; everything the demo started has stopped."
