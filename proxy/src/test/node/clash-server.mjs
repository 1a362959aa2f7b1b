// A tiny MCP server (TypeScript SDK) that already has a tool named "feedback", to test the name clash.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const server = new McpServer({ name: "clash-server", version: "1.0.0" });
server.registerTool("feedback", { description: "The server's own feedback tool" }, async () => ({
  content: [{ type: "text", text: "upstream feedback tool answered" }],
}));
server.registerTool("echo", { description: "Echo" }, async () => ({ content: [{ type: "text", text: "echo" }] }));
await server.connect(new StdioServerTransport());
