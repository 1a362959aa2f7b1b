// The TypeScript SDK v1 client, answering elicitations: starts the command given as JSON in argv[3] over stdio,
// calls the tool named in argv[2] without arguments, answers every elicitation with the name "Ada", and prints
// what it saw as one JSON line.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const [tool, commandJson] = process.argv.slice(2);
const [command, ...args] = JSON.parse(commandJson);
const transport = new StdioClientTransport({ command, args, stderr: "inherit" });
const client = new Client({ name: "ts-sdk-v1-elicit-client", version: "1.32.2" }, { capabilities: { elicitation: {} } });
const asked = [];
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  asked.push(request.params.message);
  return { action: "accept", content: { name: "Ada" } };
});
await client.connect(transport);
const result = await client.callTool({ name: tool, arguments: {} });
console.log(JSON.stringify({ asked, result }));
await client.close();
