// The TypeScript SDK v2 client over Streamable HTTP for the proxy's HTTP era tests. argv: the URL, the mode
// ("legacy", "auto" or a version to pin), the tool to call and its JSON arguments. Lists the tools, calls the tool,
// then the feedback tool, and prints what it saw as one JSON line.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";

const [url, mode, tool, toolArguments] = process.argv.slice(2);
const negotiation = mode === "legacy" || mode === "auto" ? mode : { pin: mode };
const client = new Client(
  { name: "ts-sdk-v2-http-client", version: "2.4.0" },
  { versionNegotiation: { mode: negotiation } }
);
await client.connect(new StreamableHTTPClientTransport(new URL(url)));
const tools = await client.listTools();
const call = await client.callTool({ name: tool, arguments: JSON.parse(toolArguments) });
const feedback = await client.callTool({
  name: "feedback",
  arguments: { what_i_needed: "a bulk add", what_i_tried: tool, gap_type: "missing_tool" },
});
console.log(JSON.stringify({
  era: client.getProtocolEra() ?? null,
  tools: tools.tools.map((t) => t.name),
  call,
  feedback,
}));
await client.close();
