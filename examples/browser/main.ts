// The browser dashboard (README, "Browser dashboard"): plain DOM, bundled by scripts/build-browser.js.
// Its address says where and what to read: `index.html?api=http://127.0.0.1:4000&token=...&space=Big+Project`
// (`every`: milliseconds between polls, default 30,000).
import { API, liveQueries } from '../../lib';
import { Dashboard, dashboard$ } from './source';

// A bundle leaves the live code out unless a page asks for it (README, "Live queries").
liveQueries();

const params = new URLSearchParams(location.search);
const space = params.get('space') ?? 'Big Project';
const every = Number(params.get('every') ?? 30_000);

const byId = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;

function element(tag: string, text: string, className?: string): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = text;
  if (className) e.className = className;
  return e;
}

function render({ counts, latest }: Dashboard): void {
  const rows = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  byId('counts').replaceChildren(
    ...rows.map(([status, count]) => {
      const row = document.createElement('tr');
      row.dataset.status = status;
      row.append(element('td', status, 'status'), element('td', String(count), 'count'));
      return row;
    }),
  );
  byId('latest').replaceChildren(
    ...(latest.length === 0
      ? [element('li', 'no changes since the page opened', 'none')]
      : latest.map(({ who, what, when }) => element('li', `${when.toLocaleTimeString()} ${who}: ${what}`, 'change'))),
  );
  const state = byId('state');
  state.className = 'ok';
  // Emitted only when something changed: the time says when the page last changed, not the last poll.
  state.textContent = `Polling every ${every / 1000} s; last change shown at ${new Date().toLocaleTimeString()}`;
}

function fail(error: unknown): void {
  // The SDK's messages never hold a credential.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(message);
  const state = byId('state');
  state.className = 'error';
  state.textContent = message;
}

try {
  const token = params.get('token');
  if (!token) throw new Error('Give the API token in the address: ?token=...');
  if (!(every > 0)) throw new Error('every must be a number of milliseconds above 0');
  byId('title').textContent = `${space}: tickets and changes`;
  const assembla = new API({ auth: { token }, baseUrl: params.get('api') ?? 'https://api.assembla.com' });
  dashboard$(assembla, space, every).subscribe({ next: render, error: fail });
} catch (e) {
  fail(e);
}
