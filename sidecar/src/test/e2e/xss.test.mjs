// Hostile agent text in every field, the server name and the client name must render as inert text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openDashboard, assertClean, postReport, api, card, setFilter, eventually } from './harness.mjs';
import { XSS, hostileReport } from './fixtures.mjs';

let browser;
const ids = [];

before(async () => {
  browser = await launch();
  for (const [index, payload] of XSS.entries()) {
    const id = await postReport(hostileReport(payload, index));
    ids.push(id);
    const note = await api(`/api/feedback/${id}/notes`, { method: 'POST', body: { content: payload } });
    assert.equal(note.status, 201);
  }
});

after(async () => {
  await browser?.close();
});

test('renders every payload as text: no script runs, no dialog, no CSP violation', async () => {
  const { context, page, problems } = await openDashboard(browser);
  await page.locator('#page-size').selectOption('100');
  await card(page, ids.at(-1)).waitFor();

  for (const [index, payload] of XSS.entries()) {
    const shown = card(page, ids[index]);
    assert.equal(await shown.locator('.fields dd').first().textContent(), payload, `needed, payload ${index}`);
    assert.equal(await shown.locator('.badge-server').textContent(), `${payload} srv${index}`);
    assert.equal(await shown.locator('.note-text').textContent(), payload);
    assert.equal(await shown.locator('.timeline .call-tool').textContent(), payload);
    assert.ok((await shown.locator('.meta').textContent()).includes(`${payload} client${index}`));
  }
  await page.locator('details.context summary').first().click();
  await page.locator('details.drafts summary').first().click();
  for (const element of await page.locator('li.card .fields dd, li.card .chip').all()) await element.hover();

  const injected = await page.evaluate(() => ({
    scripts: [...document.scripts].map((script) => script.getAttribute('src')),
    handlers: [...document.querySelectorAll('*')].flatMap((node) =>
      [...node.attributes].filter((attribute) => attribute.name.startsWith('on')).map((attribute) => attribute.name)),
    frames: document.querySelectorAll('iframe, object, embed, svg, img').length,
    // link.href is resolved against the page, so our own relative links (clusters.html) count as http(s).
    links: [...document.querySelectorAll('a[href]')].map((link) => link.href)
      .filter((href) => !/^https?:/.test(href)),
    classes: [...document.querySelectorAll('li.card [class]')].flatMap((node) => [...node.classList])
      .filter((name) => /[<>"'=( ]|script|pwned/i.test(name)),
  }));
  assert.deepEqual(injected.scripts, ['js/theme-init.js', 'js/app.js'], 'only our own scripts');
  assert.deepEqual(injected.handlers, [], 'no event-handler attributes');
  assert.equal(injected.frames, 0, 'no frames, objects, svg or images were created');
  assert.deepEqual(injected.links, [], 'no javascript: or other non-http links');
  assert.deepEqual(injected.classes, [], 'no class taken from agent text');
  await assertClean(page, problems);
  await context.close();
});

test('server and client names stay text inside the filter options', async () => {
  const { context, page, problems } = await openDashboard(browser);
  const name = `${XSS[2]} srv2`;

  const options = await page.locator('#filters [name="server_name"] option').allTextContents();
  assert.ok(options.some((option) => option.startsWith(name)), 'the hostile server name is an option, as text');
  assert.ok((await page.locator('#filters [name="client_name"] option').allTextContents())
    .some((option) => option.startsWith(`${XSS[2]} client2`)));
  await setFilter(page, 'server_name', name);
  await eventually(async () => assert.equal(await page.locator('li.card').count(), 1));
  await assertClean(page, problems);
  await context.close();
});

test('links are made only from http(s) URLs after parsing', async () => {
  const { context, page, problems } = await openDashboard(browser);

  const verdicts = await page.evaluate(async () => {
    const { safeHttpUrl, el } = await import('/js/dom.js');
    const candidates = ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>',
      'vbscript:x', '//evil.example/x', 'not a url', 'https://github.com/o/r/pull/1', 'http://127.0.0.1:1/x'];
    const hrefs = candidates.map((url) => el('a', { href: url }, 'x').getAttribute('href'));
    let refused = false;
    try {
      el('a', { onclick: 'window.__pwned = 1' });
    } catch {
      refused = true;
    }
    return { safe: candidates.map((url) => safeHttpUrl(url)), hrefs, refused };
  });

  assert.deepEqual(verdicts.safe, [null, null, null, null, null, null, null,
    'https://github.com/o/r/pull/1', 'http://127.0.0.1:1/x']);
  assert.deepEqual(verdicts.hrefs, verdicts.safe);
  assert.equal(verdicts.refused, true, 'an event-handler attribute is refused');
  await assertClean(page, problems);
  await context.close();
});
