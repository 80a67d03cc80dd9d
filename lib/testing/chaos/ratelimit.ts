// An optional fixed-window rate limiter with GitHub-style headers (Assembla's own limits are not
// documented; digest §3.4).

/**
 * A fixed-window rate limit for the server (`ServerOptions.rateLimit`).
 *
 * @example
 * await startServer({ rateLimit: { limit: 100, windowMs: 1000 } });
 */
export interface RateLimitOptions {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds; windows start at multiples of it since the epoch. */
  windowMs: number;
}

export interface RateLimitResult {
  /** `X-RateLimit-Limit`, `-Remaining` and `-Reset` (epoch seconds). */
  headers: Record<string, string>;
  /** Set when the request is over the limit: seconds until the window ends (at least 1). */
  retryAfterSec?: number;
}

/**
 * Counts requests per fixed window.
 * @example
 * const limiter = new RateLimiter({ limit: 100, windowMs: 1000 });
 * limiter.take(Date.now()).retryAfterSec; // undefined while under the limit
 */
export class RateLimiter {
  private windowStart = -1;
  private count = 0;

  constructor(private readonly options: RateLimitOptions) {}

  take(now: number): RateLimitResult {
    const { limit, windowMs } = this.options;
    const start = Math.floor(now / windowMs) * windowMs;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.count = 0;
    }
    this.count++;
    const end = start + windowMs;
    const headers = {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit - this.count)),
      'X-RateLimit-Reset': String(Math.ceil(end / 1000)),
    };
    return this.count > limit ? { headers, retryAfterSec: Math.max(1, Math.ceil((end - now) / 1000)) } : { headers };
  }
}
