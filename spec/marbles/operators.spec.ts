import { concatMap, map, of, shareReplay, take } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import {
  AmbiguousMatchError,
  NotFoundError,
  milestone,
  milestones,
  streamTickets,
  ticket,
  tickets,
  user,
  users,
} from '../../lib';
import { virtualAssembla } from './virtual-assembla';

// Every reply takes 2 frames; pages hold 2 items; "Big Project" has 5 tickets (3 pages).
describe('operators (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'spaces() emits one array and completes; space({ wiki_name }) is one direct GET',
    marbles((m) => {
      const v = virtualAssembla(m);
      m.expect(v.api.spaces().pipe(map((l) => l.map((s) => s.name)))).toBeObservable('--(a|)', {
        a: v.data.spaces.map((s) => s.name),
      });
      m.expect(v.api.space({ wiki_name: 'big-project' }).pipe(map((s) => s.id))).toBeObservable('--(a|)', {
        a: v.big.id,
      });
      m.flush();
      expect(v.calls).toEqual(['GET /spaces', 'GET /spaces/big-project']);
    }),
  );

  it(
    'milestones() reads /milestones/all page by page; milestone(title) picks one or says none matched',
    marbles((m) => {
      const v = virtualAssembla(m);
      const space$ = v.api.space({ name: 'Big Project' });
      const all = v.data.milestones[v.big.id];
      // space at 2; milestone page 1 (full) at 4; pages 2.. in parallel at 6, the last one short.
      m.expect(
        space$.pipe(
          milestones(),
          map((l) => l.length),
        ),
      ).toBeObservable('------(a|)', { a: all.length });
      m.expect(
        space$.pipe(
          milestone('Release Candidate 1'),
          map((x) => x.title),
        ),
      ).toBeObservable('------(a|)', { a: 'Release Candidate 1' });
      m.expect(space$.pipe(milestone('Nope'))).toBeObservable(
        '------#',
        {},
        new NotFoundError('no milestone matches { title: "Nope" } in space ' + v.big.id),
      );
    }),
  );

  it(
    'tickets() reads every page with look-ahead and emits one array in number order',
    marbles((m) => {
      const v = virtualAssembla(m);
      const numbers = v.data.tickets[v.big.id].map((t) => t.number);
      m.expect(
        v.api.space({ name: 'Big Project' }).pipe(
          tickets(),
          map((l) => l.map((t) => t.number)),
        ),
      ).toBeObservable('------(a|)', { a: numbers });
      m.flush();
      const pages = v.calls.filter((c) => c.includes('/tickets?'));
      expect(pages[0]).toContain('report=0&sort_by=number&sort_order=asc&page=1&per_page=2');
      expect(pages.length).toBeGreaterThanOrEqual(3);
    }),
  );

  it(
    'tickets(filter) filters; a milestone scope reads /tickets/milestone/:id',
    marbles((m) => {
      const v = virtualAssembla(m, { perPage: 100 });
      const w = virtualAssembla(m, { perPage: 100 });
      const all = v.data.tickets[v.big.id];
      const rc1 = v.data.milestones[v.big.id].find((x) => x.title === 'Release Candidate 1')!;
      m.expect(
        v.api.space({ name: 'Big Project' }).pipe(
          tickets({ status_name: 'Test' }),
          map((l) => l.length),
        ),
      ).toBeObservable('----(a|)', {
        a: all.filter((t) => t.status === 'Test').length,
      });
      // space at 2, milestones at 4, the milestone's tickets at 6.
      m.expect(
        w.api.space({ name: 'Big Project' }).pipe(
          milestone('Release Candidate 1'),
          tickets(),
          map((l) => l.map((t) => t.number)),
        ),
      ).toBeObservable('------(a|)', {
        a: all.filter((t) => t.milestone_id === rc1.id).map((t) => t.number),
      });
      m.flush();
      expect(w.calls.some((c) => c.includes(`/tickets/milestone/${rc1.id}?`))).toBe(true);
      expect(w.calls.some((c) => c.includes('/tickets?'))).toBe(false);
    }),
  );

  it(
    'ticket({ number }) is one direct GET; a missing one is a NotFoundError (404); several matches are ambiguous',
    marbles((m) => {
      const v = virtualAssembla(m, { perPage: 100 });
      const space$ = v.api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      m.expect(
        space$.pipe(
          ticket({ number: 3 }),
          map((t) => t.number),
        ),
      ).toBeObservable('----(a|)', { a: 3 });
      const missing = space$.pipe(ticket({ number: 99 }));
      m.expect(missing).toBeObservable(
        '----#',
        {},
        new NotFoundError(
          `no ticket matches { number: 99 } in space ${v.big.id}` +
            ` (GET https://virtual.test/v1/spaces/${v.big.id}/tickets/99 answered 404)`,
        ),
      );
      m.expect(space$.pipe(ticket({ space_id: v.big.id }))).toBeObservable(
        '----#',
        {},
        new AmbiguousMatchError(
          `5 tickets match { space_id: "${v.big.id}" } in space ${v.big.id};` +
            ' add a field to the filter (e.g. id) to pick one',
          5,
        ),
      );
      m.flush();
      expect(v.calls.filter((c) => /\/tickets\/(3|99)$/.test(c))).toHaveLength(2);
    }),
  );

  it(
    'streamTickets() emits each ticket as its page arrives',
    marbles((m) => {
      const v = virtualAssembla(m);
      const seen: Array<[number, number]> = [];
      v.api
        .space({ name: 'Big Project' })
        .pipe(streamTickets())
        .subscribe((t) => seen.push([m.scheduler.now(), t.number]));
      m.flush();
      // page 1 (tickets 1, 2) at 4; pages 2 and 3 (3, 4 and 5) at 6.
      expect(seen).toEqual([
        [4, 1],
        [4, 2],
        [6, 3],
        [6, 4],
        [6, 5],
      ]);
    }),
  );

  it(
    'streamTickets() stops asking for pages after take(1)',
    marbles((m) => {
      const v = virtualAssembla(m);
      m.expect(
        v.api.space({ name: 'Big Project' }).pipe(
          streamTickets(),
          take(1),
          map((t) => t.number),
        ),
      ).toBeObservable('----(a|)', { a: 1 });
      m.flush();
      expect(v.calls.filter((c) => c.includes('/tickets?'))).toHaveLength(1);
    }),
  );

  it(
    "users() of a space are its members; of a milestone, its tickets' assignees; user(filter) picks one",
    marbles((m) => {
      const v = virtualAssembla(m, { perPage: 100, tickets: 40 });
      const space$ = v.api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const members = v.data.users[v.big.id];
      const rc1 = v.data.milestones[v.big.id].find((x) => x.title === 'Release Candidate 1')!;
      const assignees = new Set(
        v.data.tickets[v.big.id].filter((t) => t.milestone_id === rc1.id).map((t) => t.assigned_to_id),
      );
      m.expect(
        space$.pipe(
          users(),
          map((l) => l.length),
        ),
      ).toBeObservable('----(a|)', { a: members.length });
      m.expect(
        space$.pipe(
          user({ name: 'John Smith' }),
          map((u) => u.login),
        ),
      ).toBeObservable('----(a|)', { a: 'jsmith' });
      // space 2, milestones 4, its tickets 6; the members are cached by then (asked at 2, in at 4).
      m.expect(
        space$.pipe(
          milestone('Release Candidate 1'),
          users(),
          map((l) => l.map((u) => u.id)),
        ),
      ).toBeObservable('------(a|)', {
        a: members.filter((u) => assignees.has(u.id)).map((u) => u.id),
      });
    }),
  );

  it(
    'operators map each upstream value in turn; the second query of a space is answered from its cache',
    marbles((m) => {
      const v = virtualAssembla(m, { perPage: 100 });
      const twice = v.api.space({ name: 'Big Project' }).pipe(concatMap((s) => of(s, s)));
      m.expect(
        twice.pipe(
          ticket({ number: 2 }),
          map((t) => t.number),
        ),
      ).toBeObservable('----(ab|)', { a: 2, b: 2 });
      m.flush();
      expect(v.calls.filter((c) => c.endsWith('/tickets/2'))).toHaveLength(1);
    }),
  );

  it(
    'unsubscribing cancels the request in flight',
    marbles((m) => {
      const v = virtualAssembla(m, { latency: 5 });
      const later = m.cold('----x|').pipe(
        concatMap(() => v.api.spaces()),
        map((l) => l.length),
      );
      m.expect(v.api.spaces(), '^--!').toBeObservable('---');
      // Nothing was cached by the cancelled call: the later one asks again.
      m.expect(later).toBeObservable('---------(a|)', { a: 2 });
      m.flush();
      expect(v.calls).toEqual(['GET /spaces', 'GET /spaces']);
    }),
  );
});
