#!/usr/bin/env bash
# Sidecar ingest driven by wrk, a load generator in its own process (C, two threads), not sharing the sidecar's
# JVM: the sidecar jar as users run it, a fresh SQLite file, an ingest key, 64 connections posting valid reports
# (post-report.lua). A warm-up, then the measured run; prints reports/s, p50, p99, errors and the sidecar's CPU per
# report. Installs wrk with apt-get when it is missing. When BENCH_SUMMARY names a file, appends the goal lines.
# Usage: bench/ingest/wrk.sh [seconds (default 20)] [connections (default 64)]
set -euo pipefail
ROOT="${PATCHWORK_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
SECONDS_MEASURED="${1:-20}"
CONNECTIONS="${2:-64}"
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAR="$ROOT/sidecar/target/patchwork-sidecar.jar"

if ! command -v wrk >/dev/null; then
  echo "bench/ingest: installing wrk (Debian package)..." >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi
[[ -f "$JAR" ]] || "$ROOT/patchwork" build >/dev/null

WORK="$(mktemp -d)"
SIDECAR=""
cleanup() {
  if [[ -n "$SIDECAR" ]]; then kill -TERM "$SIDECAR" 2>/dev/null || true; wait "$SIDECAR" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

KEY="$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')"
# The key reaches wrk and the sidecar through the environment only, never a command line.
FEEDBACK_HOST=127.0.0.1 FEEDBACK_PORT=0 FEEDBACK_DB_PATH="$WORK/feedback.db" FEEDBACK_API_KEY="$KEY" \
  "$ROOT/patchwork" sidecar >"$WORK/sidecar.log" 2>&1 & # as users start it: the launcher's JVM options apply
SIDECAR=$!
URL=""
for _ in $(seq 600); do
  URL="$(grep -o 'listening on http://[0-9.:]*' "$WORK/sidecar.log" | head -n1 | cut -d' ' -f3 || true)"
  [[ -n "$URL" ]] && break
  kill -0 "$SIDECAR" 2>/dev/null || { cat "$WORK/sidecar.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$URL" ]] || { echo "the sidecar did not start; log:" >&2; cat "$WORK/sidecar.log" >&2; exit 1; }

cpu_ms() { awk '{print ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"'}' "/proc/$SIDECAR/stat"; }
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
export WRK_INGEST_KEY="$KEY"
wrk -t2 -c"$CONNECTIONS" -d5s -s "$ROOT/bench/ingest/post-report.lua" "$URL" >"$WORK/warm.out"
CPU0="$(cpu_ms)"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_MEASURED}s" --timeout 2s -s "$ROOT/bench/ingest/post-report.lua" "$URL" \
  >"$WORK/wrk.out"
CPU1="$(cpu_ms)"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

kill -TERM "$SIDECAR"; wait "$SIDECAR" 2>/dev/null || true; SIDECAR=""
stored="$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from feedback").fetchone()[0])' "$WORK/feedback.db")"
warm="$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' "$WORK/warm.out")"
line="$(grep '^WRK_RESULT' "$WORK/wrk.out")"
get() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<" ${line#WRK_RESULT}"; }
requests="$(get requests)"; secs="$(get seconds)"; p50="$(get p50_ms)"; p99="$(get p99_ms)"
errors=$(($(get non2xx) + $(get connect) + $(get read) + $(get write) + $(get timeout)))
rate="$(awk -v r="$requests" -v s="$secs" 'BEGIN{printf "%.0f", r / s}')"
cpu="$(awk -v a="$CPU0" -v b="$CPU1" -v r="$requests" 'BEGIN{printf "%.3f", (b - a) / r}')"
echo "sidecar ingest (wrk, $CONNECTIONS connections, ${SECONDS_MEASURED} s, separate process): $rate reports/s," \
  "p50 $p50 ms, p99 $p99 ms, errors $errors of $requests; sidecar $cpu CPU-ms/report; load average $LOAD_BEFORE -> $LOAD_AFTER"
echo "  stored $stored reports; wrk counted $((warm + requests)) answers (warm-up included; requests still open when wrk stops are not counted)"
if [[ -n "${BENCH_SUMMARY:-}" ]]; then
  verdict() { awk "BEGIN{exit !($1)}" && echo met || echo missed; }
  printf 'sidecar ingest, %s writers (wrk)\t%s reports/s, %s errors\t>= 5000/s, 0 errors\t%s\n' \
    "$CONNECTIONS" "$rate" "$errors" "$(verdict "$rate >= 5000 && $errors == 0")" >>"$BENCH_SUMMARY"
  printf 'sidecar ingest p99 (wrk)\t%s ms\t< 20 ms\t%s\n' "$p99" "$(verdict "$p99 < 20")" >>"$BENCH_SUMMARY"
fi
