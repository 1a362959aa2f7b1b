// Server-sent events over fetch: a parser that follows the WHATWG event-stream rules and keeps its state
// across network chunks (the Python original reset the event name per chunk and lost events split over
// two reads). Pure: no DOM, so node --test covers it.

/** Parses `text/event-stream` text fed in arbitrary pieces and calls onEvent({type, data, id}). */
export class SseParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.line = '';
    this.skipLineFeed = false;
    this.type = '';
    this.data = [];
    this.lastId = '';
  }

  /** Feeds decoded text; a line, a CRLF pair or a field may be split anywhere. */
  push(text) {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\n' && ch !== '\r') continue;
      if (ch === '\n' && this.skipLineFeed && i === start && this.line === '') {
        this.skipLineFeed = false;
        start = i + 1;
        continue;
      }
      this.line += text.slice(start, i);
      this.skipLineFeed = ch === '\r';
      this.processLine(this.line);
      this.line = '';
      start = i + 1;
    }
    if (start < text.length) {
      this.skipLineFeed = false;
      this.line += text.slice(start);
    }
  }

  /** The stream ended: an event without its closing blank line is discarded, as the spec says. */
  end() {
    this.line = '';
    this.type = '';
    this.data = [];
  }

  processLine(line) {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.type = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      default:
        break; // retry and unknown fields are ignored
    }
  }

  dispatch() {
    if (this.data.length === 0) {
      this.type = '';
      return;
    }
    const event = { type: this.type || 'message', data: this.data.join('\n'), id: this.lastId };
    this.type = '';
    this.data = [];
    this.onEvent(event);
  }
}

/** The event's data as JSON when it is JSON, else the raw text (step lines may be either). */
export function eventPayload(event) {
  try {
    return JSON.parse(event.data);
  } catch {
    return event.data;
  }
}

/**
 * Reads a fetch Response body as an event stream until it ends or the signal aborts. UTF-8 is decoded in
 * streaming mode so a character split across chunks survives.
 */
export async function readEventStream(response, onEvent) {
  const parser = new SseParser(onEvent);
  const decoder = new TextDecoder('utf-8');
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
  } finally {
    parser.end();
    reader.releaseLock();
  }
}
