// The drop-in under the TypeScript SDK v2 (@modelcontextprotocol/server 2.x), which also serves MCP 2026-07-28,
// driven by the v2 client (@modelcontextprotocol/client) in auto mode and by raw JSON-RPC lines.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { after, before, test } from "node:test";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { CONTRACT, deadUrl, HERE, listFeedback, startSidecar, type Sidecar } from "./harness.js";

const TIMEOUT = { timeout: 90000 };
const MODERN = "2026-07-28";
const V2_SERVER = "dist/example-server-v2.js";
const V1_SERVER = "dist/example-server.js";
let sidecar: Sidecar;
before(async () => {
  sidecar = await startSidecar();
});
after(() => sidecar?.stop());

function environment(sidecarUrl: string, spool: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return { ...env, FEEDBACK_SIDECAR_URL: sidecarUrl, FEEDBACK_SPOOL_PATH: spool };
}

async function tempSpool(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), "dropin-ts-v2-")), "spool.jsonl");
}

/** A v2 client in auto mode: it probes server/discover and falls back to initialize on a 2025-era server. */
async function connectV2(script: string, sidecarUrl: string): Promise<Client> {
  const client = new Client({ name: "dropin-typescript-v2-test", version: "2.4.0" }, { versionNegotiation: { mode: "auto" } });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [path.join(HERE, script)],
      env: environment(sidecarUrl, await tempSpool()),
      stderr: "ignore",
    }),
  );
  return client;
}

function report(): Record<string, unknown> {
  return {
    what_i_needed: "Export invoices as CSV",
    what_i_tried: "list_invoices then get_invoice per id",
    gap_type: "wrong_format",
    session_id: `sess-typescript-v2-${randomUUID()}`,
  };
}

test("a v2 client in auto mode speaks 2026-07-28 to a v2 server and its report carries who called", TIMEOUT, async () => {
  const fields = report();
  const client = await connectV2(V2_SERVER, sidecar.url);
  let version, tool, result;
  try {
    version = client.getNegotiatedProtocolVersion();
    tool = (await client.listTools()).tools.find((t) => t.name === "feedback");
    result = await client.callTool({ name: "feedback", arguments: fields });
  } finally {
    await client.close();
  }

  assert.equal(version, MODERN);
  assert.ok(tool);
  const { $schema, ...schema } = tool.inputSchema as Record<string, unknown>;
  assert.deepEqual(schema, CONTRACT.inputSchema);
  assert.notEqual(result.isError, true, JSON.stringify(result.content));
  const items = await listFeedback(sidecar.url, { session_id: String(fields.session_id) });
  assert.equal(items.length, 1);
  assert.equal(items[0].server_name, "typescript-v2-example");
  assert.equal(items[0].what_i_needed, fields.what_i_needed);
  assert.equal(items[0].client_name, "dropin-typescript-v2-test");
  assert.equal(items[0].client_version, "2.4.0");
  assert.equal(items[0].protocol_version, MODERN);
});

test("a v2 client in auto mode falls back to 2025-11-25 with a v1 server and its report is recorded", TIMEOUT, async () => {
  const fields = report();
  const client = await connectV2(V1_SERVER, sidecar.url);
  let version, result;
  try {
    version = client.getNegotiatedProtocolVersion();
    result = await client.callTool({ name: "feedback", arguments: fields });
  } finally {
    await client.close();
  }

  assert.equal(version, "2025-11-25");
  assert.notEqual(result.isError, true, JSON.stringify(result.content));
  const items = await listFeedback(sidecar.url, { session_id: String(fields.session_id) });
  assert.equal(items.length, 1);
  assert.equal(items[0].client_name, "dropin-typescript-v2-test");
});

test("the wire answer of a v2 server to a 2026-07-28 feedback call has resultType complete", TIMEOUT, async () => {
  const meta = {
    "io.modelcontextprotocol/protocolVersion": MODERN,
    "io.modelcontextprotocol/clientInfo": { name: "raw-wire-test", version: "0.1" },
    "io.modelcontextprotocol/clientCapabilities": {},
  };
  const messages = [
    { jsonrpc: "2.0", id: 1, method: "server/discover", params: { _meta: meta } },
    {
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { _meta: meta, name: "feedback", arguments: { what_i_needed: "a", what_i_tried: "b", gap_type: "other" } },
    },
  ];

  const answers = await exchange(V2_SERVER, environment(await deadUrl(), await tempSpool()), messages);

  assert.ok(answers.get(1).result.supportedVersions.includes(MODERN));
  assert.ok(answers.get(1).result.capabilities.tools);
  assert.equal(answers.get(2).result.resultType, "complete");
  assert.equal(answers.get(2).result.isError, true); // the sidecar is down: spooled
  assert.match(answers.get(2).result.content[0].text, /saved for replay/);
});

/** Writes the messages to a server's stdin and collects the answers by id, keeping stdin open until all are in. */
async function exchange(script: string, env: Record<string, string>, messages: { id: number }[]): Promise<Map<number, any>> {
  const child = spawn(process.execPath, [path.join(HERE, script)], { env, stdio: ["pipe", "pipe", "ignore"] });
  const answers = new Map<number, any>();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`answers for ${[...answers.keys()]} only`)), 60000);
      createInterface({ input: child.stdout! }).on("line", (line) => {
        const message = JSON.parse(line);
        if (message.id !== undefined) answers.set(message.id, message);
        if (answers.size === messages.length) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on("exit", (code) => reject(new Error(`the server exited with ${code}`)));
      for (const message of messages) child.stdin!.write(JSON.stringify(message) + "\n");
    });
  } finally {
    child.kill();
  }
  return answers;
}
