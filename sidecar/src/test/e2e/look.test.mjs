// Themes, narrow windows and the keyboard, against a sidecar holding only realistic reports; writes the
// README screenshots to docs/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { launch, openDashboard, assertClean, api, postReport, card, eventually, DOCS } from './harness.mjs';
import { REALISTIC } from './fixtures.mjs';

let browser;
const ids = [];

before(async () => {
  browser = await launch();
  for (const report of [...REALISTIC].reverse()) {
    ids.unshift(await postReport(report, { userAgent: report.source === 'proxy' ? 'patchwork-proxy/0.1.0' : 'patchwork-dropin-python/0.1.0' }));
  }
  await api(`/api/feedback/${ids[0]}/notes`, { method: 'POST', body: {
    content: 'list_costs already takes a filter object: add `context` there instead of a new tool.',
  } });
  await api(`/api/feedback/${ids[3]}`, { method: 'PATCH', body: { reviewed: true } });
  const saved = await api('/api/settings', { method: 'PUT', body: {
    github_repo: 'octo/billing-mcp', github_token: 'ghp_exampleexampleexample0a1b', anthropic_api_key: 'sk-ant-example-7c2d',
  } });
  assert.equal(saved.status, 200);
  if (DOCS) await mkdir(DOCS, { recursive: true });
});

after(async () => {
  await browser?.close();
});

async function screenshot(page, name) {
  if (!DOCS) return;
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: path.join(DOCS, name), animations: 'disabled' });
}

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('follows the system light theme and writes the light screenshot', async () => {
  const { context, page, problems } = await openDashboard(browser, { colorScheme: 'light', viewport: { width: 1280, height: 1000 } });
  await card(page, ids[0]).waitFor();

  assert.equal(await background(page), 'rgb(246, 247, 251)');
  assert.equal(await page.locator('#theme-toggle').getAttribute('aria-label'), 'Switch to dark theme');
  await screenshot(page, 'dashboard-light.png');
  await assertClean(page, problems);
  await context.close();
});

test('follows the system dark theme and writes the dark screenshot', async () => {
  const { context, page, problems } = await openDashboard(browser, { colorScheme: 'dark', viewport: { width: 1280, height: 1000 } });
  await card(page, ids[0]).waitFor();

  assert.equal(await background(page), 'rgb(15, 18, 25)');
  await screenshot(page, 'dashboard-dark.png');
  await assertClean(page, problems);
  await context.close();
});

test('the theme toggle overrides the system and is remembered', async () => {
  const { context, page, problems } = await openDashboard(browser, { colorScheme: 'light' });

  await page.locator('#theme-toggle').click();
  assert.equal(await background(page), 'rgb(15, 18, 25)');
  assert.equal(await page.evaluate(() => localStorage.getItem('patchwork-theme')), 'dark');
  await page.reload();
  await eventually(async () => assert.equal(await background(page), 'rgb(15, 18, 25)'));
  assert.equal(await page.locator('#theme-toggle').getAttribute('aria-label'), 'Switch to light theme');
  await page.locator('#theme-toggle').click();
  assert.equal(await background(page), 'rgb(246, 247, 251)');
  await assertClean(page, problems);
  await context.close();
});

test('fits a narrow window without sideways scrolling and writes the narrow screenshots', async () => {
  const { context, page, problems } = await openDashboard(browser, { viewport: { width: 390, height: 844 } });
  await card(page, ids[0]).waitFor();

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the window`);
  await screenshot(page, 'dashboard-narrow.png');
  await card(page, ids[0]).scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-narrow-card.png');
  await assertClean(page, problems);
  await context.close();
});

test('the settings panel and the note dialog look right (screenshots)', async () => {
  const { context, page, problems } = await openDashboard(browser, { colorScheme: 'dark', viewport: { width: 1280, height: 900 } });
  await page.locator('#settings-toggle').click();
  await page.locator('#settings-form [name="llm_model"]').fill('claude-sonnet-4-5');
  await screenshot(page, 'dashboard-settings.png');
  await page.locator('#settings-toggle').click();
  await card(page, ids[0]).locator('[data-action="note"]').click();
  await page.locator('#note-text').fill('Prefer extending list_costs over a new tool.');
  await screenshot(page, 'dashboard-note.png');
  await assertClean(page, problems);
  await context.close();
});

test('works from the keyboard: skip link, actions, dialogs close with Escape', async () => {
  const { context, page, problems } = await openDashboard(browser);
  await card(page, ids[0]).waitFor();

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the reports');
  await page.keyboard.press('Enter');
  const noteButton = card(page, ids[0]).locator('[data-action="note"]');
  await noteButton.focus();
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'note-text'));
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#note-dialog').evaluate((dialog) => dialog.open), false);
  await page.locator('#settings-toggle').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#settings-toggle').getAttribute('aria-expanded'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('name')), 'github_repo');
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('button, input, select, textarea')]
    .filter((node) => !node.closest('dialog') && !node.hidden)
    .filter((node) => !(node.labels?.length || node.getAttribute('aria-label') || node.textContent.trim()))
    .map((node) => node.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, [], 'every control has a name');
  await page.locator('h1').click();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('name')), 'q', '"/" focuses the search');
  await assertClean(page, problems);
  await context.close();
});
