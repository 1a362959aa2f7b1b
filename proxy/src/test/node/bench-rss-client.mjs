// Memory benchmark client (TypeScript SDK over stdio): runs echo tools/call through the command given as JSON in
// argv[2], for argv[3] calls or, when argv[4] > 0, for argv[4] seconds, and samples the resident set size of the
// spawned process (VmRSS of /proc/<pid>/status) every argv[5] calls; prints one JSON line
// {calls, errors, rssMb: [[call, MB], ...]}.
import fs from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [command, ...args] = JSON.parse(process.argv[2]);
const calls = Number(process.argv[3] ?? 10000);
const seconds = Number(process.argv[4] ?? 0);
const every = Number(process.argv[5] ?? 1000);
const transport = new StdioClientTransport({ command, args, stderr: "ignore" });
const client = new Client({ name: "bench-rss", version: "1.0.0" });
await client.connect(transport);
await client.listTools();
const rss = () => {
  const line = fs.readFileSync(`/proc/${transport.pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line.split(/\s+/)[1]) / 1024;
};
const samples = [[0, rss()]];
const deadline = seconds > 0 ? performance.now() + seconds * 1000 : Infinity;
let errors = 0;
let i = 0;
for (; seconds > 0 ? performance.now() < deadline : i < calls; i++) {
  try {
    await client.callTool({ name: "echo", arguments: { message: "rss " + i } });
  } catch {
    errors++;
  }
  if ((i + 1) % every === 0) samples.push([i + 1, rss()]);
}
if (samples[samples.length - 1][0] !== i) samples.push([i, rss()]);
console.log(JSON.stringify({ calls: i, errors, rssMb: samples }));
await client.close();
