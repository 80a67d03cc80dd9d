// The waits a server may ask for, read and bounded (issue 8, item 2).
import { MAX_SERVER_WAIT_MS, parseRateLimitReset, parseRetryAfter } from '../../lib/transport/retry-after';
import { MAX_TIMER_MS, timerMs } from '../../lib/core/timer';

const now = Date.parse('2026-11-27T12:00:00Z');

describe('server-asked waits', () => {
  it('Retry-After: seconds or an HTTP date up to 24 h; longer, negative or garbage is undefined (ignored)', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('86400', now)).toBe(MAX_SERVER_WAIT_MS);
    expect(parseRetryAfter('Sat, 28 Nov 2026 11:00:00 GMT', now)).toBe(23 * 3_600_000);
    for (const bad of [
      '86401',
      '999999',
      '99999999',
      '-5',
      '-0.5',
      '1e3',
      'Infinity',
      'soon',
      '',
      'Sun, 29 Nov 2026 12:00:01 GMT',
    ]) {
      expect([bad, parseRetryAfter(bad, now)]).toEqual([bad, undefined]);
    }
  });

  it('X-RateLimit-Reset: epoch ms, epoch s or seconds from now, told apart by magnitude; up to 24 h ahead', () => {
    expect(parseRateLimitReset('30', now)).toBe(30_000);
    expect(parseRateLimitReset(String(now / 1000 + 30), now)).toBe(30_000);
    expect(parseRateLimitReset(String(now + 30_000), now)).toBe(30_000);
    expect(parseRateLimitReset(String(now / 1000 + 86_400), now)).toBe(MAX_SERVER_WAIT_MS);
    for (const bad of [
      '999999',
      '86401',
      String(now / 1000 - 1),
      String(now - 1),
      String(now + MAX_SERVER_WAIT_MS + 1),
      '-5',
      'soon',
      '',
      undefined,
    ]) {
      expect([bad, parseRateLimitReset(bad, now)]).toEqual([bad, undefined]);
    }
  });

  it('no timer is set beyond 2^31-1 ms, and none below 0', () => {
    expect(MAX_TIMER_MS).toBe(2_147_483_647);
    expect(timerMs(3e9)).toBe(MAX_TIMER_MS);
    expect(timerMs(Infinity)).toBe(MAX_TIMER_MS);
    expect(timerMs(1500)).toBe(1500);
    expect(timerMs(-1)).toBe(0);
    expect(timerMs(NaN)).toBe(0);
  });
});
