import { map, shareReplay, take } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { renderTable, statusCounts } from '../../examples/dashboard';
import { virtualAssembla } from './virtual-assembla';

describe('the polling dashboard (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'polls on the interval, each time with fresh data (the cache is purged first)',
    marbles((m) => {
      const v = virtualAssembla(m, { perPage: 100, tickets: 30 });
      const space$ = v.api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const expected = new Map<string, number>();
      for (const t of v.data.tickets[v.big.id]) expected.set(t.status, (expected.get(t.status) ?? 0) + 1);
      const total = (counts: ReadonlyMap<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
      // Ticks every 10 frames. The first poll takes 4 (space at 2, one page at 4), later ones 2 (the space is shared).
      m.expect(statusCounts(space$, 10, m.scheduler).pipe(take(3), map(total))).toBeObservable(
        '----a-------b---------(c|)',
        { a: 30, b: 30, c: 30 },
      );
      m.flush();
      expect(v.calls.filter((c) => c.includes('/tickets?'))).toHaveLength(3);
    }),
  );

  it('renders counts as a table, largest first, with a total', () => {
    const lines = renderTable(
      new Map([
        ['Test', 2],
        ['New', 5],
      ]),
      new Date('2026-01-01T10:20:30Z'),
    );
    expect(lines).toEqual([
      'status  tickets   (10:20:30 UTC)',
      '------  -------',
      'New           5',
      'Test          2',
      'total         7',
    ]);
  });
});
