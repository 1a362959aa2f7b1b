#!/usr/bin/env bash
# Proxy stdio with telemetry off and on, side by side in one run (TypeScript SDK client, echo tools/call):
#   direct    node server-everything
#   off       java -jar patchwork-proxy.jar --call-records off, no OTEL_* variables (nothing of telemetry runs)
#   records   the same with call records on (the default), sent to a sidecar that is not running, so the
#             records buffer and drop: the relay's share of the cost, without the sidecar's CPU on this machine
#   otel      records on and OpenTelemetry on (http/protobuf, 1 s metric interval) to the test Collector when it
#             has been built (~/.cache/patchwork-otelcol, by OpenTelemetryEndToEndTest), else to a closed port
# Rounds interleave the variants; prints medians of the rounds' p50/p95, start to first tools/list, ratios against
# `off`, and the load average before and after (the machine may be shared: compare figures of one run only).
# Usage: bench/proxy-stdio/telemetry.sh [calls per round (default 2000)] [rounds (default 3)]; BENCH_STARTS=9;
# BENCH_OTEL_METRIC_INTERVAL (ms, default 1000 so the metric shows up quickly; the SDK's own default is 60000).
set -euo pipefail
ROOT="${PATCHWORK_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
CALLS="${1:-2000}"
ROUNDS="${2:-3}"
STARTS="${BENCH_STARTS:-9}"
NODE_DIR="$ROOT/proxy/src/test/node"
if [[ ! -f "$NODE_DIR/node_modules/.package-lock.json" ]]; then
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund >/dev/null)
fi
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
JAR="$ROOT/proxy/target/patchwork-proxy.jar"
WORK="$(mktemp -d)"
COLLECTOR_PID=""
cleanup() { [[ -n "$COLLECTOR_PID" ]] && kill "$COLLECTOR_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
SERVER="$NODE_DIR/node_modules/@modelcontextprotocol/server-everything/dist/index.js"

OTLP="http://127.0.0.1:9"
COLLECTOR="$(ls -t "$HOME"/.cache/patchwork-otelcol/otelcol-* 2>/dev/null | head -1 || true)"
if [[ -n "$COLLECTOR" ]]; then
  PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  printf 'receivers:\n  otlp:\n    protocols:\n      http:\n        endpoint: 127.0.0.1:%s\nexporters:\n  debug:\n    verbosity: basic\nservice:\n  telemetry:\n    metrics:\n      level: none\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n    metrics:\n      receivers: [otlp]\n      exporters: [debug]\n' "$PORT" >"$WORK/otelcol.yaml"
  "$COLLECTOR" --config "file:$WORK/otelcol.yaml" >"$WORK/otelcol.log" 2>&1 &
  COLLECTOR_PID=$!
  OTLP="http://127.0.0.1:$PORT"
fi

FLAGS="\"-XX:TieredStopAtLevel=1\",\"-XX:+UseSerialGC\",\"-Xmn8m\",\"-XX:-UsePerfData\",\"-Xlog:disable\",\"-Xlog:all=warning:stderr\""
PROXY="\"$JAVA\",$FLAGS,\"-jar\",\"$JAR\",\"--outbox\",\"$WORK/outbox\",\"--sidecar\",\"http://127.0.0.1:9\""
UPSTREAM="\"node\",\"$SERVER\",\"stdio\""
DIRECT="[\"env\",$UPSTREAM]"
OFF="[\"env\",$PROXY,\"--call-records\",\"off\",$UPSTREAM]"
RECORDS="[\"env\",$PROXY,$UPSTREAM]"
OTEL="[\"env\",\"OTEL_EXPORTER_OTLP_ENDPOINT=$OTLP\",\"OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf\",\"OTEL_METRIC_EXPORT_INTERVAL=${BENCH_OTEL_METRIC_INTERVAL:-1000}\",$PROXY,$UPSTREAM]"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
run() { node "$NODE_DIR/bench-client.mjs" "$1" "$2" "$3"; }
for variant in DIRECT OFF RECORDS OTEL; do run "${!variant}" 0 0 >/dev/null; done
for _ in $(seq "$ROUNDS"); do
  for variant in DIRECT OFF RECORDS OTEL; do run "${!variant}" "$CALLS" 300 >>"$WORK/calls-$variant"; done
done
for _ in $(seq "$STARTS"); do
  for variant in DIRECT OFF RECORDS OTEL; do run "${!variant}" 0 0 >>"$WORK/start-$variant"; done
done
SPANS="$(grep -c 'tools/call echo' "$WORK/otelcol.log" 2>/dev/null || true)"

node --input-type=module - "$WORK" "$CALLS" "$ROUNDS" "$STARTS" "$LOAD_BEFORE -> $(cut -d' ' -f1-3 /proc/loadavg)" "$OTLP" <<'JS'
import fs from "node:fs";
const [dir, calls, rounds, starts, load, otlp] = process.argv.slice(2);
const read = (f) => fs.readFileSync(`${dir}/${f}`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const variants = ["DIRECT", "OFF", "RECORDS", "OTEL"];
const figures = Object.fromEntries(variants.map((v) => {
  const c = read(`calls-${v}`);
  return [v, { p50: median(c.map((r) => r.p50)), p95: median(c.map((r) => r.p95)),
               start: median(read(`start-${v}`).map((r) => r.startMs)), rounds: c.map((r) => r.p50.toFixed(3)).join(" ") }];
}));
console.log(`proxy stdio, telemetry off and on: echo tools/call ${calls} calls x ${rounds} rounds, ${starts} starts each (medians); load average ${load}; OTLP ${otlp}`);
console.log(`variant      call p50 ms   call p95 ms   start ms   p50/off  start/off   rounds' p50`);
for (const v of variants) {
  const f = figures[v], o = figures.OFF;
  console.log(`${v.toLowerCase().padEnd(10)} ${f.p50.toFixed(3).padStart(12)} ${f.p95.toFixed(3).padStart(13)} ${f.start.toFixed(1).padStart(10)}` +
    `   ${(f.p50 / o.p50).toFixed(3).padStart(6)}x  ${(f.start / o.start).toFixed(3).padStart(8)}x   ${f.rounds}`);
}
JS
echo "collector log lines naming 'tools/call echo' (basic verbosity prints counts, not names): ${SPANS:-n/a}"
