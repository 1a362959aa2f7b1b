#!/usr/bin/env bash
# Proxy HTTP-mode benchmark of both protocol eras, side by side in one run: the Python mcp 2.3 client in
# "legacy" mode (2025-11-25, a session) and in "auto" mode (2026-07-28, stateless requests, one proxy lane per
# client identity) calling `add` on the mcp 2.3 MCPServer, served over HTTP by `patchwork proxy --serve http`
# (the server as its stdio child) and by the server's own Streamable HTTP transport (direct). Prints the load
# average, then p50/p95 per era and path (median of rounds), and the cost of a new client's first call.
# Usage: bench/proxy-http/run-eras.sh [calls per round (default 300)] [rounds (default 3)]
set -euo pipefail
ROOT="${PATCHWORK_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
CALLS="${1:-300}"
ROUNDS="${2:-3}"
DIR="$ROOT/bench/proxy-http"
SERVER="$ROOT/proxy/src/test/python/slow_server.py"

WORK="$(mktemp -d)"
VENV="$ROOT/bench/proxy-http/.venv"
if [[ ! -x "$VENV/bin/python" ]] || ! cmp -s "$ROOT/proxy/src/test/python/requirements.txt" "$VENV/requirements.txt"; then
  python3 -m venv --clear "$VENV" && "$VENV/bin/pip" install -q -r "$ROOT/proxy/src/test/python/requirements.txt"
  cp "$ROOT/proxy/src/test/python/requirements.txt" "$VENV/requirements.txt"
fi
PY="$VENV/bin/python"
[[ -f "$ROOT/proxy/target/patchwork-proxy.jar" ]] || "$ROOT/patchwork" build >/dev/null

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
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_port() {
  for _ in $(seq 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $1; see $WORK/*.log" >&2
  return 1
}

PROXY_PORT="$(free_port)"
DIRECT_PORT="$(free_port)"
"${JAVA_HOME:-/usr}/bin/java" -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$ROOT/proxy/target/patchwork-proxy.jar" \
  --serve http --port "$PROXY_PORT" --outbox "$WORK/outbox" --sidecar http://127.0.0.1:9 -- "$PY" "$SERVER" \
  2>"$WORK/proxy.log" &
PIDS+=("$!")
"$PY" "$SERVER" http "$DIRECT_PORT" >"$WORK/direct.log" 2>&1 &
PIDS+=("$!")
await_port "$PROXY_PORT"
await_port "$DIRECT_PORT"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
client() { "$PY" "$DIR/bench-era-client.py" "$1" "$2" "$3" "$4" "$5"; }
client "http://127.0.0.1:$PROXY_PORT/mcp" legacy 100 0 warm >/dev/null
client "http://127.0.0.1:$PROXY_PORT/mcp" auto 100 0 warm >/dev/null
for round in $(seq "$ROUNDS"); do
  for mode in legacy auto; do
    client "http://127.0.0.1:$PROXY_PORT/mcp" "$mode" "$CALLS" 50 "bench-$mode-$round" >>"$WORK/proxy-$mode"
    client "http://127.0.0.1:$DIRECT_PORT/mcp" "$mode" "$CALLS" 50 "bench-$mode-$round" >>"$WORK/direct-$mode"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# Children the proxy still holds: one per new-era client identity (lanes idle out after 2 minutes); legacy sessions
# were ended by their clients.
CHILDREN="$(pgrep -P "${PIDS[0]}" || true)"
if [[ -n "$CHILDREN" ]]; then
  echo "proxy children alive: $(echo "$CHILDREN" | wc -l), RSS each (MB): $(ps -o rss= -p "$(echo $CHILDREN | tr ' ' ,)" | awk '{printf "%.0f ", $1/1024}')"
fi

"$PY" - "$WORK" "$CALLS" "$ROUNDS" <<'PY'
import json, statistics, sys
work, calls, rounds = sys.argv[1:]
read = lambda f: [json.loads(l) for l in open(f"{work}/{f}") if l.strip()]
print(f"proxy http, both eras: add tools/call, Python mcp 2.3 client, {calls} calls x {rounds} rounds (median of rounds, ms)")
print("era (client mode)            path     p50      p95      first call (connect + child start for a new proxy lane)")
for mode in ("legacy", "auto"):
    for path in ("direct", "proxy"):
        rows = read(f"{path}-{mode}")
        med = lambda k: statistics.median(r[k] for r in rows)
        print(f"{rows[0]['version']} ({mode:6})      {path:6} {med('p50'):8.3f} {med('p95'):8.3f}  {med('first'):9.1f}")
PY
