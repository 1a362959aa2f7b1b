// A TypeScript SDK v2 server over stdio with two tools: `add`, and `greet`, which asks the user's name by
// elicitation (in 2026-07-28, an input_required result). With `--modern-only` it refuses the 2025-era
// `initialize` opening (the SDK's `legacy: 'reject'`), so only 2026-07-28 clients can use it.
import { McpServer, acceptedContent, inputRequired } from '@modelcontextprotocol/server';
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
        server.registerTool('greet', { description: 'Greets the user by name', inputSchema: z.object({}) }, async (_args, ctx) => {
            const name = acceptedContent(ctx.mcpReq.inputResponses, 'name');
            if (!name) {
                return inputRequired({
                    inputRequests: {
                        name: inputRequired.elicit({
                            message: 'What is your name?',
                            requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }
                        })
                    }
                });
            }
            return { content: [{ type: 'text', text: `Hello, ${name.name}!` }] };
        });
        return server;
    },
    { legacy: modernOnly ? 'reject' : 'serve' }
);
