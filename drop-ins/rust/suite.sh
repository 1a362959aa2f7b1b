#!/usr/bin/env bash
# Rust drop-in suite: an rmcp server with the drop-in (example_server.rs), driven over stdio by the rmcp
# client, against a real sidecar. Dependencies pinned by Cargo.lock (--locked).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${PATCHWORK_ROOT:=$(cd "$HERE/../.." && pwd)}"
: "${PATCHWORK_RESULTS:=$HERE/.results}"
export PATCHWORK_ROOT PATCHWORK_RESULTS
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
mkdir -p "$PATCHWORK_RESULTS"
source "$PATCHWORK_ROOT/scripts/lib/test-sidecar.sh"
cd "$HERE"
command -v cargo >/dev/null 2>&1 || export PATH="$PATH:$HOME/.cargo/bin"

cargo test --locked --no-run --quiet
work="$(mktemp -d)"
trap 'stop_test_sidecar; rm -rf "$work"' EXIT
# (called under "||": the helper polls with grep, which must not trip errexit while the log is empty)
start_test_sidecar "$work/sidecar" || { echo "dropin-rust: the test sidecar did not start" >&2; write_counts dropin-rust 0 1; exit 1; }

status=0
SIDECAR_URL="$SIDECAR_URL" timeout 600 cargo test --locked > "$work/cargo-test.txt" 2>&1 || status=1
cat "$work/cargo-test.txt"
read -r passed failed skipped < <(awk '/^test result:/ {
    for (i = 1; i <= NF; i++) {
      if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i
    }
  } END { print p + 0, f + 0, s + 0 }' "$work/cargo-test.txt")
if [[ "$status" -ne 0 && "$failed" -eq 0 ]]; then failed=1; fi
write_counts dropin-rust "$passed" "$failed" "$skipped"
echo "dropin-rust: $passed passed, $failed failed, $skipped skipped"
exit "$status"
