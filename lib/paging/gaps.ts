import { EMPTY, Observable, OperatorFunction, catchError, concat, concatMap, defer, filter, map, of } from 'rxjs';

/** Most numbers checked by number in one gap: one `number[]` request (digest §6.2). */
export const MAX_GAP_CHECK = 10;

export interface GapOptions<T> {
  /** The number the list is sorted by, ascending and unique (a ticket's `number`). */
  readonly numberOf: (item: T) => number;
  /** The items of these numbers that exist (at most MAX_GAP_CHECK of them, ascending): one request. */
  readonly byNumbers: (numbers: readonly number[]) => Observable<readonly T[]>;
  /** Page `n` of the list again, as it is now: one request, for a gap of more than MAX_GAP_CHECK numbers. */
  readonly page: (n: number) => Observable<readonly T[] | undefined>;
  /**
   * The highest number the list held when it was measured (the last-item probe), asked for when the
   * list has ended: nothing if it was never measured; a measurement that failed is ignored.
   */
  readonly highest?: () => Observable<number>;
}

/**
 * Finds the items that page-number paging skips when items are deleted during a long read of a
 * list sorted by a unique number: a deletion on an earlier page shifts every later item one place
 * left, and the one that crosses into an already-read page is never served. Such an item can only
 * hide between the highest number delivered and the next page's first (or, at the end, the list's
 * known highest number), so each such gap costs one request, and what it finds is delivered, in
 * order, before the next page. A gap of at most MAX_GAP_CHECK numbers is fetched by number; a
 * longer one (usually numbers deleted long ago) by reading the page before it again, where the
 * shifted items now are (found unless more than a page of items was deleted meanwhile).
 * Every value delivered is then above the one before. Checked, not trusted: once a page is not in
 * ascending order (a server that ignored the sort), pages pass through unchanged.
 *
 * Pages arrive as `paginate` emits them: the k-th value is page k (only a last page that adds
 * nothing is left out).
 *
 * @example client.pages(...).pipe(fillGaps({ numberOf: (t) => t.number, byNumbers, page }))
 */
export function fillGaps<T>(options: GapOptions<T>): OperatorFunction<T[], T[]> {
  const { numberOf } = options;
  return (pages$) =>
    defer(() => {
      let highest = 0;
      let sorted = true;
      let pages = 0;

      /** The existing items numbered above `highest` and below `below`; the gap follows page `after`. */
      const gap = (below: number, after: number): Observable<T[]> => {
        const from = highest + 1;
        if (highest === 0 || below <= from) return of([]);
        const found =
          below - from <= MAX_GAP_CHECK
            ? options.byNumbers(Array.from({ length: below - from }, (_, i) => from + i))
            : options.page(after);
        return found.pipe(
          map((items) => {
            const inGap = new Map<number, T>();
            for (const item of items ?? [])
              if (numberOf(item) >= from && numberOf(item) < below) inGap.set(numberOf(item), item);
            return [...inGap.keys()].sort((a, b) => a - b).map((n) => inGap.get(n) as T);
          }),
        );
      };

      const withGap = (page: T[]): Observable<T[]> => {
        pages++;
        sorted &&= page.every((item, i) => numberOf(item) > (i === 0 ? highest : numberOf(page[i - 1])));
        if (!sorted || page.length === 0) return of(page);
        const found = gap(numberOf(page[0]), pages - 1);
        highest = numberOf(page[page.length - 1]);
        return found.pipe(map((items) => (items.length > 0 ? [...items, ...page] : page)));
      };

      // At the end: what shifted off the last page can only lie up to the list's known highest number.
      const tail = defer(() =>
        sorted && options.highest
          ? options.highest().pipe(
              catchError(() => EMPTY),
              concatMap((top) => gap(top + 1, pages)),
            )
          : of([]),
      );

      return concat(pages$.pipe(concatMap(withGap)), tail.pipe(filter((items) => items.length > 0)));
    });
}
