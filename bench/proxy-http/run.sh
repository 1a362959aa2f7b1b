#!/usr/bin/env bash
# Proxy HTTP-mode benchmark, side by side in one run: the same stdio upstream (server-everything) served over
# stateful Streamable HTTP by `patchwork proxy --serve http` and by supergateway 4.0.0, called by the TypeScript
# SDK client. Prints echo tools/call p50/p95 for both and the ratio proxy/supergateway, then throughput with
# BENCH_LOAD_SESSIONS (100) concurrent sessions for BENCH_LOAD_SECONDS (10) against each (calls/s, errors).
# Remote upstream (server-everything's own Streamable HTTP transport): the same client calling it directly, through
# `proxy --serve http --url <remote>`, and the TypeScript stdio client through `proxy --url <remote>` (stdio front).
# When BENCH_SUMMARY names a file, appends one tab-separated line per goal (goal, measured, bar, verdict) to it.
# Usage: bench/proxy-http/run.sh [calls per round (default 1000)] [rounds (default 3)]
set -euo pipefail
ROOT="${PATCHWORK_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
CALLS="${1:-1000}"
ROUNDS="${2:-3}"
DIR="$ROOT/bench/proxy-http"

if [[ ! -f "$DIR/node_modules/.package-lock.json" || "$DIR/package-lock.json" -nt "$DIR/node_modules/.package-lock.json" ]]; then
  (cd "$DIR" && npm ci --no-audit --no-fund >/dev/null)
fi
# `./patchwork bench` rebuilds when sources changed before it runs this script.
[[ -f "$ROOT/proxy/target/patchwork-proxy.jar" ]] || "$ROOT/patchwork" build >/dev/null

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
await_port() {
  for _ in $(seq 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $1; see $WORK/*.log" >&2
  return 1
}

SERVER="$DIR/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
PROXY_PORT="$(free_port)"
GATEWAY_PORT="$(free_port)"
REMOTE_PORT="$(free_port)"
REMOTE_PROXY_PORT="$(free_port)"
LOAD_SESSIONS="${BENCH_LOAD_SESSIONS:-100}"
LOAD_SECONDS="${BENCH_LOAD_SECONDS:-10}"
NODE_DIR="$ROOT/proxy/src/test/node"
if [[ ! -f "$NODE_DIR/node_modules/.package-lock.json" ]]; then
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund >/dev/null)
fi

# The proxy as users start it: the launcher's JVM flags for its front end, and its AOT cache.
"$ROOT/patchwork" proxy --serve http --port "$PROXY_PORT" --outbox "$WORK/outbox" \
  --max-children "$((LOAD_SESSIONS + 4))" --sidecar http://127.0.0.1:9 -- node "$SERVER" stdio 2>"$WORK/proxy.log" &
PIDS+=("$!")
node "$DIR/node_modules/supergateway/dist/index.js" --stdio "node $SERVER stdio" \
  --outputTransport streamableHttp --stateful --port "$GATEWAY_PORT" --logLevel none >"$WORK/gateway.log" 2>&1 &
PIDS+=("$!")
PORT="$REMOTE_PORT" node "$SERVER" streamableHttp >"$WORK/remote.log" 2>&1 &
PIDS+=("$!")
await_port "$REMOTE_PORT"
REMOTE="http://127.0.0.1:$REMOTE_PORT/mcp"
"$ROOT/patchwork" proxy --serve http --port "$REMOTE_PROXY_PORT" \
  --outbox "$WORK/outbox-remote" --sidecar http://127.0.0.1:9 --url "$REMOTE" 2>"$WORK/proxy-remote.log" &
PIDS+=("$!")
STDIO_REMOTE="[\"$ROOT/patchwork\",\"proxy\",\"--outbox\",\"$WORK/outbox-stdio\",\"--sidecar\",\"http://127.0.0.1:9\",\"--url\",\"$REMOTE\"]"
await_port "$PROXY_PORT"
await_port "$GATEWAY_PORT"
await_port "$REMOTE_PROXY_PORT"

client() { node "$DIR/bench-http-client.mjs" "$1" "$2" "$3"; }
# One short warm-up session each (JIT, first child start).
client "http://127.0.0.1:$PROXY_PORT/mcp" 200 0 >/dev/null
client "http://127.0.0.1:$GATEWAY_PORT/mcp" 200 0 >/dev/null
client "$REMOTE" 200 0 >/dev/null
client "http://127.0.0.1:$REMOTE_PROXY_PORT/mcp" 200 0 >/dev/null
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

: >"$WORK/proxy"; : >"$WORK/gateway"; : >"$WORK/remote"; : >"$WORK/remote-proxy"; : >"$WORK/remote-stdio"
for _ in $(seq "$ROUNDS"); do
  client "http://127.0.0.1:$PROXY_PORT/mcp" "$CALLS" 200 >>"$WORK/proxy"
  client "http://127.0.0.1:$GATEWAY_PORT/mcp" "$CALLS" 200 >>"$WORK/gateway"
  client "$REMOTE" "$CALLS" 200 >>"$WORK/remote"
  client "http://127.0.0.1:$REMOTE_PROXY_PORT/mcp" "$CALLS" 200 >>"$WORK/remote-proxy"
  node "$NODE_DIR/bench-client.mjs" "$STDIO_REMOTE" "$CALLS" 200 >>"$WORK/remote-stdio"
done
# Throughput: LOAD_SESSIONS sessions at once, each calling back to back; the proxy, then supergateway.
node "$DIR/bench-http-load.mjs" "http://127.0.0.1:$PROXY_PORT/mcp" "$LOAD_SESSIONS" "$LOAD_SECONDS" >"$WORK/load-proxy"
node "$DIR/bench-http-load.mjs" "http://127.0.0.1:$GATEWAY_PORT/mcp" "$LOAD_SESSIONS" "$LOAD_SECONDS" >"$WORK/load-gateway"

node --input-type=module - "$WORK" "$CALLS" "$ROUNDS" "$LOAD_BEFORE -> $(cut -d' ' -f1-3 /proc/loadavg)" "${BENCH_SUMMARY:-}" <<'JS'
import fs from "node:fs";
const [dir, calls, rounds, load, summary] = process.argv.slice(2);
const read = (f) => fs.readFileSync(`${dir}/${f}`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p = read("proxy"), g = read("gateway");
const p50p = median(p.map((r) => r.p50)), p50g = median(g.map((r) => r.p50));
const p95p = median(p.map((r) => r.p95)), p95g = median(g.map((r) => r.p95));
const f = (x) => x.toFixed(3).padStart(9);
console.log(`proxy http: echo tools/call over stateful Streamable HTTP, ${calls} calls x ${rounds} rounds (median of rounds); load average ${load}`);
console.log(`                  supergateway  patchwork   ratio (patchwork/supergateway)`);
console.log(`call p50 (ms)     ${f(p50g)}   ${f(p50p)}   ${(p50p / p50g).toFixed(2)}x (bar 0.5x)`);
console.log(`call p95 (ms)     ${f(p95g)}   ${f(p95p)}   ${(p95p / p95g).toFixed(2)}x (bar 0.6x)`);
const lp = read("load-proxy")[0], lg = read("load-gateway")[0];
const loadRow = (name, l) => console.log(`  ${name.padEnd(14)} ${l.callsPerSecond.toFixed(0).padStart(7)} calls/s, errors ${l.errors}, sessions failed ${l.failedSessions} of ${l.sessions}, p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms${l.firstError ? `; first error: ${l.firstError}` : ""}`);
console.log(`throughput, ${lp.sessions} concurrent sessions:`);
loadRow("supergateway", lg);
loadRow("patchwork", lp);
console.log(`  ratio (patchwork/supergateway): ${(lp.callsPerSecond / lg.callsPerSecond).toFixed(2)}x calls/s`);
const r = read("remote"), rp = read("remote-proxy"), rs = read("remote-stdio");
const p50r = median(r.map((x) => x.p50)), p95r = median(r.map((x) => x.p95));
const p50rp = median(rp.map((x) => x.p50)), p95rp = median(rp.map((x) => x.p95));
const p50rs = median(rs.map((x) => x.p50)), p95rs = median(rs.map((x) => x.p95));
console.log(`remote upstream (server-everything's Streamable HTTP):  p50 (ms)   p95 (ms)   p50 / p95 vs direct`);
console.log(`  client -> remote directly               ${f(p50r)}  ${f(p95r)}`);
console.log(`  client -> proxy --serve http --url      ${f(p50rp)}  ${f(p95rp)}   ${(p50rp / p50r).toFixed(2)}x / ${(p95rp / p95r).toFixed(2)}x (bar 1.1x)`);
console.log(`  stdio client -> proxy --url (stdio)     ${f(p50rs)}  ${f(p95rs)}   ${(p50rs / p50r).toFixed(2)}x / ${(p95rs / p95r).toFixed(2)}x (bar 1.1x)`);
if (summary) {
  const verdict = (ok) => (ok ? "met" : "missed");
  const lines = [
    ["HTTP call p50 / supergateway", `${(p50p / p50g).toFixed(2)}x (${p50p.toFixed(3)} vs ${p50g.toFixed(3)} ms)`, "<= 0.5x", verdict(p50p / p50g <= 0.5)],
    ["HTTP call p95 / supergateway", `${(p95p / p95g).toFixed(2)}x (${p95p.toFixed(3)} vs ${p95g.toFixed(3)} ms)`, "<= 0.6x", verdict(p95p / p95g <= 0.6)],
    [`HTTP throughput, ${lp.sessions} sessions`, `${lp.callsPerSecond.toFixed(0)} calls/s, ${lp.errors + lp.failedSessions} errors vs supergateway ${lg.callsPerSecond.toFixed(0)}, ${lg.errors + lg.failedSessions} errors`, "(beside supergateway)", lp.errors + lp.failedSessions === 0 && lp.callsPerSecond >= lg.callsPerSecond ? "ahead" : "behind"],
    ["remote via --serve http --url / direct", `${(p50rp / p50r).toFixed(2)}x p50 (${p50rp.toFixed(3)} vs ${p50r.toFixed(3)} ms)`, "<= 1.1x", verdict(p50rp / p50r <= 1.1)],
    ["remote via stdio --url / direct", `${(p50rs / p50r).toFixed(2)}x p50 (${p50rs.toFixed(3)} vs ${p50r.toFixed(3)} ms)`, "<= 1.1x", verdict(p50rs / p50r <= 1.1)],
  ];
  fs.appendFileSync(summary, lines.map((l) => l.join("\t")).join("\n") + "\n");
}
JS
