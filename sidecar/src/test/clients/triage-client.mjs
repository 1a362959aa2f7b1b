// Connects the TypeScript SDK v2 client to the sidecar's /mcp (args: url, admin key, negotiation mode auto|legacy),
// lists the tools, calls list_clusters and get_cluster for a missing id, and prints what it saw as one JSON line.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";

const [url, key, mode] = process.argv.slice(2);
const client = new Client({ name: "triage-test-ts", version: "2.4.0" }, { versionNegotiation: { mode } });
await client.connect(
  new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }),
);
const tools = await client.listTools();
const clusters = await client.callTool({ name: "list_clusters", arguments: {} });
const missing = await client.callTool({ name: "get_cluster", arguments: { cluster_id: "nope" } });
console.log(
  JSON.stringify({
    version: client.getNegotiatedProtocolVersion(),
    server: client.getServerVersion()?.name ?? null,
    tools: tools.tools.map((tool) => tool.name).sort(),
    clusters: clusters.content[0].text,
    missingIsError: missing.isError === true,
    missingText: missing.content[0].text,
  }),
);
await client.close();
