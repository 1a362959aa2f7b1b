// The drop-in with the real TypeScript SDK (McpServer + Client over stdio) against a real sidecar.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { buildReport, TOOL_DESCRIPTION, TOOL_NAME, TOOL_TITLE } from "../feedback-tool.js";
import { CONTRACT, connect, deadUrl, listFeedback, replay, startSidecar, type Sidecar } from "./harness.js";

const TIMEOUT = { timeout: 90000 };
let sidecar: Sidecar;
before(async () => {
  sidecar = await startSidecar();
});
after(() => sidecar?.stop());

function allFields(): Record<string, unknown> {
  return {
    what_i_needed: "Export invoices as CSV",
    what_i_tried: "list_invoices then get_invoice per id",
    gap_type: "wrong_format",
    suggestion: "export_invoices(month, format)",
    user_goal: "Send invoices to the accountant",
    resolution: "worked_around",
    tools_available: ["echo", "list_invoices"],
    agent_model: "claude-sonnet-4-5",
    session_id: `sess-typescript-${randomUUID()}`,
    client_type: "claude-code",
  };
}

async function tempSpool(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), "dropin-ts-")), "spool.jsonl");
}

test("embedded name, title and description equal the contract", () => {
  assert.equal(TOOL_NAME, CONTRACT.name);
  assert.equal(TOOL_TITLE, CONTRACT.title);
  assert.equal(TOOL_DESCRIPTION, CONTRACT.description);
});

test("a report sends an empty tool list as an array and defaults gap_type to other", () => {
  const report = buildReport({ what_i_needed: "x", what_i_tried: "y" }, "srv");

  assert.deepEqual(report.tools_available, []);
  assert.equal(report.gap_type, "other");
  assert.equal(report.source, "dropin-typescript");
  assert.ok(report.idempotency_key);
});

test("the feedback tool is listed with the contract's input schema", TIMEOUT, async () => {
  const client = await connect(await deadUrl(), await tempSpool());
  try {
    const tool = (await client.listTools()).tools.find((t) => t.name === "feedback");

    assert.ok(tool);
    assert.equal(tool.title, CONTRACT.title);
    assert.equal(tool.description, CONTRACT.description);
    // The SDK (zod's toJSONSchema) stamps the JSON Schema dialect at the top; everything else must be the contract.
    const { $schema, ...schema } = tool.inputSchema as Record<string, unknown>;
    assert.match(String($schema ?? "http://json-schema.org/draft-07/schema#"), /^https?:\/\/json-schema\.org\//);
    assert.deepEqual(schema, CONTRACT.inputSchema);
  } finally {
    await client.close();
  }
});

test("a call stores every field in the sidecar", TIMEOUT, async () => {
  const fields = allFields();
  const client = await connect(sidecar.url + "/", await tempSpool());
  let result;
  try {
    result = await client.callTool({ name: "feedback", arguments: fields });
  } finally {
    await client.close();
  }

  assert.notEqual(result.isError, true, JSON.stringify(result.content));
  const items = await listFeedback(sidecar.url, { session_id: String(fields.session_id) });
  assert.equal(items.length, 1);
  for (const [field, value] of Object.entries(fields)) assert.deepEqual(items[0][field], value, field);
  assert.equal(items[0].server_name, "typescript-example");
  assert.equal(items[0].source, "dropin-typescript");
  assert.equal(items[0].user_agent, "PatchworkMCP-TypeScript/2.0");
  assert.equal(items[0].client_name, "dropin-typescript-test");
});

test("a report is spooled while the sidecar is down and replayed exactly once", TIMEOUT, async () => {
  const fields = allFields();
  const spool = await tempSpool();
  const client = await connect(await deadUrl(), spool);
  let result;
  try {
    result = await client.callTool({ name: "feedback", arguments: fields });
  } finally {
    await client.close();
  }

  assert.equal(result.isError, true);
  assert.match((result.content as { text: string }[])[0].text, /saved for replay/);
  const lines = (await readFile(spool, "utf8")).split("\n").filter((line) => line !== "");
  assert.equal(lines.length, 1);
  assert.ok(JSON.parse(lines[0]).idempotency_key);
  const first = replay(spool, sidecar.url);
  await writeFile(spool, lines[0] + "\n");
  const second = replay(spool, sidecar.url);
  assert.deepEqual([first.status, second.status], [0, 0], first.stderr + second.stderr);
  assert.equal(await readFile(spool, "utf8"), "");
  assert.equal((await listFeedback(sidecar.url, { session_id: String(fields.session_id) })).length, 1);
});
