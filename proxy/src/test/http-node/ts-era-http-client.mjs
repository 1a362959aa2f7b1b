// The TypeScript SDK v1 client (protocol 2025-11-25) over Streamable HTTP for the proxy's era tests. argv: the URL,
// the tool to call and its JSON arguments. Lists the tools, calls the tool, then the feedback tool, and prints what
// it saw as one JSON line.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, tool, toolArguments] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url));
const client = new Client({ name: "ts-sdk-v1-http-client", version: "1.32.2" });
await client.connect(transport);
const tools = await client.listTools();
const call = await client.callTool({ name: tool, arguments: JSON.parse(toolArguments) });
const feedback = await client.callTool({
  name: "feedback",
  arguments: { what_i_needed: "a bulk add", what_i_tried: tool, gap_type: "missing_tool" },
});
console.log(JSON.stringify({
  protocolVersion: transport.protocolVersion ?? null,
  tools: tools.tools.map((t) => t.name),
  call,
  feedback,
}));
await transport.terminateSession().catch(() => {});
await client.close();
