#!/usr/bin/env bash
# The proxy of two source trees side by side (for example the previous main and a change): `<tree>/patchwork proxy`
# over node server-everything, as users run it (each tree's launcher, JVM flags and AOT cache), with the TypeScript
# SDK client over stdio. Call rounds (echo tools/call p50/p95) and starts (start to first tools/list) alternate
# direct, A, B, with the order of A and B swapped every round, so both see the same machine state. Prints the
# medians, B against A, and the load average before and after. Each tree's jars are built first if missing.
# Usage: bench/proxy-stdio/compare-trees.sh <tree A> <tree B> [calls per round (2000)] [rounds (5)] [starts (11)]
set -euo pipefail
ROOT="${PATCHWORK_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
TREE_A="$(readlink -f "$1")"; TREE_B="$(readlink -f "$2")"
CALLS="${3:-2000}"; ROUNDS="${4:-5}"; STARTS="${5:-11}"
NODE_DIR="$ROOT/proxy/src/test/node"
if [[ ! -f "$NODE_DIR/node_modules/.package-lock.json" ]]; then
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund >/dev/null)
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SERVER="$NODE_DIR/node_modules/@modelcontextprotocol/server-everything/dist/index.js"
proxied() { echo "[\"$1/patchwork\",\"proxy\",\"--outbox\",\"$WORK/outbox\",\"--sidecar\",\"http://127.0.0.1:9\",\"--\",\"node\",\"$SERVER\",\"stdio\"]"; }
declare -A COMMAND=([direct]="[\"node\",\"$SERVER\",\"stdio\"]" [a]="$(proxied "$TREE_A")" [b]="$(proxied "$TREE_B")")
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
run() { node "$NODE_DIR/bench-client.mjs" "${COMMAND[$1]}" "$2" "$3"; }
# Untimed first runs: build the jars and train the AOT caches.
for v in direct a b; do run "$v" 0 0 >/dev/null; : >"$WORK/calls-$v"; : >"$WORK/start-$v"; done
for round in $(seq "$ROUNDS"); do
  if ((round % 2)); then order=(direct a b); else order=(direct b a); fi
  for v in "${order[@]}"; do run "$v" "$CALLS" 300 >>"$WORK/calls-$v"; done
done
for start in $(seq "$STARTS"); do
  if ((start % 2)); then order=(direct a b); else order=(direct b a); fi
  for v in "${order[@]}"; do run "$v" 0 0 >>"$WORK/start-$v"; done
done
node --input-type=module - "$WORK" "$CALLS" "$ROUNDS" "$STARTS" "$LOAD_BEFORE -> $(cut -d' ' -f1-3 /proc/loadavg)" \
  "$TREE_A ($(git -C "$TREE_A" rev-parse --short HEAD 2>/dev/null || echo '?'))" \
  "$TREE_B ($(git -C "$TREE_B" rev-parse --short HEAD 2>/dev/null || echo '?'))" <<'JS'
import fs from "node:fs";
const [dir, calls, rounds, starts, load, nameA, nameB] = process.argv.slice(2);
const read = (f) => fs.readFileSync(`${dir}/${f}`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fig = (v) => ({
  p50: median(read(`calls-${v}`).map((r) => r.p50)),
  p95: median(read(`calls-${v}`).map((r) => r.p95)),
  start: median(read(`start-${v}`).map((r) => r.startMs)),
  rounds: read(`calls-${v}`).map((r) => r.p50.toFixed(3)).join(" "),
});
const [d, a, b] = ["direct", "a", "b"].map(fig);
console.log(`proxy stdio, two trees: ${calls} echo calls x ${rounds} rounds, ${starts} starts each (medians); load average ${load}`);
console.log(`  A = ${nameA}\n  B = ${nameB}`);
console.log(`  rounds' p50 (ms): direct ${d.rounds} | A ${a.rounds} | B ${b.rounds}`);
console.log("              p50 (ms)   p95 (ms)   start -> tools/list (ms)");
for (const [name, x] of [["direct", d], ["A", a], ["B", b]]) {
  console.log(`  ${name.padEnd(8)} ${x.p50.toFixed(3).padStart(9)}  ${x.p95.toFixed(3).padStart(9)}   ${x.start.toFixed(1).padStart(8)}`);
}
console.log(`  B / A: p50 ${(b.p50 / a.p50).toFixed(3)}x, p95 ${(b.p95 / a.p95).toFixed(3)}x, start ${(b.start - a.start >= 0 ? "+" : "")}${(b.start - a.start).toFixed(1)} ms`);
JS
