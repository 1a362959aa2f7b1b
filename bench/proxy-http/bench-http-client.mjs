// HTTP benchmark client (TypeScript SDK over Streamable HTTP): connects to argv[2], lists tools, then times
// echo tools/call round trips; prints one JSON line {p50, p95, p99, calls} in milliseconds.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const url = process.argv[2];
const calls = Number(process.argv[3] ?? 1000);
const warmup = Number(process.argv[4] ?? 200);
const transport = new StreamableHTTPClientTransport(new URL(url));
const client = new Client({ name: "bench-http", version: "1.0.0" });
await client.connect(transport);
await client.listTools();
const samples = [];
for (let i = 0; i < warmup + calls; i++) {
  const t0 = performance.now();
  await client.callTool({ name: "echo", arguments: { message: "bench " + i } });
  if (i >= warmup) samples.push(performance.now() - t0);
}
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))];
console.log(JSON.stringify({ p50: pct(50), p95: pct(95), p99: pct(99), calls }));
await transport.terminateSession().catch(() => {});
await client.close();
