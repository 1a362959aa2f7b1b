// The TypeScript SDK v1 client (protocol 2025-11-25 and older) for the era tests: starts the command given as
// JSON in argv[4] over stdio, lists the tools, calls the tool named in argv[2] with the JSON arguments in argv[3],
// then the feedback tool (valid and invalid), and prints what it saw as one JSON line.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [tool, toolArguments, commandJson] = process.argv.slice(2);
const [command, ...args] = JSON.parse(commandJson);
const transport = new StdioClientTransport({ command, args, stderr: "inherit" });
const client = new Client({ name: "ts-sdk-v1-era-client", version: "1.32.2" });
await client.connect(transport);
const tools = await client.listTools();
const call = await client.callTool({ name: tool, arguments: JSON.parse(toolArguments) });
const feedback = await client.callTool({
  name: "feedback",
  arguments: { what_i_needed: "a bulk add", what_i_tried: tool, gap_type: "missing_tool" },
});
const invalid = await client.callTool({ name: "feedback", arguments: { what_i_needed: "x" } });
await client.ping();
console.log(JSON.stringify({
  protocolVersion: transport._protocolVersion ?? null,
  instructions: client.getInstructions() ?? null,
  tools: tools.tools.map((t) => t.name),
  call,
  feedback,
  invalid,
}));
await client.close();
