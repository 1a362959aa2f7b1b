// New reports without a reload: follows GET /api/events (fetch, so the admin key can be sent) and
// reconnects with backoff when the stream ends or fails.
import { send } from './api.js';
import { readEventStream, eventPayload } from './sse.js';

/** Runs until the API refuses the key; onStatus(text, pillClass, detail) reports the connection state. */
export async function followEvents({ onReport, onStatus }) {
  let delay = 1000;
  for (;;) {
    try {
      const response = await send('/api/events', { accept: 'text/event-stream' });
      onStatus('Live', 'pill-good', 'New reports appear as they arrive');
      delay = 1000;
      await readEventStream(response, (event) => {
        if (event.type === 'feedback') onReport(eventPayload(event));
      });
      onStatus('Reconnecting…', 'pill-muted', 'The live stream ended; reconnecting');
    } catch (error) {
      onStatus('Offline', 'pill-bad', `Live updates paused: ${error.message}`);
      if (error.status === 401 || error.status === 403) return;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 15000);
  }
}
