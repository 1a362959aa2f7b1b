// Benchmark client (TypeScript SDK v2 over stdio): argv mode ("auto" speaks 2026-07-28 with a server that can,
// "legacy" speaks 2025-11-25), the command as JSON, calls, warm-up calls. Measures start-to-first-tools/list and
// `add` tools/call latency; prints one JSON line of figures in milliseconds.
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

const [mode, commandJson] = process.argv.slice(2, 4);
const calls = Number(process.argv[4] ?? 2000);
const warmup = Number(process.argv[5] ?? 300);
const [command, ...args] = JSON.parse(commandJson);
const started = performance.now();
const transport = new StdioClientTransport({ command, args, stderr: "ignore" });
const client = new Client({ name: "bench", version: "1.0.0" }, { versionNegotiation: { mode } });
await client.connect(transport);
await client.listTools();
const startMs = performance.now() - started;
const samples = [];
for (let i = 0; i < warmup + calls; i++) {
  const t0 = performance.now();
  await client.callTool({ name: "add", arguments: { a: i, b: 1 } });
  if (i >= warmup) samples.push(performance.now() - t0);
}
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))];
console.log(JSON.stringify({ era: client.getProtocolEra(), startMs, p50: pct(50), p95: pct(95), calls }));
await client.close();
