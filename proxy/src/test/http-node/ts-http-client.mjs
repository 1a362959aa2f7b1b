// A real TypeScript SDK client for the proxy's HTTP tests.
// Usage: node ts-http-client.mjs <url> <streamable|sse> [bearer-token]
// Prints one JSON line: {"tools":[names...],"echo":"<text>","progress":<count>}.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";

const [url, kind, token] = process.argv.slice(2);
const headers = token ? { Authorization: `Bearer ${token}` } : {};
const transport =
  kind === "sse"
    ? new SSEClientTransport(new URL(url), {
        requestInit: { headers },
        eventSourceInit: { fetch: (u, init) => fetch(u, { ...init, headers: { ...init?.headers, ...headers } }) },
      })
    : new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
const client = new Client({ name: "ts-http-test-client", version: "1.0.0" });
await client.connect(transport);
const tools = (await client.listTools()).tools.map((t) => t.name);
const echo = await client.callTool({ name: "echo", arguments: { message: "from typescript" } });
let progress = 0;
await client.callTool(
  { name: "trigger-long-running-operation", arguments: { duration: 0.2, steps: 2 } },
  undefined,
  { onprogress: () => progress++ },
);
console.log(JSON.stringify({ tools, echo: echo.content[0].text, progress }));
if (kind !== "sse") {
  await transport.terminateSession();
}
await client.close();
