// Live queries in virtual time, against the virtual Assembla: what a `{ live }` query emits, when,
// at what cost, and how it ends. The space's poller is lib/live/poller.ts (its change-log polling
// has its own specs); where a test needs a poll to say what it saw, it stands in for it.
import { Observable, Subscription, finalize, firstValueFrom, mergeAll, of, shareReplay, take } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { AuthError, FilterError, NotFoundError, Ticket, deleteTicket, ticket, tickets, updateTicket } from '../../lib';
import * as read from '../../lib/engine/read';
import type { Scope } from '../../lib/engine/scope';
import * as poller from '../../lib/live/poller';
import type { PollMember, PollResult } from '../../lib/live/poller';
import { virtualAssembla } from './virtual-assembla';

type Context = Parameters<Parameters<typeof marbles>[0]>[0];

// Every reply takes 2 frames: the space arrives at 2, a whole ticket list at 4. Live queries still
// subscribed at frame END are unsubscribed then (the stub poller's timers would run for ever).
const END = 200;

function setup(m: Context, options: Parameters<typeof virtualAssembla>[1] = {}) {
  const v = virtualAssembla(m, { perPage: 100, tickets: 12, scheduler: m.scheduler, ...options });
  const space$ = v.api.space({ name: 'Big Project' }).pipe(shareReplay(1));
  const frame = m.time('-|');
  const at = (n: number, run: () => void): void => {
    m.scheduler.schedule(run, n * frame);
  };
  const running = new Subscription();
  at(END, () => running.unsubscribe());
  /** What a query emits, with the frame of each value, and how it ended. */
  const record = <T>(query$: Observable<T>) => {
    const seen: Array<{ at: number; value: T }> = [];
    const end: { error?: unknown; done?: boolean } = {};
    const subscription = query$.subscribe({
      next: (value) => seen.push({ at: m.scheduler.now() / frame, value }),
      error: (error: unknown) => (end.error = error),
      complete: () => (end.done = true),
    });
    running.add(subscription);
    return { seen, end, subscription, values: () => seen.map((s) => s.value) };
  };
  const path = (rest = '') => `/spaces/${v.big.id}/tickets${rest}`;
  const listReads = () => v.calls.filter((c) => c.startsWith(`GET ${path('?')}`)).length;
  const numbers = (list: readonly Ticket[]) => list.map((t) => t.number);
  /** Updates ticket `n`: the write's errors, and the frame its answer came (the server's ticket). */
  const update = (n: number, attributes: Parameters<typeof updateTicket>[0], optimistic = false) => {
    const errors: unknown[] = [];
    const answered: number[] = [];
    space$.pipe(ticket({ number: n }), updateTicket(attributes, { optimistic })).subscribe({
      next: () => answered.push(m.scheduler.now() / frame),
      error: (e: unknown) => errors.push(e),
    });
    return Object.assign(errors, { answered });
  };
  return { v, space$, frame, at, record, path, listReads, numbers, update };
}

/**
 * Stands in for the space's poller: each member gets `results` (a marble of PollResults, virtual
 * time), and the members who joined and left are kept.
 */
function scriptedPoller(m: Context, marble: string, values: Record<string, PollResult> = {}, error?: unknown) {
  const joined: Array<{ scope: Scope; member: PollMember }> = [];
  let left = 0;
  const spy = jest.spyOn(poller, 'joinPoller').mockImplementation((scope, member) => {
    joined.push({ scope, member });
    return m.cold(marble, values, error).pipe(finalize(() => left++));
  });
  return { joined, left: () => left, spy };
}

const poll = (changes: PollResult['changes'] = []): PollResult => ({ at: 0, changes });

describe('live queries (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());
  afterEach(() => jest.restoreAllMocks());

  it(
    'emit the answer now, then only when it changes: a poll or a write that changes nothing emits nothing',
    marbles((m) => {
      const { space$, at, record, update, numbers, frame } = setup(m);
      let live!: ReturnType<typeof record<Ticket[]>>;
      let write!: ReturnType<typeof update>;
      let a = 0;
      at(0, () => (live = record(space$.pipe(tickets({ status_name: 'New' }, { live: { every: 10 * frame } })))));
      at(15, () => {
        a = live.values()[0][0].number;
        write = update(a, { status: 'Test' }); // leaves the list
      });
      at(35, () => update(a, { priority: 1 })); // no longer in the list: the answer is the same
      m.flush();
      // Emitted as the write's answer arrived (PUT, then the ticket read back); the polls at 12, 22... nothing.
      expect(write.answered).toHaveLength(1);
      expect(live.seen.map((s) => s.at)).toEqual([4, ...write.answered]);
      const [first, second] = live.values();
      expect(first.length).toBeGreaterThan(1);
      expect(numbers(second)).toEqual(numbers(first).filter((n) => n !== a));
      expect(live.end).toEqual({});
    }),
  );

  it(
    'keep the identity of unchanged tickets (a list and a singular), and emit changed ones anew',
    marbles((m) => {
      const { space$, at, record, update, frame } = setup(m);
      let list!: ReturnType<typeof record<Ticket[]>>;
      let one!: ReturnType<typeof record<Ticket>>;
      let untouched!: ReturnType<typeof record<Ticket>>;
      at(0, () => {
        list = record(space$.pipe(tickets(undefined, { live: { every: 10 * frame } })));
        one = record(space$.pipe(ticket({ number: 3 }, { live: { every: 10 * frame } })));
        untouched = record(space$.pipe(ticket({ number: 4 }, { live: true })));
      });
      at(15, () => update(3, { priority: 1 }));
      m.flush();
      const [before, after] = list.values();
      expect(after).toHaveLength(before.length);
      after.forEach((t, i) => (t.number === 3 ? expect(t).not.toBe(before[i]) : expect(t).toBe(before[i])));
      expect(one.values().map((t) => t.priority)).toEqual([before[2].priority, 1]);
      expect(one.values()[1]).toBe(after[2]);
      expect(untouched.values()).toEqual([before[3]]);
    }),
  );

  it(
    'a write re-emits the live list from the cache: no list request after the first',
    marbles((m) => {
      const { space$, at, record, update, listReads, frame, path, v } = setup(m);
      let live!: ReturnType<typeof record<Ticket[]>>;
      at(0, () => (live = record(space$.pipe(tickets(undefined, { live: { every: 10 * frame } })))));
      at(15, () => update(5, { summary: 'Edited' }));
      at(45, () => update(6, { summary: 'Edited too' }));
      m.flush();
      expect(live.values().map((l) => l.find((t) => t.number === 5)!.summary)).toEqual([
        expect.any(String),
        'Edited',
        'Edited',
      ]);
      expect(listReads()).toBe(1);
      expect(v.calls.filter((c) => c.startsWith('PUT'))).toEqual([`PUT ${path('/5')}`, `PUT ${path('/6')}`]);
    }),
  );

  it(
    're-evaluate once for the many cache commands a write sends together',
    marbles((m) => {
      const { space$, at, record, update, frame } = setup(m);
      const reads = jest.spyOn(read, 'listOf');
      // Polls far apart: only the write re-evaluates.
      at(0, () => record(space$.pipe(tickets(undefined, { live: { every: 1000 * frame } }))));
      at(15, () => update(5, { summary: 'Edited' }));
      m.flush();
      // The first read, then one after the write's answer (its cache patches come in one burst).
      expect(reads).toHaveBeenCalledTimes(2);
    }),
  );

  it(
    'an optimistic write shows before the server answers, and rolls back exactly when it refuses',
    marbles((m) => {
      const { space$, at, record, update, frame } = setup(m);
      let live!: ReturnType<typeof record<Ticket[]>>;
      let errors: unknown[] = [];
      at(0, () => (live = record(space$.pipe(tickets(undefined, { live: { every: 10 * frame } })))));
      at(15, () => (errors = update(7, { summary: '' }, true))); // refused (422) at 17: blank summary
      m.flush();
      expect(live.seen.map((s) => s.at)).toEqual([4, 15, 17]);
      const [before, shown, after] = live.values();
      expect(shown.find((t) => t.number === 7)!.summary).toBe('');
      expect(after.filter((t, i) => t !== before[i])).toEqual([]);
      expect(errors).toHaveLength(1);
    }),
  );

  it(
    'share their space poller: each joins it with its own interval and leaves it on unsubscribe',
    marbles((m) => {
      const { v, space$, at, record, frame, update } = setup(m);
      const real = poller.joinPoller;
      const joined: PollMember[] = [];
      let left = 0;
      jest.spyOn(poller, 'joinPoller').mockImplementation((scope, member) => {
        expect(scope.spaceId).toBe(v.big.id);
        joined.push(member);
        return real(scope, member).pipe(finalize(() => left++));
      });
      let fast!: ReturnType<typeof record<Ticket[]>>;
      let slow!: ReturnType<typeof record<Ticket[]>>;
      at(0, () => {
        fast = record(space$.pipe(tickets(undefined, { live: { every: 10 * frame } })));
        slow = record(space$.pipe(tickets({ priority: 1 }, { live: { every: 30 * frame } })));
      });
      at(25, () => fast.subscription.unsubscribe());
      at(35, () => update(8, { priority: 1 }));
      at(60, () => slow.subscription.unsubscribe());
      m.flush();
      expect(joined.map((j) => [j.every, j.changeLog, typeof j.revalidate])).toEqual([
        [10 * frame, true, 'function'],
        [30 * frame, true, 'function'],
      ]);
      expect(left).toBe(2);
      expect(fast.seen).toHaveLength(1); // gone before the write
      expect(slow.seen).toHaveLength(2);
    }),
  );

  it(
    'end with a permanent error from the poller',
    marbles((m) => {
      const { space$, at, record } = setup(m);
      const gone = new AuthError(401, { method: 'GET', url: 'https://virtual.test/v1/activity' }, '');
      const fake = scriptedPoller(m, '----------#', {}, gone);
      let live!: ReturnType<typeof record<Ticket[]>>;
      at(0, () => (live = record(space$.pipe(tickets(undefined, { live: true })))));
      m.flush();
      expect(live.seen).toHaveLength(1);
      expect(live.end.error).toBe(gone);
      expect(fake.left()).toBe(1);
    }),
  );

  it(
    "end with the query's own error: a live ticket deleted",
    marbles((m) => {
      const { space$, at, record, frame } = setup(m);
      let live!: ReturnType<typeof record<Ticket>>;
      at(0, () => (live = record(space$.pipe(ticket({ number: 9 }, { live: { every: 10 * frame } })))));
      at(15, () => space$.pipe(ticket({ number: 9 }), deleteTicket()).subscribe());
      m.flush();
      expect(live.seen).toHaveLength(1);
      expect(live.end.error).toBeInstanceOf(NotFoundError);
    }),
  );

  it(
    'refuse a wrong interval through the Observable (FilterError)',
    marbles((m) => {
      const { space$, at, record } = setup(m);
      const wrong: unknown[] = [{ every: 0 }, { every: -5 }, { every: NaN }, { every: Infinity }, { every: '10' }, 5];
      const ends: unknown[] = [];
      at(0, () => {
        for (const live of wrong) ends.push(record(space$.pipe(tickets(undefined, { live: live as true }))).end);
      });
      m.flush();
      for (const end of ends) expect((end as { error: unknown }).error).toBeInstanceOf(FilterError);
    }),
  );

  it(
    'with the cache off, read again after each poll that saw changes in the space, and emit only a new answer',
    marbles((m) => {
      const { v, space$, at, record, listReads, path, numbers } = setup(m, { useCache: false });
      const change = {
        kind: 'ticket',
        operation: 'updated',
        spaceId: v.big.id,
        number: 2,
        at: new Date(0),
        by: { id: 'u', name: 'U' },
      };
      // Polls at 10 (nothing), 20 (ticket 2 changed), 30 (a change elsewhere in the space: same answer).
      scriptedPoller(m, '----------a---------b---------c', { a: poll(), b: poll([change]), c: poll([change]) });
      let live!: ReturnType<typeof record<Ticket[]>>;
      at(0, () => (live = record(space$.pipe(tickets({ priority: 1 }, { live: true })))));
      at(15, () => v.change('PUT', path('/2'), { ticket: { priority: 1 } }));
      m.flush();
      expect(listReads()).toBe(3);
      // The query joined the poller at 2 (with the space): the poll of 22 reads, the answer is in at 24.
      expect(live.seen.map((s) => s.at)).toEqual([4, 24]);
      expect(numbers(live.values()[1])).toContain(2);
      const [before, after] = live.values();
      // Read afresh, yet the tickets that did not change are the objects emitted before.
      for (const t of before) expect(after).toContain(t);
    }),
  );
});

describe('live queries left out of a bundle', () => {
  it('without the live module, a live query is a ConfigError; liveQueries() turns them on', async () => {
    expect.assertions(2);
    // A registry without lib/index.ts, as a bundle of a page that imports only API and tickets.
    await jest.isolateModulesAsync(async () => {
      const { API } = await import('../../lib/api');
      const { tickets: liveTickets } = await import('../../lib/operators/tickets');
      const { ConfigError } = await import('../../lib/core/errors');
      const { createHandler, DEFAULT_CREDENTIALS } = await import('../../lib/testing');
      const server = createHandler({ data: { tickets: 3, otherSpaces: 0 }, baseUrl: 'https://virtual.test' });
      const auth = { 'X-Api-Key': DEFAULT_CREDENTIALS.key, 'X-Api-Secret': DEFAULT_CREDENTIALS.secret };
      const api = new API({
        auth: { token: 't' },
        baseUrl: 'https://virtual.test',
        http: (call) => {
          const answer = server.handle(call.method, call.url, auth);
          return of({
            status: answer.status,
            headers: answer.headers,
            json: JSON.parse(String(answer.body)),
            url: call.url,
          });
        },
      });
      const first$ = api.space({ name: 'Big Project' }).pipe(liveTickets(undefined, { live: true }), take(1));
      await expect(firstValueFrom(first$)).rejects.toBeInstanceOf(ConfigError);
      const { liveQueries } = await import('../../lib/live/live-query');
      liveQueries();
      await expect(firstValueFrom(first$)).resolves.toHaveLength(3);
    });
  });
});

describe('live queries of several upstream entities (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'each upstream space gets its live query: the first one, which never completes, does not hold up the next',
    marbles((m) => {
      const { v, record } = setup(m);
      const live = record(v.api.spaces().pipe(mergeAll(), tickets(undefined, { live: true })));
      m.flush();
      expect(live.values().map((list) => list.length)).toEqual([12, 0]);
      expect(live.end).toEqual({});
    }),
  );
});

describe('maxAge (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    "the API's maxAge: a cached answer older than it is fetched again on the next subscription, not before",
    marbles((m) => {
      const { space$, at, listReads } = setup(m, { maxAge: 30 * m.time('-|') });
      const counts: number[] = [];
      at(0, () => space$.pipe(tickets()).subscribe());
      at(20, () => space$.pipe(tickets()).subscribe(() => counts.push(listReads()))); // 16 frames old
      at(40, () => space$.pipe(tickets()).subscribe(() => counts.push(listReads()))); // 36: fetched again
      at(50, () => space$.pipe(tickets()).subscribe(() => counts.push(listReads()))); // 6 since then
      m.flush();
      expect(counts).toEqual([1, 2, 2]);
    }),
  );

  it(
    "a query's own maxAge, for lists and singulars; a live query counts it at subscription only",
    marbles((m) => {
      const { space$, at, listReads, frame, v, path, record } = setup(m);
      const counts: number[] = [];
      const maxAge = 10 * frame;
      at(0, () => space$.pipe(tickets()).subscribe());
      at(8, () => space$.pipe(tickets(undefined, { maxAge })).subscribe(() => counts.push(listReads())));
      at(20, () => space$.pipe(tickets(undefined, { maxAge })).subscribe(() => counts.push(listReads())));
      at(30, () => space$.pipe(tickets()).subscribe(() => counts.push(listReads()))); // no limit
      let one!: ReturnType<typeof record<Ticket>>;
      at(40, () => (one = record(space$.pipe(ticket({ number: 1 }, { maxAge, live: { every: 5 * frame } })))));
      m.flush();
      expect(counts).toEqual([1, 2, 2]);
      // Older than maxAge at 40: the singular fetched itself once, and its polls (45, 50...) nothing more.
      expect(v.calls.filter((c) => c === `GET ${path('/1')}`)).toHaveLength(1);
      expect(one.seen.map((s) => s.at)).toEqual([42]);
    }),
  );

  it('is checked: a negative or fractional maxAge is a ConfigError', () => {
    for (const maxAge of [-1, 1.5, NaN, '60'])
      expect(() => virtualAssembla({ cold: () => new Observable() }, { maxAge: maxAge as number })).toThrow(
        /maxAge must be a whole number of at least 0/,
      );
  });
});
