// Short messages in a live region: errors stay until dismissed, confirmations fade after a few seconds.
import { el } from './dom.js';

const region = () => document.getElementById('toasts');

export function showError(message) {
  show(message, 'toast-error', 0);
}

export function showInfo(message) {
  show(message, 'toast-info', 4000);
}

function show(message, kind, lifetimeMs) {
  const close = el('button.toast-close', { type: 'button', 'aria-label': 'Dismiss' }, '×');
  const toast = el('div.toast', { class: kind, role: kind === 'toast-error' ? 'alert' : 'status' },
    el('span.toast-text', {}, message), close);
  close.addEventListener('click', () => toast.remove());
  region().appendChild(toast);
  while (region().children.length > 4) region().firstElementChild.remove();
  if (lifetimeMs > 0) setTimeout(() => toast.remove(), lifetimeMs);
}
