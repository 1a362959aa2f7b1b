#!/usr/bin/env bash
# Proxy stdio benchmark, side by side in one run, with the TypeScript SDK client over stdio:
#   direct      node server-everything
#   proxied     ./patchwork proxy -- node server-everything   (the launcher as users run it: AOT cache on JDK 25+)
#   java+aot    java -jar with the launcher's JVM flags and AOT cache, without the launcher script
#   java        the same without the AOT cache                 (start time only: before/after the AOT cache)
#   bytes       ByteRelay.java: a relay that copies bytes and parses nothing (calls only: the floor of any relay)
# Prints echo tools/call p50/p95 and start-to-first-tools/list, with ratios against direct, each round's p50s and
# the load average before and after (the machine may be shared: compare figures of one run only).
# Usage: bench/proxy-stdio/run.sh [calls per round (default 2000)] [rounds (default 3)]; BENCH_STARTS=9 starts.
set -euo pipefail
ROOT="${PATCHWORK_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
CALLS="${1:-2000}"
ROUNDS="${2:-3}"
STARTS="${BENCH_STARTS:-9}"
NODE_DIR="$ROOT/proxy/src/test/node"

if [[ ! -f "$NODE_DIR/node_modules/.package-lock.json" ]]; then
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund >/dev/null)
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SERVER="$NODE_DIR/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
DIRECT="[\"node\",\"$SERVER\",\"stdio\"]"
PROXIED="[\"$ROOT/patchwork\",\"proxy\",\"--outbox\",\"$WORK/outbox\",\"--sidecar\",\"http://127.0.0.1:9\",\"--\",\"node\",\"$SERVER\",\"stdio\"]"
CLIENT="$NODE_DIR/bench-client.mjs"
if [[ -z "${JAVA_HOME:-}" ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/java" ]] && { JAVA_HOME="$candidate"; break; }
  done
fi
JAR="$ROOT/proxy/target/patchwork-proxy.jar"
FLAGS="\"-XX:TieredStopAtLevel=1\",\"-XX:+UseSerialGC\",\"-XX:-UsePerfData\",\"-Xlog:disable\",\"-Xlog:all=warning:stderr\""
ARGS="\"--outbox\",\"$WORK/outbox\",\"--sidecar\",\"http://127.0.0.1:9\",\"--\",\"node\",\"$SERVER\",\"stdio\""
JAVA_AOT="[\"$JAVA_HOME/bin/java\",$FLAGS,\"-XX:AOTCache=$ROOT/proxy/target/patchwork-proxy.aot\",\"-jar\",\"$JAR\",$ARGS]"
JAVA_PLAIN="[\"$JAVA_HOME/bin/java\",$FLAGS,\"-jar\",\"$JAR\",$ARGS]"
BYTES="[\"$JAVA_HOME/bin/java\",\"$ROOT/bench/proxy-stdio/ByteRelay.java\",\"node\",\"$SERVER\",\"stdio\"]"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

run() { node "$CLIENT" "$1" "$2" "$3"; }
# Untimed first runs: warm the page cache, let the launcher build the jars and train the AOT cache.
run "$DIRECT" 0 0 >/dev/null
run "$PROXIED" 0 0 >/dev/null

: >"$WORK/calls-direct"; : >"$WORK/calls-proxied"; : >"$WORK/calls-bytes"
for _ in $(seq "$ROUNDS"); do
  run "$DIRECT" "$CALLS" 300 >>"$WORK/calls-direct"
  run "$PROXIED" "$CALLS" 300 >>"$WORK/calls-proxied"
  run "$BYTES" "$CALLS" 300 >>"$WORK/calls-bytes"
done
: >"$WORK/start-direct"; : >"$WORK/start-proxied"; : >"$WORK/start-java-aot"; : >"$WORK/start-java"
for _ in $(seq "$STARTS"); do
  run "$DIRECT" 0 0 >>"$WORK/start-direct"
  run "$PROXIED" 0 0 >>"$WORK/start-proxied"
  run "$JAVA_AOT" 0 0 >>"$WORK/start-java-aot"
  run "$JAVA_PLAIN" 0 0 >>"$WORK/start-java"
done

node --input-type=module - "$WORK" "$CALLS" "$ROUNDS" "$STARTS" "$LOAD_BEFORE -> $(cut -d' ' -f1-3 /proc/loadavg)" <<'JS'
import fs from "node:fs";
const [dir, calls, rounds, starts, load] = process.argv.slice(2);
const read = (f) => fs.readFileSync(`${dir}/${f}`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const cd = read("calls-direct"), cp = read("calls-proxied");
const p50d = median(cd.map((r) => r.p50)), p50p = median(cp.map((r) => r.p50));
const p95d = median(cd.map((r) => r.p95)), p95p = median(cp.map((r) => r.p95));
const cb = read("calls-bytes"), p50b = median(cb.map((r) => r.p50));
const std = median(read("start-direct").map((r) => r.startMs));
const stp = median(read("start-proxied").map((r) => r.startMs));
const sja = median(read("start-java-aot").map((r) => r.startMs));
const sjp = median(read("start-java").map((r) => r.startMs));
const f = (x) => x.toFixed(3).padStart(10);
console.log(`proxy stdio: echo tools/call ${calls} calls x ${rounds} rounds, ${starts} starts each (medians); load average ${load}`);
const rounds50 = (rs) => rs.map((r) => r.p50.toFixed(3)).join(" ");
console.log(`  rounds' p50 (ms): direct ${rounds50(cd)} | proxied ${rounds50(cp)} | byte relay ${rounds50(cb)}`);
console.log(`                             direct      proxied   ratio / difference`);
console.log(`call p50 (ms)            ${f(p50d)}   ${f(p50p)}   ${(p50p / p50d).toFixed(2)}x (bar 1.25x)`);
console.log(`call p95 (ms)            ${f(p95d)}   ${f(p95p)}   ${(p95p / p95d).toFixed(2)}x`);
console.log(`  byte relay p50 (ms)                 ${f(p50b)}   ${(p50b / p50d).toFixed(2)}x (copies bytes, parses nothing: the floor of any relay)`);
console.log(`start->tools/list (ms)   ${f(std)}   ${f(stp)}   +${(stp - std).toFixed(0)} ms (bar +150 ms; ./patchwork proxy)`);
console.log(`  java -jar + AOT cache               ${f(sja)}   +${(sja - std).toFixed(0)} ms (the proxy without the launcher script)`);
console.log(`  java -jar, no AOT cache             ${f(sjp)}   +${(sjp - std).toFixed(0)} ms (before the AOT cache)`);
JS
