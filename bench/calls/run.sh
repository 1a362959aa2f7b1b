#!/usr/bin/env bash
# Seeds call records into a real SQLite file through the sidecar's ingest path, then times GET /api/tools.
# Usage: bench/calls/run.sh [calls=1000000] [rounds=50]   (figures: bench/README.md, "Call records")
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
if [[ -z "${JAVA_HOME:-}" ]]; then
  JAVA_HOME="$(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V | tail -n1)"
  JAVA_HOME="${JAVA_HOME%/}"
fi
export JAVA_HOME
WORK="$ROOT/target/bench-calls"
mkdir -p "$WORK"
echo "bench/calls: building the sidecar and the benchmark classes..." >&2
mvn -B -q -f "$ROOT/pom.xml" -pl sidecar -am -DskipTests -Dspotless.check.skip=true \
  test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >&2
CP="$ROOT/sidecar/target/test-classes:$ROOT/sidecar/target/classes:$(cat "$WORK/classpath.txt")"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" \
  dev.patchworkmcp.sidecar.bench.ToolsQueryBench "$WORK" "$@"
