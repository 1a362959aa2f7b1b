#!/usr/bin/env bash
# Sidecar ingest driven by wrk, a load generator in its own process (C, two threads), not sharing the sidecar's
# JVM: the sidecar jar as users run it, a fresh SQLite file, an ingest key, 64 connections posting valid reports
# (post-report.lua). A warm-up, then the measured run; prints reports/s, p50, p99, errors and the sidecar's CPU per
# report. Installs wrk with apt-get when it is missing. When BENCH_SUMMARY names a file, appends the goal lines.
# wrk keeps every connection busy, so its p99 is the queue at saturation. Then the same sidecar gets a fixed rate,
# BENCH_INGEST_RATE reports/s (default 5000, the bar; 0 skips it) for the same time over as many connections, from
# vegeta (Go module, built into ~/.cache/patchwork-bench/bin when missing): the p99 at the rate the bar names.
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

RATE="${BENCH_INGEST_RATE:-5000}"
if [[ "$RATE" -gt 0 ]]; then
  VEGETA="$HOME/.cache/patchwork-bench/bin/vegeta"
  if [[ ! -x "$VEGETA" ]]; then
    echo "bench/ingest: building vegeta (Go module)..." >&2
    GOBIN="$(dirname "$VEGETA")" go install github.com/tsenart/vegeta/v12@v12.13.0 >&2
  fi
  # One target per request, each report's text distinct, written before the run so that generating them takes no
  # CPU from the sidecar; the key travels in the targets file, not in arguments.
  python3 - "$URL/api/feedback" "$((RATE * SECONDS_MEASURED))" >"$WORK/targets.json" <<'PY'
import base64, json, os, sys
url, count, key = sys.argv[1], int(sys.argv[2]), os.environ["WRK_INGEST_KEY"]
header = {"Content-Type": ["application/json"], "Authorization": ["Bearer " + key]}
for n in range(1, count + 1):
    body = json.dumps({"server_name": "bench", "what_i_needed": f"rate report {n}: search cost events by run_id",
                       "what_i_tried": "list_costs, get_cost", "gap_type": "missing_parameter",
                       "resolution": "worked_around", "tools_available": ["list_costs", "get_cost"],
                       "agent_model": "claude-sonnet-4-5", "session_id": f"s-{n % 100}", "client_type": "claude-code"})
    print(json.dumps({"method": "POST", "url": url, "header": header, "body": base64.b64encode(body.encode()).decode()}))
PY
  "$VEGETA" attack -format=json -targets="$WORK/targets.json" -rate="$RATE/s" -duration="${SECONDS_MEASURED}s" \
    -connections="$CONNECTIONS" -max-connections="$CONNECTIONS" -timeout=2s >"$WORK/rate.bin" || true
  RATE_LINE="$("$VEGETA" report -type=json <"$WORK/rate.bin" | python3 -c '
import json, sys
r = json.load(sys.stdin)
codes = r.get("status_codes", {})
ok = sum(v for k, v in codes.items() if k.startswith("2"))
print("%.0f %.2f %.2f %d %d" % (r["throughput"], r["latencies"]["50th"] / 1e6, r["latencies"]["99th"] / 1e6,
                                r["requests"] - ok, r["requests"]))')"
  read -r rate_done rate_p50 rate_p99 rate_errors rate_requests <<<"$RATE_LINE"
fi

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
if [[ "$RATE" -gt 0 ]]; then
  echo "sidecar ingest at a fixed $RATE reports/s (vegeta, $CONNECTIONS connections, ${SECONDS_MEASURED} s): $rate_done reports/s answered," \
    "p50 $rate_p50 ms, p99 $rate_p99 ms, errors $rate_errors of $rate_requests"
fi
echo "  stored $stored reports; answered: wrk $((warm + requests)) (warm-up included; requests still open when wrk" \
  "stops are not counted), vegeta $(( ${rate_requests:-0} - ${rate_errors:-0} ))"
if [[ -n "${BENCH_SUMMARY:-}" ]]; then
  verdict() { awk "BEGIN{exit !($1)}" && echo met || echo missed; }
  printf 'sidecar ingest, %s writers (wrk)\t%s reports/s, %s errors\t>= 5000/s, 0 errors\t%s\n' \
    "$CONNECTIONS" "$rate" "$errors" "$(verdict "$rate >= 5000 && $errors == 0")" >>"$BENCH_SUMMARY"
  printf 'sidecar ingest p99 (wrk, saturated)\t%s ms\t< 20 ms\t%s\n' "$p99" "$(verdict "$p99 < 20")" >>"$BENCH_SUMMARY"
  if [[ "$RATE" -gt 0 ]]; then
    printf 'sidecar ingest p99 at %s/s (vegeta)\t%s ms, %s errors\t< 20 ms, 0 errors\t%s\n' "$RATE" "$rate_p99" \
      "$rate_errors" "$(verdict "$rate_p99 < 20 && $rate_errors == 0")" >>"$BENCH_SUMMARY"
  fi
fi
