import type { Observable, Subscription } from 'rxjs';
import { AbortError } from '../core/errors';

/** A page handed to a pulling consumer, and how to say it is done with it. */
export interface PulledPage<T> {
  readonly items: readonly T[];
  /** Called once the consumer has taken the page's last item (see `PagingOptions.release`). */
  readonly release: () => void;
}

/**
 * Item by item over a stream of pages, for `for await`. Subscribes at the first `next()`; releases
 * each page once its last item was taken, so a paced source asks no further ahead than the
 * consumer; errors are thrown in order, after the items before them. Leaving the loop (`break`,
 * `throw`, `return()`) unsubscribes, which aborts the requests in flight; so does `signal`, and the
 * pending or next `next()` then rejects with an `AbortError`.
 *
 * @example for await (const item of pullPages(pages$, signal, 'iterateTickets')) await sink(item);
 */
export async function* pullPages<T>(
  pages$: Observable<PulledPage<T>>,
  signal: AbortSignal | undefined,
  what: string,
): AsyncGenerator<T, void, undefined> {
  const queue: Array<PulledPage<T>> = [];
  let ended: { error?: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const check = (): void => {
    if (signal?.aborted) throw new AbortError(`${what} was aborted`, signal.reason);
  };
  check();
  // An abort stops the requests at once, even while the loop body is busy with an item.
  let subscription: Subscription | undefined;
  const onAbort = (): void => {
    subscription?.unsubscribe();
    notify();
  };
  try {
    signal?.addEventListener('abort', onAbort);
    subscription = pages$.subscribe({
      next: (page) => {
        queue.push(page);
        notify();
      },
      error: (error: unknown) => {
        ended = { error };
        notify();
      },
      complete: () => {
        ended = {};
        notify();
      },
    });
    for (;;) {
      check();
      const page = queue[0];
      if (page) {
        for (const item of page.items) {
          yield item;
          check();
        }
        queue.shift();
        page.release();
      } else if (ended) {
        if ('error' in ended) throw ended.error;
        return;
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    subscription?.unsubscribe();
  }
}
