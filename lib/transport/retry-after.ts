/**
 * The longest wait the SDK accepts from a server (24 h). A longer one (`Retry-After: 999999` is
 * 11 days) is taken for a malformed header and ignored, as are negative and unreadable ones.
 */
export const MAX_SERVER_WAIT_MS = 24 * 60 * 60 * 1000;

/**
 * A wait the server asked for, if it is plausible: 0 to 24 h; else undefined (ignored).
 *
 * @example serverWait(5000) === 5000; serverWait(-1) === undefined; serverWait(1e12) === undefined
 */
export function serverWait(ms: number | undefined): number | undefined {
  return ms !== undefined && ms >= 0 && ms <= MAX_SERVER_WAIT_MS ? Math.round(ms) : undefined;
}

/**
 * `Retry-After` in ms: either delay-seconds (`"3"`) or an HTTP date (a past date is 0). Undefined
 * when absent, unreadable, negative or longer than 24 h.
 *
 * @example parseRetryAfter('2', Date.now()) === 2000
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header == null) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return serverWait(Number(text) * 1000);
  // Only a date with words in it ("Fri, 27 Nov 2026 12:00:05 GMT"): Date.parse('-5') is the year 2001.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? undefined : serverWait(Math.max(0, at - now));
}

/**
 * `X-RateLimit-Reset` as ms from `now` until the window resets. Servers send it in one of three
 * units, told apart by magnitude: at least 1e12 is epoch milliseconds (1e12 ms is September 2001;
 * as seconds it would be 31,000 years away), at least 1e9 is epoch seconds (GitHub; 1e9 s is
 * September 2001, as seconds from now 31 years), anything less is seconds from now. Undefined when
 * absent, unreadable, in the past or more than 24 h away.
 *
 * @example parseRateLimitReset('30', now) === 30_000; parseRateLimitReset(String(now + 30_000), now) === 30_000
 */
export function parseRateLimitReset(header: string | null | undefined, now: number): number | undefined {
  const text = header?.trim() ?? '';
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  if (value >= 1e12) return serverWait(value - now);
  if (value >= 1e9) return serverWait(value * 1000 - now);
  return serverWait(value * 1000);
}
