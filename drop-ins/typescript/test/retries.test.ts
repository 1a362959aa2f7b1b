// Retries on 429 and 5xx and the per-call key, against a scripted loopback server (no clock involved: the
// waits are recorded instead of slept).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { RETRY, sendFeedback } from "../feedback-tool.js";
import { listFeedback, replay, startFakeSidecar, startSidecar, type FakeSidecar, type Sidecar } from "./harness.js";

const TIMEOUT = { timeout: 90000 };
const ARGUMENTS = { what_i_needed: "Export invoices as CSV", what_i_tried: "list_invoices", gap_type: "missing_tool" };
const realSleep = RETRY.sleep;
let waits: number[];
let fakes: FakeSidecar[];
let sidecar: Sidecar;

before(async () => {
  sidecar = await startSidecar();
});
after(() => sidecar?.stop());
beforeEach(() => {
  waits = [];
  fakes = [];
  RETRY.sleep = async (ms) => {
    waits.push(ms);
  };
});
afterEach(async () => {
  RETRY.sleep = realSleep;
  delete process.env.FEEDBACK_API_KEY;
  for (const fake of fakes) await fake.stop();
});

async function fake(...answers: { status: number; headers?: Record<string, string> }[]): Promise<FakeSidecar> {
  fakes.push(await startFakeSidecar(...answers));
  return fakes[fakes.length - 1];
}

async function tempSpool(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), "dropin-ts-retry-")), "spool.jsonl");
}

function keysOf(server: FakeSidecar): Set<unknown> {
  return new Set(server.requests.flatMap((r) => [r.headers["idempotency-key"], r.body.idempotency_key]));
}

function textOf(result: { content: unknown[] }): string {
  return (result.content as { text: string }[])[0].text;
}

test("429 then 503 are retried under one key and the third attempt succeeds", TIMEOUT, async () => {
  const server = await fake({ status: 429, headers: { "Retry-After": "2" } }, { status: 503 }, { status: 201 });
  const spool = await tempSpool();

  const result = await sendFeedback(ARGUMENTS, "retry", { sidecarUrl: server.url, spoolPath: spool });

  assert.equal(result.isError, false);
  assert.match(textOf(result), /^Thank you\./);
  assert.equal(server.requests.length, 3);
  assert.equal(keysOf(server).size, 1);
  assert.deepEqual(waits, [2000, 1000]);
  assert.equal(existsSync(spool), false);
});

test("a long Retry-After is capped and an HTTP-date one falls back to the backoff", TIMEOUT, async () => {
  const server = await fake(
    { status: 429, headers: { "Retry-After": "3600" } },
    { status: 503, headers: { "Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT" } },
    { status: 201 },
  );

  const result = await sendFeedback(ARGUMENTS, "retry", { sidecarUrl: server.url, spoolPath: await tempSpool() });

  assert.equal(result.isError, false);
  assert.deepEqual(waits, [RETRY.maxRetryAfterMs, RETRY.backoffMs[1]]);
});

test("a rejected report is neither retried nor spooled", TIMEOUT, async () => {
  const server = await fake({ status: 422 }, { status: 201 });
  const spool = await tempSpool();

  const result = await sendFeedback(ARGUMENTS, "retry", { sidecarUrl: server.url, spoolPath: spool });

  assert.equal(result.isError, true);
  assert.match(textOf(result), /rejected.*scripted_422/);
  assert.equal(server.requests.length, 1);
  assert.deepEqual(waits, []);
  assert.equal(existsSync(spool), false);
});

test("still failing after three attempts is spooled once and replayed once", TIMEOUT, async () => {
  const server = await fake({ status: 429, headers: { "Retry-After": "1" } }, { status: 503 }, { status: 503 }, { status: 201 });
  const spool = await tempSpool();
  const args = { ...ARGUMENTS, session_id: `sess-typescript-retry-${randomUUID()}` };

  const result = await sendFeedback(args, "retry", { sidecarUrl: server.url, spoolPath: spool });

  assert.equal(result.isError, true);
  assert.match(textOf(result), /HTTP 503.*saved for replay/);
  assert.equal(server.requests.length, 3);
  assert.deepEqual(waits, [1000, 1000]);
  const lines = (await readFile(spool, "utf8")).split("\n").filter((line) => line !== "");
  assert.equal(lines.length, 1);
  assert.deepEqual(keysOf(server), new Set([JSON.parse(lines[0]).idempotency_key]));
  const first = replay(spool, sidecar.url);
  await writeFile(spool, lines[0] + "\n");
  const second = replay(spool, sidecar.url);
  assert.deepEqual([first.status, second.status], [0, 0], first.stderr + second.stderr);
  assert.equal(await readFile(spool, "utf8"), "");
  assert.equal((await listFeedback(sidecar.url, { session_id: args.session_id })).length, 1);
});

test("a per-call API key overrides FEEDBACK_API_KEY, and an empty one sends no Authorization", TIMEOUT, async () => {
  const server = await fake({ status: 201 }, { status: 201 }, { status: 201 });
  process.env.FEEDBACK_API_KEY = "environment-key";
  const spoolPath = await tempSpool();

  await sendFeedback(ARGUMENTS, "keyed", { sidecarUrl: server.url, spoolPath, apiKey: "per-call-key" });
  await sendFeedback(ARGUMENTS, "keyed", { sidecarUrl: server.url, spoolPath, apiKey: "" });
  await sendFeedback(ARGUMENTS, "keyed", { sidecarUrl: server.url, spoolPath });

  assert.deepEqual(
    server.requests.map((r) => r.headers.authorization),
    ["Bearer per-call-key", undefined, "Bearer environment-key"],
  );
});
