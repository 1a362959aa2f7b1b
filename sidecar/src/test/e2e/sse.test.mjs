// Unit tests of the dashboard's event-stream parser (web/js/sse.js), run with node --test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

// The page's module has no package.json saying it is ESM, so load its text as an ES module directly
// (works on every Node version, without --experimental-detect-module).
const source = await readFile(new URL('../../main/resources/web/js/sse.js', import.meta.url), 'utf8');
const { SseParser, eventPayload, readEventStream } =
  await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);

function parse(chunks) {
  const events = [];
  const parser = new SseParser((event) => events.push(event));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return events.map(({ type, data }) => ({ type, data }));
}

const STREAM =
  'event: step\ndata: "Fetching file tree from o/r..."\n\n' +
  ': heartbeat\n\n' +
  'event: detail\ndata: "  read src/app.py"\n\n' +
  'event: done\ndata: {"pr_url":"https://github.com/o/r/pull/7","branch":"patchwork/x"}\n\n';

const EXPECTED = [
  { type: 'step', data: '"Fetching file tree from o/r..."' },
  { type: 'detail', data: '"  read src/app.py"' },
  { type: 'done', data: '{"pr_url":"https://github.com/o/r/pull/7","branch":"patchwork/x"}' },
];

test('parses a whole stream in one chunk', () => {
  assert.deepEqual(parse([STREAM]), EXPECTED);
});

test('keeps the event name when a chunk ends between the event line and its data line', () => {
  const cut = STREAM.indexOf('data: {"pr_url"');
  assert.deepEqual(parse([STREAM.slice(0, cut), STREAM.slice(cut)]), EXPECTED);
});

test('gives the same events whichever single place the stream is cut at', () => {
  for (let cut = 0; cut <= STREAM.length; cut++) {
    assert.deepEqual(parse([STREAM.slice(0, cut), STREAM.slice(cut)]), EXPECTED, `cut at ${cut}`);
  }
});

test('gives the same events when fed one character at a time', () => {
  assert.deepEqual(parse([...STREAM]), EXPECTED);
});

test('accepts CRLF and lone CR line endings, also with the CRLF pair split across chunks', () => {
  const crlf = STREAM.replaceAll('\n', '\r\n');
  for (let cut = 0; cut <= crlf.length; cut++) {
    assert.deepEqual(parse([crlf.slice(0, cut), crlf.slice(cut)]), EXPECTED, `cut at ${cut}`);
  }
  assert.deepEqual(parse([STREAM.replaceAll('\n', '\r')]), EXPECTED);
});

test('joins several data lines with a newline and defaults the type to message', () => {
  assert.deepEqual(parse(['data: one\ndata:two\ndata\n\n']), [{ type: 'message', data: 'one\ntwo\n' }]);
});

test('ignores comments, unknown fields, retry and blocks without data', () => {
  assert.deepEqual(parse([': hi\nretry: 10\nfoo: bar\nevent: step\n\nevent: x\ndata: y\n\n']), [
    { type: 'x', data: 'y' },
  ]);
});

test('drops an event whose closing blank line never came', () => {
  assert.deepEqual(parse(['event: step\ndata: "a"\n\nevent: done\ndata: {}\n']), [{ type: 'step', data: '"a"' }]);
});

test('reads a fetch body with a multi-byte character split between two reads', async () => {
  const bytes = new TextEncoder().encode('event: step\ndata: "Committing: café ✓"\n\n');
  const split = bytes.indexOf(0xc3) + 1; // inside the two bytes of é
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, split));
      controller.enqueue(bytes.slice(split));
      controller.close();
    },
  });
  const events = [];

  await readEventStream(new Response(body), (event) => events.push(event));

  assert.equal(events.length, 1);
  assert.equal(eventPayload(events[0]), 'Committing: café ✓');
});

test('payload falls back to the raw text when data is not JSON', () => {
  assert.equal(eventPayload({ data: 'plain words' }), 'plain words');
  assert.deepEqual(eventPayload({ data: '{"branch":"b"}' }), { branch: 'b' });
});
