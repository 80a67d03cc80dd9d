import { Observable, SchedulerLike, asyncScheduler, defer, switchMap, tap, timer } from 'rxjs';
import { RateLimitError } from '../errors';
import type { Handler, Reply, Stage } from './types';

/** How long to hold every call after a 429 that named no `Retry-After`. */
const DEFAULT_HOLD_MS = 1000;

/**
 * The rate-limit gate, shared by every call of an API: when the server signals a limit (a 429,
 * or `X-RateLimit-Remaining: 0` with `X-RateLimit-Reset`), every call waits until the limit
 * resets, not just the one that hit it. Calls resume in the order they reach the gate.
 */
export function rateLimitGate(scheduler: SchedulerLike = asyncScheduler): Stage {
  let heldUntil = 0;
  const holdFor = (ms: number): void => {
    heldUntil = Math.max(heldUntil, scheduler.now() + ms);
  };

  const observe = (reply: Reply): void => {
    const remaining = reply.headers['x-ratelimit-remaining'];
    const reset = Number(reply.headers['x-ratelimit-reset']);
    if (remaining !== undefined && Number(remaining) <= 0 && Number.isFinite(reset)) {
      // Reset is epoch seconds in the GitHub convention, seconds from now in others.
      const ms = reset > 1e9 ? reset * 1000 - Date.now() : reset * 1000;
      holdFor(Math.max(0, ms));
    }
  };

  return (next: Handler): Handler =>
    (call) => {
      const send = defer(() => next(call)).pipe(
        tap({
          next: observe,
          error: (e: unknown) => {
            if (e instanceof RateLimitError) holdFor(e.retryAfterMs ?? DEFAULT_HOLD_MS);
          },
        }),
      );
      const waitThenSend: Observable<Reply> = defer(() => {
        const wait = heldUntil - scheduler.now();
        // Re-check after waiting: another 429 may have moved the limit further.
        return wait > 0 ? timer(wait, scheduler).pipe(switchMap(() => waitThenSend)) : send;
      });
      return waitThenSend;
    };
}
