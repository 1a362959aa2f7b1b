#!/usr/bin/env bash
# Soak: SESSIONS MCP sessions over Streamable HTTP through `patchwork proxy --serve http` (upstream:
# server-everything over Streamable HTTP, so one upstream process serves every session) and WRITERS ingest writers
# posting to the sidecar, for MINUTES minutes. Prints the load each minute, the errors (the bar: 0), and the RSS, its
# anonymous part, the Java heap committed and used after a full GC of the sidecar and the proxy at the start and every
# minute (the bar: flat memory).
# The proxy's --max-children is raised to the number of sessions (its default, 16, refuses a 17th busy client).
# Not part of `./patchwork bench` (it runs for minutes). Figures: bench/README.md, "Soak".
# Usage: bench/soak/soak.sh [minutes=10] [sessions=100] [writers=64]
set -euo pipefail
ROOT="${PATCHWORK_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
MINUTES="${1:-10}"
SESSIONS="${2:-100}"
WRITERS="${3:-64}"
NODE_DIR="$ROOT/bench/proxy-http" # its lock file pins the SDK client and server-everything

if [[ ! -f "$NODE_DIR/node_modules/.package-lock.json" || "$NODE_DIR/package-lock.json" -nt "$NODE_DIR/node_modules/.package-lock.json" ]]; then
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund >/dev/null)
fi
[[ -f "$ROOT/proxy/target/patchwork-proxy.jar" && -f "$ROOT/sidecar/target/patchwork-sidecar.jar" ]] ||
  "$ROOT/patchwork" build >/dev/null
JAVA="${JAVA_HOME:-/usr}/bin/java"
JCMD="${JAVA_HOME:-/usr}/bin/jcmd"

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
await_port() {
  for _ in $(seq 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "soak: nothing listens on port $1; logs in $WORK" >&2
  return 1
}
# "<rss MB>/<anonymous part of it>/<Java heap committed>/<heap used after a full GC>" of a JVM. The anonymous part
# less the committed heap is native memory (SQLite's page caches, ONNX Runtime, metaspace, code, thread stacks). The
# rest of the RSS is file pages (the jars, the AOT cache, SQLite's memory-mapped database file): shared with the page
# cache and reclaimable.
memory() {
  local rss anon info committed used
  rss="$(awk '/^VmRSS/ { print $2 }' "/proc/$1/status")"
  anon="$(awk '/^RssAnon/ { print $2 }' "/proc/$1/status")"
  "$JCMD" "$1" GC.run >/dev/null 2>&1 || true
  # G1 prints one "garbage-first heap ... committed ..., used ..." line, the serial collector one line per
  # generation (DefNew, Tenured; "total" is what it has committed); Metaspace lines are left out.
  info="$("$JCMD" "$1" GC.heap_info 2>/dev/null | grep -E '^ *(garbage-first heap|DefNew|Tenured|def new generation|tenured generation)')"
  committed="$(grep -oE '(committed|total) [0-9]+K' <<<"$info" | awk '{ sum += $2 } END { print int(sum / 1024) }')"
  used="$(grep -oE 'used [0-9]+K' <<<"$info" | awk '{ sum += $2 } END { print int(sum / 1024) }')"
  echo "$((rss / 1024))/$((anon / 1024))/${committed:-?}/${used:-?}"
}

SIDECAR_PORT="$(free_port)"
UPSTREAM_PORT="$(free_port)"
PROXY_PORT="$(free_port)"
FEEDBACK_PORT="$SIDECAR_PORT" FEEDBACK_DB_PATH="$WORK/feedback.db" FEEDBACK_SECRETS_FILE="$WORK/secrets.json" \
  "$ROOT/patchwork" sidecar 2>"$WORK/sidecar.log" & # as users start them: the launcher's JVM options apply
SIDECAR_PID=$!
PIDS+=("$SIDECAR_PID")
PORT="$UPSTREAM_PORT" node "$NODE_DIR/node_modules/@modelcontextprotocol/server-everything/dist/index.js" \
  streamableHttp >"$WORK/upstream.log" 2>&1 &
PIDS+=("$!")
await_port "$SIDECAR_PORT"
await_port "$UPSTREAM_PORT"
"$ROOT/patchwork" proxy --serve http \
  --port "$PROXY_PORT" --name soak --sidecar "http://127.0.0.1:$SIDECAR_PORT" --outbox "$WORK/outbox" \
  --url "http://127.0.0.1:$UPSTREAM_PORT/mcp" --max-children "$((SESSIONS + 4))" 2>"$WORK/proxy.log" &
PROXY_PID=$!
PIDS+=("$PROXY_PID")
await_port "$PROXY_PORT"

echo "soak: $MINUTES min, $SESSIONS proxy sessions, $WRITERS ingest writers; $(nproc) cores"
echo "minute  load(1m)  sidecar rss/anon/committed/used MB  proxy rss/anon/committed/used MB"
printf '%6s  %8s  %34s  %32s\n' start "$(cut -d' ' -f1 /proc/loadavg)" "$(memory "$SIDECAR_PID")" "$(memory "$PROXY_PID")"
SOAK_NODE_MODULES="$NODE_DIR/node_modules" node "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/soak-client.mjs" "http://127.0.0.1:$PROXY_PORT/mcp" \
  "http://127.0.0.1:$SIDECAR_PORT" "$MINUTES" "$SESSIONS" "$WRITERS" >"$WORK/client.out" &
CLIENT_PID=$!
for minute in $(seq "$MINUTES"); do
  for _ in $(seq 60); do kill -0 "$CLIENT_PID" 2>/dev/null || break; sleep 1; done
  printf '%6s  %8s  %34s  %32s\n' "$minute" "$(cut -d' ' -f1 /proc/loadavg)" "$(memory "$SIDECAR_PID")" \
    "$(memory "$PROXY_PID")"
done
status=0
wait "$CLIENT_PID" || status=$?
tail -n1 "$WORK/client.out"
stored="$(curl -s "http://127.0.0.1:$SIDECAR_PORT/api/stats" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).total)}catch{console.log("?")}})')"
echo "soak: reports stored by the sidecar: $stored; SEVERE/ERROR lines: sidecar $(grep -c 'SEVERE' "$WORK/sidecar.log" || true), proxy $(grep -ci 'error' "$WORK/proxy.log" || true)"
grep -h -A3 'SEVERE' "$WORK/sidecar.log" | head -n 20 || true
exit "$status"
