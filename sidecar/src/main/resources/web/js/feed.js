// One card per report. Everything the agent wrote is rendered as text nodes; classes come from allow-lists.
import { el, append, allowedClass, safeHttpUrl, formatTime, relativeTime, formatBytes } from './dom.js';
import { GAP_TYPES, RESOLUTIONS, label } from './labels.js';

const DRAFT_STATUSES = ['running', 'succeeded', 'failed'];
const MAX_TIMELINE = 25;

/** Renders a report as an <li> with data-id; buttons carry data-action for the page's delegation. */
export function renderCard(item) {
  const card = el('li.card', { 'data-id': item.id, class: item.reviewed ? 'reviewed' : '' });
  const article = el('article', { 'aria-label': `Report from ${item.server_name || 'unknown server'}` });
  append(article, [
    header(item),
    fields(item),
    meta(item),
    tools(item.tools_available),
    timeline(item.context),
    extraContext(item.context),
    notes(item.notes),
    draftHistory(),
    actions(item),
  ]);
  card.appendChild(article);
  return card;
}

/** What the badge of a report inferred from call records says on hover: the rule and how sure it is. */
function inferredTitle(inference) {
  if (!inference || typeof inference !== 'object') return 'Inferred from call records';
  const confidence = Number(inference.confidence);
  const sure = Number.isFinite(confidence) ? `, confidence ${Math.round(confidence * 100)}%` : '';
  return `Inferred from call records by the rule ${String(inference.rule ?? '?')}${sure}; not written by an agent`;
}

function header(item) {
  const badges = el('div.badges',
    {},
    el('span.badge.badge-server', { title: 'Server' }, item.server_name || '(no server name)'),
    el('span.badge', { class: allowedClass('gap', item.gap_type, GAP_TYPES), title: 'Gap type' }, label(item.gap_type)),
    item.resolution
      ? el('span.badge', { class: allowedClass('res', item.resolution, RESOLUTIONS), title: 'Resolution' },
        label(item.resolution))
      : null,
    item.source === 'inferred'
      ? el('span.badge.badge-inferred', { title: inferredTitle(item.context?.inference) }, 'inferred')
      : item.source ? el('span.badge.badge-source', { title: 'Reported through' }, item.source) : null,
    item.reviewed ? el('span.badge.badge-reviewed', {}, 'Reviewed') : null,
  );
  const time = el('time.card-time', { datetime: item.timestamp, title: formatTime(item.timestamp) },
    relativeTime(item.timestamp) || formatTime(item.timestamp));
  return el('header.card-head', {}, badges, time);
}

function fields(item) {
  const list = el('dl.fields');
  const add = (name, value, always = false) => {
    if (!always && !value) return;
    list.append(el('dt', {}, name), el('dd', {}, value || '—'));
  };
  add('What they needed', item.what_i_needed, true);
  add('What they tried', item.what_i_tried, true);
  add('Suggestion', item.suggestion);
  add('User goal', item.user_goal);
  return list;
}

function meta(item) {
  const entries = [];
  const add = (name, value) => {
    if (value) entries.push(el('span.meta-item', {}, el('span.meta-name', {}, name), ' ', el('span.meta-value', {}, value)));
  };
  add('Model', item.agent_model);
  const client = [item.client_name, item.client_version].filter(Boolean).join(' ');
  add('Client', client && item.client_type && item.client_type !== item.client_name
    ? `${client} (${item.client_type})` : client || item.client_type);
  add('Session', item.session_id);
  add('Protocol', item.protocol_version);
  add('User agent', item.user_agent);
  entries.push(el('span.meta-item', {}, el('span.meta-name', {}, 'ID'), ' ',
    el('a.meta-value.report-link', { href: reportUrl(item.id), title: 'This report on a page of its own' }, item.id)));
  return el('div.meta', {}, entries);
}

/** The address of a report's own page, /reports/{id}. */
export function reportUrl(id) {
  return new URL(`/reports/${encodeURIComponent(id)}`, window.location.origin).href;
}

function tools(list) {
  if (!Array.isArray(list) || list.length === 0) return null;
  return el('div.tools', {},
    el('span.section-label', {}, `Tools available (${list.length})`),
    el('ul.chips', {}, list.map((tool) => el('li.chip', {}, toolName(tool)))));
}

function toolName(tool) {
  if (typeof tool === 'string') return tool;
  if (tool && typeof tool.name === 'string') return tool.name;
  return JSON.stringify(tool);
}

function timeline(context) {
  const calls = context && Array.isArray(context.recent_calls) ? context.recent_calls : [];
  if (calls.length === 0) return null;
  const shown = calls.slice(-MAX_TIMELINE);
  return el('div.timeline-box', {},
    el('span.section-label', {}, `Recent tool calls (${calls.length}, oldest first)`),
    el('ol.timeline', {}, shown.map((call) => timelineEntry(call ?? {}))));
}

function timelineEntry(call) {
  const failed = call.is_error === true;
  const facts = [
    typeof call.latency_ms === 'number' ? `${Math.round(call.latency_ms)} ms` : '',
    formatBytes(call.arguments_bytes),
  ].filter(Boolean).join(' · ');
  const title = [
    String(call.tool ?? '?'),
    failed ? 'returned an error' : 'succeeded',
    facts,
    call.at ? formatTime(call.at) : '',
  ].filter(Boolean).join(' — ');
  return el('li.call', { class: failed ? 'call-error' : 'call-ok', title },
    el('span.call-mark', { 'aria-hidden': 'true' }, failed ? '✕' : '✓'),
    el('span.call-tool', {}, String(call.tool ?? '?')),
    facts ? el('span.call-facts', {}, facts) : null,
    failed ? el('span.visually-hidden', {}, ' (error)') : null);
}

function extraContext(context) {
  if (!context || typeof context !== 'object') return null;
  const rest = Object.fromEntries(Object.entries(context).filter(([key]) => key !== 'recent_calls'));
  if (Object.keys(rest).length === 0) return null;
  return el('details.context', {},
    el('summary', {}, 'Context attached by the reporter'),
    el('pre.context-json', {}, JSON.stringify(rest, null, 2)));
}

function notes(list) {
  const items = Array.isArray(list) ? list : [];
  if (items.length === 0) return null;
  return el('section.notes', {},
    el('h3.section-label', {}, `Notes (${items.length})`),
    el('ol.note-list', {}, items.map((note) =>
      el('li.note', {},
        el('time.note-time', { datetime: note.timestamp }, formatTime(note.timestamp)),
        el('p.note-text', {}, note.content)))));
}

/** Filled on first opening by the page (GET /api/feedback/{id}/drafts), see renderDrafts. */
function draftHistory() {
  return el('details.drafts', { 'data-action': 'drafts' },
    el('summary', {}, 'Draft history'),
    el('div.drafts-body', {}, el('p.muted', {}, 'Loading…')));
}

/** Fills an open "Draft history" element with the drafts the API returned. */
export function renderDrafts(details, drafts) {
  const body = details.querySelector('.drafts-body');
  body.replaceChildren();
  if (!Array.isArray(drafts) || drafts.length === 0) {
    body.append(el('p.muted', {}, 'No PR drafted for this report yet.'));
    return;
  }
  body.append(el('ol.draft-list', {}, drafts.map((draft) => {
    const link = safeHttpUrl(draft.pr_url);
    return el('li.draft', {},
      el('span.badge', { class: allowedClass('draft', draft.status, DRAFT_STATUSES) }, draft.status || 'unknown'),
      el('time', { datetime: draft.created_at }, formatTime(draft.created_at)),
      el('span.draft-meta', {}, [draft.provider, draft.model].filter(Boolean).join(' · ')),
      draft.branch ? el('code.draft-branch', {}, draft.branch) : null,
      draft.commit_sha ? el('code.draft-branch', { title: draft.commit_sha }, String(draft.commit_sha).slice(0, 12)) : null,
      draft.input_tokens || draft.output_tokens
        ? el('span.draft-meta', {}, `${draft.input_tokens ?? 0} in / ${draft.output_tokens ?? 0} out tokens`) : null,
      link ? el('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, 'PR →') : null,
      draft.error ? el('span.draft-error', {}, draft.error) : null);
  })));
}

function actions(item) {
  const prLink = safeHttpUrl(item.pr_url);
  return el('div.actions', {},
    el('button.btn.btn-small', { type: 'button', 'data-action': 'review' }, item.reviewed ? 'Unmark reviewed' : 'Mark reviewed'),
    el('button.btn.btn-small', { type: 'button', 'data-action': 'note' }, 'Add note'),
    el('button.btn.btn-small', { type: 'button', 'data-action': 'draft', class: item.pr_url ? '' : 'btn-primary' },
      item.pr_url ? 'Re-draft' : 'Draft PR'),
    prLink ? el('a.btn.btn-small.btn-link', { href: prLink, target: '_blank', rel: 'noopener noreferrer' }, 'View PR →') : null,
    el('span.spacer'),
    el('button.btn.btn-small.btn-danger-quiet', { type: 'button', 'data-action': 'delete' }, 'Delete'));
}
