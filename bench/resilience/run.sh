#!/usr/bin/env bash
# Resilience benchmark: the sidecar is killed (SIGKILL) mid-load, several times, and restarted on the same port and DB;
# counts reports acknowledged to agents vs rows stored (lost, duplicates). Figures: bench/README.md, "Resilience".
# Usage: bench/resilience/run.sh [proxies=4] [reports-per-proxy=250] [down-ms=2000] [kills=3]
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
if [[ -z "${JAVA_HOME:-}" ]]; then
  JAVA_HOME="$(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V | tail -n1)"
  JAVA_HOME="${JAVA_HOME%/}"
fi
for jar in sidecar/target/patchwork-sidecar.jar proxy/target/patchwork-proxy.jar; do
  [[ -f "$ROOT/$jar" ]] || { echo "bench/resilience: $jar is missing; run './patchwork build' first." >&2; exit 1; }
done
if [[ ! -f "$HERE/node_modules/.package-lock.json" || "$HERE/package-lock.json" -nt "$HERE/node_modules/.package-lock.json" ]]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --silent) >&2
fi
exec node "$HERE/kill-mid-load.mjs" "$ROOT" "$JAVA_HOME/bin/java" "$@"
