// A tiny stdio MCP server built with the TypeScript SDK v2 (@modelcontextprotocol/server) plus the feedback drop-in.
// serveStdio builds one McpServer per connection from the factory and serves both eras: MCP 2026-07-28 clients
// (server/discover, per-request _meta) and 2025-era clients (initialize).
import { McpServer } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { z } from "zod";
import { registerFeedbackTool } from "./feedback-tool.js";

serveStdio(() => {
  const server = new McpServer({ name: "typescript-v2-example", version: "1.0.0" });
  server.registerTool(
    "echo",
    { description: "Echoes its text", inputSchema: z.object({ text: z.string() }) },
    async ({ text }) => ({ content: [{ type: "text", text }] }),
  );
  registerFeedbackTool(server, "typescript-v2-example");
  return server;
});
