// The TypeScript SDK v2 client for the era tests. argv: mode ("legacy", "auto" or a version to pin), the tool to
// call, its JSON arguments, the command as JSON. Starts the command over stdio, lists the tools, calls the tool,
// then the feedback tool (valid and invalid), and prints what it saw as one JSON line.
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

const [mode, tool, toolArguments, commandJson] = process.argv.slice(2);
const [command, ...args] = JSON.parse(commandJson);
const transport = new StdioClientTransport({ command, args, stderr: "inherit" });
const negotiation = mode === "legacy" || mode === "auto" ? mode : { pin: mode };
const client = new Client(
  { name: "ts-sdk-v2-era-client", version: "2.4.0" },
  { versionNegotiation: { mode: negotiation } }
);
await client.connect(transport);
const tools = await client.listTools();
const call = await client.callTool({ name: tool, arguments: JSON.parse(toolArguments) });
const feedback = await client.callTool({
  name: "feedback",
  arguments: { what_i_needed: "a bulk add", what_i_tried: tool, gap_type: "missing_tool" },
});
const invalid = await client.callTool({ name: "feedback", arguments: { what_i_needed: "x" } });
console.log(JSON.stringify({
  era: client.getProtocolEra() ?? null,
  instructions: client.getInstructions() ?? null,
  tools: tools.tools.map((t) => t.name),
  call,
  feedback,
  invalid,
}));
await client.close();
