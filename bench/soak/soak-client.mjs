// Soak load: `sessions` MCP sessions over Streamable HTTP against the proxy (echo calls, and now and then the
// injected `feedback` tool), plus `writers` ingest writers posting reports to the sidecar, for `minutes` minutes.
// Prints one JSON line per minute and a last line with the totals; exit code 1 when anything failed.
// Usage: node soak-client.mjs <proxy /mcp url> <sidecar url> <minutes> <sessions> <writers>
// The SDK comes from bench/proxy-http's pinned install (SOAK_NODE_MODULES), so this folder needs none of its own.
import { pathToFileURL } from "node:url";

const sdk = (path) => import(pathToFileURL(`${process.env.SOAK_NODE_MODULES}/@modelcontextprotocol/sdk/dist/esm/${path}`).href);
const { Client } = await sdk("client/index.js");
const { StreamableHTTPClientTransport } = await sdk("client/streamableHttp.js");

const [proxyUrl, sidecarUrl] = process.argv.slice(2, 4);
const minutes = Number(process.argv[4] ?? 10);
const sessions = Number(process.argv[5] ?? 100);
const writers = Number(process.argv[6] ?? 64);
const SESSION_PAUSE_MS = 100; // per session between calls: about 10 calls/s each
const WRITER_PAUSE_MS = 100; // per writer between reports: about 10 reports/s each
const FEEDBACK_EVERY = 200; // one feedback call per this many echo calls of a session

const end = Date.now() + minutes * 60_000;
const counts = { echo: 0, feedback: 0, ingested: 0, errors: 0 };
const firstErrors = [];
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function failed(what, error) {
  counts.errors++;
  if (firstErrors.length < 10) firstErrors.push(`${what}: ${error?.message ?? error}`);
}

async function session(index) {
  const transport = new StreamableHTTPClientTransport(new URL(proxyUrl));
  const client = new Client({ name: `soak-${index}`, version: "1.0.0" });
  try {
    await client.connect(transport);
    await client.listTools();
  } catch (error) {
    failed(`session ${index} start`, error);
    return;
  }
  for (let call = 1; Date.now() < end; call++) {
    try {
      if (call % FEEDBACK_EVERY === 0) {
        const result = await client.callTool({
          name: "feedback",
          arguments: { what_i_needed: `soak ${index}/${call}`, what_i_tried: "echo", gap_type: "missing_tool" },
        });
        if (result.isError) throw new Error(JSON.stringify(result.content));
        counts.feedback++;
      } else {
        await client.callTool({ name: "echo", arguments: { message: `soak ${index}/${call}` } });
        counts.echo++;
      }
    } catch (error) {
      failed(`session ${index} call ${call}`, error);
    }
    await pause(SESSION_PAUSE_MS);
  }
  await transport.terminateSession().catch(() => {});
  await client.close().catch(() => {});
}

async function writer(index) {
  for (let n = 1; Date.now() < end; n++) {
    try {
      const response = await fetch(`${sidecarUrl}/api/feedback`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          server_name: "soak-writers",
          what_i_needed: `report ${index}/${n}`,
          what_i_tried: "the soak",
          gap_type: "other",
        }),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`status ${response.status}`);
      counts.ingested++;
    } catch (error) {
      failed(`writer ${index} report ${n}`, error);
    }
    await pause(WRITER_PAUSE_MS);
  }
}

const ticker = setInterval(() => console.log(JSON.stringify({ at: new Date().toISOString(), ...counts })), 60_000);
await Promise.all([
  ...Array.from({ length: sessions }, (_, i) => session(i)),
  ...Array.from({ length: writers }, (_, i) => writer(i)),
]);
clearInterval(ticker);
console.log(JSON.stringify({ done: true, minutes, sessions, writers, ...counts, firstErrors }));
process.exit(counts.errors === 0 ? 0 : 1);
