#!/usr/bin/env bash
# Cluster quality through a real sidecar: labelled intent sets from PyPI packages (bench/clusters/datasets.py)
# posted over HTTP; prints clusters, NMI, ARI, purity, inverse purity and CPU per report (figures: bench/README.md).
# Usage: bench/clusters/run.sh [threshold=T] [merge=M] [set ...]   (sets: tuned held-out; default both)
#        bench/clusters/run.sh reviewer=N [set]   (N reviewer merges, then the next 1,000 reports; and without)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
if [[ -z "${JAVA_HOME:-}" ]]; then
  JAVA_HOME="$(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V | tail -n1)"
  JAVA_HOME="${JAVA_HOME%/}"
fi
export JAVA_HOME
WORK="$ROOT/target/bench-clusters"
mkdir -p "$WORK"
python3 "$ROOT/bench/clusters/datasets.py" "$WORK" >&2
settings=(); sets=()
for arg in "$@"; do
  case "$arg" in
    *=*) settings+=("$arg") ;;
    *) sets+=("$WORK/$arg.jsonl") ;;
  esac
done
[[ ${#sets[@]} -gt 0 ]] || sets=("$WORK/tuned.jsonl" "$WORK/held-out.jsonl")
echo "bench/clusters: building the sidecar jar and the benchmark classes..." >&2
mvn -B -q -f "$ROOT/pom.xml" -pl sidecar -am -DskipTests -Dspotless.check.skip=true \
  package dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" >&2
CP="$ROOT/sidecar/target/test-classes:$ROOT/sidecar/target/classes:$(cat "$WORK/classpath.txt")"
if [[ "${settings[0]:-}" == reviewer=* ]]; then
  for merges in 0 "${settings[0]#reviewer=}"; do
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" dev.patchworkmcp.sidecar.bench.ReviewerMergesBench \
      "$ROOT/sidecar/target/patchwork-sidecar.jar" "$WORK" "${sets[0]}" "$merges" 1000
  done
  exit 0
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" \
  dev.patchworkmcp.sidecar.bench.ClusterQualityBench "$ROOT/sidecar/target/patchwork-sidecar.jar" "$WORK" \
  "${settings[@]}" "${sets[@]}"
