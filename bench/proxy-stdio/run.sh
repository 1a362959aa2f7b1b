#!/usr/bin/env bash
# Proxy stdio benchmark, side by side in one run, with the TypeScript SDK client over stdio:
#   direct      node server-everything
#   proxied     ./patchwork proxy -- node server-everything   (the launcher as users run it: AOT cache on JDK 25+)
#   java+aot    java -jar with the launcher's JVM flags and AOT cache, without the launcher script
#   java        the same without the AOT cache                 (start time only: before/after the AOT cache)
#   c-relay     byte-relay.c, built here with cc: fork, two pipes, two threads copying bytes (calls only: the floor)
#   java-relay  ByteRelay.java: the same in Java (calls only: a second reference)
#   proxy-c2    java -jar + AOT cache with C2 allowed (-XX:TieredStopAtLevel=4 after the launcher's flags; calls only)
# Calls: each round runs the four call variants back to back, in an order that rotates from round to round.
# Prints echo tools/call p50/p95 and start-to-first-tools/list, with ratios against direct and against the C relay,
# each round's p50s, the proxy's RSS after BENCH_RSS_CALLS (10000) calls, and the load average before and after
# (the machine may be shared: compare figures of one run only). BENCH_SOAK_SECONDS=600 adds a sampled long run.
# When BENCH_SUMMARY names a file, appends one tab-separated line per goal (goal, measured, bar, verdict) to it.
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
FLAGS="\"-XX:TieredStopAtLevel=1\",\"-XX:+UseSerialGC\",\"-Xmn8m\",\"-XX:-UsePerfData\",\"-Xlog:disable\",\"-Xlog:all=warning:stderr\""
ARGS="\"--outbox\",\"$WORK/outbox\",\"--sidecar\",\"http://127.0.0.1:9\",\"--\",\"node\",\"$SERVER\",\"stdio\""
JAVA_AOT="[\"$JAVA_HOME/bin/java\",$FLAGS,\"-XX:AOTCache=$ROOT/proxy/target/patchwork-proxy.aot\",\"-jar\",\"$JAR\",$ARGS]"
JAVA_C2="[\"$JAVA_HOME/bin/java\",$FLAGS,\"-XX:TieredStopAtLevel=4\",\"-XX:AOTCache=$ROOT/proxy/target/patchwork-proxy.aot\",\"-jar\",\"$JAR\",$ARGS]"
JAVA_PLAIN="[\"$JAVA_HOME/bin/java\",$FLAGS,\"-jar\",\"$JAR\",$ARGS]"
BYTES="[\"$JAVA_HOME/bin/java\",\"$ROOT/bench/proxy-stdio/ByteRelay.java\",\"node\",\"$SERVER\",\"stdio\"]"
cc -O2 -pthread -o "$WORK/byte-relay" "$ROOT/bench/proxy-stdio/byte-relay.c"
CRELAY="[\"$WORK/byte-relay\",\"node\",\"$SERVER\",\"stdio\"]"
RSS_CALLS="${BENCH_RSS_CALLS:-10000}"
SOAK_SECONDS="${BENCH_SOAK_SECONDS:-0}"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

run() { node "$CLIENT" "$1" "$2" "$3"; }
# Untimed first runs: warm the page cache, let the launcher build the jars and train the AOT cache.
run "$DIRECT" 0 0 >/dev/null
run "$PROXIED" 0 0 >/dev/null

: >"$WORK/calls-direct"; : >"$WORK/calls-proxied"; : >"$WORK/calls-bytes"; : >"$WORK/calls-c"; : >"$WORK/calls-c2"
VARIANTS=(direct c proxied bytes c2)
declare -A COMMAND=([direct]="$DIRECT" [c]="$CRELAY" [proxied]="$PROXIED" [bytes]="$BYTES" [c2]="$JAVA_C2")
for round in $(seq "$ROUNDS"); do
  for k in 0 1 2 3 4; do
    v="${VARIANTS[$(((k + round) % 5))]}"
    run "${COMMAND[$v]}" "$CALLS" 300 >>"$WORK/calls-$v"
  done
done
# Memory: the proxy's RSS after RSS_CALLS calls, sampled every 1,000; optionally a long run sampled every 5,000.
RSS_CLIENT="$NODE_DIR/bench-rss-client.mjs"
node "$RSS_CLIENT" "$PROXIED" "$RSS_CALLS" 0 1000 >"$WORK/rss"
if [[ "$SOAK_SECONDS" != 0 ]]; then
  node "$RSS_CLIENT" "$PROXIED" 0 "$SOAK_SECONDS" 5000 >"$WORK/rss-soak"
else
  : >"$WORK/rss-soak"
fi
: >"$WORK/start-direct"; : >"$WORK/start-proxied"; : >"$WORK/start-java-aot"; : >"$WORK/start-java"
for _ in $(seq "$STARTS"); do
  run "$DIRECT" 0 0 >>"$WORK/start-direct"
  run "$PROXIED" 0 0 >>"$WORK/start-proxied"
  run "$JAVA_AOT" 0 0 >>"$WORK/start-java-aot"
  run "$JAVA_PLAIN" 0 0 >>"$WORK/start-java"
done

node --input-type=module - "$WORK" "$CALLS" "$ROUNDS" "$STARTS" "$LOAD_BEFORE -> $(cut -d' ' -f1-3 /proc/loadavg)" \
  "${BENCH_SUMMARY:-}" <<'JS'
import fs from "node:fs";
const [dir, calls, rounds, starts, load, summary] = process.argv.slice(2);
const read = (f) => fs.readFileSync(`${dir}/${f}`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const cd = read("calls-direct"), cp = read("calls-proxied");
const p50d = median(cd.map((r) => r.p50)), p50p = median(cp.map((r) => r.p50));
const p95d = median(cd.map((r) => r.p95)), p95p = median(cp.map((r) => r.p95));
const cb = read("calls-bytes"), p50b = median(cb.map((r) => r.p50)), p95b = median(cb.map((r) => r.p95));
const cc = read("calls-c"), p50c = median(cc.map((r) => r.p50)), p95c = median(cc.map((r) => r.p95));
const c2 = read("calls-c2"), p50c2 = median(c2.map((r) => r.p50)), p95c2 = median(c2.map((r) => r.p95));
const std = median(read("start-direct").map((r) => r.startMs));
const stp = median(read("start-proxied").map((r) => r.startMs));
const sja = median(read("start-java-aot").map((r) => r.startMs));
const sjp = median(read("start-java").map((r) => r.startMs));
const f = (x) => x.toFixed(3).padStart(10);
console.log(`proxy stdio: echo tools/call ${calls} calls x ${rounds} rounds, ${starts} starts each (medians); load average ${load}`);
const rounds50 = (rs) => rs.map((r) => r.p50.toFixed(3)).join(" ");
console.log(`  rounds' p50 (ms): direct ${rounds50(cd)} | C relay ${rounds50(cc)} | proxied ${rounds50(cp)} | Java relay ${rounds50(cb)} | C2 ${rounds50(c2)}`);
console.log(`                             p50 (ms)     p95 (ms)   p50 / p95 vs direct   p50 / p95 vs C relay`);
const row = (name, a, b) =>
  console.log(`  ${name.padEnd(22)} ${f(a)}   ${f(b)}   ${(a / p50d).toFixed(2)}x / ${(b / p95d).toFixed(2)}x         ${(a / p50c).toFixed(2)}x / ${(b / p95c).toFixed(2)}x`);
row("direct", p50d, p95d);
row("C byte relay (floor)", p50c, p95c);
row("proxy", p50p, p95p);
row("Java byte relay", p50b, p95b);
row("proxy, C2 allowed", p50c2, p95c2);
console.log(`  proxy vs C floor: p50 ${(p50p / p50c).toFixed(2)}x (bar 1.05x), p95 ${(p95p / p95c).toFixed(2)}x (bar 1.10x)`);
console.log(`start->tools/list (ms)   ${f(std)}   ${f(stp)}   +${(stp - std).toFixed(0)} ms (bar +150 ms; ./patchwork proxy)`);
console.log(`  java -jar + AOT cache               ${f(sja)}   +${(sja - std).toFixed(0)} ms (the proxy without the launcher script)`);
console.log(`  java -jar, no AOT cache             ${f(sjp)}   +${(sjp - std).toFixed(0)} ms (before the AOT cache)`);
const rss = read("rss")[0];
const rssAt = (r) => r.rssMb[r.rssMb.length - 1][1];
const trace = (r) => r.rssMb.map(([n, mb]) => `${n}:${mb.toFixed(0)}`).join(" ");
console.log(`proxy RSS: ${rssAt(rss).toFixed(1)} MB after ${rss.calls} calls (${rss.errors} errors; bar 64 MB); samples call:MB ${trace(rss)}`);
const soakLines = fs.readFileSync(`${dir}/rss-soak`, "utf8").trim();
let growth = null;
if (soakLines) {
  const soak = JSON.parse(soakLines);
  // Growth over the second half of the run: the first half includes the heap growing to its working size.
  const middle = soak.rssMb[Math.floor(soak.rssMb.length / 2)];
  growth = rssAt(soak) - middle[1];
  console.log(`proxy RSS, long run: ${soak.calls} calls, ${soak.errors} errors, ${rssAt(soak).toFixed(1)} MB at the end, `
    + `${growth >= 0 ? "+" : ""}${growth.toFixed(1)} MB over the second half (since call ${soak.rssMb[Math.floor(soak.rssMb.length / 2)][0]}); samples ${trace(soak)}`);
}
if (summary) {
  const verdict = (ok) => (ok ? "met" : "missed");
  const lines = [
    ["stdio call p50 / C byte relay", `${(p50p / p50c).toFixed(2)}x (${p50p.toFixed(3)} vs ${p50c.toFixed(3)} ms)`, "<= 1.05x", verdict(p50p / p50c <= 1.05)],
    ["stdio call p95 / C byte relay", `${(p95p / p95c).toFixed(2)}x (${p95p.toFixed(3)} vs ${p95c.toFixed(3)} ms)`, "<= 1.10x", verdict(p95p / p95c <= 1.10)],
    ["start to first tools/list vs upstream", `+${(stp - std).toFixed(0)} ms (./patchwork proxy)`, "<= +150 ms", verdict(stp - std <= 150)],
    ["proxy RSS after 10,000 calls", `${rssAt(rss).toFixed(1)} MB (${rss.calls} calls)`, "<= 64 MB", rss.calls >= 10000 ? verdict(rssAt(rss) <= 64) : "not measured (too few calls)"],
  ];
  if (growth !== null) lines.push(["proxy RSS growth, long run", `${growth.toFixed(1)} MB over the second half of ${JSON.parse(soakLines).calls} calls`, "no growth (<= 2 MB)", verdict(growth <= 2)]);
  fs.appendFileSync(summary, lines.map((l) => l.join("\t")).join("\n") + "\n");
}
JS
