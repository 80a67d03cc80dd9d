import { SchedulerLike, asyncScheduler, defer, retry as retryOperator, throwError, timer } from 'rxjs';
import {
  AssemblaError,
  HttpError,
  NetworkError,
  ParseError,
  RateLimitError,
  TimeoutError,
  describeError,
} from '../errors';
import type { Call, Handler, RequestEvent, Stage } from './types';

export interface RetryOptions {
  /** Attempts in all, the first included (default 4; 1 = no retries). */
  readonly maxAttempts?: number;
  /** Back-off before the first retry; doubles each time (default 300 ms). */
  readonly baseDelayMs?: number;
  /** Ceiling of one back-off wait (default 10 s). */
  readonly maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the call fails at once (default 60 s). */
  readonly maxRetryAfterMs?: number;
  /** Source of jitter in [0, 1); injectable so tests are deterministic. */
  readonly random?: () => number;
}

const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);

/**
 * Whether a failed attempt may be tried again: transient failures of idempotent calls only.
 * A POST is retried only after a 429, which the server answers without acting on the request.
 */
export function isRetryable(error: unknown, call: Call): boolean {
  if (error instanceof RateLimitError) return true;
  if (call.method === 'POST') return false;
  if (error instanceof NetworkError || error instanceof TimeoutError || error instanceof ParseError) return true;
  return error instanceof HttpError && TRANSIENT_STATUS.has(error.status);
}

/**
 * The wait before retry number `retry` (1-based): the server's `Retry-After` when it gave one,
 * else exponential back-off with jitter (between half and all of base·2^(retry-1), capped).
 */
export function retryDelay(error: unknown, retry: number, o: Required<RetryOptions>): number {
  if (error instanceof RateLimitError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * o.random());
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  maxAttempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
};

/**
 * The retry policy: each attempt goes through the stages after this one again (rate-limit and
 * concurrency gates included, so a retry never jumps the queue). The final error says how many
 * attempts were made. Waits run on `scheduler`, so marble tests check them in virtual time.
 */
export function retryPolicy(options: RetryOptions, emit: (e: RequestEvent) => void, scheduler: SchedulerLike = asyncScheduler): Stage {
  const o: Required<RetryOptions> = { ...DEFAULT_RETRY, ...options };
  return (next: Handler): Handler =>
    (call) =>
      defer(() => {
        let attempt = 1;
        return defer(() => next({ ...call, attempt })).pipe(
          retryOperator({
            delay: (error: unknown) => {
              const wait = retryDelay(error, attempt, o);
              if (attempt >= o.maxAttempts || !isRetryable(error, call) || wait > o.maxRetryAfterMs) {
                return throwError(() => withAttempts(error, attempt));
              }
              emit({ type: 'retry', method: call.method, url: call.url, attempt, delayMs: wait, error: describeError(error) });
              attempt++;
              return timer(wait, scheduler);
            },
          }),
        );
      });
}

function withAttempts(error: unknown, attempts: number): unknown {
  if (attempts > 1 && error instanceof AssemblaError && 'attempts' in error) {
    (error as { attempts: number }).attempts = attempts;
    error.message += ` (gave up after ${attempts} attempts)`;
  }
  return error;
}
