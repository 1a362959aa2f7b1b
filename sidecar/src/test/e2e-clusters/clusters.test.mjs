// The cluster view in headless Chromium against a real sidecar that clusters: similar reports show up as one
// cluster with its counts and impact factors, open with their reports, and a reviewer can resolve it.
// Agent text stays text (a script tag in a report never runs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, assertClean, api, postReport, report, unique, eventually } from '../e2e/harness.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function openClusters() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(event.violatedDirective));
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(`${BASE}/clusters.html`);
  await page.locator('#cluster-summary').filter({ hasNotText: 'Loading' }).waitFor();
  return { context, page, problems };
}

test('lists similar reports as one cluster, opens it and resolves it', async () => {
  const server = unique('clusters');
  const needs = [
    'I needed the costs for last month only, between two dates <script>window.__pwned=1</script>',
    'Wanted to filter get_costs to a specific date range, e.g. March 1 to March 31',
  ];
  const ids = [];
  for (const [i, need] of needs.entries()) {
    ids.push(await postReport(report({
      server_name: server, what_i_needed: need, what_i_tried: 'get_costs returned every month',
      suggestion: 'Add start_date and end_date', resolution: 'blocked', session_id: `s${i}`,
    })));
  }
  const clusterId = await eventually(async () => {
    const items = (await Promise.all(ids.map((id) => api(`/api/feedback/${id}`)))).map((r) => r.json.cluster_id);
    assert.ok(items[0] && items[0] === items[1], `both reports in one cluster, got ${items}`);
    return items[0];
  }, { timeoutMs: 60000 });

  const { context, page, problems } = await openClusters();
  await page.locator('#cluster-filters select[name="server_name"]').selectOption(server);
  const card = page.locator(`li.card[data-id="${clusterId}"]`);
  await card.waitFor();
  assert.match(await card.textContent(), /Reports\s*2/);
  assert.match(await card.textContent(), /Impact [\d.]+ — frequency/);

  await card.locator('button[data-action="open"]').click();
  const dialog = page.locator('#cluster-dialog');
  await dialog.waitFor();
  await eventually(async () => assert.match(await dialog.textContent(), /Suggestions side by side/));
  assert.match(await dialog.textContent(), /<script>window.__pwned=1<\/script>/, 'agent text shown as text');

  page.once('dialog', (prompt) => prompt.accept('https://github.com/o/r/pull/1'));
  await dialog.locator('button[data-action="resolve"]').click();
  await eventually(async () => {
    const cluster = await api(`/api/clusters/${clusterId}`);
    assert.equal(cluster.json.status, 'resolved');
    assert.equal(cluster.json.resolved_pr_url, 'https://github.com/o/r/pull/1');
  });
  await assertClean(page, problems);
  await context.close();
});
