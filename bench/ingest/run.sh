#!/usr/bin/env bash
# Sidecar benchmark: ingest with 64 concurrent writers over HTTP, then list/stats timings at 1,000,000 reports.
# Usage: bench/ingest/run.sh [reports=50000] [writers=64] [seed=1000000]   (figures: bench/README.md)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
if [[ -z "${JAVA_HOME:-}" ]]; then
  JAVA_HOME="$(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V | tail -n1)"
  JAVA_HOME="${JAVA_HOME%/}"
fi
export JAVA_HOME
WORK="$ROOT/target/bench-ingest"
mkdir -p "$WORK"

echo "bench/ingest: building the sidecar jar and the benchmark classes..." >&2
# One session: the reactor resolves the contract module to the jar it has just built.
mvn -B -q -f "$ROOT/pom.xml" -pl sidecar -am -DskipTests -Dspotless.check.skip=true \
  package dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >&2

CP="$ROOT/sidecar/target/test-classes:$ROOT/sidecar/target/classes:$(cat "$WORK/classpath.txt")"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" \
  dev.patchworkmcp.sidecar.bench.IngestBench "$ROOT/sidecar/target/patchwork-sidecar.jar" "$WORK" "$@"
