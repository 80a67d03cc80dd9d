import { shareReplay } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { renderTable, statusCounts } from '../../examples/dashboard';
import { ticket, updateTicket } from '../../lib';
import { Virtual, virtualAssembla } from './virtual-assembla';

/** The number of the first ticket of the space with this status (the server's data). */
function firstOf(v: Virtual, status: string): { number: number } {
  return { number: v.data.tickets[v.big.id].find((t) => t.status === status)!.number };
}

describe('the live dashboard (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'a live query: the counts now, then again only when they change; no ticket list is read again',
    marbles((m) => {
      const v = virtualAssembla(m, { perPage: 100, tickets: 30, scheduler: m.scheduler });
      const space$ = v.api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const frame = m.time('-|');
      const at = (n: number, run: () => void) => m.scheduler.schedule(run, n * frame);
      const expected = new Map<string, number>();
      for (const t of v.data.tickets[v.big.id]) expected.set(t.status, (expected.get(t.status) ?? 0) + 1);
      const [from, to] = [...expected.keys()];
      const total = (counts: ReadonlyMap<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
      const seen: Array<{ at: number; counts: ReadonlyMap<string, number> }> = [];
      // Polls every 10 frames from 2 (when the space arrives); the tickets come at 4.
      const watching = statusCounts(space$, 10 * frame).subscribe((counts) =>
        seen.push({ at: m.scheduler.now() / frame, counts }),
      );
      // Someone edits a summary (the counts stay), then moves a ticket from one status to another.
      const edit = (status: string, attributes: Parameters<typeof updateTicket>[0]) =>
        space$.pipe(ticket({ status_name: status, ...firstOf(v, status) }), updateTicket(attributes)).subscribe();
      at(15, () => edit(from, { summary: 'Reworded' }));
      at(35, () => edit(from, { status: to }));
      at(100, () => watching.unsubscribe());
      m.flush();
      expect(seen.map((s) => total(s.counts))).toEqual([30, 30]);
      expect(seen[0].at).toBe(4);
      expect(seen[1].counts.get(from)).toBe(expected.get(from)! - 1);
      expect(seen[1].counts.get(to)).toBe(expected.get(to)! + 1);
      // Eight polls (every 10 frames from 2, counted from the end of the last, whose one request takes
      // 2 frames): each is one request of the space's activity, and the only read of the ticket list is
      // the first; the writes patched the cache, and the polls after them read nothing more (the SDK's
      // own writes cost nothing). The rest is the writes' own: each a PUT and its ticket read back, and
      // the statuses, for `state`, once.
      const activity = `GET /activity?space_id=${v.big.id}&page=1&per_page=50`;
      const calls = v.calls.filter((c) => !c.startsWith('PUT') && !/\/tickets\/\d+$/.test(c));
      expect(calls).toEqual([
        'GET /spaces',
        `GET /spaces/${v.big.id}/tickets?report=0&sort_by=number&sort_order=asc&page=1&per_page=100`,
        activity,
        activity,
        `GET /spaces/${v.big.id}/tickets/statuses`,
        ...Array<string>(6).fill(activity),
      ]);
      expect(v.calls.filter((c) => c.startsWith('PUT'))).toHaveLength(2);
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
