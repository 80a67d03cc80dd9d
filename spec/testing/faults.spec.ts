import fc from 'fast-check';
import { startServer, type FaultOptions, type RunningServer } from '../../lib/testing';
import { garble, truncate } from '../../lib/testing/chaos/faults';
import { AUTH, call, sleep } from './helpers';

const URLS = Array.from({ length: 40 }, (_, i) => `/v1/spaces/big-project/tickets?report=0&page=${i + 1}&per_page=5`);
const servers: RunningServer[] = [];

async function serve(faults: FaultOptions): Promise<RunningServer> {
  const server = await startServer({ data: { tickets: 300 }, faults });
  servers.push(server);
  return server;
}

/** What happened to one request, as the client sees it. */
async function outcome(base: string, path: string, init: RequestInit = {}): Promise<string> {
  try {
    const res = await fetch(`${base}${path}`, { headers: AUTH, ...init });
    const text = await res.text().catch(() => 'BODY-ERROR');
    if (text === 'BODY-ERROR') return 'dropped after headers';
    if (res.status !== 200) return String(res.status);
    try {
      JSON.parse(text);
      return 'ok';
    } catch {
      return 'bad json';
    }
  } catch {
    return 'dropped';
  }
}

/** The fault of each URL in the server's log, by URL. */
function faultsByUrl(server: RunningServer): Record<string, string> {
  return Object.fromEntries(server.stats.log.map((e) => [`${e.path}?${e.query}`, e.fault ?? 'none']));
}

describe('local server: fault injection', () => {
  afterAll(() => Promise.all(servers.map((s) => s.stop())));
  beforeEach(() => expect.hasAssertions());

  const mixed: FaultOptions = {
    seed: 9,
    rate5xx: 0.1,
    truncateRate: 0.1,
    malformedRate: 0.1,
    dropRate: 0.1,
    slowRate: 0.1,
    slowMs: 10,
  };

  it('draws the same faults for the same URLs on every run, whatever the arrival order', async () => {
    const [a, b] = [await serve(mixed), await serve(mixed)];
    const rounds: Array<[Record<string, string>, Record<string, string>]> = [];
    for (let round = 0; round < 2; round++) {
      a.stats.reset();
      b.stats.reset();
      await Promise.all(URLS.map((u) => outcome(a.url, u))); // concurrently
      for (const u of [...URLS].reverse()) await outcome(b.url, u); // one by one, backwards
      rounds.push([faultsByUrl(a), faultsByUrl(b)]);
    }
    for (const [fromA, fromB] of rounds) expect(fromA).toEqual(fromB);
    // A retried URL gets a fresh draw: the second round is not a copy of the first.
    expect(rounds[1][0]).not.toEqual(rounds[0][0]);
    expect(new Set(Object.values(rounds[0][0]))).toEqual(
      new Set(['none', '5xx', 'truncated', 'malformed', 'drop', 'slow']),
    );
  });

  it('draws other faults for another seed', async () => {
    const [a, b] = [await serve(mixed), await serve({ ...mixed, seed: 10 })];
    for (const u of URLS) await Promise.all([outcome(a.url, u), outcome(b.url, u)]);
    expect(faultsByUrl(a)).not.toEqual(faultsByUrl(b));
  });

  it('5xx: a mix of 500 (HTML, Connection: close), 502, 503 and 504', async () => {
    const server = await serve({ rate5xx: 1 });
    const statuses = new Set<number>();
    const connectionOf500 = new Set<string | null>();
    for (const u of URLS) {
      const res = await fetch(`${server.url}${u}`, { headers: AUTH });
      const text = await res.text();
      statuses.add(res.status);
      if (res.status === 500) connectionOf500.add(res.headers.get('connection'));
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(text).toContain(`Error ${res.status}`);
    }
    expect(statuses).toEqual(new Set([500, 502, 503, 504]));
    expect(connectionOf500).toEqual(new Set(['close']));
    expect(server.stats.faults['5xx']).toBe(URLS.length);
  });

  it('truncated: a 200 whose body is the real one cut in the middle, with a fitting Content-Length', async () => {
    const [clean, server] = [await serve({}), await serve({ truncateRate: 1 })];
    const [good, cut] = [await call(clean.url, URLS[0]), await call(server.url, URLS[0])];
    expect(cut.status).toBe(200);
    expect(cut.headers.get('content-length')).toBe(String(Buffer.byteLength(cut.text)));
    expect(good.text.startsWith(cut.text)).toBe(true);
    expect(cut.text.length).toBeLessThan(good.text.length);
    expect(() => JSON.parse(cut.text)).toThrow();
    expect(server.stats.log[0]).toMatchObject({ status: 200, fault: 'truncated' });
  });

  it('malformed: a 200 of the real length whose JSON is invalid', async () => {
    const [clean, server] = [await serve({}), await serve({ malformedRate: 1 })];
    const [good, bad] = [await call(clean.url, URLS[1]), await call(server.url, URLS[1])];
    expect(bad.status).toBe(200);
    expect(bad.text).toHaveLength(good.text.length);
    expect(bad.text).not.toBe(good.text);
    expect(() => JSON.parse(bad.text)).toThrow();
    expect(server.stats.faults.malformed).toBe(1);
  });

  it('truncate() and garble() never leave valid JSON', () => {
    const body = fc.oneof(
      fc.array(fc.jsonValue(), { minLength: 1 }),
      fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }),
    );
    fc.assert(
      fc.property(body, (value) => {
        const text = JSON.stringify(value);
        expect(() => JSON.parse(truncate(text))).toThrow();
        expect(() => JSON.parse(garble(text))).toThrow();
        expect(garble(text)).toHaveLength(text.length);
      }),
      { seed: 8 }, // the same cases on every run
    );
  });

  it('drop: the connection dies before or after the headers; logged with status 0', async () => {
    const server = await serve({ dropRate: 1 });
    const seen = await Promise.all(URLS.map((u) => outcome(server.url, u)));
    expect(new Set(seen)).toEqual(new Set(['dropped', 'dropped after headers']));
    expect(server.stats.log.every((e) => e.status === 0 && e.fault === 'drop')).toBe(true);
    expect(server.stats.byStatus[0]).toBe(URLS.length);
  });

  it('slow: the answer waits slowMs, so a client that gives up meanwhile gets nothing', async () => {
    const server = await serve({ slowRate: 1, slowMs: 1000, paths: /\/tickets$/ });
    // Counted as injected at once, though its answer is still waiting to go out: a client that
    // gives up then gets nothing.
    const held = async (n: number): Promise<void> => {
      while ((server.stats.faults.slow ?? 0) < n) await sleep(5); // a condition, not a duration
    };
    const giveUp = new AbortController();
    const first = outcome(server.url, URLS[0], { signal: giveUp.signal });
    await held(1);
    expect(server.stats.requests).toBe(0);
    giveUp.abort();
    expect(await first).toBe('dropped');
    // A slow answer comes after a prompt one asked for later (order, not wall time).
    const done: string[] = [];
    const slow = outcome(server.url, URLS[1]).then((o) => done.push(`tickets ${o}`));
    await held(2); // the slow request is waiting on the server
    await outcome(server.url, '/v1/spaces').then((o) => done.push(`spaces ${o}`));
    await slow;
    expect(done).toEqual(['spaces ok', 'tickets ok']);
  });

  it('429 burst: Retry-After opens a window in which every request gets 429; then it closes', async () => {
    let t = 1_700_000_000_000;
    const server = await startServer({
      data: { tickets: 10 },
      faults: { burst429Rate: 1, retryAfterSec: 2, paths: /^\/spaces$/ },
      now: () => t,
    });
    servers.push(server);
    const first = await fetch(`${server.url}/v1/spaces`, { headers: AUTH });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    t += 1500;
    const inWindow = await fetch(`${server.url}/v1/user`, { headers: AUTH }); // not a faulty path, but in the window
    expect(inWindow.status).toBe(429);
    expect(inWindow.headers.get('retry-after')).toBe('1'); // 500 ms left, rounded up
    t += 499; // the window's last millisecond
    expect((await fetch(`${server.url}/v1/user`, { headers: AUTH })).status).toBe(429);
    t += 1;
    expect((await fetch(`${server.url}/v1/user`, { headers: AUTH })).status).toBe(200);
    expect(server.stats.faults['429']).toBe(3);
  });

  it('faults only GETs under /v1 by default, and only the `paths` given', async () => {
    const all = await serve({ rate5xx: 1 });
    expect(
      (await call(all.url, '/v1/spaces/big-project/tickets', { method: 'POST', body: '{"summary":"x"}' })).status,
    ).toBe(201);
    expect((await fetch(`${all.url}/v1/spaces`, { method: 'OPTIONS' })).status).toBe(204);
    const some = await serve({ rate5xx: 1, paths: /\/tickets/ });
    expect((await call(some.url, '/v1/spaces')).status).toBe(200);
    expect((await call(some.url, '/v1/spaces/big-project/tickets')).status).toBeGreaterThanOrEqual(500);
  });
});
