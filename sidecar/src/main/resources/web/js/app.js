// The dashboard's composition root: state, loading, filters, paging, card actions and the live stream.
import { call, send, withQuery, onKeyNeeded, adminKey, forgetAdminKey } from './api.js';
import { $, el } from './dom.js';
import { GAP_TYPES, RESOLUTIONS, addOptions } from './labels.js';
import { renderCard, renderDrafts } from './feed.js';
import { renderStats, fillSelect } from './stats.js';
import { SettingsPanel } from './settings.js';
import { DraftDialog } from './draft.js';
import { askForAdminKey, confirmDelete, NoteDialog } from './dialogs.js';
import { setupThemeToggle } from './theme.js';
import { showError, showInfo } from './toast.js';
import { filterQuery, filtersActive as anyFilter, saveToUrl, restoreFromUrl, DEFAULT_PAGE_SIZE } from './filters.js';
import { exportReports } from './exporter.js';
import { followEvents } from './live.js';

const number = new Intl.NumberFormat();

const state = {
  offset: 0,
  limit: DEFAULT_PAGE_SIZE,
  total: 0,
  nextOffset: null,
  items: new Map(),
  fresh: new Set(),
  unseen: 0,
  listGeneration: 0,
  statsGeneration: 0,
};

const filterForm = $('filters');
const feed = $('feed');
const noteDialog = new NoteDialog();
const draftDialog = new DraftDialog({ dialog: $('draft-dialog'), onFinished: () => refresh() });
const settings = new SettingsPanel({
  panel: $('settings-panel'),
  form: $('settings-form'),
  toggle: $('settings-toggle'),
  status: $('config-status'),
  message: $('settings-message'),
  onChange: () => {
    $('forget-key').hidden = !adminKey();
  },
});

// ---- filters -------------------------------------------------------------------------------------

const filters = () => filterQuery(filterForm);
const filtersActive = () => anyFilter(filterForm);

let searchTimer = 0;
filterForm.addEventListener('input', (event) => {
  if (event.target.name !== 'q') return;
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => restart(), 300);
});
filterForm.addEventListener('change', (event) => {
  if (event.target.name === 'q') return;
  restart();
});
filterForm.addEventListener('submit', (event) => {
  event.preventDefault();
  restart();
});
filterForm.addEventListener('reset', () => setTimeout(() => restart(), 0));
filterForm.addEventListener('click', (event) => {
  const button = event.target.closest('[data-action="export"]');
  if (button) exportReports(button.getAttribute('data-format'), filters(), button);
});

document.querySelector('.charts').addEventListener('click', (event) => {
  const button = event.target.closest('[data-action="chart-filter"]');
  if (!button) return;
  const select = filterForm.elements[button.name];
  select.value = select.value === button.value ? '' : button.value;
  restart();
});

// ---- loading -------------------------------------------------------------------------------------

function restart() {
  state.offset = 0;
  refresh();
}

function refresh() {
  return Promise.all([loadList(), loadStats()]);
}

async function loadList() {
  const generation = ++state.listGeneration;
  saveToUrl(filterForm, state);
  try {
    const response = await send(withQuery('/api/feedback', { ...filters(), limit: state.limit, offset: state.offset }));
    const items = await response.json();
    if (generation !== state.listGeneration) return;
    const total = Number.parseInt(response.headers.get('X-Total-Count') ?? '', 10);
    const next = Number.parseInt(response.headers.get('X-Next-Offset') ?? '', 10);
    state.total = Number.isFinite(total) ? total : state.offset + items.length;
    state.nextOffset = Number.isFinite(next) ? next : null;
    if (items.length === 0 && state.offset > 0 && state.total > 0) {
      state.offset = 0; // a page past the end (reports were deleted, or an old link): show the first
      return loadList();
    }
    renderFeed(Array.isArray(items) ? items : []);
  } catch (error) {
    if (generation !== state.listGeneration) return;
    $('result-summary').textContent = 'Reports could not be loaded';
    showError(`Could not load reports: ${error.message}`);
  }
}

async function loadStats() {
  const generation = ++state.statsGeneration;
  try {
    const scoped = filters();
    const [filtered, all] = await Promise.all([
      call(withQuery('/api/stats', scoped)),
      filtersActive() ? call('/api/stats') : null,
    ]);
    if (generation !== state.statsGeneration) return;
    renderStats(filtered);
    const everything = all ?? filtered;
    fillSelect(filterForm.elements.server_name, everything.by_server, 'server_name', 'All servers');
    fillSelect(filterForm.elements.client_name, everything.by_client, 'client_name', 'All clients');
  } catch (error) {
    if (generation !== state.statsGeneration) return;
    showError(`Could not load statistics: ${error.message}`);
  }
}

function renderFeed(items) {
  const focus = rememberFocus();
  const openHistories = new Set([...feed.querySelectorAll('details.drafts[open]')]
    .map((details) => details.closest('li.card')?.getAttribute('data-id')));
  state.items = new Map(items.map((item) => [item.id, item]));
  const cards = items.map((item) => {
    const card = renderCard(item);
    if (state.fresh.has(item.id)) card.classList.add('fresh');
    if (openHistories.has(item.id)) card.querySelector('details.drafts').open = true;
    return card;
  });
  state.fresh.clear();
  if (cards.length === 0) cards.push(emptyState());
  feed.replaceChildren(...cards);
  restoreFocus(focus);
  renderSummary(items.length);
  if (state.offset === 0) setUnseen(0);
}

function emptyState() {
  const text = filtersActive()
    ? 'No reports match these filters.'
    : "No feedback yet. Agents haven't reported any gaps.";
  return el('li.empty', {}, el('p', {}, text),
    filtersActive() ? null : el('p.muted', {}, 'Wrap a server with patchwork proxy or add a drop-in: reports appear here as they arrive.'));
}

function renderSummary(count) {
  const first = count ? state.offset + 1 : 0;
  const last = state.offset + count;
  const noun = state.total === 1 ? 'report' : 'reports';
  $('result-summary').textContent = count
    ? `${number.format(state.total)} ${noun}${filtersActive() ? ' match' : ''}`
    : `0 ${filtersActive() ? 'matching ' : ''}reports`;
  $('page-info').textContent = count ? `${number.format(first)}–${number.format(last)} of ${number.format(state.total)}` : '';
  $('page-prev').disabled = state.offset === 0;
  $('page-next').disabled = state.nextOffset === null && last >= state.total;
}

function rememberFocus() {
  const active = document.activeElement;
  const card = active?.closest?.('li.card');
  if (!card || !feed.contains(card)) return null;
  return { id: card.getAttribute('data-id'), action: active.getAttribute('data-action') };
}

function restoreFocus(focus) {
  if (!focus) return;
  const card = [...feed.children].find((node) => node.getAttribute('data-id') === focus.id);
  const target = card && (focus.action
    ? [...card.querySelectorAll('[data-action]')].find((node) => node.getAttribute('data-action') === focus.action)
    : card.querySelector('button'));
  if (target) target.focus();
  else feed.focus();
}

// ---- paging --------------------------------------------------------------------------------------

$('page-prev').addEventListener('click', () => {
  state.offset = Math.max(0, state.offset - state.limit);
  loadList().then(() => feed.focus());
});
$('page-next').addEventListener('click', () => {
  state.offset = state.nextOffset ?? state.offset + state.limit;
  loadList().then(() => feed.focus());
});
$('page-size').addEventListener('change', (event) => {
  state.limit = Number.parseInt(event.target.value, 10) || DEFAULT_PAGE_SIZE;
  restart();
});

// ---- card actions --------------------------------------------------------------------------------

feed.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  const card = button?.closest('li.card');
  if (!card) return;
  const item = state.items.get(card.getAttribute('data-id'));
  if (!item) return;
  const action = button.getAttribute('data-action');
  if (action === 'review') toggleReviewed(item, button);
  else if (action === 'note') addNote(item);
  else if (action === 'delete') deleteReport(item);
  else if (action === 'draft') draftDialog.start(item, button);
});

// `toggle` does not bubble, so listen in the capture phase.
feed.addEventListener('toggle', (event) => {
  const details = event.target;
  if (!(details instanceof HTMLDetailsElement) || !details.classList.contains('drafts') || !details.open) return;
  const id = details.closest('li.card')?.getAttribute('data-id');
  if (id) loadDrafts(id, details);
}, true);

function itemPath(item, suffix = '') {
  return `/api/feedback/${encodeURIComponent(item.id)}${suffix}`;
}

async function toggleReviewed(item, button) {
  button.disabled = true;
  try {
    await call(itemPath(item), { method: 'PATCH', json: { reviewed: !item.reviewed } });
    await refresh();
  } catch (error) {
    showError(`Could not update the report: ${error.message}`);
    button.disabled = false;
  }
}

function addNote(item) {
  noteDialog.open(item.what_i_needed || '', async (content) => {
    await call(itemPath(item, '/notes'), { method: 'POST', json: { content } });
    refresh();
  });
}

async function deleteReport(item) {
  const summary = (item.what_i_needed || '').slice(0, 140);
  const sure = await confirmDelete(
    `The report from ${item.server_name || 'an unknown server'} ("${summary}") and its notes are removed for good.`);
  if (!sure) return;
  try {
    await call(itemPath(item), { method: 'DELETE' });
    showInfo('Report deleted.');
    if (state.items.size === 1 && state.offset > 0) state.offset = Math.max(0, state.offset - state.limit);
    await refresh();
  } catch (error) {
    showError(`Could not delete the report: ${error.message}`);
  }
}

async function loadDrafts(id, details) {
  try {
    const drafts = await call(`/api/feedback/${encodeURIComponent(id)}/drafts`);
    renderDrafts(details, Array.isArray(drafts) ? drafts : drafts?.drafts);
  } catch (error) {
    details.querySelector('.drafts-body').replaceChildren(el('p.form-error', {}, `Could not load drafts: ${error.message}`));
  }
}

// ---- live updates --------------------------------------------------------------------------------

let liveTimer = 0;

function onNewReport(item) {
  if (item && item.id) state.fresh.add(item.id);
  if (state.offset === 0) {
    clearTimeout(liveTimer);
    liveTimer = setTimeout(() => refresh(), 250);
  } else {
    setUnseen(state.unseen + 1);
    clearTimeout(liveTimer);
    liveTimer = setTimeout(() => loadStats(), 250);
  }
}

function setUnseen(count) {
  state.unseen = count;
  const button = $('new-reports');
  button.hidden = count === 0;
  button.textContent = `${count} new report${count === 1 ? '' : 's'}: show the newest`;
}

$('new-reports').addEventListener('click', () => {
  restart();
  feed.focus();
});

function setLive(text, kind, detail) {
  const pill = $('live-status');
  pill.textContent = text;
  pill.className = `pill ${kind}`;
  pill.setAttribute('title', detail);
}

// "/" jumps to the search box, as on many review tools, unless the user is typing somewhere.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target.closest?.('input, textarea, select, dialog, [contenteditable="true"]')) return;
  event.preventDefault();
  filterForm.elements.q.focus();
});

// ---- start ---------------------------------------------------------------------------------------

onKeyNeeded((reason) => askForAdminKey(reason));
$('forget-key').addEventListener('click', () => {
  forgetAdminKey();
  $('forget-key').hidden = true;
  showInfo('Admin key forgotten for this tab.');
});
setupThemeToggle($('theme-toggle'));
addOptions(filterForm.elements.gap_type, GAP_TYPES);
addOptions(filterForm.elements.resolution, RESOLUTIONS);
Object.assign(state, restoreFromUrl(filterForm));
$('page-size').value = String(state.limit);
settings.load();
refresh();
followEvents({ onReport: onNewReport, onStatus: setLive });
