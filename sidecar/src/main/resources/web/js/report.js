// The page of one report, /reports/{id}: the id, or the reference the feedback tool gave the agent, is the last
// part of the address. Rendered by the list's own card (agent text as text nodes only), without the list's actions.
import { askForAdminKey } from './dialogs.js';
import { call, onKeyNeeded } from './api.js';
import { el } from './dom.js';
import { renderCard, renderDrafts } from './feed.js';

onKeyNeeded((reason) => askForAdminKey(reason));

const reference = decodeURIComponent(window.location.pathname.split('/').filter(Boolean).at(-1) ?? '');
const list = document.getElementById('report');
const summary = document.getElementById('report-summary');

async function show() {
  try {
    const item = await call(`/api/feedback/${encodeURIComponent(reference)}`);
    const card = renderCard(item);
    card.querySelector('.actions')?.remove();
    const drafts = card.querySelector('details.drafts');
    if (drafts) renderDrafts(drafts, item.drafts);
    list.replaceChildren(card);
    summary.textContent = `${item.server_name || 'Unknown server'} · ${item.id}`;
    document.title = `Report ${item.id} · PatchworkMCP`;
  } catch (error) {
    const notFound = error.status === 404;
    summary.textContent = notFound ? 'No such report' : 'Could not load the report';
    list.replaceChildren(el('li.empty', {}, notFound
      ? `No report has the id or reference "${reference}". It may have been deleted, or sent to another sidecar.`
      : error.message));
  }
}

show();
