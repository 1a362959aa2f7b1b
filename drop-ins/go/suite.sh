#!/usr/bin/env bash
# Go drop-in suite: mcp-go and the official go-sdk servers with the drop-in, driven over stdio by the go-sdk
# client, against a real sidecar. Dependencies pinned by go.mod/go.sum.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${PATCHWORK_ROOT:=$(cd "$HERE/../.." && pwd)}"
: "${PATCHWORK_RESULTS:=$HERE/.results}"
export PATCHWORK_ROOT PATCHWORK_RESULTS
mkdir -p "$PATCHWORK_RESULTS"
source "$PATCHWORK_ROOT/scripts/lib/test-sidecar.sh"
cd "$HERE"
command -v go >/dev/null 2>&1 || export PATH="$PATH:/usr/local/go/bin"

go mod download
work="$(mktemp -d)"
trap 'stop_test_sidecar; rm -rf "$work"' EXIT
# (called under "||": the helper polls with grep, which must not trip errexit while the log is empty)
start_test_sidecar "$work/sidecar" || { echo "dropin-go: the test sidecar did not start" >&2; write_counts dropin-go 0 1; exit 1; }

status=0
SIDECAR_URL="$SIDECAR_URL" go test -count=1 -v -timeout 300s ./... > "$work/go-test.txt" 2>&1 || status=1
cat "$work/go-test.txt"
passed="$(grep -cE '^\s*--- PASS' "$work/go-test.txt" || true)"
failed="$(grep -cE '^\s*--- FAIL' "$work/go-test.txt" || true)"
skipped="$(grep -cE '^\s*--- SKIP' "$work/go-test.txt" || true)"
if [[ "$status" -ne 0 && "$failed" -eq 0 ]]; then failed=1; fi
write_counts dropin-go "$passed" "$failed" "$skipped"
echo "dropin-go: $passed passed, $failed failed, $skipped skipped"
exit "$status"
