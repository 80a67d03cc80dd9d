// The look-ahead of an export: each ticket's included kinds are fetched while the tickets before it
// are still on their way or being written, and the results come out in ticket order.

/** A promise whose rejection is handled later (or never, if it is dropped): no unhandled-rejection warning. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * The name of the first of `promises` to settle (rejecting as it does), or 'stop' if `stop` aborts
 * first. Not `Promise.race` with a promise of the abort: each race would leave a reaction on that
 * long-lived promise, one per record, for the whole export.
 */
function first<K extends string>(
  promises: Partial<Record<K, Promise<unknown>>>,
  stop: AbortSignal | undefined,
): Promise<K | 'stop'> {
  return new Promise((resolve, reject) => {
    if (stop?.aborted) return resolve('stop');
    const onStop = (): void => resolve('stop');
    stop?.addEventListener('abort', onStop, { once: true });
    const settle =
      <V>(then: (value: V) => void) =>
      (value: V): void => {
        stop?.removeEventListener('abort', onStop);
        then(value);
      };
    for (const [name, promise] of Object.entries(promises) as Array<[K, Promise<unknown> | undefined]>)
      promise?.then(
        settle(() => resolve(name)),
        settle(reject),
      );
  });
}

/**
 * Maps each value of `source` through `fn`, up to `width` at a time, and yields the results in the
 * source's order. The values after a slow one are pulled and started meanwhile, so one slow ticket
 * does not idle the others, and no more than `width` results wait in memory. Aborting `stop` ends
 * the iteration at once (after the result being consumed) and aborts the `fn` calls in flight.
 *
 * @example for await (const [t, extras] of mapInOrder(iterateTickets(space$), 12, fetchExtras)) write(t, extras);
 */
export async function* mapInOrder<T, R>(
  source: AsyncIterable<T>,
  width: number,
  fn: (value: T, signal: AbortSignal) => Promise<R>,
  stop?: AbortSignal,
): AsyncGenerator<R> {
  // One controller a call (a shared signal would collect one listener per call in flight).
  const inFlight = new Set<AbortController>();
  const iterator = source[Symbol.asyncIterator]();
  const window: Promise<R>[] = [];
  let pulling: Promise<IteratorResult<T>> | undefined;
  let done = false;
  try {
    for (;;) {
      if (!done && !pulling && window.length < width) pulling = quiet(iterator.next());
      if (done && window.length === 0) return;
      const head = window[0];
      const next = await first({ head, pull: pulling }, stop);
      if (next === 'stop') return;
      if (next === 'head') {
        window.shift();
        yield await head;
        continue;
      }
      const pulled = await pulling!;
      pulling = undefined;
      if (pulled.done) done = true;
      else {
        const call = new AbortController();
        inFlight.add(call);
        window.push(quiet(fn(pulled.value, call.signal).finally(() => inFlight.delete(call))));
      }
    }
  } finally {
    for (const call of inFlight) call.abort();
    // Leaving early: the source stops asking for pages, once the pull in flight (if any) settles;
    // not awaited, so that a stop does not wait for a page (abort the source's own signal for that).
    if (!done) void quiet(Promise.resolve(iterator.return?.()));
  }
}
