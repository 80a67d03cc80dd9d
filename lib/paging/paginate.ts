import { Observable, Subscription } from 'rxjs';
import { PagingError } from '../core/errors';

export interface PagingOptions<T> {
  /** Items per page asked for (`per_page`); a shorter page is the last one. */
  readonly perPage: number;
  /**
   * Pages in flight at most once the list proved longer than one page. A list without a `last`
   * probe keeps at most 3 of them (see `UNBOUNDED_LOOKAHEAD`).
   */
  readonly lookahead: number;
  /** Identity of an item, to drop repeats and detect a server that ignores `page`. */
  readonly idOf: (item: T) => string | number;
  /**
   * How many recent pages' ids to remember for dropping repeats (default: all). A stream over a
   * stably sorted list only needs the last page or two, which keeps its memory bounded.
   */
  readonly rememberPages?: number;
  /**
   * What the list's last item is (e.g. a space's highest-numbered ticket, in a list sorted by
   * number), asked for once page 1 proves full. Its `maxItems` bounds how far ahead pages are
   * asked for, and the list ends as soon as a full page ends with it, instead of asking past the
   * end. It is checked, not trusted: while the list goes on past the bound, paging goes on as
   * usual. A probe that fails is ignored.
   */
  readonly last?: () => Observable<LastItem>;
  /**
   * The API does not say whether it pages this list: a page 2 that only repeats page 1 means the
   * server ignores `page` (page 1 was the whole list), not a failure.
   */
  readonly mayIgnorePaging?: boolean;
  /** What the list is, for error messages, e.g. `GET /spaces/x/tickets`. */
  readonly name?: string;
  /**
   * Pull mode, for a consumer slower than the network: each value says the consumer is done with
   * the oldest page emitted and not yet released. Pages emitted count as ahead until released, so
   * no page past `released + lookahead` is asked for, however slow the consumer. Without it, a page
   * counts as consumed once emitted.
   */
  readonly release?: Observable<unknown>;
}

/**
 * The look-ahead of a list nothing bounds (no `last` probe). The pages in flight when the page that
 * ends a list arrives were asked for in vain, and until it arrives nothing tells the list's end from
 * its middle: a window of w pages asks up to w - 1 pages past the end, however it grew to w. 3 keeps
 * that at 2 (a milestone's 1,599 tickets in a space of 10,000: 16 pages and 2 more, not 5) and reads
 * a list of up to 4 pages as fast as a wider window; a longer one goes 3 pages a round trip instead
 * of `lookahead` (spec/marbles/paginate.spec.ts measures both).
 */
const UNBOUNDED_LOOKAHEAD = 3;

/** The last item of a list and an upper bound on the list's length. */
export interface LastItem {
  readonly id: string | number;
  readonly maxItems: number;
}

/**
 * Reads a paged Assembla list: emits each page's new items, in page order, and completes after
 * the last page (a 204, an empty or short page, or the page that ends with the known last item).
 * A full page whose items were all seen already is asked for once more (a stale replica), and
 * fails with a `PagingError` if it repeats again, so a server that ignores `page` cannot make it
 * loop either (lists the API does not page are read in one request, not here). Page 1 goes alone
 * (most lists fit in it); once it is full, up to `lookahead` pages are fetched ahead while earlier ones are
 * consumed (up to 3 for a list without a `last` probe, so that it asks at most 2 pages past its end).
 * Unsubscribing aborts the pages in flight and asks for no more.
 *
 * @example paginate((n) => fetchTickets(n), { perPage: 100, lookahead: 6, idOf: (t) => t.id })
 */
export function paginate<T>(
  fetchPage: (page: number) => Observable<readonly T[] | undefined>,
  options: PagingOptions<T>,
): Observable<T[]> {
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
    let probe: Subscription | undefined;
    let last: LastItem | undefined;
    /** No page past this one is asked for ahead of need (see `options.last`). */
    let askUpTo = Infinity;
    /** Pull mode: the pages emitted and not yet released, oldest first. */
    const held: number[] = [];

    /**
     * The server does not page this list (the digest, §3.1, lists several it answers whole): a page
     * held more than `perPage` items, or (`mayIgnorePaging`) page 2 only repeated page 1. Then a
     * page that repeats the one before ends the list rather than fails it.
     */
    let unpaged = false;
    /** Pages asked for a second time because they repeated the page before. */
    const askedAgain = new Set<number>();

    const load = (page: number): void => {
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
    };

    const ask = (): void => {
      while (
        !subscriber.closed &&
        nextToAsk <= Math.min(lastPage, Math.max(askUpTo, nextToEmit)) &&
        nextToAsk < (held[0] ?? nextToEmit) + window
      )
        load(nextToAsk++);
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
        const endsWithLast =
          last !== undefined && items.length > 0 && options.idOf(items[items.length - 1]) === last.id;
        // Page 2 that only repeats page 1, of a list whose paging is undocumented: the server ignores `page`.
        const repeatsPageOne = options.mayIgnorePaging && nextToEmit === 2 && items.length > 0 && fresh.length === 0;
        if (items.length > options.perPage || repeatsPageOne) unpaged = true;
        if (fresh.length === 0 && items.length >= options.perPage && !endsWithLast && !unpaged) {
          if (askedAgain.has(nextToEmit)) {
            const what = options.name ? `${options.name}: page` : 'Page';
            subscriber.error(
              new PagingError(
                `${what} ${nextToEmit} repeated the items of the pages before it, twice: the list cannot be read whole`,
                nextToEmit,
              ),
            );
            return;
          }
          askedAgain.add(nextToEmit);
          load(nextToEmit);
          return;
        }
        if (remember === Infinity && seen.length > 0) for (const id of ids) seen[0].add(id);
        else seen.push(ids);
        if (seen.length > remember) seen.shift();
        if (items.length < options.perPage || fresh.length === 0 || endsWithLast) lastPage = nextToEmit;
        nextToEmit++;
        // Past the bound and still going: the bound was wrong, so page on as usual.
        if (nextToEmit > askUpTo) askUpTo = Infinity;
        if (fresh.length > 0 && options.release) held.push(nextToEmit - 1);
        if (fresh.length > 0) subscriber.next(fresh);
        // The subscriber may have left on that value (e.g. take(5)): then nothing more is asked.
        if (subscriber.closed) return;
        if (nextToEmit > lastPage) {
          // A probe still on its way is waited for, not aborted: what follows the list (the gap
          // check at its end) may ask for the same answer, and would otherwise send it again.
          if (probe && !probe.closed) probe.add(() => subscriber.complete());
          else subscriber.complete();
          return;
        }
        // A server that ignores `per_page` may still honour `page`: one page at a time finds out.
        if (unpaged) window = 1;
        else window = options.last ? options.lookahead : Math.min(options.lookahead, UNBOUNDED_LOOKAHEAD);
        if (options.last && !probe) {
          probe = options.last().subscribe({
            next: (found) => {
              last = found;
              askUpTo = Math.ceil(found.maxItems / options.perPage);
            },
            error: () => undefined,
          });
        }
      }
      ask();
    };

    const releases = options.release?.subscribe(() => {
      held.shift();
      ask();
    });
    ask();
    return () => {
      releases?.unsubscribe();
      probe?.unsubscribe();
      for (const sub of inFlight.values()) sub.unsubscribe();
      inFlight.clear();
      arrived.clear();
    };
  });
}
