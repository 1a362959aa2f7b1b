#!/usr/bin/env bash
# Gap-intelligence benchmark: embedding throughput, in-memory assignment, re-clustering N stored reports.
# Usage: bench/insight/run.sh [reports (default 100000)] [texts to embed (default 512)]
set -euo pipefail
ROOT="${PATCHWORK_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
# ./patchwork bench exports JAVA_HOME (a JDK 21+); run alone, take the newest JDK under /usr/lib/jvm.
if [[ -z "${JAVA_HOME:-}" ]]; then
  JAVA_HOME="$(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V | tail -n1)"
  JAVA_HOME="${JAVA_HOME%/}"
fi
JAVA="$JAVA_HOME/bin/java"
JAR="$ROOT/sidecar/target/patchwork-sidecar.jar"
[[ -f "$JAR" ]] || { echo "bench/insight: $JAR is missing; run ./patchwork build first" >&2; exit 1; }
exec "$JAVA" -Xmx2g -cp "$JAR:$ROOT/sidecar/target/libs/*" "$ROOT/bench/insight/InsightBench.java" "$@"
