import { Observable, of } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { MAX_GAP_CHECK, fillGaps } from '../../lib/paging/gaps';

type Item = { n: number };
const list = (...ns: number[]): Item[] => ns.map((n) => ({ n }));

describe('fillGaps (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  /** The items that exist, served by number after 1 frame; `asked` records each request's numbers. */
  function byNumbers(m: Parameters<Parameters<typeof marbles>[0]>[0], existing: readonly number[]) {
    const asked: Array<number[] | string> = [];
    const fetch = (numbers: readonly number[]): Observable<Item[]> => {
      asked.push([...numbers]);
      return m.cold('-(f|)', { f: list(...numbers.filter((n) => existing.includes(n))) });
    };
    /** Page n of `existing` in pages of 2, as it is now. */
    const page = (n: number): Observable<Item[]> => {
      asked.push(`page ${n}`);
      return m.cold('-(f|)', { f: list(...existing.slice((n - 1) * 2, n * 2)) });
    };
    return { asked, fetch, page };
  }

  it(
    'delivers, before the next page, the tickets hidden between one page and the next, one request per gap',
    marbles((m) => {
      // Page 1 was [1, 2, 3]; ticket 2 was deleted before page 2 was read, so 4 shifted onto page 1
      // and page 2 starts at 6 (5 was deleted long ago).
      const { asked, fetch, page } = byNumbers(m, [4]);
      const pages = m.cold('a-b-c|', { a: list(1, 2, 3), b: list(6, 7, 8), c: list(9, 10) });
      m.expect(pages.pipe(fillGaps({ numberOf: (i) => i.n, byNumbers: fetch, page }))).toBeObservable('a--bc|', {
        a: list(1, 2, 3),
        b: list(4, 6, 7, 8),
        c: list(9, 10),
      });
      m.flush();
      expect(asked).toEqual([[4, 5]]);
    }),
  );

  it(
    'checks the end up to the highest number the list was known to have',
    marbles((m) => {
      const { asked, fetch, page } = byNumbers(m, [11, 12]);
      const pages = m.cold('a-b|', { a: list(1, 2), b: list(3, 4, 10) }); // no gap checked inside a page
      m.expect(
        pages.pipe(fillGaps({ numberOf: (i) => i.n, byNumbers: fetch, page, highest: () => of(12) })),
      ).toBeObservable('a-b-(c|)', { a: list(1, 2), b: list(3, 4, 10), c: list(11, 12) });
      m.flush();
      expect(asked).toEqual([[11, 12]]);
    }),
  );

  it(
    'at the end, waits for a measurement still on its way, and ignores one that failed',
    marbles((m) => {
      const { asked, fetch, page } = byNumbers(m, [3]);
      const late = m
        .cold('a|', { a: list(1, 2) })
        .pipe(fillGaps({ numberOf: (i) => i.n, byNumbers: fetch, page, highest: () => m.cold('---(h|)', { h: 3 }) }));
      m.expect(late).toBeObservable('a----(b|)', { a: list(1, 2), b: list(3) });
      const failed = m
        .cold('a|', { a: list(1, 2) })
        .pipe(fillGaps({ numberOf: (i) => i.n, byNumbers: fetch, page, highest: () => m.cold<number>('-#') }));
      m.expect(failed).toBeObservable('a-|', { a: list(1, 2) });
      m.flush();
      expect(asked).toEqual([[3]]);
    }),
  );

  it(
    `reads the page before a gap of over ${MAX_GAP_CHECK} numbers again (old deletions); asks nothing without a gap`,
    marbles((m) => {
      // Pages of 2: [1, 100] was page 1; 100 was deleted since, so 101 shifted onto page 1 and
      // page 2 starts at 150 (102..149 were deleted long ago). Page 1 read again is [1, 101].
      const { asked, fetch, page } = byNumbers(m, [1, 101, 150, 151, 152]);
      const pages = m.cold('a-b-c|', { a: list(1, 100), b: list(150, 151), c: list(152) });
      m.expect(
        pages.pipe(fillGaps({ numberOf: (i) => i.n, byNumbers: fetch, page, highest: () => of(152) })),
      ).toBeObservable('a--bc|', { a: list(1, 100), b: list(101, 150, 151), c: list(152) });
      m.flush();
      expect(asked).toEqual(['page 1']);
    }),
  );

  it(
    'passes pages through unchanged once they are not in ascending order (a server that ignored the sort)',
    marbles((m) => {
      const { asked, fetch, page } = byNumbers(m, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const pages = m.cold('a-b|', { a: list(5, 1), b: list(9, 2) });
      m.expect(
        pages.pipe(fillGaps({ numberOf: (i) => i.n, byNumbers: fetch, page, highest: () => of(9) })),
      ).toBeObservable('a-b|', { a: list(5, 1), b: list(9, 2) });
      m.flush();
      expect(asked).toEqual([]);
    }),
  );
});
