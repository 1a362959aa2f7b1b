// The filter form: its values as API query parameters, and the address bar that keeps them across reloads.
import { el } from './dom.js';

const NAMES = ['q', 'server_name', 'gap_type', 'resolution', 'client_name', 'reviewed', 'inferred', 'since', 'until'];
export const PAGE_SIZES = [20, 50, 100];
export const DEFAULT_PAGE_SIZE = 50;

/** The API query for the form: empty values mean "no filter"; dates become local-day bounds in UTC. */
export function filterQuery(form) {
  const fields = form.elements;
  return {
    q: fields.q.value.trim(),
    server_name: fields.server_name.value,
    gap_type: fields.gap_type.value,
    resolution: fields.resolution.value,
    client_name: fields.client_name.value,
    reviewed: fields.reviewed.value,
    inferred: fields.inferred.value,
    since: localDay(fields.since.value, false),
    until: localDay(fields.until.value, true),
  };
}

export function filtersActive(form) {
  return Object.values(filterQuery(form)).some((value) => value !== '');
}

/** A yyyy-mm-dd from a date input as the UTC instant of the start (or end) of that local day. */
function localDay(value, endOfDay) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return '';
  const [, year, month, day] = match.map(Number);
  const date = endOfDay ? new Date(year, month - 1, day, 23, 59, 59, 999) : new Date(year, month - 1, day);
  return date.toISOString();
}

/** Writes the form, page and page size to the address bar (replacing, so Back still leaves the page). */
export function saveToUrl(form, { offset, limit }) {
  const params = new URLSearchParams();
  for (const name of NAMES) {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  }
  if (offset) params.set('offset', String(offset));
  if (limit !== DEFAULT_PAGE_SIZE) params.set('limit', String(limit));
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

/** Fills the form from the address bar; returns the page window found there. */
export function restoreFromUrl(form) {
  const params = new URLSearchParams(location.search);
  for (const name of NAMES) {
    const value = params.get(name);
    if (!value) continue;
    const control = form.elements[name];
    if (control.tagName === 'SELECT' && ![...control.options].some((option) => option.value === value)) {
      control.appendChild(el('option', { value }, value));
    }
    control.value = value;
  }
  const limit = Number.parseInt(params.get('limit') ?? '', 10);
  const offset = Number.parseInt(params.get('offset') ?? '', 10);
  return {
    limit: PAGE_SIZES.includes(limit) ? limit : DEFAULT_PAGE_SIZE,
    offset: Number.isFinite(offset) && offset > 0 ? offset : 0,
  };
}
