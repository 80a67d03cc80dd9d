import { Observable, concatMap, take } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { PagingError } from '../../lib/core/errors';
import { paginate } from '../../lib/paging/paginate';

type Item = { id: number };
const items = (from: number, n: number): Item[] => Array.from({ length: n }, (_, i) => ({ id: from + i }));

describe('paginate (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  /** A list of `total` items served `perPage` a page; each page answers after `latency` frames. */
  function server(m: Parameters<Parameters<typeof marbles>[0]>[0], total: number, perPage: number, latency = 3) {
    const asked: number[] = [];
    const fetch = (page: number): Observable<Item[] | undefined> => {
      asked.push(page);
      const start = (page - 1) * perPage;
      const body = start >= total ? undefined : items(start + 1, Math.min(perPage, total - start));
      return m.cold(`${'-'.repeat(latency)}(p|)`, { p: body });
    };
    return { asked, fetch };
  }

  it(
    'asks for page 1 alone, then keeps `lookahead` pages in flight, delivering in page order',
    marbles((m) => {
      const { asked, fetch } = server(m, 10, 2);
      const pages = paginate(fetch, { perPage: 2, lookahead: 3, idOf: (i) => i.id });
      // page 1 at 3; pages 2-4 asked at 3 arrive at 6; 5-7 asked at 6 arrive at 9, and page 5's
      // arrival asks for 8 before page 6's 204 ends the list: 3 extra requests, the look-ahead.
      const seen: Array<[number, number[]]> = [];
      let completedAt = -1;
      pages.subscribe({
        next: (p) => seen.push([m.scheduler.now(), p.map((i) => i.id)]),
        complete: () => (completedAt = m.scheduler.now()),
      });
      m.flush();
      expect(seen).toEqual([
        [3, [1, 2]],
        [6, [3, 4]],
        [6, [5, 6]],
        [6, [7, 8]],
        [9, [9, 10]],
      ]);
      expect(completedAt).toBe(9);
      expect(asked).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }),
  );

  /** Reads a whole list and says what it asked, what it emitted, and how long it took. */
  function readWhole(
    m: Parameters<Parameters<typeof marbles>[0]>[0],
    list: { asked: number[]; fetch: (page: number) => Observable<Item[] | undefined> },
    options: Omit<Parameters<typeof paginate<Item>>[1], 'idOf'>,
  ) {
    const ids: number[] = [];
    const start = m.scheduler.now();
    let took = -1;
    paginate(list.fetch, { ...options, idOf: (i) => i.id }).subscribe({
      next: (p) => ids.push(...p.map((i) => i.id)),
      complete: () => (took = m.scheduler.now() - start),
    });
    m.flush();
    return { asked: list.asked, ids, took };
  }

  it('asks at most 2 pages past the end of a list without a probe, whatever its length, in order', () => {
    // Every length from 0 to 25 pages of 2, so the list ends at every position of the look-ahead
    // window; pages answer after 1 to 3 frames, so they also arrive out of order.
    for (let total = 0; total <= 50; total++) {
      marbles((m) => {
        const asked: number[] = [];
        const fetch = (page: number): Observable<Item[] | undefined> => {
          asked.push(page);
          const start = (page - 1) * 2;
          const body = start >= total ? undefined : items(start + 1, Math.min(2, total - start));
          return m.cold(`${'-'.repeat(1 + ((page * 7) % 3))}(p|)`, { p: body });
        };
        const { ids, took } = readWhole(m, { asked, fetch }, { perPage: 2, lookahead: 6 });
        const endPage = Math.floor(total / 2) + 1; // the first page that is short or empty
        expect(ids).toEqual(items(1, total).map((i) => i.id));
        expect(took).toBeGreaterThan(0);
        expect(asked).toEqual(Array.from({ length: asked.length }, (_, i) => i + 1));
        expect(Math.max(...asked) - endPage).toBeLessThanOrEqual(2);
      })();
    }
  });

  it(
    'reads a list without a probe of up to 4 pages as fast as a wide look-ahead, a longer one 3 pages a round trip',
    marbles((m) => {
      // Page 1 alone, then pages 2-4 at once: 2 round trips of 3 frames, as with 6 pages ahead.
      expect(readWhole(m, server(m, 7, 2), { perPage: 2, lookahead: 6 }).took).toBe(3 * 2);
      // 25 pages (the last one short): page 1, then 8 round trips of 3 pages; 6 ahead would take 4.
      const long = readWhole(m, server(m, 49, 2), { perPage: 2, lookahead: 6 });
      expect(long.took).toBe(3 * 9);
      expect(long.asked).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    }),
  );

  it(
    'keeps `lookahead` pages in flight for a list with a probe (it knows its bound)',
    marbles((m) => {
      // 25 pages, the last one short; the probe answers at 4 with the list's last item.
      const list = server(m, 49, 2);
      const last = () => m.cold('-(n|)', { n: { id: 49, maxItems: 49 } });
      const { ids, asked, took } = readWhole(m, list, { perPage: 2, lookahead: 6, last });
      expect(ids).toEqual(items(1, 49).map((i) => i.id));
      // Page 1, then 6 pages a round trip: 4 more round trips of 3 frames, nothing past page 25.
      expect(took).toBe(3 * 5);
      expect(asked).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    }),
  );

  it(
    'stops at a short page without asking further when the list fits in page 1',
    marbles((m) => {
      const { asked, fetch } = server(m, 3, 5);
      m.expect(paginate(fetch, { perPage: 5, lookahead: 6, idOf: (i) => i.id })).toBeObservable('---(a|)', {
        a: items(1, 3),
      });
      m.flush();
      expect(asked).toEqual([1]);
    }),
  );

  it(
    'ends on a 204 (no content) page',
    marbles((m) => {
      const { fetch } = server(m, 0, 5);
      m.expect(paginate(fetch, { perPage: 5, lookahead: 6, idOf: (i) => i.id })).toBeObservable('---|');
    }),
  );

  it(
    'asks again for a page that repeats the page before it (a stale replica), and goes on',
    marbles((m) => {
      const asked: number[] = [];
      const fetch = (page: number): Observable<Item[] | undefined> => {
        asked.push(page);
        // The first answer for page 2 is page 1 again; asked again, page 2 is right.
        const stale = page === 2 && asked.filter((p) => p === 2).length === 1;
        const body = stale ? items(1, 2) : page <= 3 ? items(page * 2 - 1, 2) : undefined;
        return m.cold('-(p|)', { p: body });
      };
      m.expect(paginate(fetch, { perPage: 2, lookahead: 1, idOf: (i) => i.id })).toBeObservable('-a-bc|', {
        a: items(1, 2),
        b: items(3, 2),
        c: items(5, 2),
      });
      m.flush();
      expect(asked).toEqual([1, 2, 2, 3, 4]);
    }),
  );

  it(
    'fails with a PagingError naming the page when it repeats again (e.g. a server that ignores `page`)',
    marbles((m) => {
      let calls = 0;
      const same = () => {
        calls++;
        return m.cold<Item[]>('-(p|)', { p: items(1, 2) });
      };
      const error = new PagingError(
        'GET /spaces/s/tickets: page 2 repeated the items of the pages before it, twice: the list cannot be read whole',
        2,
      );
      m.expect(
        paginate(same, { perPage: 2, lookahead: 1, idOf: (i) => i.id, name: 'GET /spaces/s/tickets' }),
      ).toBeObservable('-a-#', { a: items(1, 2) }, error);
      m.flush();
      expect(calls).toBe(3);
    }),
  );

  it(
    'drops items repeated across pages (a list that shifted while being read)',
    marbles((m) => {
      const pages: Record<number, Item[]> = { 1: items(1, 2), 2: items(2, 2), 3: [] };
      m.expect(
        paginate((p) => m.cold('-(p|)', { p: pages[p] }), { perPage: 2, lookahead: 1, idOf: (i) => i.id }),
      ).toBeObservable('-ab|', { a: items(1, 2), b: [{ id: 3 }] });
    }),
  );

  it(
    'stops asking for pages, and aborts those in flight, when the subscriber leaves',
    marbles((m) => {
      const { asked, fetch } = server(m, 1000, 2, 4);
      const firstThree = paginate(fetch, { perPage: 2, lookahead: 2, idOf: (i) => i.id }).pipe(
        concatMap((page) => page),
        take(3),
      );
      m.expect(firstThree).toBeObservable('----(ab)(c|)', { a: { id: 1 }, b: { id: 2 }, c: { id: 3 } });
      m.flush();
      expect(asked).toEqual([1, 2, 3]);
    }),
  );

  it(
    'passes a page error on and stops',
    marbles((m) => {
      const error = new Error('page 2 failed');
      const fetch = (p: number) =>
        p === 2 ? m.cold<Item[]>('--#', {}, error) : m.cold('-(p|)', { p: items(p * 10, 2) });
      m.expect(paginate(fetch, { perPage: 2, lookahead: 2, idOf: (i) => i.id })).toBeObservable(
        '-a-#',
        { a: items(10, 2) },
        error,
      );
    }),
  );

  it(
    "ends at the page that ends with the list's known last item, asking nothing past it",
    marbles((m) => {
      const { asked, fetch } = server(m, 10, 2);
      let probes = 0;
      const last = () => {
        probes++;
        return m.cold('-(n|)', { n: { id: 10, maxItems: 10 } });
      };
      const seen: number[][] = [];
      let completedAt = -1;
      paginate(fetch, { perPage: 2, lookahead: 3, idOf: (i) => i.id, last }).subscribe({
        next: (p) => seen.push(p.map((i) => i.id)),
        complete: () => (completedAt = m.scheduler.now()),
      });
      m.flush();
      // The probe (asked at 3, known at 4) caps asking at page 5, and page 5 ends with item 10:
      // the list ends when it arrives (at 9), with no request past the end.
      expect(seen).toEqual([
        [1, 2],
        [3, 4],
        [5, 6],
        [7, 8],
        [9, 10],
      ]);
      expect(asked).toEqual([1, 2, 3, 4, 5]);
      expect(probes).toBe(1);
      expect(completedAt).toBe(9);
    }),
  );

  it(
    'checks rather than trusts the last item: a wrong one (a server that ignored the sort) loses nothing',
    marbles((m) => {
      const { fetch } = server(m, 9, 2);
      const seen: number[] = [];
      const wrong = () => m.cold('-(n|)', { n: { id: 1, maxItems: 1 } });
      paginate(fetch, { perPage: 2, lookahead: 3, idOf: (i) => i.id, last: wrong }).subscribe((p) =>
        seen.push(...p.map((i) => i.id)),
      );
      m.flush();
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }),
  );

  it(
    'ignores a probe that fails, and sends none when page 1 is the last',
    marbles((m) => {
      const failing = server(m, 6, 2);
      const seen: number[] = [];
      paginate(failing.fetch, {
        perPage: 2,
        lookahead: 2,
        idOf: (i) => i.id,
        last: () => m.cold('-#', {}, new Error('no probe')),
      }).subscribe((p) => seen.push(...p.map((i) => i.id)));
      const short = server(m, 1, 2);
      let probes = 0;
      paginate(short.fetch, {
        perPage: 2,
        lookahead: 2,
        idOf: (i) => i.id,
        last: () => (probes++, m.cold('(n|)', { n: { id: 1, maxItems: 1 } })),
      }).subscribe();
      m.flush();
      expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
      expect(probes).toBe(0);
    }),
  );

  it(
    'waits for a probe still on its way before it completes, not aborting it (what follows may share its answer)',
    marbles((m) => {
      // 3 items at 2 a page: page 2 (short) ends the list at 6, while the probe asked at 3 answers at 10.
      const { fetch } = server(m, 3, 2);
      const probe = m.cold('-------(n|)', { n: { id: 3, maxItems: 3 } });
      let completedAt = -1;
      paginate(fetch, { perPage: 2, lookahead: 2, idOf: (i) => i.id, last: () => probe }).subscribe({
        complete: () => (completedAt = m.scheduler.now()),
      });
      m.flush();
      expect(completedAt).toBe(10);
      expect(probe.subscriptions.map((s) => [s.subscribedFrame, s.unsubscribedFrame])).toEqual([[3, 10]]);
    }),
  );

  it(
    'still aborts that probe when the subscriber leaves',
    marbles((m) => {
      const { fetch } = server(m, 3, 2);
      const probe = m.cold('-------(n|)', { n: { id: 3, maxItems: 3 } });
      const sub = paginate(fetch, { perPage: 2, lookahead: 2, idOf: (i) => i.id, last: () => probe }).subscribe();
      m.scheduler.schedule(() => sub.unsubscribe(), 7);
      m.flush();
      expect(probe.subscriptions.map((s) => [s.subscribedFrame, s.unsubscribedFrame])).toEqual([[3, 7]]);
    }),
  );

  describe('a list whose paging is undocumented (mayIgnorePaging)', () => {
    /** A server that ignores `page` and `per_page`: every page is the whole list. */
    const whole = (m: Parameters<Parameters<typeof marbles>[0]>[0], total: number) => {
      const asked: number[] = [];
      return { asked, fetch: (page: number) => (asked.push(page), m.cold('---(p|)', { p: items(1, total) })) };
    };

    it(
      'ends when page 2 repeats page 1, however many items it has, without a PagingError',
      marbles((m) => {
        for (const total of [1, 2, 3, 7]) {
          const list = whole(m, total);
          const ids: number[] = [];
          paginate(list.fetch, { perPage: 2, lookahead: 6, idOf: (i) => i.id, mayIgnorePaging: true }).subscribe({
            next: (p) => ids.push(...p.map((i) => i.id)),
            error: (e: unknown) => ids.push(-1, e instanceof PagingError ? 1 : 0),
          });
          m.flush();
          expect([total, ids]).toEqual([total, items(1, total).map((i) => i.id)]);
          expect(list.asked.length).toBeLessThanOrEqual(4);
        }
      }),
    );

    it(
      'still reads a paged list whole when a later page is served stale once, at the full look-ahead',
      marbles((m) => {
        const asked: number[] = [];
        let staleOnce = true;
        const fetch = (page: number): Observable<Item[] | undefined> => {
          asked.push(page);
          const stale = page === 3 && staleOnce;
          if (stale) staleOnce = false;
          const start = ((stale ? 2 : page) - 1) * 2;
          return m.cold('---(p|)', { p: start >= 20 ? undefined : items(start + 1, 2) });
        };
        const ids: number[] = [];
        paginate(fetch, { perPage: 2, lookahead: 6, idOf: (i) => i.id, mayIgnorePaging: true }).subscribe((p) =>
          ids.push(...p.map((i) => i.id)),
        );
        m.flush();
        expect(ids).toEqual(items(1, 20).map((i) => i.id));
        // Page 3 went out twice, and pages went out several at a time (not one by one).
        expect(asked.filter((p) => p === 3)).toHaveLength(2);
        expect(asked.slice(1, 4)).toEqual([2, 3, 4]);
      }),
    );
  });
});
