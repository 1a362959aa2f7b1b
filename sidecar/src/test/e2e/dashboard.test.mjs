// The dashboard in headless Chromium against a real sidecar (no admin key): everything a reviewer does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BASE, DOCS, launch, openDashboard, assertClean, api, postReport, report, unique, card, setFilter, eventually, text,
} from './harness.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('serves the page with a strict CSP and loads without errors', async () => {
  const response = await fetch(`${BASE}/`);
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  const { context, page, problems } = await openDashboard(browser);

  assert.equal(await text(page, 'h1'), 'PatchworkMCP');
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');
  await assertClean(page, problems);
  await context.close();
});

test('shows a reported gap with every field, its notes and the recent tool calls', async () => {
  const server = unique('fields');
  const id = await postReport(report({
    server_name: server,
    what_i_needed: 'Hourly forecast for 48 hours',
    what_i_tried: 'get_forecast gives daily values only',
    suggestion: 'get_hourly_forecast(hours)',
    user_goal: 'Plan a bike ride',
    gap_type: 'incomplete_results',
    resolution: 'partial',
    tools_available: ['get_forecast', 'get_alerts'],
    agent_model: 'claude-sonnet-4-5',
    session_id: 'session-42',
    client_name: 'claude-code',
    client_version: '2.1.4',
    protocol_version: '2025-06-18',
    source: 'proxy',
    context: { recent_calls: [
      { tool: 'get_alerts', arguments_bytes: 12, is_error: false, latency_ms: 31, at: '2026-11-26T09:00:00Z' },
      { tool: 'get_forecast', arguments_bytes: 40, is_error: true, latency_ms: 9, at: '2026-11-26T09:00:02Z' },
    ] },
  }));
  assert.equal((await api(`/api/feedback/${id}/notes`, { method: 'POST', body: { content: 'Same as #42' } })).status, 201);
  const { context, page, problems } = await openDashboard(browser);

  const shown = card(page, id);
  const content = await shown.textContent();
  for (const expected of ['Hourly forecast for 48 hours', 'get_forecast gives daily values only', 'get_hourly_forecast(hours)',
    'Plan a bike ride', 'Incomplete results', 'Partial', 'claude-sonnet-4-5', 'session-42', 'claude-code 2.1.4',
    '2025-06-18', 'proxy', 'Notes (1)', 'Same as #42', server]) {
    assert.ok(content.includes(expected), `card shows ${expected}`);
  }
  assert.deepEqual(await shown.locator('.chip').allTextContents(), ['get_forecast', 'get_alerts']);
  assert.equal(await shown.locator('.timeline .call').count(), 2);
  assert.equal(await shown.locator('.timeline .call-error .call-tool').textContent(), 'get_forecast');
  assert.ok(await shown.locator('.badge.gap-incomplete_results').isVisible());
  await assertClean(page, problems);
  await context.close();
});

test('shows a new report without a reload and counts it in the stats', async () => {
  const { context, page, problems } = await openDashboard(browser);
  const before = Number((await text(page, '#stat-total')).replace(/\D/g, ''));
  const marker = unique('live');

  const id = await postReport(report({ what_i_needed: marker }));

  await card(page, id).waitFor();
  assert.ok((await card(page, id).textContent()).includes(marker));
  await eventually(async () => assert.equal(Number((await text(page, '#stat-total')).replace(/\D/g, '')), before + 1));
  assert.equal(await text(page, '#live-status'), 'Live');
  await assertClean(page, problems);
  await context.close();
});

test('on an older page, announces new reports instead of moving the list', async () => {
  for (let i = 0; i < 21; i++) await postReport(report({ server_name: unique('filler') }));
  const { context, page, problems } = await openDashboard(browser);
  await page.locator('#page-size').selectOption('20');
  await eventually(async () => assert.equal(await page.locator('#page-next').isDisabled(), false));
  await page.locator('#page-next').click();
  await eventually(async () => assert.match(await text(page, '#page-info'), /^21–/));
  const olderPage = await cardIds(page);

  const id = await postReport(report({ what_i_needed: 'arrived while reading page two' }));

  await page.locator('#new-reports', { hasText: '1 new report' }).waitFor();
  assert.deepEqual(await cardIds(page), olderPage, 'the page being read stays as it was');
  await page.locator('#new-reports').click();
  await card(page, id).waitFor();
  assert.match(await text(page, '#page-info'), /^1–20 of/);
  assert.ok(await page.locator('#new-reports').isHidden());
  await assertClean(page, problems);
  await context.close();
});

test('filters by server, gap type, resolution and reviewed, with stats for the filter', async () => {
  const server = unique('filter');
  const blocked = await postReport(report({ server_name: server, gap_type: 'missing_tool', resolution: 'blocked' }));
  const partial = await postReport(report({ server_name: server, gap_type: 'wrong_format', resolution: 'partial' }));
  await postReport(report({ server_name: unique('elsewhere'), gap_type: 'wrong_format' }));
  assert.equal((await api(`/api/feedback/${partial}`, { method: 'PATCH', body: { reviewed: true } })).status, 200);
  const { context, page, problems } = await openDashboard(browser);

  await setFilter(page, 'server_name', server);
  await eventually(async () => assert.equal(await page.locator('li.card').count(), 2));
  await eventually(async () => assert.equal(await text(page, '#stat-total'), '2'));
  assert.equal(await text(page, '#stat-servers'), '1');
  assert.equal(await text(page, '#stat-unreviewed'), '1');
  assert.equal(await text(page, '#chart-gap button[value="wrong_format"] .bar-count'), '1');

  await setFilter(page, 'gap_type', 'missing_tool');
  await eventually(async () => assert.deepEqual(await cardIds(page), [blocked]));
  await setFilter(page, 'gap_type', '');
  await setFilter(page, 'resolution', 'partial');
  await eventually(async () => assert.deepEqual(await cardIds(page), [partial]));
  await setFilter(page, 'resolution', '');
  await setFilter(page, 'reviewed', 'false');
  await eventually(async () => assert.deepEqual(await cardIds(page), [blocked]));
  assert.ok((await text(page, '#result-summary')).startsWith('1 report'));
  await assertClean(page, problems);
  await context.close();
});

test('filters by client name', async () => {
  const client = unique('client');
  const id = await postReport(report({ client_name: client, client_version: '1.0' }));
  await postReport(report({ client_name: unique('other-client') }));
  const { context, page, problems } = await openDashboard(browser);

  await setFilter(page, 'client_name', client);

  await eventually(async () => assert.deepEqual(await cardIds(page), [id]));
  await eventually(async () => assert.equal(await text(page, '#stat-total'), '1'));
  await assertClean(page, problems);
  await context.close();
});

test('filters by a date range, with a clear empty state', async () => {
  const server = unique('dates');
  const id = await postReport(report({ server_name: server }));
  const { context, page, problems } = await openDashboard(browser);
  await setFilter(page, 'server_name', server);
  const day = (offset) => page.evaluate((days) => {
    const date = new Date();
    date.setDate(date.getDate() + days);
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  }, offset);

  await setFilter(page, 'since', await day(1));
  await eventually(async () => assert.equal(await text(page, 'li.empty p'), 'No reports match these filters.'));
  await setFilter(page, 'since', await day(0));
  await setFilter(page, 'until', await day(0));
  await eventually(async () => assert.deepEqual(await cardIds(page), [id]));
  await setFilter(page, 'until', await day(-1));
  await eventually(async () => assert.equal(await page.locator('li.card').count(), 0));
  await assertClean(page, problems);
  await context.close();
});

test('searches the report text, keeping the search in the address bar', async () => {
  const word = unique('zebrafish');
  const id = await postReport(report({ what_i_needed: `Find the ${word} records` }));
  await postReport(report({ what_i_needed: 'Something unrelated' }));
  const { context, page, problems } = await openDashboard(browser);

  await setFilter(page, 'q', word);

  await eventually(async () => assert.deepEqual(await cardIds(page), [id]));
  await page.reload();
  assert.equal(await page.locator('#filters [name="q"]').inputValue(), word, 'the filter survives a reload');
  await eventually(async () => assert.deepEqual(await cardIds(page), [id]));
  await page.locator('#filters button[type="reset"]').click();
  await eventually(async () => assert.ok((await cardIds(page)).length > 1));
  await assertClean(page, problems);
  await context.close();
});

test('pages through more reports than fit on one page, showing the total', async () => {
  const server = unique('pages');
  const ids = [];
  for (let i = 0; i < 25; i++) ids.push(await postReport(report({ server_name: server, what_i_needed: `page item ${i}` })));
  const { context, page, problems } = await openDashboard(browser);
  await page.locator('#page-size').selectOption('20');
  await setFilter(page, 'server_name', server);

  await eventually(async () => assert.equal(await text(page, '#page-info'), '1–20 of 25'));
  assert.equal(await page.locator('li.card').count(), 20);
  assert.ok(await page.locator('#page-prev').isDisabled());
  await page.locator('#page-next').click();
  await eventually(async () => assert.equal(await text(page, '#page-info'), '21–25 of 25'));
  const olderPage = await cardIds(page);
  assert.deepEqual(new Set(olderPage), new Set(ids.slice(0, 5)), 'the oldest five are on page two');
  assert.ok(await page.locator('#page-next').isDisabled());
  await page.locator('#page-prev').click();
  await eventually(async () => assert.equal(await text(page, '#page-info'), '1–20 of 25'));
  await assertClean(page, problems);
  await context.close();
});

test('adds a note from the keyboard and refuses a blank one', async () => {
  const id = await postReport(report({ server_name: unique('notes') }));
  const { context, page, problems } = await openDashboard(browser);

  await card(page, id).locator('[data-action="note"]').click();
  await page.locator('#note-text').fill('   ');
  await page.locator('#note-form button[type="submit"]').click();
  assert.match(await text(page, '#note-error'), /empty note/);
  await page.locator('#note-text').fill('Use the v2 endpoint, see #17');
  await page.locator('#note-text').press('Control+Enter');

  await eventually(async () => assert.ok((await card(page, id).locator('.note-text').allTextContents()).includes('Use the v2 endpoint, see #17')));
  assert.equal(await page.locator('#note-dialog').evaluate((dialog) => dialog.open), false);
  const stored = await api(`/api/feedback/${id}`);
  assert.deepEqual(stored.json.notes.map((note) => note.content), ['Use the v2 endpoint, see #17']);
  await assertClean(page, problems);
  await context.close();
});

test('marks a report reviewed and back, dimming its card', async () => {
  const id = await postReport(report({ server_name: unique('review') }));
  const { context, page, problems } = await openDashboard(browser);

  await card(page, id).locator('[data-action="review"]').click();
  await eventually(async () => assert.match(await card(page, id).getAttribute('class'), /reviewed/));
  assert.equal((await api(`/api/feedback/${id}`)).json.reviewed, true);
  const opacity = await card(page, id).evaluate((node) => getComputedStyle(node).opacity);
  assert.ok(Number(opacity) < 1, `dimmed (opacity ${opacity})`);
  await card(page, id).locator('[data-action="review"]').press('Enter');
  await eventually(async () => assert.doesNotMatch(await card(page, id).getAttribute('class'), /reviewed/));
  assert.equal((await api(`/api/feedback/${id}`)).json.reviewed, false);
  await assertClean(page, problems);
  await context.close();
});

test('deletes a report only after confirmation', async () => {
  const id = await postReport(report({ server_name: unique('delete') }));
  const { context, page, problems } = await openDashboard(browser);

  await card(page, id).locator('[data-action="delete"]').click();
  await page.locator('#confirm-dialog button[value="cancel"]').click();
  assert.equal((await api(`/api/feedback/${id}`)).status, 200);
  await card(page, id).locator('[data-action="delete"]').click();
  await page.locator('#confirm-dialog button[value="confirm"]').click();

  await eventually(async () => assert.equal(await card(page, id).count(), 0));
  assert.equal((await api(`/api/feedback/${id}`)).status, 404);
  await assertClean(page, problems);
  await context.close();
});

test('exports the current filter as CSV and JSON', async () => {
  const server = unique('export');
  const first = await postReport(report({ server_name: server, what_i_needed: 'export me' }));
  const second = await postReport(report({ server_name: server, what_i_needed: 'export me too' }));
  const { context, page, problems } = await openDashboard(browser);
  await setFilter(page, 'server_name', server);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-format="csv"]').click()]);
  const csv = await readFile(await csvDownload.path(), 'utf8');
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-format="json"]').click()]);
  const json = JSON.parse(await readFile(await jsonDownload.path(), 'utf8'));

  assert.match(csvDownload.suggestedFilename(), /\.csv$/);
  assert.ok(csv.includes(first) && csv.includes(second), 'CSV has both reports');
  assert.equal(csv.trim().split('\n').length, 3, 'header and two rows');
  const rows = Array.isArray(json) ? json : json.items;
  assert.deepEqual(new Set(rows.map((row) => row.id)), new Set([first, second]));
  await assertClean(page, problems);
  await context.close();
});

test('saves settings, shows saved values and masked secrets, explains a refused value, clears a secret', async () => {
  const { context, page, problems } = await openDashboard(browser);
  await page.locator('#settings-toggle').click();
  const form = page.locator('#settings-form');
  await form.locator('[name="github_repo"]').fill('octo/widgets');
  await form.locator('[name="default_branch"]').fill('develop');
  await form.locator('[name="llm_provider"]').selectOption('openai');
  await form.locator('[name="llm_model"]').fill('gpt-5.1');
  await form.locator('[name="github_token"]').fill('ghp_secretvalue1234');
  await form.locator('button[type="submit"]').click();
  await eventually(async () => assert.equal(await text(page, '#settings-message'), 'Saved.'));

  const saved = (await api('/api/settings')).json;
  assert.equal(saved.github_repo, 'octo/widgets');
  assert.equal(saved.default_branch, 'develop');
  assert.equal(saved.llm_provider, 'openai');
  assert.equal(saved.llm_model, 'gpt-5.1');
  assert.match(saved.github_token, /1234$/);
  assert.doesNotMatch(saved.github_token, /secretvalue/);

  await page.reload();
  await page.locator('#settings-toggle').click();
  await eventually(async () => assert.equal(await form.locator('[name="github_repo"]').inputValue(), 'octo/widgets'));
  assert.equal(await form.locator('[name="llm_model"]').inputValue(), 'gpt-5.1', 'the saved model is not replaced by a default');
  assert.equal(await form.locator('[name="llm_provider"]').inputValue(), 'openai');
  assert.equal(await form.locator('[name="github_token"]').inputValue(), '', 'secrets are write-only');
  assert.match(await form.locator('[name="github_token"]').getAttribute('placeholder'), /1234/);

  await form.locator('[data-secret="github_token"] [data-action="clear-secret"]').click();
  await eventually(async () => assert.equal((await api('/api/settings')).json.github_token, ''));
  assert.equal((await api('/api/settings')).json.github_repo, 'octo/widgets', 'clearing one secret leaves the rest');
  await form.locator('[name="github_repo"]').fill('not a repository');
  await form.locator('button[type="submit"]').click();
  await eventually(async () => assert.match(await text(page, '#settings-message'), /^Not saved: .*github_repo/));
  assert.equal((await api('/api/settings')).json.github_repo, 'octo/widgets', 'a refused value changes nothing');
  await form.locator('[name="github_repo"]').fill('');
  await form.locator('button[type="submit"]').click();
  await eventually(async () => assert.equal((await api('/api/settings')).json.github_repo, ''));
  await assertClean(page, problems, { allowConsoleErrors: [/status of 422/] });
  await context.close();
});

test('shows the API error when an action fails', async () => {
  const id = await postReport(report({ server_name: unique('gone') }));
  const { context, page, problems } = await openDashboard(browser);
  await card(page, id).waitFor();
  assert.equal((await api(`/api/feedback/${id}`, { method: 'DELETE' })).status, 204);

  await card(page, id).locator('[data-action="review"]').click();

  const toast = page.locator('.toast-error', { hasText: 'Could not update the report' });
  await toast.waitFor();
  const message = await toast.textContent();
  assert.match(message, /Could not update the report/);
  assert.ok(message.length > 'Could not update the report: '.length + 5, `carries the API detail: ${message}`);
  await assertClean(page, problems, { allowConsoleErrors: [/404/] });
  await context.close();
});

test('Draft PR without settings shows why it cannot start', async () => {
  const cleared = await api('/api/settings', { method: 'PUT', body: { github_repo: '', github_token: '', repo_path: '', anthropic_api_key: '', openai_api_key: '' } });
  assert.equal(cleared.status, 200);
  const id = await postReport(report({ server_name: unique('draft') }));
  const { context, page, problems } = await openDashboard(browser);

  await card(page, id).locator('[data-action="draft"]').click();

  await page.locator('#draft-log .log-error').waitFor();
  const message = await text(page, '#draft-log .log-error');
  assert.match(message, /not configured/i, 'the API\'s own explanation');
  assert.match(message, /github_repo/);
  assert.match(await text(page, '#draft-title'), /failed/);
  await page.locator('#draft-dialog [data-action="close"]').click();
  assert.equal(await card(page, id).locator('[data-action="draft"]').textContent(), 'Draft PR');
  await assertClean(page, problems, { allowConsoleErrors: [/status of 400/] });
  await context.close();
});

test('drafts into a local git repository from the page, end to end, and lists it in the history', async () => {
  const repo = await mkdtemp(path.join(tmpdir(), 'dashboard-repo-'));
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
  const id = await postReport(report({
    server_name: unique('weather'), gap_type: 'missing_tool', what_i_needed: 'An hourly forecast for the next 48 hours',
  }));
  const { context, page, problems } = await openDashboard(browser);

  await card(page, id).locator('[data-action="draft"]').click();

  await page.locator('#draft-log .log-done, #draft-log .log-error').first().waitFor({ timeout: 60000 });
  const log = await page.locator('#draft-log .log-line').allTextContents();
  assert.equal(await page.locator('#draft-log .log-error').count(), 0, log.join('\n'));
  assert.ok(await page.locator('#draft-log .log-step').count() >= 2, log.join('\n'));
  assert.equal(await text(page, '#draft-title'), 'Draft committed');
  const branch = git('branch', '--list', 'patchwork/*', '--format=%(refname:short)').trim();
  assert.ok(branch, 'a patchwork/ branch was created');
  assert.match(await text(page, '#draft-log .log-done'), new RegExp(`on branch ${branch}$`));
  assert.match(git('show', `${branch}:tools/forecast.py`), /get_hourly_forecast/);
  if (DOCS) await page.locator('#draft-dialog').screenshot({ path: path.join(DOCS, 'dashboard-draft.png'), animations: 'disabled' });
  await page.locator('#draft-dialog [data-action="close"]').click();
  await card(page, id).locator('details.drafts summary').click();
  await eventually(async () => assert.match(await card(page, id).locator('.drafts-body').textContent(), /succeeded/));
  assert.ok((await card(page, id).locator('.drafts-body').textContent()).includes(branch));
  await assertClean(page, problems);
  await context.close();
  await api('/api/settings', { method: 'PUT', body: { repo_path: '', anthropic_api_key: '' } });
});

test('renders a drafting stream as a live log and offers the PR (stream served by the browser route)', async () => {
  // The real endpoint needs GitHub and an LLM; the drafting suite tests it with fakes. Here the browser
  // answers the POST itself with a recorded stream, to test what the page makes of each event.
  const id = await postReport(report({ server_name: unique('drafted') }));
  const { context, page, problems } = await openDashboard(browser);
  const stream = [
    ': heartbeat', '',
    'event: step', 'data: "Fetching file tree from octo/widgets..."', '',
    'event: detail', 'data: "  read src/<b>tools</b>.py"', '',
    'event: step', 'data: "Opening draft pull request..."', '',
    'event: done', 'data: {"pr_url":"https://github.com/octo/widgets/pull/7","branch":"patchwork/feedback-1"}', '', '',
  ].join('\r\n');
  let requested = null;
  await page.route(`**/api/feedback/${id}/draft-pr*`, (route) => {
    requested = { method: route.request().method(), url: route.request().url() };
    return route.fulfill({ status: 200, headers: { 'Content-Type': 'text/event-stream' }, body: stream });
  });

  await card(page, id).locator('[data-action="draft"]').click();

  await page.locator('#draft-log .log-done').waitFor();
  assert.equal(requested.method, 'POST');
  assert.doesNotMatch(requested.url, /force=true/);
  assert.deepEqual(await page.locator('#draft-log .log-line').allTextContents(), [
    'Fetching file tree from octo/widgets...',
    '  read src/<b>tools</b>.py',
    'Opening draft pull request...',
    'PR created: https://github.com/octo/widgets/pull/7',
  ]);
  assert.deepEqual(await page.locator('#draft-log .log-detail').count(), 1);
  assert.equal(await text(page, '#draft-title'), 'Draft PR opened');
  assert.equal(await page.locator('#draft-link').getAttribute('href'), 'https://github.com/octo/widgets/pull/7');
  assert.equal(await page.locator('#draft-log b').count(), 0, 'log text stays text');
  await page.locator('#draft-dialog [data-action="close"]').click();
  await assertClean(page, problems);
  await context.close();
});

test('offers to re-draft when the report already has a draft, then forces it', async () => {
  const id = await postReport(report({ server_name: unique('redraft') }));
  const { context, page, problems } = await openDashboard(browser);
  const requests = [];
  await page.route(`**/api/feedback/${id}/draft-pr*`, (route) => {
    requests.push(route.request().url());
    if (!route.request().url().includes('force=true')) {
      return route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({
        detail: 'Report already has a draft (branch patchwork/x). Re-draft with ?force=true.', code: 'already_drafted',
      }) });
    }
    return route.fulfill({ status: 200, headers: { 'Content-Type': 'text/event-stream' },
      body: 'event: done\ndata: {"branch":"patchwork/y","commit":"0123456789abcdef"}\n\n' });
  });

  await card(page, id).locator('[data-action="draft"]').click();
  await page.locator('#draft-force').waitFor();
  assert.match(await text(page, '#draft-log .log-error'), /already has a draft/);
  await page.locator('#draft-force').click();

  await page.locator('#draft-log .log-done').waitFor();
  assert.equal(requests.length, 2);
  assert.match(requests[1], /force=true/);
  assert.equal(await text(page, '#draft-log .log-done'), 'Committed 0123456789abcdef on branch patchwork/y');
  assert.equal(await text(page, '#draft-title'), 'Draft committed');
  assert.ok(await page.locator('#draft-force').isHidden());
  await page.locator('#draft-dialog [data-action="close"]').click();
  await assertClean(page, problems, { allowConsoleErrors: [/status of 409/] });
  await context.close();
});

test('lists the draft history of a report', async () => {
  const id = await postReport(report({ server_name: unique('history') }));
  const { context, page, problems } = await openDashboard(browser);

  await card(page, id).locator('details.drafts summary').click();

  await eventually(async () => assert.match(await card(page, id).locator('.drafts-body').textContent(), /No PR drafted|PR →/));
  await assertClean(page, problems);
  await context.close();
});

async function cardIds(page) {
  return page.locator('li.card').evaluateAll((cards) => cards.map((node) => node.getAttribute('data-id')));
}
