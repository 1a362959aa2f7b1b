#!/usr/bin/env bash
# The whole test suite: the Maven build (format check, unit and integration tests of every Java module),
# then every other suite: each executable `suite.sh` under the tree (drop-ins, dashboard, ...).
# Each suite writes "<passed> <failed> <skipped>" to $PATCHWORK_RESULTS/<name>.counts; this script
# prints one closing line with the totals and exits non-zero if anything failed.
set -uo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
export PATCHWORK_ROOT="$ROOT"
export PATCHWORK_RESULTS="${PATCHWORK_RESULTS:-$ROOT/target/test-results}"
rm -rf "$PATCHWORK_RESULTS" && mkdir -p "$PATCHWORK_RESULTS"

# Run through ./patchwork test, which has already chosen a JDK >= 21 and exported JAVA_HOME.
[[ -n "${JAVA_HOME:-}" ]] || { echo "test.sh: run it as ./patchwork test" >&2; exit 2; }

bash "$ROOT/scripts/setup.sh" postgresql chromium || exit 1

failed_suites=()
echo "== maven: format check, unit and integration tests" >&2
# A failing test does not stop the build: every module is still tested and packaged, so one failure is
# reported once instead of also breaking every suite below that needs the jars. The failures are counted
# from the test reports.
# Maven prints colour codes even in batch mode; in a log or a pipe they are dropped.
maven() {
  local strip=$'s/\e\\[[0-9;]*m//g'
  if [[ -t 1 ]]; then mvn "$@"; else mvn -Dstyle.color=never "$@" > >(sed "$strip") 2> >(sed "$strip" >&2); fi
}
if ! maven -B -f "$ROOT/pom.xml" -Dmaven.test.failure.ignore=true ${PATCHWORK_MAVEN_ARGS:-} verify; then
  failed_suites+=(maven)
fi
python3 "$ROOT/scripts/surefire_counts.py" "$ROOT" > "$PATCHWORK_RESULTS/maven.counts"
read -r _ maven_failed _ < "$PATCHWORK_RESULTS/maven.counts"
if [[ "$maven_failed" -gt 0 ]]; then
  echo "maven: $maven_failed test(s) failed; the reports are under */target/surefire-reports" >&2
  [[ " ${failed_suites[*]} " == *" maven "* ]] || failed_suites+=(maven)
fi

while IFS= read -r suite; do
  name="$(dirname "${suite#./}" | tr '/' '-')"
  echo "== suite $name ($suite)" >&2
  before="$(ls "$PATCHWORK_RESULTS" | wc -l)"
  if ! bash "$suite"; then
    failed_suites+=("$name")
    # A suite that died before writing its counts still counts as one failure.
    [[ "$(ls "$PATCHWORK_RESULTS" | wc -l)" -gt "$before" ]] || echo "0 1 0" > "$PATCHWORK_RESULTS/$name.counts"
  fi
done < <(find . \( -name node_modules -o -name target -o -name .git -o -name .venv \) -prune -o -name suite.sh -print | sort)

read -r passed failed skipped < <(cat "$PATCHWORK_RESULTS"/*.counts | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
for counts in "$PATCHWORK_RESULTS"/*.counts; do
  printf '   %-28s %s\n' "$(basename "$counts" .counts)" "$(awk '{print $1" passed, "$2" failed, "$3" skipped"}' "$counts")" >&2
done
if [[ ${#failed_suites[@]} -gt 0 ]]; then
  echo "failed suites: ${failed_suites[*]}" >&2
  [[ "$failed" -gt 0 ]] || failed=${#failed_suites[@]}
fi
echo "Total: $passed passed, $failed failed, $skipped skipped"
[[ ${#failed_suites[@]} -eq 0 && "$failed" -eq 0 ]]
