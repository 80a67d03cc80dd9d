import { startServer, type RunningServer } from '../../lib/testing';
import { RateLimiter } from '../../lib/testing/chaos/ratelimit';
import { AUTH } from './helpers';

// The limiter runs on the server's injected clock, so windows open and close exactly when the test
// says: no window can roll over mid-test, whatever the machine's load.
const T0 = 1_700_000_000_000; // a multiple of 1000: the start of a 1 s window

describe('local server: rate limiter', () => {
  let server: RunningServer;
  let t = T0;
  beforeAll(async () => {
    server = await startServer({ data: { tickets: 10 }, rateLimit: { limit: 3, windowMs: 1000 }, now: () => t });
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    expect.hasAssertions();
    t = Math.floor(t / 60_000) * 60_000 + 60_000; // the start of a fresh window for every test
  });

  const get = async (
    init: RequestInit = { headers: AUTH },
  ): Promise<[number, string | null, string | null, string | null]> => {
    const res = await fetch(`${server.url}/v1/user`, init);
    await res.text();
    expect(res.headers.get('x-ratelimit-limit')).toBe('3');
    return [
      res.status,
      res.headers.get('x-ratelimit-remaining'),
      res.headers.get('x-ratelimit-reset'),
      res.headers.get('retry-after'),
    ];
  };

  it('counts down X-RateLimit-Remaining, then answers 429 with Retry-After until the window ends', async () => {
    const faultsBefore = server.stats.faults.ratelimit ?? 0;
    const reset = String((t + 1000) / 1000);
    const seen = [await get(), await get({}), await get()]; // a 401 counts too
    t += 250;
    seen.push(await get());
    t += 749; // the window's last millisecond
    seen.push(await get());
    expect(seen).toEqual([
      [200, '2', reset, null],
      [401, '1', reset, null],
      [200, '0', reset, null],
      [429, '0', reset, '1'], // 750 ms left, rounded up to whole seconds
      [429, '0', reset, '1'],
    ]);
    expect((server.stats.faults.ratelimit ?? 0) - faultsBefore).toBe(2);
  });

  it('leaves preflights alone', async () => {
    const res = await fetch(`${server.url}/v1/user`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('starts counting again in the next window', async () => {
    for (let i = 0; i < 3; i++) expect((await get())[0]).toBe(200);
    expect((await get())[0]).toBe(429);
    t += 1000;
    expect(await get()).toEqual([200, '2', String((t + 1000) / 1000), null]);
  });
});

describe('RateLimiter', () => {
  beforeEach(() => expect.hasAssertions());

  it('aligns windows to multiples of windowMs since the epoch and says how long is left', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 5000 });
    expect(limiter.take(T0 + 4000)).toEqual({
      headers: { 'X-RateLimit-Limit': '2', 'X-RateLimit-Remaining': '1', 'X-RateLimit-Reset': String(T0 / 1000 + 5) },
    });
    expect(limiter.take(T0 + 4000).retryAfterSec).toBeUndefined();
    expect(limiter.take(T0 + 4000).retryAfterSec).toBe(1);
    expect(limiter.take(T0 + 4999).retryAfterSec).toBe(1);
    // The window that starts at T0 + 5000 is a new one, with its own count.
    expect(limiter.take(T0 + 5000).headers['X-RateLimit-Remaining']).toBe('1');
    expect(limiter.take(T0 + 5001).headers['X-RateLimit-Remaining']).toBe('0');
    expect(limiter.take(T0 + 5001).retryAfterSec).toBe(5);
  });
});
