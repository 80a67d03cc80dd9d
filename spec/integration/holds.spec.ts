// Issue 8 item 2, over real HTTP: no hold outlives its reason, and none freezes the API. A small
// misbehaving proxy in front of the local server answers odd 429s or adds odd rate-limit headers;
// the export completes with every ticket, or the calls fail at once with a RateLimitError, as the
// rules say — and nothing waits for real hours (a frozen stream would time the test out).
import type { IncomingMessage } from 'node:http';
import { lastValueFrom, throwError, toArray } from 'rxjs';
import { API, HttpError, RateLimitError, RequestEvent, streamTickets } from '../../lib';
import { Transport } from '../../lib/transport/pipeline';
import type { Call } from '../../lib/transport/types';
import { RunningServer, startServer } from '../../lib/testing';
import { KEY_AUTH, pause } from '../support/local';
import { Misbehaviour, Proxy, startProxy } from '../support/proxy';

const TICKETS = 3000;
const TICKET_PAGE = /^\/v1\/spaces\/[^/]+\/tickets\?/;

/** What the proxy does to one request: answer in the server's place, or add headers to its answer. */
type Misbehave = (req: IncomingMessage) => Misbehaviour | undefined;

/** A 429 with this Retry-After for the first ticket page asked for, then the server's own answers. */
const firstTicketPage429 = (retryAfter: string): Misbehave => {
  let done = false;
  return (req) => {
    if (done || !TICKET_PAGE.test(req.url ?? '')) return undefined;
    done = true;
    return { answer: { status: 429, headers: { 'Retry-After': retryAfter } } };
  };
};

describe('holds over real HTTP (issue 8, item 2)', () => {
  let server: RunningServer;
  let proxy: Proxy | undefined;
  /** Timers set beyond what setTimeout can hold (Node fires them after 1 ms, with a TimeoutOverflowWarning). */
  const overflowing: number[] = [];

  beforeAll(async () => {
    server = await startServer({ data: { tickets: TICKETS } });
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    expect.hasAssertions();
    overflowing.length = 0;
    // rxjs sets its timers with the global setInterval (and setTimeout): watch the delays asked for.
    for (const name of ['setInterval', 'setTimeout'] as const) {
      const original = globalThis[name];
      jest.spyOn(globalThis, name).mockImplementation(((fn: () => void, ms?: number, ...args: unknown[]) => {
        if ((ms ?? 0) > 2 ** 31 - 1) overflowing.push(ms ?? 0);
        return original(fn, ms, ...args);
      }) as typeof original);
    }
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await proxy?.close();
    proxy = undefined;
  });

  const through = async (misbehave: Misbehave, options: Partial<ConstructorParameters<typeof API>[0]> = {}) => {
    proxy = await startProxy(server.url, misbehave);
    const api = new API({
      auth: KEY_AUTH,
      baseUrl: proxy.url,
      retry: { baseDelayMs: 10, random: () => 1 },
      ...options,
    });
    const events: RequestEvent[] = [];
    api.requests$.subscribe((e) => events.push(e));
    return { api, events, proxy };
  };
  const exportAll = (api: API) => lastValueFrom(api.space({ name: 'Big Project' }).pipe(streamTickets(), toArray()));
  const all = Array.from({ length: TICKETS }, (_, i) => i + 1);

  it.each(['999999', '99999999', '-5', 'soon'])(
    'a 429 with Retry-After: %s (over 24 h, negative or garbage) is ignored: back-off, no timer overflows',
    async (retryAfter) => {
      const { api, events } = await through(firstTicketPage429(retryAfter));
      const tickets = await exportAll(api);
      expect(tickets.map((t) => t.number)).toEqual(all);
      // The 429 was retried after the back-off (10 ms), not after what it asked for.
      expect(events.filter((e) => e.type === 'retry').map((e) => e.delayMs)).toEqual([10]);
      expect(overflowing).toEqual([]);
    },
    30_000,
  );

  it('a 429 asking for an hour fails every call at once, unsent, with a RateLimitError saying how long', async () => {
    const { api, proxy: p } = await through(firstTicketPage429('3600'));
    const first = await exportAll(api).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(RateLimitError);
    expect(first).toMatchObject({ retryAfterMs: 3_600_000, attempts: 1 });
    const sent = p.seen.length;
    const later = await exportAll(api).catch((e: unknown) => e);
    expect(later).toBeInstanceOf(RateLimitError);
    expect((later as Error).message).toMatch(
      /was not sent: the server asked to wait 3600 s \(until \d{4}-.*Z\), longer than maxRetryAfterMs \(60 s\)/,
    );
    expect(p.seen).toHaveLength(sent);
  }, 30_000);

  it('X-RateLimit-Reset in epoch ms with Remaining 0: calls are held until the reset; the export ends', async () => {
    // A limit of 5 calls per 100 ms window, announced (not enforced) with Reset in epoch ms.
    const limit = 5;
    let windowEnd = 0;
    let used = 0;
    const { api } = await through(() => {
      const now = Date.now();
      if (now >= windowEnd) {
        windowEnd = now + 100;
        used = 0;
      }
      used++;
      return {
        headers: { 'X-RateLimit-Remaining': String(Math.max(0, limit - used)), 'X-RateLimit-Reset': String(windowEnd) },
      };
    });
    const tickets = await exportAll(api);
    expect(tickets.map((t) => t.number)).toEqual(all);
  }, 30_000);

  it('X-RateLimit-Remaining: 0, Reset: 999999 (11 days) on every 200 is ignored: the export completes', async () => {
    const { api } = await through(() => ({ headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '999999' } }));
    const tickets = await exportAll(api);
    expect(tickets.map((t) => t.number)).toEqual(all);
  }, 30_000);

  it('a call held by an epoch-ms Reset leaves cleanly on unsubscribe: nothing thrown, nothing more sent', async () => {
    const {
      api,
      events,
      proxy: p,
    } = await through((req) =>
      TICKET_PAGE.test(req.url ?? '')
        ? { headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Date.now() + 30_000) } }
        : undefined,
    );
    const sub = api
      .space({ name: 'Big Project' })
      .pipe(streamTickets())
      .subscribe({ error: () => undefined });
    while (!events.some((e) => e.type === 'end' && TICKET_PAGE.test(new URL(e.url).pathname + new URL(e.url).search)))
      await pause(10);
    // The next page is held for 30 s (a hold that spins would nest deeper every millisecond).
    await pause(100);
    const sent = p.seen.length;
    expect(() => sub.unsubscribe()).not.toThrow();
    await pause(50);
    expect(p.seen).toHaveLength(sent);
    expect(overflowing).toEqual([]);
  }, 30_000);

  it('a back-off beyond 2^31-1 ms sets no timer that overflows (it would fire after 1 ms)', async () => {
    const calls: Call[] = [];
    const transport = new Transport({
      baseUrl: 'http://test',
      credentials: { headers: () => ({}) },
      concurrency: 1,
      timeoutMs: 0,
      retry: { baseDelayMs: 3e9, maxDelayMs: 3e9, maxRetryAfterMs: 3e9, random: () => 1 },
      createXHR: () => {
        throw new Error('no XHR here');
      },
      handler: (call) => {
        calls.push(call);
        return throwError(() => new HttpError(503, call, ''));
      },
    });
    const retried = new Promise<void>((r) => transport.events$.subscribe((e) => e.type === 'retry' && r()));
    const sub = transport.request({ method: 'GET', path: '/x' }).subscribe({ error: () => undefined });
    await retried;
    await pause(20);
    sub.unsubscribe();
    expect(overflowing).toEqual([]);
    expect(calls).toHaveLength(1);
  });
});
