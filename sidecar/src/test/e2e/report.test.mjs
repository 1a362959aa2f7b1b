// The reference the feedback tool gives the agent (the report's idempotency key) opens the report: in the API and
// on a page of its own, /reports/{reference}, where hostile agent text stays text under the CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, assertClean, api, unique, openWatched } from './harness.mjs';
import { XSS, hostileReport } from './fixtures.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function postWithReference(body) {
  const reference = unique('ref');
  const response = await fetch(`${BASE}/api/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': reference },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 201);
  return { reference, id: (await response.json()).id };
}

function openPage(path) {
  return openWatched(browser, `${BASE}${path}`, '#report-summary');
}

test('the reference the agent was given opens the report in the API', async () => {
  const { reference, id } = await postWithReference({ ...hostileReport(XSS[0], 0), server_name: 'by-reference' });

  const byReference = await api(`/api/feedback/${encodeURIComponent(reference)}`);

  assert.equal(byReference.status, 200);
  assert.equal(byReference.json.id, id);
  assert.equal(byReference.json.what_i_needed, XSS[0]);
});

test('a report has a page of its own, opened by the reference, with agent text rendered as text', async () => {
  for (const [index, payload] of XSS.entries()) {
    // Its own server name, so the list tests that filter by the hostile server names see only their reports.
    const { reference, id } = await postWithReference({ ...hostileReport(payload, index), server_name: `${payload} page${index}` });
    const { context, page, problems, response } = await openPage(`/reports/${encodeURIComponent(reference)}`);

    assert.equal(response.status(), 200);
    assert.ok(response.headers()['content-security-policy']?.includes("script-src 'self'"), 'the CSP is sent');
    const card = page.locator(`li.card[data-id="${id}"]`);
    assert.equal(await card.locator('.fields dd').first().textContent(), payload, `needed, payload ${index}`);
    assert.equal(await card.locator('.badge-server').textContent(), `${payload} page${index}`);
    assert.equal(await page.locator('li.card .actions').count(), 0, 'no list actions on the page');
    await assertClean(page, problems);
    await context.close();
  }
});

test('the list links each report to its page', async () => {
  const { id } = await postWithReference({ server_name: 'linked', what_i_needed: 'x', what_i_tried: 'y', gap_type: 'other' });
  const { context, page } = await openPage(`/reports/${id}`);

  const href = await page.locator(`li.card[data-id="${id}"] a.report-link`).getAttribute('href');

  assert.equal(href, `${BASE}/reports/${id}`);
  await context.close();
});

test('an unknown reference says so on the page', async () => {
  const { context, page, problems } = await openPage('/reports/no-such-reference');

  assert.equal(await page.locator('#report-summary').textContent(), 'No such report');
  assert.match(await page.locator('#report li.empty').textContent(), /no-such-reference/);
  await assertClean(page, problems, { allowConsoleErrors: [/404/] });
  await context.close();
});
