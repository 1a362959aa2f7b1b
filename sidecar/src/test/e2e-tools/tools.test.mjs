// The Tools page in headless Chromium against a real sidecar fed through POST /api/calls: one row per tool with
// its figures, advertised tools never called, the chart of calls and errors drawn as SVG, the client filter, and
// hostile tool and server names shown as text (no script runs, no CSP violation).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, assertClean, api, unique } from '../e2e/harness.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

function call(tool, { latency = 10, outcome = 'ok', client = 'claude-code', minutesAgo = 5 } = {}) {
  const record = {
    method: 'tools/call', tool, client_name: client, session_id: 's1', protocol_version: '2025-11-25',
    started_at: new Date(Date.now() - minutesAgo * 60000).toISOString(), latency_ms: latency, outcome,
  };
  if (outcome === 'rpc_error') record.error_code = -32601;
  return record;
}

async function sendBatch(server, calls, advertised) {
  const body = { batch_id: unique('batch'), server_name: server, calls };
  if (advertised) body.advertised_tools = advertised;
  const response = await api('/api/calls', { method: 'POST', body });
  assert.equal(response.status, 201, `POST /api/calls answered ${response.status}: ${JSON.stringify(response.json)}`);
}

async function openTools(server) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(event.violatedDirective));
  });
  page.on('dialog', async (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(`${BASE}/tools.html?server_name=${encodeURIComponent(server)}`);
  await page.locator('#tool-summary').filter({ hasNotText: 'Loading' }).waitFor();
  return { context, page, problems };
}

test('shows one row per tool with calls, errors and latency, and advertised tools never called', async () => {
  const server = unique('tools');
  await sendBatch(server, [
    call('read_graph', { latency: 12 }),
    call('read_graph', { latency: 30, outcome: 'tool_error' }),
    call('search_nodes', { latency: 4, outcome: 'rpc_error', minutesAgo: 90 }),
  ], ['read_graph', 'search_nodes', 'delete_nodes']);

  const { context, page, problems } = await openTools(server);

  assert.equal(await page.locator('#tool-summary').textContent(), '2 tools called, 1 advertised and never called');
  const rows = page.locator('#tools tbody tr');
  assert.equal(await rows.count(), 3);
  const first = await rows.nth(0).locator('td').allTextContents();
  assert.deepEqual(first.slice(0, 4), ['read_graph', '2', '1', '50.0%']);
  assert.match(first[4], /ms$/);
  assert.equal(await page.locator('#tools tr.never-called .tool-name').textContent(), 'delete_nodes');
  assert.equal(await page.locator('#tool-chart svg rect.bar-calls').count(), 2, 'two hours with calls');
  assert.equal(await page.locator('#tool-chart svg rect.bar-errors').count(), 2, 'both hours had an error');
  await assertClean(page, problems);
  await context.close();
});

test('filters by client', async () => {
  const server = unique('tools');
  await sendBatch(server, [call('read_graph', { client: 'cursor' }), call('read_graph'), call('read_graph')]);
  const { context, page, problems } = await openTools(server);

  const answered = page.waitForResponse((response) => response.url().includes('/api/tools?') && response.url().includes('client_name=cursor'));
  await page.locator('#tool-filters [name="client_name"]').fill('cursor');
  await page.locator('#tool-filters [name="client_name"]').press('Enter');
  await answered;

  await page.locator('#tools tbody tr td:nth-child(2)').filter({ hasText: /^1$/ }).waitFor();
  await assertClean(page, problems);
  await context.close();
});

test('shows hostile tool and server names as text', async () => {
  const server = `<img src=x onerror="window.__pwned=1">${unique('s')}`;
  const tool = '<script>window.__pwned=1</script>';
  await sendBatch(server, [call(tool)]);

  const { context, page, problems } = await openTools(server);

  assert.equal(await page.locator('#tools .tool-name').first().textContent(), tool);
  assert.equal(await page.locator('#tool-filters [name="server_name"] option:checked').textContent(), server);
  assert.equal(await page.locator('#tools script, #tool-filters img').count(), 0);
  await assertClean(page, problems);
  await context.close();
});

test('shows a report inferred from calls with its own badge, and hides it on request', async () => {
  const server = unique('inferred');
  const session = unique('session');
  const refused = { ...call('search_costs', { outcome: 'rpc_error' }), session_id: session, error_code: -32602, error_message: 'Unknown tool: search_costs' };
  await sendBatch(server, [refused]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
  });

  await page.goto(`${BASE}/?server_name=${encodeURIComponent(server)}`);
  const badge = page.locator('li.card .badge-inferred');
  await badge.waitFor();
  assert.match(await badge.getAttribute('title'), /missing_tool, confidence 90%/);
  const hidden = page.waitForResponse((response) => response.url().includes('inferred=hide'));
  await page.locator('#filters [name="inferred"]').selectOption('hide');
  await hidden;
  await page.locator('li.card .badge-inferred').waitFor({ state: 'detached' });

  await assertClean(page, problems);
  await context.close();
});
