// The cluster view in headless Chromium against a real sidecar that clusters: similar reports show up as one
// cluster with its counts and impact factors, open with their reports, and a reviewer can resolve it.
// Agent text stays text (a script tag in a report never runs). A cluster draft streams its progress into the page,
// and `patchwork recluster` re-clusters the running sidecar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
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
  const links = await dialog.locator('a.report-link').evaluateAll((nodes) => nodes.map((node) => node.href));
  assert.deepEqual(links.sort(), ids.map((id) => `${BASE}/reports/${id}`).sort(), 'each report links to its page');

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

async function clusterOf(ids) {
  return eventually(async () => {
    const items = (await Promise.all(ids.map((id) => api(`/api/feedback/${id}`)))).map((r) => r.json.cluster_id);
    assert.ok(items.every((c) => c && c === items[0]), `all reports in one cluster, got ${items}`);
    return items[0];
  }, { timeoutMs: 60000 });
}

async function similarReports(server) {
  const ids = [];
  for (const [i, need] of ['An hourly forecast for the next 48 hours', 'Needed the forecast hour by hour, not per day'].entries()) {
    ids.push(await postReport(report({
      server_name: server, gap_type: 'missing_tool', what_i_needed: need, what_i_tried: 'get_forecast gives daily values',
      suggestion: 'Add get_hourly_forecast', session_id: `s${i}`,
    })));
  }
  return ids;
}

test('drafts one PR for a cluster and streams its progress into the page', async () => {
  const repo = await mkdtemp(path.join(tmpdir(), 'clusters-repo-'));
  const git = (...args) => execFileSync('git', ['-C', repo, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args],
    { encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  await writeFile(path.join(repo, 'server.py'), 'def get_forecast(city):\n    return {"high": 20, "low": 10}\n');
  git('add', '.');
  git('commit', '-q', '-m', 'weather server');
  const saved = await api('/api/settings', { method: 'PUT', body: {
    repo_path: repo, default_branch: '', llm_provider: 'anthropic', llm_model: '', anthropic_api_key: 'sk-ant-fake-e2e0',
    github_repo: '', github_token: '',
  } });
  assert.equal(saved.status, 200);
  const server = unique('weather');
  const clusterId = await clusterOf(await similarReports(server));

  const { context, page, problems } = await openClusters();
  const accepts = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/draft-pr')) accepts.push(request.headers().accept);
  });
  await page.locator('#cluster-filters select[name="server_name"]').selectOption(server);
  await page.locator(`li.card[data-id="${clusterId}"] button[data-action="open"]`).click();
  await page.locator('#cluster-dialog button[data-action="draft"]').click();

  const log = page.locator('#cluster-draft-log');
  await log.locator('.log-done, .log-error').first().waitFor({ timeout: 60000 });
  const lines = await log.locator('.log-line').allTextContents();
  assert.equal(await log.locator('.log-error').count(), 0, lines.join('\n'));
  assert.ok(await log.locator('.log-step').count() >= 2, `progress steps shown: ${lines.join('\n')}`);
  const branch = git('branch', '--list', 'patchwork/*', '--format=%(refname:short)').trim();
  assert.ok(branch, 'a patchwork/ branch was created');
  assert.match(await log.locator('.log-done').textContent(), new RegExp(`on branch ${branch}$`));
  assert.deepEqual(accepts, ['text/event-stream'], 'the page asked for the event stream');
  assert.equal(await page.locator('#cluster-dialog button[data-action="draft"]').isDisabled(), false);
  await assertClean(page, problems);
  await context.close();
});

test('patchwork recluster --server re-clusters one server of the running sidecar', async () => {
  const server = unique('recluster');
  const ids = await similarReports(server);
  await clusterOf(ids);

  const { stdout } = await promisify(execFile)(path.join(process.env.PATCHWORK_ROOT, 'patchwork'),
    ['recluster', '--server', server], { env: { ...process.env, FEEDBACK_SIDECAR_URL: BASE }, timeout: 120000 });

  const result = JSON.parse(stdout);
  assert.equal(result.status, 'reclustered');
  assert.equal(result.server_name, server);
  assert.equal(result.reports, 2);
  assert.equal(result.clusters_after, 1);
  await clusterOf(ids);
});
