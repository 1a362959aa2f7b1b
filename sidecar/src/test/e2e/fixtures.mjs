// Reports the end-to-end tests post through the real API: realistic ones for the screenshots, and the
// XSS payload list aimed at every text field, the server name and the client name.

export const REALISTIC = [
  {
    server_name: 'billing-mcp',
    what_i_needed: 'Search cost events by a context field such as run_id, to total what one agent run spent.',
    what_i_tried: 'list_costs (no filter on context, returned 500 rows), get_cost(id) for each row: too slow and still no run_id.',
    gap_type: 'missing_parameter',
    suggestion: 'Add an optional `context` filter to list_costs, e.g. {"run_id": "abc"}, matched exactly.',
    user_goal: 'How much did yesterday\'s nightly evaluation run cost?',
    resolution: 'worked_around',
    tools_available: ['list_costs', 'get_cost', 'list_budgets'],
    agent_model: 'claude-sonnet-4-5',
    session_id: 'sess-7f3a91',
    client_type: 'claude-code',
    source: 'proxy',
    client_name: 'claude-code',
    client_version: '2.1.4',
    protocol_version: '2025-06-18',
    context: {
      recent_calls: [
        { tool: 'list_budgets', arguments_bytes: 2, is_error: false, latency_ms: 38, at: '2026-11-26T09:12:01Z' },
        { tool: 'list_costs', arguments_bytes: 41, is_error: false, latency_ms: 212, at: '2026-11-26T09:12:04Z' },
        { tool: 'get_cost', arguments_bytes: 58, is_error: true, latency_ms: 19, at: '2026-11-26T09:12:06Z' },
        { tool: 'get_cost', arguments_bytes: 58, is_error: false, latency_ms: 27, at: '2026-11-26T09:12:07Z' },
      ],
      tools: ['list_costs', 'get_cost', 'list_budgets'],
    },
  },
  {
    server_name: 'github-issues',
    what_i_needed: 'Close several issues at once with a shared comment.',
    what_i_tried: 'close_issue one by one; the rate limit stopped me after 30.',
    gap_type: 'missing_tool',
    suggestion: 'bulk_close_issues(numbers: int[], comment: string)',
    resolution: 'blocked',
    tools_available: ['close_issue', 'comment_issue', 'search_issues'],
    agent_model: 'gpt-5.1',
    client_type: 'cursor',
    source: 'dropin-python',
    client_name: 'cursor',
    client_version: '1.7.2',
  },
  {
    server_name: 'weather',
    what_i_needed: 'Hourly forecast for the next 48 hours.',
    what_i_tried: 'get_forecast returns only daily highs and lows.',
    gap_type: 'incomplete_results',
    resolution: 'partial',
    tools_available: ['get_forecast', 'get_alerts'],
    agent_model: 'claude-opus-4-6',
    client_type: 'claude-desktop',
    client_name: 'claude-ai',
    client_version: '0.14.1',
    source: 'proxy',
  },
  {
    server_name: 'billing-mcp',
    what_i_needed: 'Amounts as numbers, not formatted strings like "$1,204.50".',
    what_i_tried: 'Parsing the strings; locale-dependent separators broke it.',
    gap_type: 'wrong_format',
    resolution: 'worked_around',
    agent_model: 'claude-sonnet-4-5',
    client_type: 'claude-code',
    client_name: 'claude-code',
    source: 'proxy',
  },
];

/** Payloads that must stay text: each would set window.__pwned (or open a dialog) if it ever ran. */
export const XSS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned=\'img\'">',
  '"><svg onload=window.__pwned=\'svg\'>',
  "' onmouseover='window.__pwned=1' x='",
  'javascript:window.__pwned="js-url"',
  '</style><script>alert("style")</script>',
  '</textarea><iframe srcdoc="<script>parent.__pwned=1</script>">',
  '<a href="javascript:alert(1)">click</a>',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '<details open ontoggle=alert(1)>',
];

/** A report whose every text field, server name and client name carries one of the payloads. */
export function hostileReport(payload, index) {
  return {
    server_name: `${payload} srv${index}`,
    what_i_needed: payload,
    what_i_tried: payload,
    gap_type: 'other',
    suggestion: payload,
    user_goal: payload,
    resolution: 'blocked',
    tools_available: [payload, 'plain_tool'],
    agent_model: payload,
    session_id: payload,
    client_type: payload,
    client_name: `${payload} client${index}`,
    client_version: payload,
    protocol_version: payload,
    source: payload,
    context: {
      recent_calls: [{ tool: payload, arguments_bytes: 10, is_error: true, latency_ms: 5, at: payload }],
      tools: [payload],
      note: payload,
    },
  };
}
