// Test harness: a real sidecar (the one suite.sh started, or one started here) and a real SDK client over stdio.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { mkdtemp } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

export const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ROOT = process.env.PATCHWORK_ROOT ?? path.resolve(HERE, "../..");
export const CONTRACT = JSON.parse(readFileSync(path.join(ROOT, "drop-ins/contract/feedback-tool.schema.json"), "utf8"));
const JAVA = path.join(process.env.JAVA_HOME ?? "/usr/lib/jvm/temurin-25-jdk-amd64", "bin", "java");

export interface Sidecar {
  url: string;
  stop(): void;
}

export async function startSidecar(): Promise<Sidecar> {
  if (process.env.SIDECAR_URL) return { url: process.env.SIDECAR_URL.replace(/\/+$/, ""), stop() {} };
  const dir = await mkdtemp(path.join(os.tmpdir(), "dropin-ts-sidecar-"));
  const child: ChildProcess = spawn(JAVA, ["-jar", path.join(ROOT, "sidecar/target/patchwork-sidecar.jar")], {
    env: { ...process.env, FEEDBACK_HOST: "127.0.0.1", FEEDBACK_PORT: "0", FEEDBACK_DB_PATH: path.join(dir, "feedback.db") },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`no 'listening on' within 60 s: ${log}`)), 60000);
    child.stderr!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const match = /listening on (http:\/\/[0-9.:]+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`the sidecar exited with ${code}: ${log}`)));
  });
  child.stderr!.resume();
  return { url, stop: () => child.kill() };
}

export async function deadUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

export async function connect(sidecarUrl: string, spoolPath: string): Promise<Client> {
  const client = new Client({ name: "dropin-typescript-test", version: "1.0.0" });
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [path.join(HERE, "dist/example-server.js")],
      env: { ...env, FEEDBACK_SIDECAR_URL: sidecarUrl, FEEDBACK_SPOOL_PATH: spoolPath },
      stderr: "ignore",
    }),
  );
  return client;
}

export async function listFeedback(sidecarUrl: string, filters: Record<string, string>): Promise<any[]> {
  const response = await fetch(`${sidecarUrl}/api/feedback?${new URLSearchParams(filters)}`);
  if (response.status !== 200) throw new Error(`GET /api/feedback answered ${response.status}`);
  return (await response.json()) as any[];
}

export function replay(spool: string, sidecarUrl: string): { status: number | null; stderr: string } {
  const run = spawnSync(
    JAVA,
    ["-cp", path.join(ROOT, "proxy/target/patchwork-proxy.jar"), "dev.patchworkmcp.proxy.replay.ReplayCommand", spool],
    { env: { ...process.env, FEEDBACK_SIDECAR_URL: sidecarUrl }, encoding: "utf8", timeout: 60000 },
  );
  return { status: run.status, stderr: run.stderr };
}

/** One scripted answer of the fake sidecar: a status and extra headers. */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
}

export interface FakeSidecar {
  url: string;
  requests: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[];
  stop(): Promise<void>;
}

/** A loopback HTTP server that answers POST /api/feedback from a script and records every request it got. */
export async function startFakeSidecar(...answers: ScriptedAnswer[]): Promise<FakeSidecar> {
  const script = [...answers];
  const requests: FakeSidecar["requests"] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      const answer = script.shift() ?? { status: 500 };
      const body = JSON.stringify(
        answer.status < 300
          ? { id: "fake-id", status: "recorded" }
          : { detail: "scripted answer", code: `scripted_${answer.status}`, field: null },
      );
      response.writeHead(answer.status, { "Content-Type": "application/json", ...answer.headers });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
