import { ServerOptionsError } from '../../lib/testing';
import { generateData, startServer } from '../../lib/testing';
import { createStats, record } from '../../lib/testing/stats';
import { AUTH, sleep } from './helpers';

const count = (kind: string): number => process.getActiveResourcesInfo().filter((r) => r === kind).length;

describe('local server: lifecycle, latency and counters', () => {
  beforeEach(() => expect.hasAssertions());

  it('binds 127.0.0.1 on an ephemeral port and serves a ready dataset as is', async () => {
    const data = generateData({ tickets: 5, otherSpaces: 0 });
    const server = await startServer({ data });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.data).toBe(data);
      const res = await fetch(`${server.url}/v1/spaces`, { headers: AUTH });
      expect(((await res.json()) as unknown[]).length).toBe(1);
      await expect(startServer({ port: Number(new URL(server.url).port) })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await server.stop();
    }
  });

  it('adds latencyMs before every answer, errors and preflights included', async () => {
    const server = await startServer({ data: { tickets: 5 }, latencyMs: 200 });
    try {
      for (const init of [{ headers: AUTH }, {}, { method: 'OPTIONS' }]) {
        // Order, not wall time: a timer set before the request, for less than the latency, fires
        // before the answer comes (the server's timer starts later and runs longer).
        const order: string[] = [];
        const timer = new Promise<void>((resolve) => setTimeout(resolve, 100)).then(() => order.push('timer'));
        await (await fetch(`${server.url}/v1/user`, init)).text();
        order.push('answer');
        await timer;
        expect(order).toEqual(['timer', 'answer']);
      }
    } finally {
      await server.stop();
    }
  });

  it('stop() closes the listener, drops open requests, clears its timers, and can be called twice', async () => {
    // A 0 ms slow fault adds nothing to the wait, but is counted as the request arrives.
    const server = await startServer({
      data: { tickets: 5 },
      latencyMs: 10_000,
      faults: { slowRate: 1, slowMs: 0, paths: /^\/user$/ },
    });
    // The server's own timers, watched directly: counting the process's Timeout handles would also
    // count fetch's and jest's, which come and go on their own (a loaded run failed that way).
    const set = jest.spyOn(global, 'setTimeout');
    const clear = jest.spyOn(global, 'clearTimeout');
    try {
      const pending = fetch(`${server.url}/v1/user`, { headers: AUTH });
      while (server.stats.faults.slow !== 1) await sleep(5); // the request is now waiting out its latency
      const latency = set.mock.calls.findIndex(([, ms]) => ms === 10_000);
      expect(latency).toBeGreaterThanOrEqual(0);
      const latencyTimer = set.mock.results[latency].value as unknown;
      const listening = count('TCPServerWrap');
      await Promise.all([server.stop(), server.stop()]);
      await expect(pending).rejects.toThrow();
      await expect(fetch(`${server.url}/v1/user`, { headers: AUTH })).rejects.toThrow();
      expect(count('TCPServerWrap')).toBe(listening - 1);
      expect(clear).toHaveBeenCalledWith(latencyTimer); // the 10 s latency timer is gone
    } finally {
      set.mockRestore();
      clear.mockRestore();
      await server.stop(); // still fine
    }
  });

  it('serves its counters at /__stats (no auth, no log, not counted) and resets them', async () => {
    const server = await startServer({ data: { tickets: 5 } });
    try {
      await (await fetch(`${server.url}/v1/spaces`, { headers: AUTH })).text();
      await (await fetch(`${server.url}/v1/spaces`)).text();
      const stats = (await (await fetch(`${server.url}/__stats`)).json()) as Record<string, unknown>;
      expect(stats).toEqual({
        requests: 2,
        byEndpoint: { 'GET /spaces': 2 },
        byStatus: { 200: 1, 401: 1 },
        faults: {},
        writes: { received: {}, applied: {} },
      });
      expect((await fetch(`${server.url}/__stats/reset`, { method: 'POST' })).status).toBe(204);
      expect(server.stats.requests).toBe(0);
      expect(server.stats.log).toEqual([]);
      expect(((await (await fetch(`${server.url}/__stats`)).json()) as { requests: number }).requests).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('keeps the last 10,000 requests in the log', () => {
    const stats = createStats();
    for (let i = 0; i < 10_005; i++)
      record(stats, 'GET /spaces', { method: 'GET', path: '/v1/spaces', query: `i=${i}`, status: 200 });
    expect(stats.requests).toBe(10_005);
    expect(stats.log).toHaveLength(10_000);
    expect(stats.log[0].query).toBe('i=5');
  });

  it.each([
    [{ latencyMs: -1 }],
    [{ port: 70000 }],
    [{ faults: { rate5xx: 2 } }],
    [{ faults: { dropRate: -0.1 } }],
    [{ rateLimit: { limit: 0, windowMs: 1000 } }],
    [{ now: 1_700_000_000_000 as unknown as () => number }],
  ])('refuses bad options %j with a ServerOptionsError', async (options) => {
    await expect(startServer(options)).rejects.toBeInstanceOf(ServerOptionsError);
  });
});
