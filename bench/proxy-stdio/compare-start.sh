#!/usr/bin/env bash
# Start time of two proxy jars side by side: start to first tools/list answer (TypeScript SDK client over stdio)
# for node server-everything alone, through jar A and through jar B, interleaved (direct, A, B, direct, A, B...)
# so both see the same machine state. Prints the medians, the differences and the load average before and after.
# The jars must sit in proxy/target (their manifest finds the libraries in proxy/target/libs), e.g. copies of
# patchwork-proxy.jar built from two commits. Same JVM flags as the launcher, without the AOT cache; with
# PATCHWORK_AOT=1 (JDK 25+), each jar gets its own AOT cache made by the launcher's training run first.
# Usage: [PATCHWORK_AOT=1] bench/proxy-stdio/compare-start.sh <jar A> <jar B> [starts (default 15)]
set -euo pipefail
ROOT="${PATCHWORK_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
JAR_A="$(readlink -f "$1")"; JAR_B="$(readlink -f "$2")"; STARTS="${3:-15}"
NODE_DIR="$ROOT/proxy/src/test/node"
if [[ ! -f "$NODE_DIR/node_modules/.package-lock.json" ]]; then
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund >/dev/null)
fi
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SERVER="$NODE_DIR/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
FLAGS="\"-XX:TieredStopAtLevel=1\",\"-XX:+UseSerialGC\",\"-Xmn8m\",\"-XX:-UsePerfData\",\"-Xlog:disable\",\"-Xlog:all=warning:stderr\""
ARGS="\"--outbox\",\"$WORK/outbox\",\"--sidecar\",\"http://127.0.0.1:9\",\"node\",\"$SERVER\",\"stdio\""
DIRECT="[\"node\",\"$SERVER\",\"stdio\"]"
AOT_A=""; AOT_B=""
if [[ -n "${PATCHWORK_AOT:-}" ]]; then
  train() { # train JAR CACHE: the launcher's training run
    "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable -Xlog:all=warning:stderr \
      -XX:AOTCacheOutput="$2" -cp "$1" dev.patchworkmcp.proxy.AotTraining </dev/null >/dev/null 2>&1
  }
  train "$JAR_A" "$WORK/a.aot"; train "$JAR_B" "$WORK/b.aot"
  AOT_A=",\"-XX:AOTCache=$WORK/a.aot\""; AOT_B=",\"-XX:AOTCache=$WORK/b.aot\""
fi
A="[\"$JAVA\",$FLAGS$AOT_A,\"-jar\",\"$JAR_A\",$ARGS]"
B="[\"$JAVA\",$FLAGS$AOT_B,\"-jar\",\"$JAR_B\",$ARGS]"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
run() { node "$NODE_DIR/bench-client.mjs" "$1" 0 0; }
run "$DIRECT" >/dev/null; run "$A" >/dev/null; run "$B" >/dev/null
for _ in $(seq "$STARTS"); do
  run "$DIRECT" >>"$WORK/direct"; run "$A" >>"$WORK/a"; run "$B" >>"$WORK/b"
done
node --input-type=module - "$WORK" "$STARTS" "$LOAD_BEFORE -> $(cut -d' ' -f1-3 /proc/loadavg)" "$JAR_A" "$JAR_B" <<'JS'
import fs from "node:fs";
const [dir, starts, load, jarA, jarB] = process.argv.slice(2);
const read = (f) => fs.readFileSync(`${dir}/${f}`, "utf8").trim().split("\n").map((l) => JSON.parse(l).startMs);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const [d, a, b] = ["direct", "a", "b"].map((f) => median(read(f)));
console.log(`start -> first tools/list, ${starts} interleaved starts each (medians)${process.env.PATCHWORK_AOT ? ", AOT cache" : ""}; load average ${load}`);
console.log(`  direct node server-everything  ${d.toFixed(1)} ms`);
console.log(`  A ${jarA}  ${a.toFixed(1)} ms (+${(a - d).toFixed(0)} ms over direct)`);
console.log(`  B ${jarB}  ${b.toFixed(1)} ms (+${(b - d).toFixed(0)} ms over direct, ${(b - a).toFixed(1)} ms against A)`);
JS
