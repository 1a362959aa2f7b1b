// HTTP throughput client (TypeScript SDK over Streamable HTTP): opens argv[3] sessions to argv[2], then every
// session calls echo back to back for argv[4] seconds; prints one JSON line {sessions, failedSessions, calls,
// errors, callsPerSecond, p50, p99, firstError} (latencies in milliseconds). A session that cannot connect counts
// as failed.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const url = new URL(process.argv[2]);
const sessions = Number(process.argv[3] ?? 100);
const seconds = Number(process.argv[4] ?? 10);
let firstError = null;
const note = (e) => (firstError ??= String(e?.message ?? e).slice(0, 200));

async function open(id) {
  const transport = new StreamableHTTPClientTransport(url);
  const client = new Client({ name: `bench-load-${id}`, version: "1.0.0" });
  try {
    await client.connect(transport);
    return { client, transport };
  } catch (e) {
    note(e);
    return null;
  }
}

const opened = await Promise.all(Array.from({ length: sessions }, (_, i) => open(i)));
const live = opened.filter((s) => s !== null);
const samples = [];
let errors = 0;
const started = performance.now();
const deadline = started + seconds * 1000;
await Promise.all(
  live.map(async ({ client }, id) => {
    for (let i = 0; performance.now() < deadline; i++) {
      const t0 = performance.now();
      try {
        await client.callTool({ name: "echo", arguments: { message: `load ${id} ${i}` } });
        samples.push(performance.now() - t0);
      } catch (e) {
        note(e);
        errors++;
      }
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? NaN;
console.log(
  JSON.stringify({
    sessions,
    failedSessions: sessions - live.length,
    calls: samples.length,
    errors,
    callsPerSecond: samples.length / elapsed,
    p50: pct(50),
    p99: pct(99),
    firstError,
  }),
);
await Promise.all(
  live.map(async ({ client, transport }) => {
    await transport.terminateSession().catch(() => {});
    await client.close().catch(() => {});
  }),
);
