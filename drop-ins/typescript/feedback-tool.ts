/**
 * PatchworkMCP feedback tool for TypeScript MCP servers: the McpServer of @modelcontextprotocol/sdk 1.x or of
 * @modelcontextprotocol/server 2.x (which also serves MCP 2026-07-28), zod 3.25+ or 4.
 *
 * Copy this one file into your server:
 *
 *   import { registerFeedbackTool } from "./feedback-tool.js";
 *   registerFeedbackTool(server, "my-server");
 *
 * When an agent hits a wall it calls `feedback`; the report is posted to the PatchworkMCP sidecar
 * (FEEDBACK_SIDECAR_URL, default http://127.0.0.1:8099; FEEDBACK_API_KEY) with up to three attempts under
 * one idempotency key (waiting 0.5 s then 1 s, or the sidecar's Retry-After up to 5 s). When the sidecar
 * cannot take it, the report is appended to a spool file (FEEDBACK_SPOOL_PATH, default
 * ./patchwork-feedback-spool.jsonl) for `patchwork replay`, and the tool answers with isError: true. The
 * payload is never logged. No dependency beyond zod (which both SDK majors require) and Node's built-ins: the
 * server is typed by the one method and accessor the drop-in uses, so the file compiles against either major.
 * The schema equals drop-ins/contract/feedback-tool.schema.json (tested).
 */
import { randomUUID } from "node:crypto";
import { appendFile, mkdir } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { z } from "zod";

export const TOOL_NAME = "feedback";
export const TOOL_TITLE = "Report a capability gap";
export const TOOL_DESCRIPTION =
  "REQUIRED: call this tool BEFORE you answer the user whenever this server could not fully do what"
  + " was needed. Call it when: (1) no tool here does what you needed; (2) a tool returned "
  + "incomplete, unexpected or wrongly shaped results; (3) you are about to tell the user something "
  + "is impossible or unavailable; (4) you had to approximate, guess or work around a limitation. Be "
  + "specific: name the exact tool, parameter or data you needed, what you tried (tool names and what"
  + " they returned), and what would have worked. Your report goes to the server's developers and is "
  + "used to add the missing capability. It does not change your current task; after calling it, "
  + "continue helping the user.";

export const GAP_TYPES = ["missing_tool", "incomplete_results", "missing_parameter", "wrong_format", "other"] as const;
export const RESOLUTIONS = ["blocked", "worked_around", "partial"] as const;

const FIELD_DESCRIPTIONS = {
  what_i_needed: "The capability, data or tool you were looking for. Be specific about the action, e.g. 'search "
    + "cost events by a context field such as run_id'.",
  what_i_tried: "The tools or approaches you tried first, with tool names and what each returned.",
  gap_type: "missing_tool: no tool does this. incomplete_results: a tool ran but returned too little. "
    + "missing_parameter: a tool exists but lacks a needed parameter or filter. wrong_format: results "
    + "came back in an unusable shape. other: anything else.",
  suggestion: "What would have helped: the tool, parameter or change you would add, with its inputs and "
    + "outputs.",
  user_goal: "The user's original request that led to this gap.",
  resolution: "blocked: you could not do it at all. worked_around: you got there another way. partial: you did "
    + "only part of it.",
  tools_available: "Names of the tools on this server that you considered or tried.",
  agent_model: "Your model id, if you know it (e.g. claude-sonnet-4-5).",
  session_id: "The conversation or session id, if you have one.",
  client_type: "The MCP client you are running in, if known (e.g. claude-desktop, claude-code, cursor, vscode).",
} as const;

/** The tool's input as the zod raw shape McpServer takes (the SDK turns it into the listed JSON schema). */
export const TOOL_INPUT_SHAPE = {
  what_i_needed: z.string().min(1).max(10000).describe(FIELD_DESCRIPTIONS.what_i_needed),
  what_i_tried: z.string().min(1).max(10000).describe(FIELD_DESCRIPTIONS.what_i_tried),
  gap_type: z.enum(GAP_TYPES).describe(FIELD_DESCRIPTIONS.gap_type),
  suggestion: z.string().max(10000).optional().describe(FIELD_DESCRIPTIONS.suggestion),
  user_goal: z.string().max(10000).optional().describe(FIELD_DESCRIPTIONS.user_goal),
  resolution: z.enum(RESOLUTIONS).optional().describe(FIELD_DESCRIPTIONS.resolution),
  tools_available: z
    .array(z.string().max(200))
    .max(500)
    .optional()
    .describe(FIELD_DESCRIPTIONS.tools_available),
  agent_model: z.string().max(200).optional().describe(FIELD_DESCRIPTIONS.agent_model),
  session_id: z.string().max(200).optional().describe(FIELD_DESCRIPTIONS.session_id),
  client_type: z.string().max(200).optional().describe(FIELD_DESCRIPTIONS.client_type),
};

export const DEFAULT_SIDECAR_URL = "http://127.0.0.1:8099";
export const DEFAULT_SPOOL_PATH = "patchwork-feedback-spool.jsonl";
export const USER_AGENT = "PatchworkMCP-TypeScript/2.0";
export const SOURCE = "dropin-typescript";
const CONNECT_TIMEOUT_MS = 2000;
const TOTAL_TIMEOUT_MS = 5000;
/**
 * How deliveries wait between attempts: the backoff steps, or the sidecar's Retry-After (whole seconds) up to
 * maxRetryAfterMs. Tests replace `sleep` to record the waits instead of sleeping.
 */
export const RETRY = {
  backoffMs: [500, 1000] as readonly number[],
  maxRetryAfterMs: 5000,
  sleep: (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms)),
};
const STRING_FIELDS = [
  "what_i_needed",
  "what_i_tried",
  "gap_type",
  "suggestion",
  "user_goal",
  "resolution",
  "agent_model",
  "session_id",
  "client_type",
] as const;
const THANKS =
  "Thank you. Your feedback has been recorded and will be used to improve this server's capabilities.";

/** Per-server overrides of FEEDBACK_SIDECAR_URL, FEEDBACK_API_KEY and FEEDBACK_SPOOL_PATH. */
export interface FeedbackOptions {
  sidecarUrl?: string;
  apiKey?: string;
  spoolPath?: string;
}

/** Extra facts about the calling session, added to the report when known. */
export interface ReportContext {
  clientName?: string;
  clientVersion?: string;
  protocolVersion?: string;
}

/** The tool result, as both SDK majors take it from a tool callback. */
export interface FeedbackResult {
  [key: string]: unknown;
  content: { type: "text"; text: string }[];
  isError: boolean;
}

interface ClientIdentity {
  name?: string;
  version?: string;
}

/** What the drop-in uses of an McpServer, in the shape both majors (1.x `sdk`, 2.x `server`) have. */
export interface FeedbackToolHost {
  registerTool(
    name: string,
    config: { title: string; description: string; inputSchema: typeof TOOL_INPUT_SHAPE },
    callback: (args: Record<string, unknown>, context: unknown) => Promise<FeedbackResult>,
  ): unknown;
  readonly server: { getClientVersion(): ClientIdentity | undefined };
}

const PROTOCOL_VERSION_KEY = "io.modelcontextprotocol/protocolVersion";
const CLIENT_INFO_KEY = "io.modelcontextprotocol/clientInfo";

/** Adds the `feedback` tool (full schema: enums, descriptions, required) to an McpServer of either major. */
export function registerFeedbackTool(
  server: FeedbackToolHost,
  serverName: string,
  options: FeedbackOptions = {},
): void {
  server.registerTool(
    TOOL_NAME,
    { title: TOOL_TITLE, description: TOOL_DESCRIPTION, inputSchema: TOOL_INPUT_SHAPE },
    async (args, context) => sendFeedback(args, serverName, options, reportContext(server, context)),
  );
}

/**
 * Who is calling: under MCP 2026-07-28 (2.x) every request carries the client's identity and protocol version in
 * its `_meta` envelope; under the 2025 handshake the server kept what `initialize` said.
 */
function reportContext(server: FeedbackToolHost, context: unknown): ReportContext {
  const envelope = (context as { mcpReq?: { envelope?: Record<string, unknown> } } | undefined)?.mcpReq?.envelope;
  const client = (envelope?.[CLIENT_INFO_KEY] as ClientIdentity | undefined) ?? server.server.getClientVersion();
  const protocolVersion = envelope?.[PROTOCOL_VERSION_KEY];
  return {
    clientName: client?.name,
    clientVersion: client?.version,
    protocolVersion: typeof protocolVersion === "string" ? protocolVersion : undefined,
  };
}

/** The sidecar body: the known fields, tools_available as an array, source and a fresh idempotency key. */
export function buildReport(
  args: Record<string, unknown> | undefined,
  serverName: string,
  context: ReportContext = {},
): Record<string, unknown> {
  const input = args ?? {};
  const report: Record<string, unknown> = { server_name: serverName || "unknown" };
  for (const field of STRING_FIELDS) {
    if (input[field] !== undefined && input[field] !== null) report[field] = input[field];
  }
  if (typeof report.gap_type !== "string" || report.gap_type.trim() === "") report.gap_type = "other";
  report.tools_available = toolNames(input.tools_available);
  if (context.clientName) report.client_name = context.clientName;
  if (context.clientVersion) report.client_version = context.clientVersion;
  if (context.protocolVersion) report.protocol_version = context.protocolVersion;
  report.source = SOURCE;
  report.idempotency_key = randomUUID();
  return report;
}

/** Sends one report (the tool's arguments) and returns the tool result to give the agent. */
export async function sendFeedback(
  args: Record<string, unknown> | undefined,
  serverName: string,
  options: FeedbackOptions = {},
  context: ReportContext = {},
): Promise<FeedbackResult> {
  const report = buildReport(args, serverName, context);
  const base = (options.sidecarUrl || process.env.FEEDBACK_SIDECAR_URL || DEFAULT_SIDECAR_URL).trim().replace(/\/+$/, "");
  const apiKey = (options.apiKey ?? process.env.FEEDBACK_API_KEY ?? "").trim();
  const outcome = await deliver(`${base}/api/feedback`, apiKey, report);
  if (outcome.delivered) return result(THANKS, false);
  console.warn(`PatchworkMCP feedback not delivered: ${outcome.reason}`);
  if (outcome.status === 400 || outcome.status === 413 || outcome.status === 422) {
    return result(
      `Feedback was rejected by the PatchworkMCP sidecar (${outcome.reason}). Fix the arguments and call feedback again.`,
      true,
    );
  }
  const spool = path.resolve(options.spoolPath || process.env.FEEDBACK_SPOOL_PATH || DEFAULT_SPOOL_PATH);
  try {
    await mkdir(path.dirname(spool), { recursive: true });
    await appendFile(spool, JSON.stringify(report) + "\n", { mode: 0o600 });
  } catch (error) {
    return result(
      `Feedback could not be delivered (${outcome.reason}) and could not be saved for replay (${errorName(error)} on ${spool}). Continue helping the user.`,
      true,
    );
  }
  return result(
    `Feedback could not be delivered yet (${outcome.reason}). It was saved for replay in ${spool} and will be sent with \`patchwork replay\`. You do not need to call feedback again; continue helping the user.`,
    true,
  );
}

function toolNames(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string" && value.trim() !== "") {
    return value.split(",").map((name) => name.trim()).filter((name) => name !== "");
  }
  return [];
}

interface Outcome {
  delivered: boolean;
  status?: number;
  reason: string;
}

/** Up to three attempts under one idempotency key; retries on 429, 5xx and network errors. */
async function deliver(endpoint: string, apiKey: string, report: Record<string, unknown>): Promise<Outcome> {
  const body = JSON.stringify(report);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": USER_AGENT,
    "Idempotency-Key": String(report.idempotency_key),
  };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  let outcome: Outcome = { delivered: false, reason: "not attempted" };
  let retryAfter: string | undefined;
  for (let attempt = 0; attempt <= RETRY.backoffMs.length; attempt++) {
    if (attempt > 0) await RETRY.sleep(retryDelayMs(attempt, retryAfter));
    retryAfter = undefined;
    try {
      const answer = await post(endpoint, headers, body);
      if (answer.status >= 200 && answer.status < 300) return { delivered: true, status: answer.status, reason: "ok" };
      outcome = { delivered: false, status: answer.status, reason: `the sidecar answered HTTP ${answer.status}${errorSummary(answer.text)}` };
      if (answer.status !== 429 && answer.status < 500) break;
      retryAfter = answer.retryAfter;
    } catch (error) {
      outcome = { delivered: false, reason: `the sidecar at ${endpoint} is unreachable (${errorName(error)})` };
    }
  }
  return outcome;
}

/** The wait before attempt `attempt` (1 or 2): Retry-After in whole seconds up to the cap, else the backoff step. */
export function retryDelayMs(attempt: number, retryAfter: string | undefined): number {
  const value = (retryAfter ?? "").trim();
  if (/^[0-9]+$/.test(value)) return Math.min(Number(value) * 1000, RETRY.maxRetryAfterMs);
  return RETRY.backoffMs[attempt - 1];
}

/** One POST with node:http: 2 s to connect, 5 s for the whole exchange. */
function post(endpoint: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(endpoint);
    const transport = url.protocol === "https:" ? https : http;
    const request = transport.request(url, { method: "POST", headers: { ...headers, "Content-Length": Buffer.byteLength(body) } });
    const total = setTimeout(() => request.destroy(new Error("timeout")), TOTAL_TIMEOUT_MS);
    const connect = setTimeout(() => request.destroy(new Error("connect timeout")), CONNECT_TIMEOUT_MS);
    request.on("socket", (socket) => {
      if (!socket.connecting) clearTimeout(connect);
      else socket.once("connect", () => clearTimeout(connect));
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        clearTimeout(total);
        const retryAfter = response.headers["retry-after"];
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), retryAfter });
      });
      response.on("error", reject);
    });
    request.on("error", (error) => {
      clearTimeout(total);
      clearTimeout(connect);
      reject(error);
    });
    request.end(body);
  });
}

function errorSummary(text: string): string {
  try {
    const error = JSON.parse(text) as { code?: string; detail?: string };
    return error.code ? ` (${error.code}${error.detail ? `: ${error.detail}` : ""})` : "";
  } catch {
    return "";
  }
}

function errorName(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message ?? error.name;
  return String(error);
}

function result(text: string, isError: boolean): FeedbackResult {
  return { content: [{ type: "text", text }], isError };
}
