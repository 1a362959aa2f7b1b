#!/usr/bin/env bash
# Proxy stdio benchmark for both protocol eras, side by side in one run: the TypeScript SDK v2 client against the
# TypeScript SDK v2 server (which serves both eras), `add` tools/call, directly and through the proxy, with the
# client speaking 2026-07-28 ("auto" negotiates it) and 2025-11-25 ("legacy"). Rounds interleave the four
# variants; prints medians of the rounds' p50 and p95 and the ratios proxied/direct per era, with the load average
# before and after (the machine may be shared: compare figures of one run only).
# Usage: bench/proxy-stdio/eras.sh [calls per round (default 2000)] [rounds (default 3)]
set -euo pipefail
ROOT="${PATCHWORK_ROOT:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
CALLS="${1:-2000}"
ROUNDS="${2:-3}"
NODE_DIR="$ROOT/proxy/src/test/node-v2"

if [[ ! -f "$NODE_DIR/node_modules/.package-lock.json" ]]; then
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund >/dev/null)
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SERVER="$NODE_DIR/v2-server.mjs"
DIRECT="[\"node\",\"$SERVER\"]"
PROXIED="[\"$ROOT/patchwork\",\"proxy\",\"--outbox\",\"$WORK/outbox\",\"--sidecar\",\"http://127.0.0.1:9\",\"--\",\"node\",\"$SERVER\"]"
CLIENT="$NODE_DIR/bench-client.mjs"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

run() { node "$CLIENT" "$1" "$2" "$3" "$4"; }
# Untimed first runs: warm the page cache, let the launcher build the jars and train the AOT cache.
run auto "$DIRECT" 0 0 >/dev/null
run auto "$PROXIED" 0 0 >/dev/null

for variant in modern-direct modern-proxied legacy-direct legacy-proxied; do : >"$WORK/$variant"; done
for _ in $(seq "$ROUNDS"); do
  run auto "$DIRECT" "$CALLS" 300 >>"$WORK/modern-direct"
  run auto "$PROXIED" "$CALLS" 300 >>"$WORK/modern-proxied"
  run legacy "$DIRECT" "$CALLS" 300 >>"$WORK/legacy-direct"
  run legacy "$PROXIED" "$CALLS" 300 >>"$WORK/legacy-proxied"
done

node --input-type=module - "$WORK" "$CALLS" "$ROUNDS" "$LOAD_BEFORE -> $(cut -d' ' -f1-3 /proc/loadavg)" <<'JS'
import fs from "node:fs";
const [dir, calls, rounds, load] = process.argv.slice(2);
const read = (f) => fs.readFileSync(`${dir}/${f}`, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const f = (x) => x.toFixed(3).padStart(10);
console.log(`proxy stdio, both eras: TypeScript SDK v2 client and server, add tools/call, ${calls} calls x ${rounds} rounds (medians); load average ${load}`);
console.log(`                                    direct      proxied   ratio    (eras seen: direct / proxied)`);
for (const era of ["modern", "legacy"]) {
  const d = read(`${era}-direct`), p = read(`${era}-proxied`);
  const label = era === "modern" ? "2026-07-28" : "2025-11-25";
  for (const key of ["p50", "p95"]) {
    const md = median(d.map((r) => r[key])), mp = median(p.map((r) => r[key]));
    console.log(`${label} call ${key} (ms)          ${f(md)}   ${f(mp)}   ${(mp / md).toFixed(2)}x   (${d[0].era} / ${p[0].era})`);
  }
  const sd = median(d.map((r) => r.startMs)), sp = median(p.map((r) => r.startMs));
  console.log(`${label} start->tools/list (ms)  ${f(sd)}   ${f(sp)}   +${(sp - sd).toFixed(0)} ms`);
}
JS
