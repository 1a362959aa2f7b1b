// Export of the current filter: fetched with the admin key, then saved through a Blob (a plain link could
// not carry the Authorization header).
import { send, withQuery } from './api.js';
import { el } from './dom.js';
import { showError } from './toast.js';

export async function exportReports(format, query, button) {
  button.disabled = true;
  try {
    const accept = format === 'csv' ? 'text/csv' : 'application/json';
    const response = await send(withQuery('/api/export', { format, ...query }), { accept });
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = el('a', { download: fileName(response, format) });
    link.href = url; // a blob: URL of our own, which the http(s)-only href rule of el() rightly refuses
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (error) {
    showError(`Export failed: ${error.message}`);
  } finally {
    button.disabled = false;
  }
}

function fileName(response, format) {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename="?([A-Za-z0-9._-]+)"?/.exec(disposition);
  if (match) return match[1];
  return `patchwork-feedback-${new Date().toISOString().slice(0, 10)}.${format}`;
}
