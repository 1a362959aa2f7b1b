// A real TypeScript SDK client whose connections the test cuts mid-call, to see it resume with Last-Event-ID.
// Usage: node ts-resume-client.mjs <url>
// Prints {"progress":n} per progress notification, then {"done":true,"text":"<result text>","progress":[...]}.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  reconnectionOptions: {
    initialReconnectionDelay: 100,
    maxReconnectionDelay: 1000,
    reconnectionDelayGrowFactor: 1.5,
    maxRetries: 20,
  },
});
const client = new Client({ name: "ts-resume-test-client", version: "1.0.0" });
await client.connect(transport);
const progress = [];
const result = await client.callTool(
  { name: "trigger-long-running-operation", arguments: { duration: 3, steps: 6 } },
  undefined,
  {
    timeout: 30000,
    onprogress: (p) => {
      progress.push(p.progress);
      console.log(JSON.stringify({ progress: p.progress }));
    },
  },
);
console.log(JSON.stringify({ done: true, text: result.content[0].text, progress }));
await transport.terminateSession();
await client.close();
