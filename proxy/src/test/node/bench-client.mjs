// Benchmark client (TypeScript SDK over stdio): measures start-to-first-tools/list and echo tools/call
// latency for the command given as JSON in argv[2]; prints one JSON line of figures in milliseconds.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [command, ...args] = JSON.parse(process.argv[2]);
const calls = Number(process.argv[3] ?? 2000);
const warmup = Number(process.argv[4] ?? 300);
const started = performance.now();
const transport = new StdioClientTransport({ command, args, stderr: "ignore" });
const client = new Client({ name: "bench", version: "1.0.0" });
await client.connect(transport);
await client.listTools();
const startMs = performance.now() - started;
const samples = [];
for (let i = 0; i < warmup + calls; i++) {
  const t0 = performance.now();
  await client.callTool({ name: "echo", arguments: { message: "bench " + i } });
  if (i >= warmup) samples.push(performance.now() - t0);
}
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))];
console.log(JSON.stringify({ startMs, p50: pct(50), p95: pct(95), p99: pct(99), calls }));
await client.close();
