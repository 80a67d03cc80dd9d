// The browser dashboard (examples/browser/) in real headless Chromium (Debian's, driven by playwright-core):
// the page, bundled by esbuild and served from its own origin, reads the local server across origins with a
// bearer token; tickets changed by another client show on it within two polls, as counted by the server.
// No Chromium on PATH: this file is skipped, and says so; under CI=true it fails instead (.ci/run installs it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildPage, pageAddress, servePage, type ServedPage } from '../../examples/browser/serve';
import { DEFAULT_CREDENTIALS } from '../../lib/testing';
import { useLocalServer } from '../support/local';
import { startProxy, type Proxy } from '../support/proxy';

/**
 * The poll counter: the requests the page makes once per poll, by the server's endpoint key and as the
 * page's requests look. One GET /activity a poll, for the naive poll of examples/browser/source.ts as for
 * the live queries that replace it (one poller a space, driven by the change log).
 */
const POLL = {
  endpoint: 'GET /activity',
  is: (method = '', url = ''): boolean => method === 'GET' && /^\/v1\/activity(\.json)?(\?|$)/.test(url),
};
/** Milliseconds between the page's polls. */
const EVERY = 200;
/** Only guards against a hang: how long the page may take to show what is awaited. */
const GUARD_MS = 30_000;
const SPACE = 'Big Project';

/** Debian's `chromium`, if on PATH. */
function findChromium(): string | undefined {
  try {
    return execFileSync('/bin/sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const executablePath = findChromium();
const required = process.env.CI === 'true';
if (!executablePath && !required)
  console.warn(
    'spec/browser/dashboard.spec.ts SKIPPED: no `chromium` on PATH (apt-get install chromium); under CI=true it fails.',
  );

(executablePath || required ? describe : describe.skip)('the browser dashboard in headless Chromium', () => {
  const local = useLocalServer({ data: { tickets: 60 } });
  let work: string;
  let served: ServedPage;
  let proxy: Proxy;
  let browser: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  // Between the page and the server, a gate: once a change is made, the page gets the answers of the next two
  // polls the server answers (one in flight then included); a third is held until the end of the file. So the
  // page shows the change after at most two polls, or never: no race with the next poll, however loaded.
  let polls = 0; // poll requests that reached the gate
  let limit = Infinity;
  const held = new Promise<void>(() => undefined);

  beforeAll(async () => {
    if (!executablePath)
      throw new Error('CI=true but no `chromium` on PATH: .ci/run installs it (apt-get install chromium)');
    work = mkdtempSync(join(tmpdir(), 'assembla-rx-browser-'));
    buildPage(join(work, 'page'));
    served = await servePage(join(work, 'page'));
    proxy = await startProxy(local.server.url, (req) => {
      if (!POLL.is(req.method, req.url)) return undefined;
      polls += 1;
      return polls > limit ? { until: held } : undefined;
    });
    browser = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
        '--disable-sync',
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (m) => void (m.type() === 'error' && errors.push(`console: ${m.text()}`)));
    page.on('pageerror', (e) => void errors.push(`page error: ${e.message}`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await served?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const spaceId = (): string => local.server.data.spaces.find((s) => s.name === SPACE)!.id;

  /** Tickets per status as the server holds them, in the page's order (most first, then by name). */
  function serverCounts(): [string, number][] {
    const counts = new Map<string, number>();
    for (const t of local.server.data.tickets[spaceId()]) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  /** What the page shows: its text, the counts table and the list of changes. */
  const shown = (): Promise<{ text: string; counts: [string, number][]; latest: string[] }> =>
    page.evaluate(() => ({
      text: document.body.innerText,
      counts: Array.from(document.querySelectorAll<HTMLElement>('#counts tr')).map((r): [string, number] => [
        r.dataset.status ?? '',
        Number(r.querySelector('.count')?.textContent),
      ]),
      latest: Array.from(document.querySelectorAll('#latest li.change')).map((li) => li.textContent ?? ''),
    }));

  /** Waits until the page shows these counts and a change naming each of `numbers`; the failure says why not. */
  async function until(counts: [string, number][], numbers: number[]): Promise<void> {
    try {
      await page.waitForFunction(
        ({ counts, numbers }) => {
          const rows = Array.from(document.querySelectorAll<HTMLElement>('#counts tr')).map((r) => [
            r.dataset.status,
            Number(r.querySelector('.count')?.textContent),
          ]);
          const changes = Array.from(document.querySelectorAll('#latest li.change')).map((li) => li.textContent ?? '');
          return (
            JSON.stringify(rows) === JSON.stringify(counts) &&
            numbers.every((n) => changes.some((c) => c.includes(`ticket #${n} `)))
          );
        },
        { counts, numbers },
        { timeout: GUARD_MS, polling: 50 },
      );
    } catch (e) {
      const now = await shown().catch(() => undefined);
      const failure = new Error(
        `The page did not show ${JSON.stringify({ counts, numbers })} ` +
          `(${polls > limit ? 'the polls past the two after the change are held' : 'no poll held'}).\n` +
          `It shows:\n${now?.text ?? '(unreadable)'}\nPage errors:\n${errors.join('\n') || '(none)'}\n${String(e)}`,
      );
      throw Object.assign(failure, { cause: e });
    }
  }

  async function put(number: number, ticket: Record<string, unknown>): Promise<void> {
    const { key, secret } = DEFAULT_CREDENTIALS;
    const res = await fetch(`${local.server.url}/v1/spaces/${spaceId()}/tickets/${number}.json`, {
      method: 'PUT',
      headers: { 'X-Api-Key': key, 'X-Api-Secret': secret, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ticket }),
    });
    expect(res.status).toBe(204);
  }

  it('shows the counts per status, then tickets changed by another client after at most two polls', async () => {
    const url = pageAddress(served.url, proxy.url, DEFAULT_CREDENTIALS.token, SPACE, EVERY);
    await page.goto(url);
    const before = serverCounts();
    await until(before, []);
    const shownBefore = await shown();
    expect(shownBefore.counts).toEqual(before);
    expect(shownBefore.latest).toEqual([]);
    console.log(`The page before the change:\n${shownBefore.text}`);

    const numbers = local.server.data.tickets[spaceId()]
      .filter((t) => t.status === 'New')
      .slice(0, 2)
      .map((t) => t.number);
    expect(numbers).toHaveLength(2);
    const answered = local.count(POLL.endpoint);
    limit = answered + 2;
    for (const n of numbers) await put(n, { status: 'Fixed' });

    const after = serverCounts();
    expect(after).not.toEqual(before);
    await until(after, numbers);
    const shownAfter = await shown();
    const pollsAfter = local.count(POLL.endpoint) - answered;
    console.log(`The page after the change, ${pollsAfter} poll(s) later by the server's count:\n${shownAfter.text}`);
    expect(pollsAfter).toBeGreaterThanOrEqual(1);
    expect(pollsAfter).toBeLessThanOrEqual(2);
    expect(shownAfter.latest).toHaveLength(2);
    for (const n of numbers)
      expect(shownAfter.latest.find((c) => c.includes(`ticket #${n} `))).toMatch(
        /John Smith: ticket #\d+ set to fixed$/,
      );
    expect(errors).toEqual([]);
  }, 120_000);
});
