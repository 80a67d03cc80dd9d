import { Observable, SchedulerLike, asyncScheduler, defer, finalize, switchMap, tap, timer } from 'rxjs';
import { RateLimitError } from '../errors';
import type { Handler, Reply, Stage } from './types';

/** How long to hold every call after a 429 that named no `Retry-After`. */
const DEFAULT_HOLD_MS = 1000;

/**
 * The rate-limit gate, shared by every call of an API. It holds every call, not just the one that
 * hit the limit:
 * - after a 429, until its `Retry-After` has passed;
 * - when the server announces its limit (`X-RateLimit-Remaining` / `-Reset`), as soon as the
 *   calls in flight would use up what remains, until the window resets — so a long export under
 *   a limit meets few 429s instead of one per call in flight.
 * Held calls resume in the order they reached the gate.
 */
export function rateLimitGate(scheduler: SchedulerLike = asyncScheduler): Stage {
  let heldUntil = 0;
  /** Calls the server will still accept in this window, less those in flight; undefined = unknown. */
  let budget: number | undefined;
  let resetAt = 0;
  let inFlight = 0;

  const holdUntil = (at: number): void => {
    heldUntil = Math.max(heldUntil, at);
  };

  const observe = (reply: Reply): void => {
    const remaining = Number(reply.headers['x-ratelimit-remaining']);
    const reset = Number(reply.headers['x-ratelimit-reset']);
    if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return;
    // Reset is epoch seconds in the GitHub convention, seconds from now in others.
    resetAt = scheduler.now() + Math.max(0, reset > 1e9 ? reset * 1000 - Date.now() : reset * 1000);
    budget = remaining - inFlight;
  };

  /** How long a call must wait before it may go; 0 = now. */
  const waitFor = (): number => {
    const now = scheduler.now();
    if (budget !== undefined && budget <= 0) {
      if (now < resetAt) holdUntil(resetAt);
      else budget = undefined;
    }
    return Math.max(0, heldUntil - now);
  };

  return (next: Handler): Handler =>
    (call) => {
      const send = defer(() => {
        inFlight++;
        if (budget !== undefined) budget--;
        let done = false;
        return next(call).pipe(
          tap({
            next: (reply) => {
              done = true;
              inFlight--;
              observe(reply);
            },
            error: (e: unknown) => {
              if (e instanceof RateLimitError) holdUntil(scheduler.now() + (e.retryAfterMs ?? DEFAULT_HOLD_MS));
            },
          }),
          finalize(() => {
            if (!done) inFlight--;
          }),
        );
      });
      const waitThenSend: Observable<Reply> = defer(() => {
        const wait = waitFor();
        // Re-check after waiting: another answer may have moved the limit further.
        return wait > 0 ? timer(wait, scheduler).pipe(switchMap(() => waitThenSend)) : send;
      });
      return waitThenSend;
    };
}
