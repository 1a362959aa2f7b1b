// A loopback stand-in for the Anthropic Messages API (POST /v1/messages), for the draft test in the browser:
// every call answers with one draft in the drafting schema (create tools/forecast.py). Prints its base URL.
import http from 'node:http';

const answer = {
  edits: [{
    action: 'create',
    path: 'tools/forecast.py',
    content: 'def get_hourly_forecast(hours: int) -> list[dict]:\n    """Hourly forecast for the next hours."""\n    return []\n',
    old_text: '',
    new_text: '',
  }],
  commit_message: 'Add get_hourly_forecast',
  pr_title: 'Add an hourly forecast tool',
  pr_body: 'Agents asked for an hourly forecast; this adds a tool for it.',
  confidence: 0.8,
  rationale: 'The report asks for hourly data and the server only has daily values.',
};

const server = http.createServer(async (request, response) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  if (request.method !== 'POST' || request.url !== '/v1/messages') {
    response.writeHead(404, { 'Content-Type': 'application/json' });
    response.end('{"type":"error","error":{"type":"not_found_error","message":"not here"}}');
    return;
  }
  const model = JSON.parse(body || '{}').model ?? 'claude-sonnet-4-5';
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({
    id: 'msg_fake', type: 'message', role: 'assistant', model,
    content: [{ type: 'text', text: JSON.stringify(answer) }],
    stop_reason: 'end_turn', stop_sequence: null,
    usage: { input_tokens: 1234, output_tokens: 321 },
  }));
});

server.listen(0, '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${server.address().port}/v1`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
