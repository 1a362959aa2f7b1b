// Draft PR / Re-draft: POSTs to the drafting endpoint and shows its event stream as a live log.
import { send, ApiError } from './api.js';
import { el, safeHttpUrl } from './dom.js';
import { readEventStream, eventPayload } from './sse.js';
import { showError } from './toast.js';

export class DraftDialog {
  constructor({ dialog, onFinished }) {
    this.dialog = dialog;
    this.onFinished = onFinished;
    this.title = dialog.querySelector('#draft-title');
    this.subject = dialog.querySelector('#draft-subject');
    this.log = dialog.querySelector('#draft-log');
    this.link = dialog.querySelector('#draft-link');
    this.force = dialog.querySelector('#draft-force');
    this.running = new Set();
    this.retry = null;
    dialog.querySelector('[data-action="close"]').addEventListener('click', () => dialog.close());
    this.force.addEventListener('click', () => this.retry?.());
  }

  /** Starts a draft for the report; `force` re-drafts one that already has a draft (default: when it has a PR). */
  async start(item, button, force = Boolean(item.pr_url)) {
    if (this.running.size > 0) {
      if (this.running.has(item.id) && !this.dialog.open) this.dialog.showModal();
      else showError('Another draft is still running; start this one when it has finished.');
      return;
    }
    this.running.add(item.id);
    const idleLabel = button.textContent;
    button.disabled = true;
    button.textContent = force ? 'Re-drafting…' : 'Drafting…';
    this.reset(item, force);
    if (!this.dialog.open) this.dialog.showModal();
    let outcome = 'failed';
    try {
      const path = `/api/feedback/${encodeURIComponent(item.id)}/draft-pr${force ? '?force=true' : ''}`;
      const response = await send(path, { method: 'POST', accept: 'text/event-stream' });
      outcome = await this.follow(response);
    } catch (error) {
      this.line('error', error instanceof ApiError ? error.message : `Stream broken: ${error.message}`);
      if (error instanceof ApiError && error.status === 409 && error.body?.code === 'already_drafted') {
        this.retry = () => this.start(item, button, true);
        this.force.hidden = false;
      }
    } finally {
      this.running.delete(item.id);
      this.working(false);
      button.disabled = false;
      button.textContent = outcome === 'done' ? 'Re-draft' : idleLabel;
      if (outcome !== 'done') this.title.textContent = force ? 'Re-draft failed' : 'Draft failed';
      this.onFinished?.(item, outcome);
    }
  }

  reset(item, force) {
    this.title.textContent = force ? 'Re-drafting PR…' : 'Drafting PR…';
    this.subject.textContent = item.what_i_needed || '';
    this.log.replaceChildren();
    this.link.hidden = true;
    this.link.removeAttribute('href');
    this.force.hidden = true;
    this.retry = null;
    this.working(true);
  }

  /** Reads the stream; returns 'done' when a done event arrived, else 'failed'. */
  async follow(response) {
    let outcome = 'failed';
    let sawError = false;
    await readEventStream(response, (event) => {
      const payload = eventPayload(event);
      if (event.type === 'done') {
        outcome = 'done';
        this.finish(payload);
      } else if (event.type === 'error') {
        sawError = true;
        this.line('error', textOf(payload));
      } else if (event.type === 'step' || event.type === 'detail') {
        this.line(event.type, textOf(payload));
      }
    });
    if (outcome !== 'done' && !sawError) this.line('error', 'The stream ended without a result. Check the sidecar log.');
    return outcome;
  }

  finish(payload) {
    const result = payload && typeof payload === 'object' ? payload : {};
    const url = safeHttpUrl(result.pr_url);
    this.title.textContent = url ? 'Draft PR opened' : 'Draft committed';
    const where = url ? `PR created: ${url}` : `Committed ${result.commit ?? ''} on branch ${result.branch ?? ''}`.trim();
    this.line('done', where);
    if (url) {
      this.link.setAttribute('href', url);
      this.link.hidden = false;
    }
  }

  line(kind, text) {
    const allowed = ['step', 'detail', 'error', 'done'];
    this.log.appendChild(el('li.log-line', { class: `log-${allowed.includes(kind) ? kind : 'step'}` }, text));
    this.log.scrollTop = this.log.scrollHeight;
  }

  working(on) {
    this.log.classList.toggle('log-working', on);
    this.dialog.setAttribute('aria-busy', String(on));
  }
}

function textOf(payload) {
  if (typeof payload === 'string') return payload;
  if (payload && typeof payload.message === 'string') return payload.message;
  if (payload && typeof payload.detail === 'string') return payload.detail;
  return JSON.stringify(payload);
}
