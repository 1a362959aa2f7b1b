#!/usr/bin/env bash
# Proxy stdio benchmark, side by side in one run: server-everything called directly vs through
# `patchwork proxy`, with the TypeScript SDK client. Prints echo tools/call p50/p95 and
# start-to-first-tools/list, with the ratios against direct.
# Usage: bench/proxy-stdio/run.sh [calls per round (default 2000)] [rounds (default 3)]
set -euo pipefail
ROOT="${PATCHWORK_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
CALLS="${1:-2000}"
ROUNDS="${2:-3}"
STARTS="${BENCH_STARTS:-7}"
NODE_DIR="$ROOT/proxy/src/test/node"

if [[ ! -f "$NODE_DIR/node_modules/.package-lock.json" ]]; then
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund >/dev/null)
fi
JAR="$ROOT/proxy/target/patchwork-proxy.jar"
if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/java" ]] && { JAVA_HOME="$candidate"; break; }
  done
fi
JAVA="$JAVA_HOME/bin/java"
[[ -f "$JAR" ]] || mvn -B -q -f "$ROOT/pom.xml" -pl proxy -am package -Dmaven.test.skip=true -Dspotless.check.skip=true >&2

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SERVER="$NODE_DIR/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
DIRECT="[\"node\",\"$SERVER\",\"stdio\"]"
# The same JVM flags as the `proxy)` case of ./patchwork (minus its up-to-date check of the jars).
PROXIED="[\"$JAVA\",\"-XX:TieredStopAtLevel=1\",\"-Xshare:auto\"${PATCHWORK_JAVA_OPTS:+,\"$PATCHWORK_JAVA_OPTS\"},\"-jar\",\"$JAR\",\"--outbox\",\"$WORK/outbox\",\"--sidecar\",\"http://127.0.0.1:9\",\"--\",\"node\",\"$SERVER\",\"stdio\"]"
CLIENT="$NODE_DIR/bench-client.mjs"

run() { node "$CLIENT" "$1" "$2" "$3"; }
# One untimed run of each, so both start from a warm page cache.
run "$DIRECT" 0 0 >/dev/null
run "$PROXIED" 0 0 >/dev/null

: >"$WORK/calls-direct"; : >"$WORK/calls-proxied"
for _ in $(seq "$ROUNDS"); do
  run "$DIRECT" "$CALLS" 300 >>"$WORK/calls-direct"
  run "$PROXIED" "$CALLS" 300 >>"$WORK/calls-proxied"
done
: >"$WORK/start-direct"; : >"$WORK/start-proxied"
for _ in $(seq "$STARTS"); do
  run "$DIRECT" 0 0 >>"$WORK/start-direct"
  run "$PROXIED" 0 0 >>"$WORK/start-proxied"
done

node --input-type=module - "$WORK" "$CALLS" "$ROUNDS" "$STARTS" <<'JS'
import fs from "node:fs";
const [dir, calls, rounds, starts] = process.argv.slice(2);
const read = (f) => fs.readFileSync(`${dir}/${f}`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const cd = read("calls-direct"), cp = read("calls-proxied");
const sd = read("start-direct"), sp = read("start-proxied");
const p50d = median(cd.map((r) => r.p50)), p50p = median(cp.map((r) => r.p50));
const p95d = median(cd.map((r) => r.p95)), p95p = median(cp.map((r) => r.p95));
const std = median(sd.map((r) => r.startMs)), stp = median(sp.map((r) => r.startMs));
const f = (x) => x.toFixed(3).padStart(9);
console.log(`proxy stdio: echo tools/call, ${calls} calls x ${rounds} rounds (median of rounds), start x ${starts} (median)`);
console.log(`                      direct     proxied   ratio/diff`);
console.log(`call p50 (ms)     ${f(p50d)}   ${f(p50p)}   ${(p50p / p50d).toFixed(2)}x (bar 1.25x)`);
console.log(`call p95 (ms)     ${f(p95d)}   ${f(p95p)}   ${(p95p / p95d).toFixed(2)}x`);
console.log(`start->tools/list ${f(std)}   ${f(stp)}   +${(stp - std).toFixed(0)} ms (bar +150 ms)`);
JS
