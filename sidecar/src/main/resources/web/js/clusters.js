// The cluster view: clusters of similar reports by impact, one opened with its reports, and a reviewer's
// actions (resolve, reopen, mark reviewed, merge, move a report out, re-cluster). Agent text is text nodes only.
import { call, onKeyNeeded, send, withQuery } from './api.js';
import { $, el, append, clear, allowedClass, safeHttpUrl, formatTime, relativeTime } from './dom.js';
import { askForAdminKey } from './dialogs.js';
import { RESOLUTIONS, label } from './labels.js';
import { reportUrl } from './feed.js';
import { readEventStream, eventPayload } from './sse.js';
import { showError, showInfo } from './toast.js';

const PAGE = 20;
const state = { offset: 0, total: 0, items: [] };

onKeyNeeded((reason) => askForAdminKey(reason));

async function load() {
  const form = new FormData($('cluster-filters'));
  const query = { server_name: form.get('server_name'), status: form.get('status'), limit: PAGE, offset: state.offset };
  try {
    const response = await fetchList(query);
    state.items = response.items;
    state.total = response.total;
    render();
  } catch (error) {
    showError(error.message);
  }
}

async function fetchList(query) {
  const response = await send(withQuery('/api/clusters', query));
  return { items: await response.json(), total: Number(response.headers.get('X-Total-Count') || 0) };
}

function render() {
  const list = clear($('clusters'));
  $('cluster-summary').textContent = state.total === 1 ? '1 cluster' : `${state.total} clusters`;
  state.items.forEach((cluster) => list.appendChild(card(cluster)));
  if (!state.items.length) list.appendChild(el('li.empty', {}, 'No clusters yet: they appear as reports arrive.'));
  $('cluster-prev').disabled = state.offset === 0;
  $('cluster-next').disabled = state.offset + state.items.length >= state.total;
  const last = Math.min(state.total, state.offset + state.items.length);
  $('cluster-page').textContent = state.total ? `${state.offset + 1}–${last} of ${state.total}` : '';
}

function card(cluster) {
  const item = el('li.card', { 'data-id': cluster.id });
  append(item, [
    el('div.card-head', {},
      el('div.badges', {},
        el('span.badge.badge-server', { title: 'Server' }, cluster.server_name),
        el('span.badge', { class: cluster.status === 'resolved' ? 'badge-reviewed' : '' }, cluster.status),
        cluster.reopened ? el('span.badge.res-blocked', { title: `Reopened ${formatTime(cluster.reopened.at)}` }, 'reopened') : null),
      el('time.card-time', { datetime: cluster.last_seen, title: formatTime(cluster.last_seen) },
        `last ${relativeTime(cluster.last_seen)}`)),
    el('h3', {}, cluster.title || '(untitled)'),
    counts(cluster),
    severity(cluster.severity),
    el('div.actions', {}, el('button.btn.btn-small', { type: 'button', 'data-action': 'open', 'data-id': cluster.id }, 'Open')),
  ]);
  return item;
}

function counts(c) {
  const facts = [
    ['Reports', c.reports], ['Sessions', c.sessions], ['Clients', c.clients], ['Models', c.models],
    [label('blocked'), c.blocked], [label('partial'), c.partial], [label('worked_around'), c.worked_around], ['Unreviewed', c.unreviewed],
    ['First seen', formatTime(c.first_seen)],
  ];
  return el('dl.meta', {}, facts.map(([name, value]) =>
    el('div.meta-item', {}, el('dt.meta-name', {}, name), el('dd.meta-value', {}, String(value)))));
}

// Did the fix work: reports per day in the window before the cluster was resolved, and per day since.
function fixRate(rate) {
  if (!rate) return null;
  const perDay = (n) => `${n < 10 ? n.toFixed(1) : Math.round(n)}/day`;
  return el('p.hint', { title: `Resolved ${formatTime(rate.resolved_at)}` },
    `Report rate: ${perDay(rate.before_per_day)} in the ${rate.window_days} days before the fix (${rate.before}), `
      + `${perDay(rate.after_per_day)} since (${rate.after}).`);
}

function severity(s) {
  const factors = s.factors.map((f) => `${f.name} ${f.value} × ${f.weight} (${f.input})`).join(' · ');
  return el('p.hint', { title: 'Each factor: value in [0,1] × weight (input)' }, `Impact ${s.score} — ${factors}`);
}

async function open(id) {
  try {
    const cluster = await call(`/api/clusters/${encodeURIComponent(id)}`);
    if (draftShownFor !== id) $('cluster-draft').hidden = true;
    $('cluster-title').textContent = cluster.title || 'Cluster';
    const body = clear($('cluster-body'));
    append(body, [counts(cluster), fixRate(cluster.fix_rate), severity(cluster.severity), actions(cluster), tools(cluster.tools),
      suggestions(cluster.suggestions), reports(cluster), history(cluster.events)]);
    if (!$('cluster-dialog').open) $('cluster-dialog').showModal();
  } catch (error) {
    showError(error.message);
  }
}

function actions(cluster) {
  const others = state.items.filter((c) => c.id !== cluster.id && c.server_name === cluster.server_name);
  const merge = el('select', { name: 'merge-from', 'aria-label': 'Cluster to merge into this one' },
    el('option', { value: '' }, 'Merge another cluster into this one…'),
    others.map((c) => el('option', { value: c.id }, `${c.title} (${c.reports})`)));
  merge.addEventListener('change', () => merge.value && act(cluster.id, 'merge', { from: merge.value }));
  const pr = safeHttpUrl(cluster.resolved_pr_url);
  return el('div.actions', {},
    cluster.status === 'resolved'
      ? el('button.btn.btn-small', { type: 'button', 'data-action': 'reopen', 'data-id': cluster.id }, 'Reopen')
      : el('button.btn.btn-small.btn-primary', { type: 'button', 'data-action': 'resolve', 'data-id': cluster.id }, 'Mark resolved…'),
    el('button.btn.btn-small', { type: 'button', 'data-action': 'review', 'data-id': cluster.id }, 'Mark all reviewed'),
    el('button.btn.btn-small', { type: 'button', 'data-action': 'draft', 'data-id': cluster.id }, 'Draft one PR for all'),
    others.length ? merge : null,
    pr ? el('a.btn-link', { href: pr, rel: 'noopener noreferrer', target: '_blank' }, 'Fixed by') : null);
}

function tools(list) {
  if (!list.length) return null;
  return el('div', {}, el('h3.section-label', {}, 'Tools involved'),
    el('ul.chips', {}, list.map((t) => el('li.chip', {}, `${t.name} × ${t.reports}`))));
}

function suggestions(list) {
  if (!list.length) return null;
  return el('div', {}, el('h3.section-label', {}, 'Suggestions side by side'),
    el('ul.note-list', {}, list.map((s) => el('li.note', {},
      el('p.note-text', {}, s.suggestion),
      el('span.note-time', {}, [s.client_name, s.agent_model, s.session_id].filter(Boolean).join(' · '))))));
}

function reports(cluster) {
  return el('div', {}, el('h3.section-label', {}, `Reports (${cluster.items.length} shown)`),
    el('ol.feed', {}, cluster.items.map((r) => el('li.card', { class: r.reviewed ? 'reviewed' : '' },
      el('div.badges', {},
        r.resolution ? el('span.badge', { class: allowedClass('res', r.resolution, RESOLUTIONS) }, label(r.resolution)) : null,
        el('span.badge', { title: 'Similarity to the centroid' }, `similarity ${r.similarity}`)),
      el('p', {}, el('strong', {}, 'Needed: '), r.what_i_needed),
      el('p', {}, el('strong', {}, 'Tried: '), r.what_i_tried),
      r.notes.length ? el('ul.note-list', {}, r.notes.map((n) => el('li.note', {}, el('p.note-text', {}, n.content)))) : null,
      el('div.actions', {}, el('a.btn.btn-small.report-link', { href: reportUrl(r.id) }, 'Open report'),
        el('button.btn.btn-small.btn-quiet',
        { type: 'button', 'data-action': 'move-out', 'data-id': `${cluster.id}/${r.id}` }, 'Move out of this cluster'))))));
}

function history(events) {
  return el('div', {}, el('h3.section-label', {}, 'History'),
    el('ul.note-list', {}, events.map((e) => el('li.note', {},
      el('span.note-time', {}, `${formatTime(e.timestamp)} · ${e.kind}`), el('p.note-text', {}, e.detail)))));
}

async function act(id, action, json) {
  const paths = {
    resolve: ['PATCH', ''], reopen: ['PATCH', ''], review: ['PATCH', ''], merge: ['POST', '/merge'],
  };
  const [method, suffix] = paths[action];
  try {
    await call(`/api/clusters/${encodeURIComponent(id)}${suffix}`, { method, json });
    showInfo('Saved.');
    await load();
    await open(id);
  } catch (error) {
    showError(error.message);
  }
}

const drafting = new Set();
let draftShownFor = null;

/** Drafts one PR for the cluster and shows its progress as it streams (the report page's SSE parser). */
async function draft(button, id) {
  if (drafting.has(id)) return;
  drafting.add(id);
  button.disabled = true;
  button.textContent = 'Drafting…';
  const log = clear($('cluster-draft-log'));
  const link = $('cluster-draft-link');
  link.hidden = true;
  link.removeAttribute('href');
  $('cluster-draft').hidden = false;
  draftShownFor = id;
  log.classList.add('log-working');
  const line = (kind, text) => {
    log.appendChild(el('li.log-line', { class: `log-${kind}` }, text));
    log.scrollTop = log.scrollHeight;
  };
  let outcome = 'failed';
  let sawError = false;
  try {
    const response = await send(`/api/clusters/${encodeURIComponent(id)}/draft-pr`,
      { method: 'POST', json: {}, accept: 'text/event-stream' });
    await readEventStream(response, (event) => {
      const payload = eventPayload(event);
      if (event.type === 'done') {
        outcome = 'done';
        const url = safeHttpUrl(payload?.pr_url);
        line('done', url ? `PR created: ${url}` : `Committed ${payload?.commit ?? ''} on branch ${payload?.branch ?? ''}`);
        if (url) {
          link.setAttribute('href', url);
          link.hidden = false;
        }
      } else if (event.type === 'error') {
        sawError = true;
        line('error', textOf(payload));
      } else if (event.type === 'step' || event.type === 'detail') {
        line(event.type, textOf(payload));
      }
    });
    if (outcome !== 'done' && !sawError) line('error', 'The stream ended without a result. Check the sidecar log.');
  } catch (error) {
    line('error', error.message);
  } finally {
    drafting.delete(id);
    log.classList.remove('log-working');
    button.disabled = false;
    button.textContent = outcome === 'done' ? 'Draft again' : 'Draft one PR for all';
  }
}

function textOf(payload) {
  if (typeof payload === 'string') return payload;
  if (payload && typeof payload.message === 'string') return payload.message;
  if (payload && typeof payload.detail === 'string') return payload.detail;
  return JSON.stringify(payload);
}

document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const id = button.getAttribute('data-id');
  switch (button.getAttribute('data-action')) {
    case 'open': return open(id);
    case 'resolve': {
      const url = window.prompt('URL of the pull request that fixed it (optional):', '');
      if (url === null) return undefined;
      return act(id, 'resolve', { status: 'resolved', pr_url: url.trim() });
    }
    case 'reopen': return act(id, 'reopen', { status: 'open' });
    case 'review': return act(id, 'review', { reviewed: true });
    case 'draft': return draft(button, id);
    case 'move-out': {
      const [clusterId, reportId] = id.split('/');
      try {
        await call(`/api/clusters/${encodeURIComponent(clusterId)}/reports/${encodeURIComponent(reportId)}/move`,
          { method: 'POST', json: { to: null } });
        showInfo('Moved to a cluster of its own.');
        await load();
        return open(clusterId);
      } catch (error) {
        return showError(error.message);
      }
    }
    default: return undefined;
  }
});

$('recluster').addEventListener('click', async () => {
  try {
    const result = await call('/api/clusters/recluster', { method: 'POST', json: {} });
    showInfo(`Re-clustered ${result.reports} reports into ${result.clusters_after} clusters.`);
    state.offset = 0;
    await load();
  } catch (error) {
    showError(error.message);
  }
});

$('cluster-filters').addEventListener('change', () => { state.offset = 0; load(); });
$('cluster-prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); load(); });
$('cluster-next').addEventListener('click', () => { state.offset += PAGE; load(); });

async function servers() {
  try {
    const stats = await call('/api/stats');
    const select = document.querySelector('#cluster-filters select[name="server_name"]');
    stats.by_server.forEach((s) => select.appendChild(el('option', { value: s.server_name }, s.server_name)));
  } catch (error) {
    showError(error.message);
  }
}

servers();
load();
