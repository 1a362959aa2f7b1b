#!/usr/bin/env bash
# Per-event cost of Helidon's SseSink against hand-written text frames (SseCost.java), on the proxy's own class
# path. Usage: bench/proxy-sse/run.sh [events per stream (20000)] [rounds (6)]
set -euo pipefail
ROOT="${PATCHWORK_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
[[ -d "$ROOT/proxy/target/libs" ]] || "$ROOT/patchwork" build >/dev/null
EMPTY="$(mktemp)"
trap 'rm -f "$EMPTY"' EXIT
# An empty logging configuration: Helidon's start and stop lines stay out of the figures.
"${JAVA_HOME:-/usr}/bin/java" -Djava.util.logging.config.file="$EMPTY" -cp "$ROOT/proxy/target/libs/*" \
  "$ROOT/bench/proxy-sse/SseCost.java" "${1:-20000}" "${2:-6}"
