#!/usr/bin/env bash
# Ingest with clustering on (64 writers, the real sidecar jar), then the time until every report is clustered.
# Usage: bench/insight/catchup.sh [reports=30000] [writers=64] [rounds=3]   (figures: bench/README.md)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
if [[ -z "${JAVA_HOME:-}" ]]; then
  JAVA_HOME="$(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V | tail -n1)"
  JAVA_HOME="${JAVA_HOME%/}"
fi
export JAVA_HOME
WORK="$ROOT/target/bench-catchup"
mkdir -p "$WORK"
echo "bench/insight/catchup: building the sidecar jar and the benchmark classes..." >&2
mvn -B -q -f "$ROOT/pom.xml" -pl sidecar -am -DskipTests -Dspotless.check.skip=true \
  package dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >&2
CP="$ROOT/sidecar/target/test-classes:$ROOT/sidecar/target/classes:$(cat "$WORK/classpath.txt")"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" \
  dev.patchworkmcp.sidecar.bench.ClusterCatchUpBench "$ROOT/sidecar/target/patchwork-sidecar.jar" "$WORK" "$@"
