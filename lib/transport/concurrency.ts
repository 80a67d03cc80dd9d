import { Observable } from 'rxjs';
import { int } from '../core/validate';
import type { Stage } from './types';

/** The concurrency gate's slice of `APIOptions`. */
export interface ConcurrencyOptions {
  /** HTTP calls in flight at most (default 6, as browsers allow per host). */
  readonly concurrency?: number;
}

/**
 * Checks `concurrency`: a whole number of at least 1, default 6.
 *
 * @example resolveConcurrency(undefined) === 6
 */
export function resolveConcurrency(value: unknown): number {
  return int('concurrency', value, 6, 1);
}

/**
 * The concurrency gate: at most `limit` calls of an API are in flight; the others wait in
 * arrival order. A call that is unsubscribed while it waits leaves the queue; one that ends
 * (complete, error or unsubscribe) frees its slot for the next.
 *
 * ```
 * limit 1:  a: -a|        b: ---b|   (b waits for a's slot)
 * ```
 */
export function concurrencyGate(limit: number): Stage {
  let active = 0;
  const waiting: Array<() => void> = [];

  const release = (): void => {
    active--;
    const next = waiting.shift();
    if (next) next();
  };

  return (next) => (call) =>
    new Observable((subscriber) => {
      let holding = false;
      let closed = false;
      let inner: { unsubscribe(): void } | undefined;
      const start = (): void => {
        holding = true;
        active++;
        inner = next(call).subscribe({
          next: (v) => subscriber.next(v),
          error: (e) => {
            free();
            subscriber.error(e);
          },
          complete: () => {
            free();
            subscriber.complete();
          },
        });
      };
      const free = (): void => {
        if (holding) {
          holding = false;
          release();
        }
      };
      if (active < limit) start();
      else waiting.push(start);
      return () => {
        if (closed) return;
        closed = true;
        const i = waiting.indexOf(start);
        if (i >= 0) waiting.splice(i, 1);
        inner?.unsubscribe();
        free();
      };
    });
}
