import { startServer, type RunningServer } from '../../lib/testing';
import { AUTH, sleep } from './helpers';

describe('local server: rate limiter', () => {
  let server: RunningServer;
  let short: RunningServer;
  beforeAll(async () => {
    server = await startServer({ data: { tickets: 10 }, rateLimit: { limit: 3, windowMs: 1e12 } }); // one window for the whole test
    short = await startServer({ data: { tickets: 10 }, rateLimit: { limit: 3, windowMs: 200 } });
  });
  afterAll(async () => {
    await server.stop();
    await short.stop();
  });
  beforeEach(() => expect.hasAssertions());

  it('counts down X-RateLimit-Remaining, then answers 429 with Retry-After', async () => {
    const seen: Array<[number, string | null, string | null]> = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/v1/user`, { headers: i === 1 ? {} : AUTH }); // a 401 counts too
      await res.text();
      seen.push([res.status, res.headers.get('x-ratelimit-remaining'), res.headers.get('retry-after')]);
      expect(res.headers.get('x-ratelimit-limit')).toBe('3');
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    }
    expect(seen).toEqual([
      [200, '2', null],
      [401, '1', null],
      [200, '0', null],
      [429, '0', expect.stringMatching(/^\d+$/)],
      [429, '0', expect.stringMatching(/^\d+$/)],
    ]);
    expect(server.stats.faults.ratelimit).toBe(2);
  });

  it('leaves preflights alone', async () => {
    const res = await fetch(`${server.url}/v1/user`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('starts counting again in the next window', async () => {
    let status = 0;
    for (let i = 0; i < 20 && status !== 429; i++) status = (await fetch(`${short.url}/v1/user`, { headers: AUTH })).status;
    expect(status).toBe(429);
    await sleep(250);
    const res = await fetch(`${short.url}/v1/user`, { headers: AUTH });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('2');
  });
});
