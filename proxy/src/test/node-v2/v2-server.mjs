// A TypeScript SDK v2 server over stdio with one tool, `add`. With `--modern-only` it refuses the 2025-era
// `initialize` opening (the SDK's `legacy: 'reject'`), so only 2026-07-28 clients can use it.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

const modernOnly = process.argv.includes('--modern-only');

serveStdio(
    () => {
        const server = new McpServer(
            { name: 'v2-adder', version: '2.4.0' },
            { capabilities: { tools: {} }, instructions: 'Adds numbers.' }
        );
        server.registerTool(
            'add',
            { description: 'Adds two numbers', inputSchema: z.object({ a: z.number(), b: z.number() }) },
            async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] })
        );
        return server;
    },
    { legacy: modernOnly ? 'reject' : 'serve' }
);
