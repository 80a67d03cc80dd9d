import { Observable, Subscription } from 'rxjs';

export interface PagingOptions<T> {
  /** Items per page asked for (`per_page`); a shorter page is the last one. */
  readonly perPage: number;
  /** Pages in flight at most once the list proved longer than one page. */
  readonly lookahead: number;
  /** Identity of an item, to drop repeats and detect a server that ignores `page`. */
  readonly idOf: (item: T) => string | number;
  /**
   * How many recent pages' ids to remember for dropping repeats (default: all). A stream over a
   * stably sorted list only needs the last page or two, which keeps its memory bounded.
   */
  readonly rememberPages?: number;
}

/**
 * Reads a paged Assembla list: emits each page's new items, in page order, and completes after
 * the last page (a 204, an empty or short page, or a page whose items were all seen already —
 * so a server that ignores `page` cannot make it loop). Page 1 goes alone (most lists fit in it);
 * once it is full, up to `lookahead` pages are fetched ahead while earlier ones are consumed.
 * Unsubscribing aborts the pages in flight and asks for no more.
 *
 * @example paginate((n) => fetchTickets(n), { perPage: 100, lookahead: 6, idOf: (t) => t.id })
 */
export function paginate<T>(fetchPage: (page: number) => Observable<readonly T[] | undefined>, options: PagingOptions<T>): Observable<T[]> {
  return new Observable<T[]>((subscriber) => {
    // One id set per page remembered; a repeat can only come from a page that shifted.
    const seen: Array<Set<string | number>> = [];
    const remember = options.rememberPages ?? Infinity;
    const inFlight = new Map<number, Subscription>();
    const arrived = new Map<number, readonly T[] | undefined>();
    let nextToAsk = 1;
    let nextToEmit = 1;
    let lastPage = Infinity;
    let window = 1;

    const ask = (): void => {
      while (!subscriber.closed && nextToAsk <= lastPage && nextToAsk < nextToEmit + window) {
        const page = nextToAsk++;
        let done = false;
        const sub = fetchPage(page).subscribe({
          next: (items) => {
            done = true;
            arrived.set(page, items);
          },
          error: (e: unknown) => subscriber.error(e),
          complete: () => {
            inFlight.delete(page);
            if (!done) arrived.set(page, undefined);
            deliver();
          },
        });
        if (!sub.closed) inFlight.set(page, sub);
      }
    };

    const deliver = (): void => {
      while (!subscriber.closed && arrived.has(nextToEmit)) {
        const items = arrived.get(nextToEmit) ?? [];
        arrived.delete(nextToEmit);
        const ids = new Set<string | number>();
        const fresh = items.filter((item) => {
          const id = options.idOf(item);
          if (ids.has(id) || seen.some((page) => page.has(id))) return false;
          ids.add(id);
          return true;
        });
        if (remember === Infinity && seen.length > 0) for (const id of ids) seen[0].add(id);
        else seen.push(ids);
        if (seen.length > remember) seen.shift();
        if (items.length < options.perPage || fresh.length === 0) lastPage = nextToEmit;
        nextToEmit++;
        if (fresh.length > 0) subscriber.next(fresh);
        if (nextToEmit > lastPage) {
          subscriber.complete();
          return;
        }
        window = options.lookahead;
      }
      ask();
    };

    ask();
    return () => {
      for (const sub of inFlight.values()) sub.unsubscribe();
      inFlight.clear();
      arrived.clear();
    };
  });
}
