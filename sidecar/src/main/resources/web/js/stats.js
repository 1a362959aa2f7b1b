// The stats cards and the two small bar charts, for whatever filter is active.
import { el, allowedClass } from './dom.js';
import { GAP_TYPES, RESOLUTIONS, label } from './labels.js';

const number = new Intl.NumberFormat();

export function renderStats(stats) {
  setText('stat-total', stats.total);
  setText('stat-unreviewed', stats.unreviewed);
  setText('stat-notes', stats.note_count);
  setText('stat-servers', Array.isArray(stats.by_server) ? stats.by_server.length : 0);
  renderBars('chart-gap', stats.by_gap_type, 'gap_type', GAP_TYPES, 'gap');
  renderBars('chart-resolution', stats.by_resolution, 'resolution', RESOLUTIONS, 'res');
}

function setText(id, value) {
  document.getElementById(id).textContent = typeof value === 'number' ? number.format(value) : '–';
}

/**
 * One row per known value, in the contract's order, so the charts keep their shape as counts change;
 * values outside the vocabulary are folded into the last row rather than given a class of their own.
 */
function renderBars(id, groups, field, vocabulary, prefix) {
  const counts = new Map(vocabulary.map((value) => [value, 0]));
  let unknown = 0;
  for (const group of Array.isArray(groups) ? groups : []) {
    if (counts.has(group[field])) counts.set(group[field], group.count);
    else unknown += group.count;
  }
  if (unknown && counts.has('other')) counts.set('other', counts.get('other') + unknown);
  const max = Math.max(1, ...counts.values());
  const rows = [...counts.entries()].map(([value, count]) => {
    const fill = el('span.bar-fill', { class: allowedClass(prefix, value, vocabulary) });
    fill.style.width = `${(count / max) * 100}%`; // CSSOM, allowed under style-src 'self'
    return el('li.bar-row', {},
      el('button.bar-button', {
        type: 'button',
        'data-action': 'chart-filter',
        name: field,
        value,
        title: `Show only ${label(value).toLowerCase()}`,
      },
      el('span.bar-label', {}, label(value)),
      el('span.bar-track', { 'aria-hidden': 'true' }, fill),
      el('span.bar-count', {}, number.format(count))));
  });
  if (unknown && !counts.has('other')) {
    rows.push(el('li.bar-row.bar-unknown', {}, el('span.bar-label', {}, 'Unrecognised'),
      el('span.bar-track', { 'aria-hidden': 'true' }), el('span.bar-count', {}, number.format(unknown))));
  }
  document.getElementById(id).replaceChildren(...rows);
}

/** Rebuilds a select's options from [{key, count}] keeping the current choice (even if now absent). */
export function fillSelect(select, groups, field, emptyLabel) {
  const current = select.value;
  const options = [el('option', { value: '' }, emptyLabel)];
  const seen = new Set();
  for (const group of Array.isArray(groups) ? groups : []) {
    const value = group[field];
    if (value === null || value === undefined || value === '' || seen.has(value)) continue;
    seen.add(value);
    options.push(el('option', { value }, `${value} (${number.format(group.count)})`));
  }
  if (current && !seen.has(current)) options.push(el('option', { value: current }, `${current} (0)`));
  select.replaceChildren(...options);
  select.value = current;
}
