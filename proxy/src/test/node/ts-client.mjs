// A real TypeScript SDK client: starts the command given as JSON in argv[2] over stdio, lists the tools,
// calls echo and the feedback tool, and prints what it saw as one JSON line. Used by SdkClientsTest.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [command, ...args] = JSON.parse(process.argv[2]);
const transport = new StdioClientTransport({ command, args, stderr: "inherit" });
const client = new Client({ name: "ts-sdk-test-client", version: "7.7.7" });
await client.connect(transport);
const tools = await client.listTools();
const echo = await client.callTool({ name: "echo", arguments: { message: "from typescript" } });
const feedback = await client.callTool({
  name: "feedback",
  arguments: {
    what_i_needed: "a tool to search orders by customer email",
    what_i_tried: "echo, get-sum",
    gap_type: "missing_tool",
  },
});
const invalid = await client.callTool({ name: "feedback", arguments: { what_i_needed: "x" } });
console.log(JSON.stringify({
  instructions: client.getInstructions() ?? null,
  tools: tools.tools.map((t) => t.name),
  echo,
  feedback,
  invalid,
}));
await client.close();
