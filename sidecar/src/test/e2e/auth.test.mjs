// A sidecar started with FEEDBACK_ADMIN_KEY: the dashboard asks for the key once and sends it as a bearer token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, api, postReport, report, eventually, ADMIN_BASE, ADMIN_KEY } from './harness.mjs';

let browser;
let id;

before(async () => {
  browser = await launch();
  id = await postReport(report({ server_name: 'guarded', what_i_needed: 'behind the admin key' }), { base: ADMIN_BASE, key: ADMIN_KEY });
});

after(async () => {
  await browser?.close();
});

async function open(path = '/') {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('dialog', (dialog) => {
    problems.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${ADMIN_BASE}${path}`);
  return { context, page, problems };
}

test('the API refuses the dashboard without the key', async () => {
  const response = await api('/api/feedback', { base: ADMIN_BASE });
  assert.equal(response.status, 401);
  assert.equal(typeof response.json.detail, 'string');
});

test('asks for the admin key once, explains a wrong one, then shows the reports', async () => {
  const { context, page, problems } = await open();
  const keyDialog = page.locator('#key-dialog');
  await keyDialog.waitFor({ state: 'visible' });
  assert.ok((await page.locator('#key-reason').textContent()).length > 0, 'says why the key is needed');

  await page.locator('#key-input').fill('not-the-key');
  await page.locator('#key-form button[type="submit"]').click();
  await eventually(async () => assert.equal(await keyDialog.evaluate((dialog) => dialog.open), true));
  await page.locator('#key-input').fill(ADMIN_KEY);
  await page.locator('#key-input').press('Enter');

  await page.locator(`li.card[data-id="${id}"]`).waitFor();
  assert.equal(await keyDialog.evaluate((dialog) => dialog.open), false);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('patchwork-admin-key')), ADMIN_KEY);
  await eventually(async () => assert.equal(await page.locator('#live-status').textContent(), 'Live'));
  await page.reload();
  await page.locator(`li.card[data-id="${id}"]`).waitFor();
  assert.equal(await page.locator('#key-dialog[open]').count(), 0, 'not asked again in the same tab');
  assert.deepEqual(problems, []);
  await context.close();
});

test('new reports arrive live and exports download with the key', async () => {
  const { context, page } = await open();
  await page.locator('#key-input').fill(ADMIN_KEY);
  await page.locator('#key-input').press('Enter');
  await page.locator(`li.card[data-id="${id}"]`).waitFor();
  await eventually(async () => assert.equal(await page.locator('#live-status').textContent(), 'Live'));

  const live = await postReport(report({ server_name: 'guarded', what_i_needed: 'arrived live' }), { base: ADMIN_BASE, key: ADMIN_KEY });
  await page.locator(`li.card[data-id="${live}"]`).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-format="json"]').click()]);
  const rows = JSON.parse(await readFile(await download.path(), 'utf8'));

  assert.ok((Array.isArray(rows) ? rows : rows.items).some((row) => row.id === live));
  await context.close();
});

test('the clusters page asks for the key with the same dialog, not a browser prompt', async () => {
  const { context, page, problems } = await open('/clusters.html');
  const keyDialog = page.locator('#key-dialog');
  await keyDialog.waitFor({ state: 'visible' });
  assert.ok((await page.locator('#key-reason').textContent()).length > 0, 'says why the key is needed');

  await page.locator('#key-input').fill(ADMIN_KEY);
  await page.locator('#key-input').press('Enter');

  await eventually(async () => assert.equal(await keyDialog.evaluate((dialog) => dialog.open), false));
  assert.equal(await page.evaluate(() => sessionStorage.getItem('patchwork-admin-key')), ADMIN_KEY);
  assert.deepEqual(problems, [], 'no window.prompt, no page error');
  await context.close();
});

test('cancelling the key prompt leaves a visible error instead of a blank page', async () => {
  const { context, page } = await open();
  await page.locator('#key-dialog').waitFor({ state: 'visible' });

  await page.locator('#key-form [data-action="cancel"]').click();

  await page.locator('.toast-error').first().waitFor();
  assert.match(await page.locator('#result-summary').textContent(), /could not be loaded/);
  await context.close();
});

test('a secret from the environment is shown as such and cannot be cleared from the page', async () => {
  const { context, page } = await open();
  await page.locator('#key-input').fill(ADMIN_KEY);
  await page.locator('#key-input').press('Enter');
  await page.locator('#settings-toggle').click();

  const token = page.locator('[data-secret="github_token"]');
  await eventually(async () => assert.match(await token.locator('.source').textContent(), /environment variable/));
  assert.match(await token.locator('input').getAttribute('placeholder'), /9f3e/);
  assert.equal(await token.locator('[data-action="clear-secret"]').isDisabled(), true);
  assert.equal(await page.locator('#forget-key').isHidden(), false, 'the admin key can be forgotten');
  await page.locator('#forget-key').click();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('patchwork-admin-key')), null);
  await context.close();
});
