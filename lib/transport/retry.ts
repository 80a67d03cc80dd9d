import { SchedulerLike, asyncScheduler, defer, retry as retryOperator, throwError } from 'rxjs';
import {
  AssemblaError,
  ConfigError,
  HttpError,
  NetworkError,
  ParseError,
  RateLimitError,
  TimeoutError,
  describeError,
  kindOf,
} from '../core/errors';
import { duration, fn, int, isFunction, knownKeys } from '../core/validate';
import { serverWait } from './retry-after';
import { clampedTimer } from '../core/timer';
import type { Call, Handler, RequestEvent, Stage } from './types';

/**
 * How failed calls are retried (`APIOptions.retry`; `retry: false` for none). Every field is optional.
 *
 * @example
 * new API({ auth, retry: { maxAttempts: 6, maxDelayMs: 30_000 } });
 */
export interface RetryOptions {
  /** Attempts in all, the first included (default 4; 1 = no retries). */
  readonly maxAttempts?: number;
  /** Back-off before the first retry; doubles each time (default 300 ms). */
  readonly baseDelayMs?: number;
  /** Ceiling of one back-off wait (default 10 s). */
  readonly maxDelayMs?: number;
  /**
   * The longest wait a server may ask for (`Retry-After`, or an exhausted `X-RateLimit-Remaining`
   * until `-Reset`) that calls are held for (default 60 s). A longer one, up to 24 h, makes the
   * calls in that window fail at once, unsent, with a `RateLimitError`; past 24 h it is ignored.
   */
  readonly maxRetryAfterMs?: number;
  /** Source of jitter in [0, 1); injectable so tests are deterministic. */
  readonly random?: () => number;
}

/** The retry stage's slice of `APIOptions`. */
export interface RetryStageOptions {
  /** Retry policy for transient failures; `false` sends every call once. */
  readonly retry?: RetryOptions | false;
}

// Each retry option's check: a Record over RetryOptions, so that a new retry option cannot be forgotten here.
const RETRY_CHECKS: Record<keyof RetryOptions, (name: string, value: unknown) => void> = {
  maxAttempts: (name, value) => int(name, value, 1, 1),
  baseDelayMs: (name, value) => duration(name, value, 0),
  maxDelayMs: (name, value) => duration(name, value, 0),
  maxRetryAfterMs: (name, value) => duration(name, value, 0),
  random: (name, value) => fn(name, value, isFunction, 'a function that returns a number in [0, 1)'),
};

/**
 * Checks the `retry` option: `false`, or an object of known retry options (`{}` when not given).
 *
 * @example resolveRetry(undefined)  // {} (the defaults, DEFAULT_RETRY)
 */
export function resolveRetry(value: unknown): RetryOptions | false {
  if (value === undefined) return {};
  if (value === false) return false;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ConfigError(`retry must be false or an object such as { maxAttempts: 4 } (got ${kindOf(value)})`);
  const r = value as Record<string, unknown>;
  knownKeys('retry option', r, Object.keys(RETRY_CHECKS), 'retry.');
  for (const [key, check] of Object.entries(RETRY_CHECKS)) check(`retry.${key}`, r[key]);
  return value as RetryOptions;
}

/**
 * Statuses worth another attempt; 500 too, since an overloaded app server or proxy usually recovers
 * (as Octokit and stripe-node assume).
 */
const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);

/**
 * Whether a failed attempt may be tried again: transient failures of idempotent calls (GET, PUT,
 * DELETE) only. A POST is retried only when the server provably did not act on it: a 429, or a
 * connection refused (Node's `ECONNREFUSED`: nothing was sent; xhr-node.ts keeps the code). After a
 * 5xx, a dropped connection or a timeout it may have created the object already: the write engine
 * makes that an `UncertainWriteError`.
 *
 * @example isRetryable(new HttpError(500, call, ''), { ...call, method: 'GET' }) === true
 */
export function isRetryable(error: unknown, call: Call): boolean {
  if (call.method === 'POST')
    return error instanceof RateLimitError || (error instanceof NetworkError && error.code === 'ECONNREFUSED');
  return isTransient(error);
}

/**
 * Whether a failure may pass if the same GET is sent again later: a 429, a 5xx that says so, a
 * dropped connection, a timeout, an answer cut short. A live query outlasts these (lib/live).
 *
 * @example isTransient(new HttpError(503, call, '')) === true; isTransient(new AuthError(401, call, '')) === false
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof RateLimitError) return true;
  if (error instanceof NetworkError || error instanceof TimeoutError || error instanceof ParseError) return true;
  return error instanceof HttpError && TRANSIENT_STATUS.has(error.status);
}

/** The wait a 429 asked for, when it is plausible. */
function askedWait(error: unknown): number | undefined {
  return error instanceof RateLimitError ? serverWait(error.retryAfterMs) : undefined;
}

/**
 * Exponential back-off with jitter: between half and all of base·2^(retry−1), capped at maxDelayMs.
 *
 * @example backOff(3, { ...DEFAULT_RETRY, random: () => 1 }) // 1200
 */
export function backOff(retry: number, o: Required<RetryOptions>): number {
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
export function retryPolicy(
  options: RetryOptions,
  emit: (e: RequestEvent) => void,
  scheduler: SchedulerLike = asyncScheduler,
): Stage {
  const o: Required<RetryOptions> = { ...DEFAULT_RETRY, ...options };
  return (next: Handler): Handler =>
    (call) =>
      defer(() => {
        let attempt = 1;
        return defer(() => next({ ...call, attempt })).pipe(
          retryOperator({
            delay: (error: unknown) => {
              const asked = askedWait(error);
              if (
                attempt >= o.maxAttempts ||
                !isRetryable(error, call) ||
                (asked !== undefined && asked > o.maxRetryAfterMs)
              ) {
                return throwError(() => withAttempts(error, attempt));
              }
              // The server's wait when it gave a plausible one (0 to 24 h), else back-off with jitter.
              const wait = asked ?? backOff(attempt, o);
              emit({
                type: 'retry',
                method: call.method,
                url: call.url,
                attempt,
                delayMs: wait,
                error: describeError(error),
              });
              attempt++;
              return clampedTimer(wait, scheduler);
            },
          }),
        );
      });
}

/**
 * The error, saying how many attempts were made; a `NotFoundError` too, so that a DELETE's write
 * engine can tell a 404 to a retry (the first attempt's answer was lost: it was deleted) from one
 * to the first attempt.
 */
function withAttempts(error: unknown, attempts: number): unknown {
  if (attempts > 1 && error instanceof AssemblaError) {
    (error as AssemblaError & { attempts: number }).attempts = attempts;
    error.message += ` (gave up after ${attempts} attempts)`;
  }
  return error;
}
