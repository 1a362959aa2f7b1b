// The sidecar API client: one place for the admin key, JSON, and turning failures into readable errors.

const KEY_STORAGE = 'patchwork-admin-key';

/** A failed API call; `message` is the API's own `detail` text when it sent one. */
export class ApiError extends Error {
  constructor(status, detail, body = null) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

let askForKey = null;
let pendingKeyPrompt = null;

/** The UI registers how to ask for the admin key: (reason) => Promise<string|null>. */
export function onKeyNeeded(prompt) {
  askForKey = prompt;
}

export function adminKey() {
  return sessionStorage.getItem(KEY_STORAGE) || '';
}

export function forgetAdminKey() {
  sessionStorage.removeItem(KEY_STORAGE);
}

/** Builds `path?query` from an object, leaving out empty values. */
export function withQuery(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Sends a request and returns the Response when it is 2xx. A 401 asks for the admin key (once for all
 * concurrent callers) and retries; anything else non-2xx throws ApiError with the API's detail.
 */
export async function send(path, { method = 'GET', json, accept = 'application/json', signal } = {}) {
  for (;;) {
    const headers = { Accept: accept };
    const key = adminKey();
    if (key) headers.Authorization = `Bearer ${key}`;
    const init = { method, headers, signal, cache: 'no-store' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      if (json !== undefined) init.body = JSON.stringify(json);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      throw new ApiError(0, `Cannot reach the sidecar (${error.message}). Is it still running?`);
    }
    if (response.ok) return response;
    const error = await errorFrom(response);
    if (response.status === 401 && askForKey && (await promptForKey(error.message, key))) continue;
    throw error;
  }
}

/** Sends and parses a JSON answer (null for 204). */
export async function call(path, options = {}) {
  const response = await send(path, options);
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

async function promptForKey(reason, keyThatFailed) {
  if (adminKey() !== keyThatFailed) return true; // another caller already got a new key: retry with it
  if (!pendingKeyPrompt) {
    pendingKeyPrompt = askForKey(reason).finally(() => {
      pendingKeyPrompt = null;
    });
  }
  const key = await pendingKeyPrompt;
  if (!key) return false;
  sessionStorage.setItem(KEY_STORAGE, key);
  return true;
}

async function errorFrom(response) {
  let body = null;
  let detail = '';
  const text = await response.text().catch(() => '');
  try {
    body = JSON.parse(text);
    if (body && typeof body.detail === 'string') detail = body.detail;
    else if (body && Array.isArray(body.detail)) detail = body.detail.map((d) => d.msg ?? String(d)).join('; ');
  } catch {
    detail = text.trim().slice(0, 300);
  }
  if (!detail) detail = `${response.status} ${response.statusText || 'error'}`.trim();
  if (body && body.incident_id) detail += ` (incident ${body.incident_id})`;
  return new ApiError(response.status, detail, body);
}
