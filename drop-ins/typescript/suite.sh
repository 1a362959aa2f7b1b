#!/usr/bin/env bash
# TypeScript drop-in suite: the drop-in on the McpServer of @modelcontextprotocol/sdk 1.x and of
# @modelcontextprotocol/server 2.x (MCP 2026-07-28), driven over stdio by each major's Client, against a real
# sidecar. Dependencies pinned in package-lock.json (npm ci).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${PATCHWORK_ROOT:=$(cd "$HERE/../.." && pwd)}"
: "${PATCHWORK_RESULTS:=$HERE/.results}"
export PATCHWORK_ROOT PATCHWORK_RESULTS
mkdir -p "$PATCHWORK_RESULTS"
source "$PATCHWORK_ROOT/scripts/lib/test-sidecar.sh"
cd "$HERE"

# npm ci only when the lock file changed since the last install.
stamp="node_modules/.package-lock.sha256"
hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -d node_modules || "$(cat "$stamp" 2>/dev/null)" != "$hash" ]]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$hash" > "$stamp"
fi
rm -rf dist
npx --no-install tsc -p .

work="$(mktemp -d)"
trap 'stop_test_sidecar; rm -rf "$work"' EXIT
# (called under "||": the helper polls with grep, which must not trip errexit while the log is empty)
start_test_sidecar "$work/sidecar" || { echo "dropin-typescript: the test sidecar did not start" >&2; write_counts dropin-typescript 0 1; exit 1; }

status=0
SIDECAR_URL="$SIDECAR_URL" node --test --test-reporter=tap dist/test/*.test.js > "$work/tap.txt" 2>&1 || status=1
cat "$work/tap.txt"
passed="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$work/tap.txt" | tail -n1)"
failed="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$work/tap.txt" | tail -n1)"
skipped="$(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$work/tap.txt" | tail -n1)"
if [[ -z "$passed" ]]; then passed=0; failed=1; status=1; fi
write_counts dropin-typescript "$passed" "${failed:-0}" "${skipped:-0}"
echo "dropin-typescript: $passed passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
