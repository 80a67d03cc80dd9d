import { Observable, SchedulerLike, Subscription, asyncScheduler, finalize, tap } from 'rxjs';
import { RateLimitError } from '../core/errors';
import { parseRateLimitReset, serverWait } from './retry-after';
import { DEFAULT_RETRY, RetryOptions } from './retry';
import { timerMs } from '../core/timer';
import type { Call, Handler, Reply, Stage } from './types';

/**
 * The longest hold of the gate: the retry option `maxRetryAfterMs` (the gate holds calls for as long
 * as a retry would wait, also when retries are off).
 *
 * @example rateLimitHoldMs(false) === DEFAULT_RETRY.maxRetryAfterMs
 */
export function rateLimitHoldMs(retry: RetryOptions | false): number {
  return (retry === false ? undefined : retry.maxRetryAfterMs) ?? DEFAULT_RETRY.maxRetryAfterMs;
}

/** How long to hold every call after a 429 that named no (plausible) `Retry-After`. */
const DEFAULT_HOLD_MS = 1000;

/**
 * The rate-limit gate, shared by every call of an API. When the server asks for a wait — a 429's
 * `Retry-After`, or its limit announced as spent (`X-RateLimit-Remaining` / `-Reset`, as soon as
 * the calls in flight would use up what remains) — it applies to every call, not just the one that
 * met it, so a long export under a limit meets few 429s instead of one per call in flight:
 * - while what is left of the wait is at most `maxHoldMs` (the retry option `maxRetryAfterMs`),
 *   calls are held, and go in the order they reached the gate;
 * - while more is left (the server may ask for up to 24 h), calls fail at once, unsent, with a
 *   `RateLimitError` that says how long the server asked for and until when;
 * - a wait past 24 h, negative or unreadable is ignored (a 429 then holds `DEFAULT_HOLD_MS`).
 *
 * ```
 * maxHoldMs 100, a 429 at 1 asks for 1000:  a call at 5 fails at 5;  one at 950 goes at 1001
 * ```
 */
export function rateLimitGate(maxHoldMs: number, scheduler: SchedulerLike = asyncScheduler): Stage {
  /** Calls wait until `until`, because the server asked for `askedMs` (for the error message). */
  let hold = { until: 0, askedMs: 0 };
  /** Calls the server will still accept in this window, less those in flight; undefined = unknown. */
  let budget: number | undefined;
  let window = { resetAt: 0, askedMs: 0 };
  let inFlight = 0;
  /** Calls sent so far, and the place among them of the one whose limit headers were read last. */
  let sent = 0;
  let lastRead = 0;
  /** Held calls, woken when the hold grows so that any now inside a refusal window fails at once. */
  const held = new Set<() => void>();

  const holdUntil = (until: number, askedMs: number): void => {
    if (until <= hold.until) return;
    hold = { until, askedMs };
    for (const wake of [...held]) wake();
  };

  const observe = (reply: Reply, order: number): void => {
    // Answers can arrive out of order: one to a call sent before the last one read is older news
    // (the server counted fewer calls then), and would overstate what is left.
    if (order < lastRead) return;
    // Header values may end in '\r' (rxjs splits the raw headers on '\n' only).
    const remaining = reply.headers['x-ratelimit-remaining']?.trim() ?? '';
    const resetMs = parseRateLimitReset(reply.headers['x-ratelimit-reset'], Date.now());
    if (!/^\d+$/.test(remaining) || resetMs === undefined) return;
    lastRead = order;
    window = { resetAt: scheduler.now() + resetMs, askedMs: resetMs };
    budget = Number(remaining) - inFlight;
  };

  /** How long a call must wait before it may go; 0 = now. */
  const waitFor = (): number => {
    const now = scheduler.now();
    if (budget !== undefined && budget <= 0) {
      if (now < window.resetAt) holdUntil(window.resetAt, window.askedMs);
      else budget = undefined;
    }
    return Math.max(0, hold.until - now);
  };

  const refusal = (call: Call, leftMs: number): RateLimitError => {
    const s = (ms: number): number => Math.ceil(ms / 1000);
    const until = new Date(Date.now() + leftMs).toISOString();
    return new RateLimitError(
      call,
      '',
      leftMs,
      `${call.method} ${call.url} was not sent: the server asked to wait ${s(hold.askedMs)} s (until ${until}), ` +
        `longer than maxRetryAfterMs (${s(maxHoldMs)} s); calls fail at once until then`,
    );
  };

  const send = (next: Handler, call: Call): Observable<Reply> => {
    inFlight++;
    const order = ++sent;
    if (budget !== undefined) budget--;
    let done = false;
    return next(call).pipe(
      tap({
        next: (reply) => {
          done = true;
          inFlight--;
          observe(reply, order);
        },
        error: (e: unknown) => {
          if (!(e instanceof RateLimitError)) return;
          // Without a (plausible) Retry-After the server asked for nothing: hold briefly, never refuse.
          const asked = serverWait(e.retryAfterMs) ?? Math.min(DEFAULT_HOLD_MS, maxHoldMs);
          holdUntil(scheduler.now() + asked, asked);
        },
      }),
      finalize(() => {
        if (!done) inFlight--;
      }),
    );
  };

  return (next: Handler): Handler =>
    (call) =>
      new Observable<Reply>((subscriber) => {
        let timer: Subscription | undefined;
        let inner: Subscription | undefined;
        // A loop, not a recursion: each look either sends, fails, or schedules one more look.
        const look = (): void => {
          held.delete(wake);
          const wait = waitFor();
          if (wait > maxHoldMs) return subscriber.error(refusal(call, wait));
          if (wait > 0) {
            held.add(wake);
            timer = scheduler.schedule(() => {
              timer = undefined;
              look();
            }, timerMs(wait));
            return;
          }
          inner = send(next, call).subscribe({
            next: (reply) => subscriber.next(reply),
            error: (e: unknown) => subscriber.error(e),
            complete: () => subscriber.complete(),
          });
        };
        const wake = (): void => {
          timer?.unsubscribe();
          timer = undefined;
          look();
        };
        look();
        return () => {
          held.delete(wake);
          timer?.unsubscribe();
          inner?.unsubscribe();
        };
      });
}
