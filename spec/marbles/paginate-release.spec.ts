import { Observable, Subject } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { paginate } from '../../lib/paging/paginate';

type Item = { id: number };
const items = (from: number, n: number): Item[] => Array.from({ length: n }, (_, i) => ({ id: from + i }));

describe('paginate in pull mode (`release`, virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'asks no page past the released ones plus the look-ahead, however long the consumer takes',
    marbles((m) => {
      const asked: number[] = [];
      const fetch = (page: number): Observable<Item[]> => {
        asked.push(page);
        return m.cold('---(p|)', { p: items((page - 1) * 2 + 1, 2) }); // an endless list of full pages
      };
      const release = new Subject<void>();
      const pages: number[][] = [];
      paginate(fetch, { perPage: 2, lookahead: 3, idOf: (i) => i.id, release }).subscribe((p) =>
        pages.push(p.map((i) => i.id)),
      );
      m.flush();
      // Page 1 alone, then pages 2-3: the look-ahead counts page 1, emitted but not released.
      expect(asked).toEqual([1, 2, 3]);
      expect(pages).toHaveLength(3);
      release.next(); // done with page 1: page 4 may be asked
      m.flush();
      expect(asked).toEqual([1, 2, 3, 4]);
      release.next();
      release.next();
      m.flush();
      expect(asked).toEqual([1, 2, 3, 4, 5, 6]);
      expect(pages.map((p) => p[0])).toEqual([1, 3, 5, 7, 9, 11]);
    }),
  );
});
