import { SchedulerLike, asyncScheduler, defer, tap } from 'rxjs';
import { describeError } from '../core/errors';
import type { Handler, RequestEvent, Stage } from './types';

/** Reports each attempt as a `start` and an `end` event (status, duration, error), for `assembla.requests$`. */
export function reportAttempts(emit: (e: RequestEvent) => void, scheduler: SchedulerLike = asyncScheduler): Stage {
  return (next: Handler): Handler =>
    (call) =>
      defer(() => {
        const base = { method: call.method, url: call.url, attempt: call.attempt };
        const started = scheduler.now();
        let ended = false;
        emit({ type: 'start', ...base });
        const end = (status: number, error?: unknown): void => {
          ended = true;
          emit({
            type: 'end',
            ...base,
            status,
            durationMs: scheduler.now() - started,
            ...(error ? { error: describeError(error) } : {}),
          });
        };
        return next(call).pipe(
          tap({
            next: (reply) => end(reply.status),
            error: (e: unknown) =>
              end(typeof (e as { status?: unknown }).status === 'number' ? (e as { status: number }).status : 0, e),
            unsubscribe: () => {
              if (!ended) end(0, new Error('aborted: no subscriber waits for it any more'));
            },
          }),
        );
      });
}
