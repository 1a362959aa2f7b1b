// Resilience benchmark: N agents (TypeScript SDK clients) each drive their own patchwork-proxy (with its own
// outbox) wrapping server-everything, calling the feedback tool with a unique marker per report. Each time the
// sidecar has stored another 1/(kills+1) of the reports, it is killed with SIGKILL (mid-ingest); after a pause it is started again
// on the same port and database. Once the agents are done and every outbox is empty, the stored rows are compared with the
// acknowledged markers: lost = acknowledged but not stored, duplicates = stored more than once.
//
// Usage: node kill-mid-load.mjs <root> <java> [proxies=4] [reportsPerProxy=250] [downMs=2000] [kills=3]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [root, java, proxiesArg, reportsArg, downArg, killsArg] = process.argv.slice(2);
const PROXIES = Number(proxiesArg ?? 4);
const REPORTS = Number(reportsArg ?? 250);
const DOWN_MS = Number(downArg ?? 2000);
const KILLS = Number(killsArg ?? 3);
const here = path.dirname(fileURLToPath(import.meta.url));
const everything = path.join(here, "node_modules/@modelcontextprotocol/server-everything/dist/index.js");
const work = path.join(root, "target/bench-resilience");
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
const db = path.join(work, "bench.db");

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;

async function awaitUntil(what, condition, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${seconds} s for ${what}`);
    await pause(50);
  }
}

async function healthy() {
  try {
    return (await fetch(`${base}/api/health`)).status === 200;
  } catch {
    return false;
  }
}

// How many reports this sidecar process answered as duplicates of a known idempotency key (its counter starts at
// 0): after a restart, these are retries of reports a killed sidecar stored but never confirmed.
async function duplicatesAnswered() {
  const metrics = await (await fetch(`${base}/metrics`, { headers: { Accept: "text/plain" } })).text();
  return Number(metrics.match(/^patchwork_reports_duplicates(?:_total)?(?:\{[^}]*\})?\s+([0-9.eE+]+)/m)?.[1] ?? 0);
}

async function storedRows() {
  try {
    const response = await fetch(`${base}/api/feedback?limit=1`);
    return Number(response.headers.get("x-total-count") ?? 0);
  } catch {
    return 0;
  }
}

let sidecarStarts = 0;
async function startSidecar() {
  sidecarStarts++;
  const log = fs.openSync(path.join(work, `sidecar-${sidecarStarts}.log`), "w");
  const child = spawn(java, ["-jar", path.join(root, "sidecar/target/patchwork-sidecar.jar")], {
    env: { ...process.env, FEEDBACK_PORT: String(port), FEEDBACK_HOST: "127.0.0.1", FEEDBACK_DB_PATH: db },
    stdio: ["ignore", log, log],
  });
  await awaitUntil("the sidecar to answer /api/health", healthy, 60);
  return child;
}

function pending(outbox) {
  if (!fs.existsSync(outbox)) return 0;
  return fs.readdirSync(outbox).filter((name) => name.endsWith(".json") && !name.startsWith(".")).length;
}

async function startAgent(index) {
  const outbox = path.join(work, `outbox-${index}`);
  const transport = new StdioClientTransport({
    command: java,
    args: [
      "-jar", path.join(root, "proxy/target/patchwork-proxy.jar"),
      "--name", `resilience-${index}`, "--sidecar", base, "--outbox", outbox,
      "--", process.execPath, everything, "stdio",
    ],
    stderr: fs.openSync(path.join(work, `proxy-${index}.err`), "w"),
  });
  const client = new Client({ name: "resilience-bench", version: "1.0.0" });
  await client.connect(transport);
  return { index, client, outbox };
}

let sidecar = await startSidecar();
const agents = await Promise.all(Array.from({ length: PROXIES }, (_, i) => startAgent(i)));
const acknowledged = [];
let failedCalls = 0;

async function drive(agent) {
  for (let k = 0; k < REPORTS; k++) {
    const marker = `rb-${agent.index}-${k}`;
    try {
      const result = await agent.client.callTool({
        name: "feedback",
        arguments: { what_i_needed: marker, what_i_tried: "echo, get-sum", gap_type: "missing_tool" },
      });
      if (!result.isError && String(result.content?.[0]?.text ?? "").startsWith("Recorded")) {
        acknowledged.push(marker);
      } else {
        failedCalls++;
      }
    } catch {
      failedCalls++;
    }
  }
}

const total = PROXIES * REPORTS;
const started = Date.now();
let loadSeconds = NaN;
const load = Promise.all(agents.map(drive)).then(() => {
  loadSeconds = (Date.now() - started) / 1000;
});
const kills = [];
let retried = 0;
for (let k = 1; k <= KILLS; k++) {
  // Killed while it is ingesting: once it has stored another 1/(kills+1) of the reports.
  await awaitUntil(`${k}/${KILLS + 1} of the reports stored`, async () => (await storedRows()) >= (k * total) / (KILLS + 1), 300);
  retried += await duplicatesAnswered(); // read just before the kill, so at most a few are missed
  const stored = await storedRows();
  sidecar.kill("SIGKILL");
  await new Promise((resolve) => sidecar.once("exit", resolve));
  kills.push({ stored, acked: acknowledged.length, pending: agents.reduce((sum, a) => sum + pending(a.outbox), 0) });
  await pause(DOWN_MS); // the sidecar stays down while the agents keep reporting
  sidecar = await startSidecar();
}
const restarted = Date.now();
await load;
await awaitUntil("every outbox to empty", async () => agents.every((a) => pending(a.outbox) === 0), 180);
const drainSeconds = (Date.now() - restarted) / 1000;

const response = await fetch(`${base}/api/export?format=ndjson`);
const rows = (await response.text()).split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line));
const counts = new Map();
for (const row of rows) counts.set(row.what_i_needed, (counts.get(row.what_i_needed) ?? 0) + 1);
const lost = acknowledged.filter((marker) => !counts.has(marker)).length;
const duplicates = [...counts.values()].reduce((sum, n) => sum + (n > 1 ? n - 1 : 0), 0);
const unacknowledgedStored = [...counts.keys()].filter((marker) => !acknowledged.includes(marker)).length;

retried += await duplicatesAnswered();

for (const agent of agents) await agent.client.close();
sidecar.kill("SIGTERM");

console.log(`proxies: ${PROXIES}, reports: ${total} (${REPORTS} per proxy), ${KILLS} kills, sidecar down ${DOWN_MS} ms each`);
for (const kill of kills) console.log(`killed (SIGKILL) with ${kill.stored} stored, ${kill.acked} acknowledged, ${kill.pending} pending in the outboxes`);
console.log(`acknowledged to agents: ${acknowledged.length}, tool errors: ${failedCalls}`);
console.log(`stored rows: ${rows.length}, lost: ${lost}, duplicates: ${duplicates}, stored but not acknowledged: ${unacknowledgedStored}`);
console.log(`retries answered as duplicates by idempotency key (stored by a killed sidecar, unconfirmed): ${retried}`);
console.log(`agents' load took ${loadSeconds.toFixed(1)} s (${(acknowledged.length / loadSeconds).toFixed(0)} reports/s acknowledged); outboxes drained ${drainSeconds.toFixed(1)} s after the last restart`);
process.exit(lost === 0 && duplicates === 0 && acknowledged.length === total ? 0 : 1);
