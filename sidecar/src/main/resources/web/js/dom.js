// DOM building without HTML strings. Every piece of agent text goes through text nodes; attributes are set
// only from a fixed list of safe names; classes and links are checked here, once.

const SAFE_ATTRIBUTES = new Set([
  'id', 'type', 'name', 'value', 'title', 'role', 'tabindex', 'for', 'datetime', 'placeholder',
  'autocomplete', 'hidden', 'disabled', 'rel', 'target', 'download', 'min', 'max', 'rows',
  'aria-label', 'aria-expanded', 'aria-controls', 'aria-live', 'aria-hidden', 'aria-pressed',
  'aria-describedby', 'aria-current', 'aria-labelledby', 'data-id', 'data-action', 'method', 'required',
]);

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/**
 * Creates an element: el('div.card.reviewed', {title: 'x'}, child, 'text', [more]). Class names come from
 * the tag string or the `class` option and must be literals or allow-listed values, never agent data.
 */
export function el(spec, attributes = {}, ...children) {
  const [tag, ...classes] = spec.split('.');
  const node = document.createElement(tag);
  if (classes.length) node.classList.add(...classes);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') {
      node.classList.add(...String(value).split(' ').filter(Boolean));
    } else if (name === 'href') {
      const safe = safeHttpUrl(value);
      if (safe) node.setAttribute('href', safe);
    } else if (SAFE_ATTRIBUTES.has(name)) {
      node.setAttribute(name, value === true ? '' : String(value));
    } else {
      throw new Error(`el(): attribute ${name} is not on the safe list`);
    }
  }
  append(node, children);
  return node;
}

/** Appends strings as text nodes and nodes as themselves; arrays are flattened; null/false skipped. */
export function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** The URL as a string when it parses and is http(s), else null (javascript:, data:, garbage). */
export function safeHttpUrl(value) {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Picks a CSS class from an allow-list: the value itself only when it is a known key. */
export function allowedClass(prefix, value, allowed, fallback = 'other') {
  return `${prefix}-${allowed.includes(value) ? value : fallback}`;
}

export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? '');
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function relativeTime(iso) {
  const date = new Date(iso);
  const seconds = (Date.now() - date.getTime()) / 1000;
  if (Number.isNaN(seconds)) return '';
  if (seconds < 45) return 'just now';
  const units = [
    ['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60],
  ];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(-Math.round(seconds / 60), 'minute');
}

export function formatBytes(bytes) {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  return `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} KB`;
}
