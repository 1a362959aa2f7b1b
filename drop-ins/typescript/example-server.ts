// A tiny stdio MCP server built with the TypeScript SDK's McpServer plus the feedback drop-in.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { registerFeedbackTool } from "./feedback-tool.js";

const server = new McpServer({ name: "typescript-example", version: "1.0.0" });
server.registerTool("echo", { description: "Echoes its text", inputSchema: { text: z.string() } }, async ({ text }) => ({
  content: [{ type: "text", text }],
}));
registerFeedbackTool(server, "typescript-example");

await server.connect(new StdioServerTransport());
