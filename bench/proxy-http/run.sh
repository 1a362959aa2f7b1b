#!/usr/bin/env bash
# Proxy HTTP-mode benchmark, side by side in one run: the same stdio upstream (server-everything) served over
# stateful Streamable HTTP by `patchwork proxy --serve http` and by supergateway 4.0.0, called by the TypeScript
# SDK client. Prints echo tools/call p50/p95 for both and the ratio proxy/supergateway.
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

# Same JVM flags as the launcher's `proxy` command, without its per-start up-to-date check.
"${JAVA_HOME:-/usr}/bin/java" -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$ROOT/proxy/target/patchwork-proxy.jar" --serve http --port "$PROXY_PORT" --outbox "$WORK/outbox" \
  --sidecar http://127.0.0.1:9 -- node "$SERVER" stdio 2>"$WORK/proxy.log" &
PIDS+=("$!")
node "$DIR/node_modules/supergateway/dist/index.js" --stdio "node $SERVER stdio" \
  --outputTransport streamableHttp --stateful --port "$GATEWAY_PORT" --logLevel none >"$WORK/gateway.log" 2>&1 &
PIDS+=("$!")
await_port "$PROXY_PORT"
await_port "$GATEWAY_PORT"

client() { node "$DIR/bench-http-client.mjs" "$1" "$2" "$3"; }
# One short warm-up session each (JIT, first child start).
client "http://127.0.0.1:$PROXY_PORT/mcp" 200 0 >/dev/null
client "http://127.0.0.1:$GATEWAY_PORT/mcp" 200 0 >/dev/null

: >"$WORK/proxy"; : >"$WORK/gateway"
for _ in $(seq "$ROUNDS"); do
  client "http://127.0.0.1:$PROXY_PORT/mcp" "$CALLS" 200 >>"$WORK/proxy"
  client "http://127.0.0.1:$GATEWAY_PORT/mcp" "$CALLS" 200 >>"$WORK/gateway"
done

node --input-type=module - "$WORK" "$CALLS" "$ROUNDS" <<'JS'
import fs from "node:fs";
const [dir, calls, rounds] = process.argv.slice(2);
const read = (f) => fs.readFileSync(`${dir}/${f}`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p = read("proxy"), g = read("gateway");
const p50p = median(p.map((r) => r.p50)), p50g = median(g.map((r) => r.p50));
const p95p = median(p.map((r) => r.p95)), p95g = median(g.map((r) => r.p95));
const f = (x) => x.toFixed(3).padStart(9);
console.log(`proxy http: echo tools/call over stateful Streamable HTTP, ${calls} calls x ${rounds} rounds (median of rounds)`);
console.log(`                  supergateway  patchwork   ratio (patchwork/supergateway)`);
console.log(`call p50 (ms)     ${f(p50g)}   ${f(p50p)}   ${(p50p / p50g).toFixed(2)}x`);
console.log(`call p95 (ms)     ${f(p95g)}   ${f(p95p)}   ${(p95p / p95g).toFixed(2)}x`);
JS
