// Fault injection: the local server answers with 5xx, 429 bursts, truncated and malformed bodies,
// dropped connections and slow answers (deterministic from a seed); the request stream must
// deliver every ticket exactly once and in order, or fail with a clear typed error.
import { lastValueFrom, take, toArray } from 'rxjs';
import { API, AssemblaError, ParseError, RequestEvent, TimeoutError, streamTickets } from '../../lib';
import type { RunningServer } from '../../lib/testing';
import { mixedFaults } from '../support/faults';
import { KEY_AUTH, pause, withServer } from '../support/local';

const TICKET_PAGES = /\/tickets$/;

function api(
  server: RunningServer,
  options: Partial<ConstructorParameters<typeof API>[0]> = {},
): { api: API; events: RequestEvent[] } {
  const a = new API({
    auth: KEY_AUTH,
    baseUrl: server.url,
    perPage: 50,
    timeout: 800,
    retry: { maxAttempts: 8, baseDelayMs: 20, maxDelayMs: 400 },
    ...options,
  });
  const events: RequestEvent[] = [];
  a.requests$.subscribe((e) => events.push(e));
  return { api: a, events };
}

const streamAll = (a: API) => lastValueFrom(a.space({ name: 'Big Project' }).pipe(streamTickets(), toArray()));

const MIXED_FAULTS = mixedFaults(TICKET_PAGES);

describe('faults: nothing lost, nothing doubled', () => {
  beforeEach(() => expect.hasAssertions());

  it('streams 5,000 tickets exactly once, in order, through >=10% mixed faults and 429 bursts', async () => {
    await withServer({ data: { tickets: 5000 }, faults: MIXED_FAULTS }, async (server) => {
      const { api: a, events } = api(server);
      const tickets = await streamAll(a);
      const numbers = tickets.map((t) => t.number);
      const duplicates = numbers.length - new Set(numbers).size;
      const pageRequests = server.stats.log.filter((e) => TICKET_PAGES.test(e.path)).length;
      const faults = Object.values(server.stats.faults).reduce((a, b) => a + b, 0);
      const retries = events.filter((e) => e.type === 'retry').length;
      console.log(
        `fault test: ${server.stats.requests} requests (${pageRequests} ticket pages),` +
          ` faults ${JSON.stringify(server.stats.faults)} ` +
          `(${((100 * faults) / pageRequests).toFixed(1)}% of pages), ${retries} retries,` +
          ` tickets expected 5000, delivered ${tickets.length}, duplicates ${duplicates}`,
      );
      expect(numbers).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
      expect(duplicates).toBe(0);
      expect(faults / pageRequests).toBeGreaterThanOrEqual(0.1);
      expect(Object.keys(server.stats.faults).sort()).toEqual(['429', '5xx', 'drop', 'malformed', 'slow', 'truncated']);
      expect(retries).toBeGreaterThanOrEqual(faults - server.stats.faults['429']);
    });
  }, 60_000);

  it('the same run with retries switched off fails with a typed error', async () => {
    await withServer({ data: { tickets: 5000 }, faults: MIXED_FAULTS }, async (server) => {
      const { api: a } = api(server, { retry: false });
      const error = await streamAll(a).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AssemblaError);
    });
  });

  it('a body that stays malformed is a ParseError once the retries are spent, never wrong data', async () => {
    await withServer(
      { data: { tickets: 300 }, faults: { seed: 1, malformedRate: 1, paths: TICKET_PAGES } },
      async (server) => {
        // No timeout to race the parse errors.
        const { api: a, events } = api(server, { timeout: 30_000, retry: { maxAttempts: 3, baseDelayMs: 5 } });
        const error = await streamAll(a).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ParseError);
        expect(error).toMatchObject({ attempts: 3 });
        expect((error as Error).message).toContain('gave up after 3 attempts');
        expect(events.filter((e) => e.type === 'start' && TICKET_PAGES.test(new URL(e.url).pathname))).toHaveLength(3);
      },
    );
  });

  it('an unsubscribe during a back-off wait sends nothing more', async () => {
    await withServer(
      { data: { tickets: 300 }, faults: { seed: 1, rate5xx: 1, paths: TICKET_PAGES } },
      async (server) => {
        const { api: a, events } = api(server, { retry: { maxAttempts: 5, baseDelayMs: 400, maxDelayMs: 400 } });
        const sub = a
          .space({ name: 'Big Project' })
          .pipe(streamTickets())
          .subscribe({ error: () => undefined });
        // Leave as the back-off starts (synchronously, not by polling against its timer).
        const retried = new Promise<void>((resolve) =>
          a.requests$.subscribe((e) => e.type === 'retry' && (sub.unsubscribe(), resolve())),
        );
        await retried;
        await pause(800); // past the longest back-off: a retry sent now would be counted below
        expect(server.stats.log.filter((e) => TICKET_PAGES.test(e.path))).toHaveLength(1);
        expect(events.filter((e) => e.type === 'start' && e.url.includes('/tickets'))).toHaveLength(1);
      },
    );
  });

  it('a slow answer past the timeout is a TimeoutError, and retried like any transient failure', async () => {
    await withServer(
      { data: { tickets: 30 }, faults: { seed: 3, slowRate: 1, slowMs: 1000, paths: /^\/spaces$/ } },
      async (server) => {
        const once = api(server, { timeout: 100, retry: false });
        const error = await lastValueFrom(once.api.spaces()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TimeoutError);
        expect((error as Error).message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/v1\/spaces: no answer within 100 ms/);
        const retried = api(server, { timeout: 100, retry: { maxAttempts: 2, baseDelayMs: 1 } });
        const spent = await lastValueFrom(retried.api.spaces()).catch((e: unknown) => e);
        expect(spent).toMatchObject({ name: 'TimeoutError', attempts: 2 });
      },
    );
  });

  it('under a server rate limit, a long export finishes with few 429s: the whole API waits for the reset', async () => {
    // The server's clock runs 20 ms ahead: a timer can fire a millisecond early, and a call sent
    // exactly at Reset must not reach a busy server in the old window's last millisecond.
    const ahead = (): number => Date.now() + 20;
    await withServer(
      { data: { tickets: 3000 }, rateLimit: { limit: 15, windowMs: 1000 }, now: ahead },
      async (server) => {
        const { api: a } = api(server, { perPage: 100 });
        const tickets = await streamAll(a);
        const limited = server.stats.byStatus[429] ?? 0;
        console.log(`rate-limit test: ${server.stats.requests} requests, ${limited} answered 429`);
        expect(tickets).toHaveLength(3000);
        expect(limited).toBeLessThanOrEqual(6);
      },
    );
  }, 30_000);

  it('take(5) during faults still gets the first five tickets', async () => {
    await withServer({ data: { tickets: 500 }, faults: MIXED_FAULTS }, async (server) => {
      const { api: a } = api(server);
      const five = await lastValueFrom(a.space({ name: 'Big Project' }).pipe(streamTickets(), take(5), toArray()));
      expect(five.map((t) => t.number)).toEqual([1, 2, 3, 4, 5]);
    });
  });
});
