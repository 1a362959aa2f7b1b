// The Tools page: per-tool calls, errors and latency of one server from /api/tools, and a plain SVG chart of
// calls and errors per hour from /api/tools/hours. Tool and server names are agent-controlled: text nodes only.
import { askForAdminKey } from './dialogs.js';
import { call, onKeyNeeded, withQuery } from './api.js';
import { $, el, append, clear, formatTime, relativeTime } from './dom.js';
import { showError } from './toast.js';

const SVG = 'http://www.w3.org/2000/svg';
const HOUR = 3600 * 1000;
const MAX_BARS = 720;

onKeyNeeded((reason) => askForAdminKey(reason));

function filters() {
  const form = new FormData($('tool-filters'));
  const hours = Number(form.get('period'));
  const since = hours ? new Date(Date.now() - hours * HOUR).toISOString() : '';
  return { server_name: form.get('server_name'), since, client_name: form.get('client_name').trim() };
}

async function loadServers() {
  const servers = await call('/api/tools/servers');
  const select = clear($('tool-filters').elements.server_name);
  servers.forEach((name) => select.appendChild(el('option', { value: name }, name)));
  const wanted = new URLSearchParams(location.search).get('server_name');
  if (wanted && servers.includes(wanted)) select.value = wanted;
  return servers.length > 0;
}

async function load() {
  const query = filters();
  if (!query.server_name) {
    $('tool-summary').textContent = 'No call records yet: they arrive from the proxy as agents call tools.';
    return;
  }
  try {
    const [tools, hours] = await Promise.all([
      call(withQuery('/api/tools', query)),
      call(withQuery('/api/tools/hours', query)),
    ]);
    renderTable(tools);
    renderChart(hours, query.since);
  } catch (error) {
    showError(error.message);
  }
}

function renderTable(tools) {
  const body = clear($('tools').tBodies[0]);
  const called = tools.filter((tool) => tool.calls > 0).length;
  const never = tools.length - called;
  const advertising = tools.some((tool) => tool.advertised);
  $('tool-summary').textContent = `${called} ${called === 1 ? 'tool' : 'tools'} called`
    + (never ? `, ${never} advertised and never called` : '');
  for (const tool of tools) {
    const row = el('tr', { class: tool.calls === 0 ? 'never-called' : '' });
    append(row, [
      el('td', {}, el('span.tool-name', {}, tool.tool),
        advertising && !tool.advertised ? el('span.badge', { title: 'Not in the server\'s tools/list' }, 'not advertised') : null),
      el('td.num', {}, String(tool.calls)),
      el('td.num', {}, String(tool.errors)),
      el('td.num', { class: tool.error_rate >= 0.2 ? 'high-errors' : '' }, `${(tool.error_rate * 100).toFixed(1)}%`),
      el('td.num', {}, ms(tool.p50_ms)),
      el('td.num', {}, ms(tool.p95_ms)),
      el('td', {}, tool.last_called_at
        ? el('time', { datetime: tool.last_called_at, title: formatTime(tool.last_called_at) }, relativeTime(tool.last_called_at))
        : 'never'),
    ]);
    body.appendChild(row);
  }
}

function ms(value) {
  return value === null || value === undefined ? '–' : `${value} ms`;
}

/** One slot per hour (per day past 30 days), zeros where nothing was called. */
function slots(hours, since) {
  const first = since ? Math.floor(Date.parse(since) / HOUR) * HOUR : hours.length ? Date.parse(hours[0].hour) : Date.now();
  const last = Math.floor(Date.now() / HOUR) * HOUR;
  const width = (last - first) / HOUR + 1 > MAX_BARS ? 24 * HOUR : HOUR;
  const count = Math.max(1, Math.floor((last - first) / width) + 1);
  const result = Array.from({ length: count }, (_, i) => ({ at: first + i * width, calls: 0, errors: 0 }));
  for (const hour of hours) {
    const index = Math.floor((Date.parse(hour.hour) - first) / width);
    if (index >= 0 && index < count) {
      result[index].calls += hour.calls;
      result[index].errors += hour.errors;
    }
  }
  return result;
}

function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

function renderChart(hours, since) {
  const data = slots(hours, since);
  const width = 1000;
  const height = 160;
  const top = Math.max(1, ...data.map((slot) => slot.calls));
  const step = width / data.length;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': 'Calls and errors over time',
  });
  chart.appendChild(svg('line', { x1: 0, y1: height, x2: width, y2: height, class: 'axis' }));
  data.forEach((slot, i) => {
    if (!slot.calls) return;
    const x = i * step;
    const callsHeight = (slot.calls / top) * height;
    const bar = svg('rect', { x, y: height - callsHeight, width: Math.max(1, step * 0.8), height: callsHeight, class: 'bar-calls' });
    const title = svg('title');
    title.textContent = `${formatTime(new Date(slot.at).toISOString())}: ${slot.calls} calls, ${slot.errors} errors`;
    bar.appendChild(title);
    chart.appendChild(bar);
    if (slot.errors) {
      const errorsHeight = (slot.errors / top) * height;
      chart.appendChild(svg('rect', { x, y: height - errorsHeight, width: Math.max(1, step * 0.8), height: errorsHeight, class: 'bar-errors' }));
    }
  });
  const unit = data.length > 1 && data[1].at - data[0].at > HOUR ? 'day' : 'hour';
  const box = clear($('tool-chart'));
  box.appendChild(chart);
  box.appendChild(el('div.legend', {},
    el('span', {}, el('span.swatch-calls'), 'calls'),
    el('span', {}, el('span.swatch-errors'), 'errors'),
    el('span', {}, `highest: ${top} calls in one ${unit}`)));
}

$('tool-filters').addEventListener('change', load);
$('tool-filters').addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});

loadServers()
  .then(load)
  .catch((error) => {
    $('tool-summary').textContent = 'Could not load the servers.';
    showError(error.message);
  });
