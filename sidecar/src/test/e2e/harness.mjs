// Shared plumbing of the browser tests: Debian's Chromium through playwright-core, a page that records
// every dialog, page error and CSP violation, and small API helpers that talk to the real sidecar.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

export const BASE = process.env.DASHBOARD_URL;
export const ADMIN_BASE = process.env.DASHBOARD_ADMIN_URL;
export const ADMIN_KEY = process.env.DASHBOARD_ADMIN_KEY;
export const DOCS = process.env.DASHBOARD_DOCS_DIR;

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Opens the dashboard in a fresh context. `problems` collects what must never happen: dialogs (alert and
 * friends), uncaught page errors, console errors and CSP violations.
 */
export async function openDashboard(browser, { base = BASE, colorScheme = 'light', viewport, acceptDownloads = true } = {}) {
  return openWatched(browser, `${base}/`, '#result-summary', {
    colorScheme,
    viewport: viewport ?? { width: 1280, height: 900 },
    acceptDownloads,
  });
}

/**
 * Opens any page of the dashboard in a fresh context, recording problems as openDashboard does, and waits until
 * the element `readySelector` no longer says "Loading". Also returns the page's HTTP response.
 */
export async function openWatched(browser, url, readySelector, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page.on('dialog', async (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  const response = await page.goto(url);
  await page.locator(readySelector).filter({ hasNotText: 'Loading' }).waitFor();
  return { context, page, problems, response };
}

/** Fails when the page logged an error, opened a dialog, violated the CSP or ran an injected script. */
export async function assertClean(page, problems, { allowConsoleErrors = [] } = {}) {
  const violations = await page.evaluate(() => window.__cspViolations);
  const pwned = await page.evaluate(() => window.__pwned);
  const unexpected = problems.filter((problem) => !allowConsoleErrors.some((pattern) => pattern.test(problem)));
  assert.deepEqual(violations, [], 'no CSP violations');
  assert.equal(pwned, undefined, 'no injected script ran');
  assert.deepEqual(unexpected, [], 'no dialogs, page errors or console errors');
}

export function unique(prefix) {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function api(path, { method = 'GET', body, key, base = BASE, userAgent } = {}) {
  const headers = { Accept: 'application/json' };
  if (userAgent) headers['User-Agent'] = userAgent;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers.Authorization = `Bearer ${key}`;
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

export async function postReport(report, options = {}) {
  const response = await api('/api/feedback', { method: 'POST', body: report, ...options });
  assert.equal(response.status, 201, `POST /api/feedback answered ${response.status}: ${JSON.stringify(response.json)}`);
  return response.json.id;
}

export function report(overrides = {}) {
  return {
    server_name: 'e2e-server',
    what_i_needed: 'A tool that does the thing',
    what_i_tried: 'The other tools',
    gap_type: 'missing_tool',
    ...overrides,
  };
}

/** The card of a report, found by its id. */
export function card(page, id) {
  return page.locator(`li.card[data-id="${id}"]`);
}

/** Sets a filter control and waits for the list that answers it. */
export async function setFilter(page, name, value) {
  const control = page.locator(`#filters [name="${name}"]`);
  const answered = page.waitForResponse((response) => response.url().includes('/api/feedback?') && response.request().method() === 'GET');
  if ((await control.evaluate((node) => node.tagName)) === 'SELECT') await control.selectOption(value);
  else await control.fill(value);
  await answered;
}

/** Retries an async assertion until it passes or the deadline is hit (no fixed sleeps in the tests). */
export async function eventually(check, { timeoutMs = 10000, intervalMs = 50 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

export async function text(page, selector) {
  return (await page.locator(selector).textContent())?.trim();
}
