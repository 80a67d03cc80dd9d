// The change-log driven poller (lib/live/poller.ts) in virtual time, against the in-memory server:
// what each poll costs, what it learns from the activity stream, and how it lives and dies.
import { Observable, mergeAll, of, type SchedulerLike, type Subscription } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import {
  AuthError,
  type Call,
  NotFoundError,
  changes,
  comments,
  ticket,
  tickets,
  updateTicket,
  type ActivityEvent,
  type Change,
  type RequestEvent,
  type Space,
  type Ticket,
} from '../../lib';
import type { Client } from '../../lib/engine/client';
import { linkOf } from '../../lib/engine/entities';
import { entityScope, spaceScope } from '../../lib/engine/scope';
import { applyChanges, changeOf } from '../../lib/live/change-log';
import { hasPoller, joinPoller, type PollMember, type PollResult } from '../../lib/live/poller';
import { SEED_NOW, type HandlerOptions } from '../../lib/testing';
import { virtualAssembla, type Virtual } from './virtual-assembla';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
// An hour after the seeded history ends: no seeded event is recent enough to count as a change.
const START = SEED_NOW + 60 * MINUTE;
const EVERY = 30 * SECOND;

type Marbles = Parameters<Parameters<typeof marbles>[0]>[0];

interface Live extends Virtual {
  /** Runs `fn` at virtual time `t` (ms). */
  at(t: number, fn: () => void): void;
  /** The big space (once read, at frame 2). */
  space(): Space;
  /** The other space (once read, at frame 2): no tickets at first. */
  other(): Space;
  /** Joins the big space's poller (or another space's), recording what it emits. */
  join(member: PollMember, space?: Space): { results: PollResult[]; errors: unknown[]; sub: Subscription };
  /** The space's cached tickets, read at once (the whole list is read into the cache at 10 ms). */
  cached(): Ticket[];
  /** The calls made from index `from` on. */
  callsFrom(from: number): string[];
  events: RequestEvent[];
  numbers: number[];
}

function live(
  m: Marbles,
  options: {
    server?: HandlerOptions;
    fault?: (call: Call) => number | undefined;
    latency?: (call: Call) => number;
    tickets?: number;
  } = {},
): Live {
  const clock: SchedulerLike = {
    now: () => START + m.scheduler.now(),
    schedule: m.scheduler.schedule.bind(m.scheduler) as SchedulerLike['schedule'],
  };
  const v = virtualAssembla(m, {
    tickets: options.tickets ?? 40,
    perPage: 100,
    scheduler: clock,
    retry: { maxAttempts: 1 },
    fault: options.fault,
    latency: options.latency,
    server: { now: clock.now, ...options.server },
  });
  const at = (t: number, fn: () => void): void => void m.scheduler.schedule(fn, t);
  let big: Space | undefined;
  let other: Space | undefined;
  v.api.space({ id: v.big.id }).subscribe((s) => (big = s));
  v.api.space({ id: v.data.spaces[1].id }).subscribe((s) => (other = s));
  const space = (): Space => big!;
  at(10, () => space$(space()).pipe(tickets()).subscribe());
  const events: RequestEvent[] = [];
  v.api.requests$.subscribe((e) => events.push(e));
  return {
    ...v,
    at,
    space,
    other: () => other!,
    events,
    numbers: v.data.tickets[v.big.id].map((t) => t.number),
    join: (member, s = space()) => {
      const scope = entityScope(linkOf<Client>(s, 'test', ['space']), s);
      const out = { results: [] as PollResult[], errors: [] as unknown[], sub: undefined as unknown as Subscription };
      out.sub = joinPoller(scope, member).subscribe({
        next: (r) => out.results.push(r),
        error: (e: unknown) => out.errors.push(e),
      });
      return out;
    },
    cached: () => {
      let list: Ticket[] = [];
      space$(space())
        .pipe(tickets())
        .subscribe((l) => (list = l));
      return list;
    },
    callsFrom: (from) => v.calls.slice(from),
  };
}

const space$ = (s: Space): Observable<Space> => of(s);
const clientOf = (s: Space): Client => linkOf<Client>(s, 'test', ['space']).client;

const activityOf = (v: Virtual, space = v.big.id) => `GET /activity?space_id=${space}&page=1&per_page=50`;

describe('the change-log poller (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'a poll when nothing changed is one request, and members hear of it after each poll',
    marbles((m) => {
      const v = live(m);
      let from = 0;
      let member: ReturnType<Live['join']> | undefined;
      v.at(100, () => {
        from = v.calls.length;
        member = v.join({ every: EVERY });
      });
      v.at(100 + 3 * EVERY + 50, () => member!.sub.unsubscribe());
      m.flush();
      expect(v.callsFrom(from)).toEqual([activityOf(v), activityOf(v), activityOf(v)]);
      expect(member!.results.map((r) => [r.at - START, r.changes])).toEqual([
        [100 + EVERY + 2, []],
        [100 + 2 * EVERY + 4, []],
        [100 + 3 * EVERY + 6, []],
      ]);
    }),
  );

  for (const k of [1, 10, 25]) {
    it(
      `after ${k} tickets changed elsewhere a poll costs 1 + ${Math.ceil(k / 10)} requests, and the cache holds them`,
      marbles((m) => {
        const v = live(m);
        const changed = v.numbers.slice(0, k);
        let from = 0;
        let member: ReturnType<Live['join']> | undefined;
        v.at(100, () => (member = v.join({ every: EVERY })));
        v.at(999, () => (from = v.calls.length));
        // One a millisecond: the stream tells their order apart (its dates are to the second).
        changed.forEach((n, i) =>
          v.at(1_000 + i, () =>
            expect(
              v.change('PUT', `/spaces/${v.big.id}/tickets/${n}`, { ticket: { summary: `Changed ${n}` } }).status,
            ).toBe(204),
          ),
        );
        let seen: Ticket[] = [];
        v.at(100 + EVERY + 500, () => {
          seen = v.cached();
          member!.sub.unsubscribe();
        });
        m.flush();
        const calls = v.callsFrom(from);
        expect(calls[0]).toBe(activityOf(v));
        expect(calls.slice(1).every((c) => c.startsWith(`GET /spaces/${v.big.id}/tickets?number%5B%5D=`))).toBe(true);
        expect(calls).toHaveLength(1 + Math.ceil(k / 10));
        expect(seen.filter((t) => t.summary.startsWith('Changed')).map((t) => t.number)).toEqual(changed);
        expect(member!.results[0].changes.map((c) => [c.kind, c.operation, c.number])).toEqual(
          changed.map((n) => ['ticket', 'updated', n]),
        );
      }),
    );
  }

  it(
    'after 100 tickets changed elsewhere: three pages of events, then ten selections of ten',
    marbles((m) => {
      const v = live(m, { tickets: 120 });
      const changed = v.numbers.slice(0, 100);
      let from = 0;
      let member: ReturnType<Live['join']> | undefined;
      v.at(100, () => (member = v.join({ every: EVERY })));
      v.at(1_000, () => {
        for (const n of changed)
          v.change('PUT', `/spaces/${v.big.id}/tickets/${n}`, { ticket: { summary: `Changed ${n}` } });
        from = v.calls.length;
      });
      let seen: Ticket[] = [];
      v.at(100 + EVERY + 500, () => {
        seen = v.cached();
        member!.sub.unsubscribe();
      });
      m.flush();
      const calls = v.callsFrom(from);
      expect(calls.filter((c) => c.startsWith('GET /activity'))).toHaveLength(3);
      expect(calls.filter((c) => c.includes('number%5B%5D='))).toHaveLength(10);
      expect(calls).toHaveLength(13);
      expect(seen.filter((t) => t.summary.startsWith('Changed'))).toHaveLength(100);
    }),
  );

  it(
    'a change between the first read and the first poll is reported (the first poll looks five minutes back)',
    marbles((m) => {
      const v = live(m);
      let member: ReturnType<Live['join']> | undefined;
      let after: Ticket[] = [];
      // The list is read at 10 ms; the change lands at 50 ms, before the live query joins.
      const between = { ticket: { summary: 'Between' } };
      v.at(50, () => v.change('PUT', `/spaces/${v.big.id}/tickets/${v.numbers[6]}`, between));
      v.at(100, () => (member = v.join({ every: EVERY })));
      v.at(100 + EVERY + 100, () => {
        after = v.cached();
        member!.sub.unsubscribe();
      });
      m.flush();
      expect(member!.results[0].changes.map((c) => c.number)).toEqual([v.numbers[6]]);
      expect(after.find((t) => t.number === v.numbers[6])?.summary).toBe('Between');
    }),
  );

  it(
    'more than five pages of unseen events: the lists of the kinds the stream reports are read again instead',
    marbles((m) => {
      const v = live(m, { tickets: 300 });
      let member: ReturnType<Live['join']> | undefined;
      let from = 0;
      let afterPoll = 0;
      let after: Ticket[] = [];
      v.at(100, () => (member = v.join({ every: EVERY })));
      v.at(1_000, () => {
        for (const n of v.numbers.slice(0, 260))
          v.change('PUT', `/spaces/${v.big.id}/tickets/${n}`, { ticket: { summary: `Bulk ${n}` } });
        from = v.calls.length;
      });
      v.at(100 + EVERY + 100, () => {
        afterPoll = v.calls.length;
        space$(v.space())
          .pipe(tickets())
          .subscribe((list) => (after = list));
      });
      v.at(100 + EVERY + 5_000, () => member!.sub.unsubscribe());
      m.flush();
      expect(v.calls.slice(from, afterPoll)).toEqual(
        [1, 2, 3, 4, 5].map((p) => `GET /activity?space_id=${v.big.id}&page=${p}&per_page=50`),
      );
      expect(v.calls.length).toBeGreaterThan(afterPoll);
      expect(after.filter((t) => t.summary.startsWith('Bulk'))).toHaveLength(260);
      expect(member!.results[0].changes).toHaveLength(250);
    }),
  );

  it(
    'the same event on page 1 in two polls is one change; the next poll costs one request again',
    marbles((m) => {
      const v = live(m);
      let member: ReturnType<Live['join']> | undefined;
      let from = 0;
      v.at(100, () => (member = v.join({ every: EVERY })));
      v.at(1_000, () => v.change('PUT', `/spaces/${v.big.id}/tickets/${v.numbers[0]}`, { ticket: { priority: 1 } }));
      v.at(100 + EVERY + 100, () => (from = v.calls.length));
      v.at(100 + 3 * EVERY + 100, () => member!.sub.unsubscribe());
      m.flush();
      expect(member!.results.map((r) => r.changes.length)).toEqual([1, 0, 0]);
      expect(v.callsFrom(from)).toEqual([activityOf(v), activityOf(v)]);
    }),
  );

  it(
    "the SDK's own write costs nothing at the next poll",
    marbles((m) => {
      const v = live(m);
      let member: ReturnType<Live['join']> | undefined;
      let from = 0;
      v.at(100, () => (member = v.join({ every: EVERY })));
      v.at(1_000, () =>
        space$(v.space())
          .pipe(ticket({ number: v.numbers[2] }), updateTicket({ summary: 'Mine' }))
          .subscribe(),
      );
      v.at(2_000, () => (from = v.calls.length));
      v.at(100 + EVERY + 100, () => member!.sub.unsubscribe());
      m.flush();
      expect(v.callsFrom(from)).toEqual([activityOf(v)]);
      expect(member!.results[0].changes.map((c) => [c.operation, c.number])).toEqual([['updated', v.numbers[2]]]);
    }),
  );

  it(
    "a poll's read that was in flight when the SDK's own write landed does not put the older ticket back",
    marbles((m) => {
      // The poll's number[] read is answered as the server stood when it was sent, but arrives late.
      const v = live(m, { latency: (call) => (call.url.includes('number%5B%5D=') ? 50 : 2) });
      const n = v.numbers[3];
      let member: ReturnType<Live['join']> | undefined;
      let mine: Ticket | undefined;
      let after: Ticket[] = [];
      v.at(100, () => (member = v.join({ every: EVERY })));
      v.at(1_000, () => v.change('PUT', `/spaces/${v.big.id}/tickets/${n}`, { ticket: { summary: 'Elsewhere' } }));
      // The poll reads the stream at 30.1 s and the changed ticket at 30.102 s, answered at 30.152 s.
      v.at(100 + EVERY + 10, () =>
        space$(v.space())
          .pipe(ticket({ number: n }), updateTicket({ summary: 'Mine' }))
          .subscribe((t) => (mine = t)),
      );
      v.at(100 + EVERY + 100, () => {
        after = v.cached();
        member!.sub.unsubscribe();
      });
      m.flush();
      expect(mine?.summary).toBe('Mine');
      expect(member!.results[0].changes.map((c) => c.number)).toEqual([n]);
      expect(after.find((t) => t.number === n)?.summary).toBe('Mine');
    }),
  );

  it(
    'a ticket deleted elsewhere: missing from the number[] answer, its own GET answers 404, it leaves the cached list',
    marbles((m) => {
      const v = live(m);
      const gone = v.numbers[4];
      let member: ReturnType<Live['join']> | undefined;
      let from = 0;
      let after: Ticket[] = [];
      v.at(100, () => (member = v.join({ every: EVERY })));
      v.at(1_000, () => {
        expect(v.change('DELETE', `/spaces/${v.big.id}/tickets/${gone}`).status).toBe(204);
        from = v.calls.length;
      });
      v.at(100 + EVERY + 100, () => {
        after = v.cached();
        member!.sub.unsubscribe();
      });
      m.flush();
      expect(v.callsFrom(from)).toEqual([
        activityOf(v),
        `GET /spaces/${v.big.id}/tickets?number%5B%5D=${gone}`,
        `GET /spaces/${v.big.id}/tickets/${gone}`,
      ]);
      expect(after.map((t) => t.number)).toEqual(v.numbers.filter((n) => n !== gone));
      expect(member!.results[0].changes.map((c) => [c.operation, c.number])).toEqual([['deleted', gone]]);
    }),
  );

  it(
    'a comment made elsewhere drops that ticket’s cached comments and refreshes the ticket',
    marbles((m) => {
      const v = live(m);
      const n = v.numbers[1];
      let member: ReturnType<Live['join']> | undefined;
      let texts: string[] = [];
      let from = 0;
      v.at(50, () =>
        space$(v.space())
          .pipe(ticket({ number: n }), comments())
          .subscribe(),
      );
      v.at(100, () => (member = v.join({ every: EVERY })));
      v.at(1_000, () => {
        const comment = { ticket_comment: { comment: 'Seen it' } };
        v.change('POST', `/spaces/${v.big.id}/tickets/${n}/ticket_comments`, comment);
        from = v.calls.length;
      });
      v.at(100 + EVERY + 100, () => {
        member!.sub.unsubscribe();
        space$(v.space())
          .pipe(ticket({ number: n }), comments())
          .subscribe((list) => (texts = list.map((c) => c.comment)));
      });
      m.flush();
      expect(v.callsFrom(from)).toEqual([
        activityOf(v),
        `GET /spaces/${v.big.id}/tickets?number%5B%5D=${n}`,
        `GET /spaces/${v.big.id}/tickets/${n}/ticket_comments`,
      ]);
      expect(texts).toContain('Seen it');
      expect(member!.results[0].changes.map((c) => [c.kind, c.operation, c.number])).toEqual([
        ['comment', 'commented', n],
      ]);
    }),
  );

  it(
    'members share one poller at the shortest every, re-planned as they come and go; the last one leaving stops it',
    marbles((m) => {
      const v = live(m);
      let slow: ReturnType<Live['join']> | undefined;
      let fast: ReturnType<Live['join']> | undefined;
      let from = 0;
      let running = true;
      v.at(100, () => {
        from = v.calls.length;
        slow = v.join({ every: 60 * SECOND });
        fast = v.join({ every: 20 * SECOND });
      });
      v.at(100 + 60 * SECOND + 50, () => fast!.sub.unsubscribe());
      v.at(100 + 180 * SECOND + 50, () => {
        slow!.sub.unsubscribe();
        running = hasPoller(clientOf(v.space()));
      });
      m.flush();
      expect(running).toBe(false);
      expect(v.callsFrom(from)).toEqual(Array(3 + 2).fill(activityOf(v)));
      expect(fast!.results.map((r) => r.at - START)).toEqual([20_102, 40_104, 60_106]);
      expect(slow!.results.map((r) => r.at - START)).toEqual([20_102, 40_104, 60_106, 120_108, 180_110]);
    }),
  );

  it(
    'a 5xx backs off (a poll event on requests$), keeps its members, and recovers',
    marbles((m) => {
      let failing = false;
      const v = live(m, { fault: (call) => (failing && call.url.includes('/activity') ? 503 : undefined) });
      let member: ReturnType<Live['join']> | undefined;
      let from = 0;
      v.at(100, () => {
        member = v.join({ every: EVERY });
        failing = true;
        from = v.calls.length;
      });
      // Polls at 30 s (fails, waits 30 s), 60 s (fails, waits 60 s), 120 s (answered).
      v.at(100 + 90 * SECOND, () => (failing = false));
      v.at(100 + 130 * SECOND, () => member!.sub.unsubscribe());
      m.flush();
      const polls = v.events.filter((e) => e.type === 'poll');
      expect(polls.map((e) => e.type === 'poll' && [e.delayMs, e.attempt, e.spaceId, e.error.split(':')[0]])).toEqual([
        [30_000, 1, v.big.id, 'HttpError'],
        [60_000, 2, v.big.id, 'HttpError'],
      ]);
      expect(v.callsFrom(from)).toHaveLength(3);
      expect(member!.errors).toEqual([]);
      expect(member!.results.map((r) => r.at - START)).toEqual([100 + 120 * SECOND + 6]);
    }),
  );

  it(
    'after failing for longer than the 60 days the stream keeps, the first poll that works re-reads the lists',
    marbles((m) => {
      let failing = false;
      const v = live(m, { fault: (call) => (failing && call.url.includes('/activity') ? 503 : undefined) });
      const DAYS_61 = 61 * 24 * 60 * MINUTE;
      let member: ReturnType<Live['join']> | undefined;
      let afterPoll = 0;
      let reread = 0;
      v.at(100, () => {
        member = v.join({ every: 60 * MINUTE });
        failing = true;
      });
      v.at(DAYS_61, () => (failing = false));
      v.at(DAYS_61 + 60 * MINUTE + 1_000, () => {
        afterPoll = v.calls.length;
        v.cached();
        reread = v.calls.length - afterPoll;
        member!.sub.unsubscribe();
      });
      m.flush();
      expect(member!.errors).toEqual([]);
      expect(member!.results.length).toBeGreaterThan(0);
      expect(reread).toBeGreaterThan(0);
    }),
  );

  it(
    'a 401 ends every member, and nothing is sent after',
    marbles((m) => {
      let refused = false;
      const v = live(m, { fault: () => (refused ? 401 : undefined) });
      let a: ReturnType<Live['join']> | undefined;
      let b: ReturnType<Live['join']> | undefined;
      let from = 0;
      v.at(100, () => {
        a = v.join({ every: EVERY });
        b = v.join({ every: EVERY, changeLog: false, revalidate: () => ticketsOnce(v) });
        refused = true;
        from = v.calls.length;
      });
      m.flush();
      expect(a!.errors).toHaveLength(1);
      expect(a!.errors[0]).toBeInstanceOf(AuthError);
      expect(b!.errors[0]).toBeInstanceOf(AuthError);
      expect(v.callsFrom(from)).toEqual([activityOf(v)]);
    }),
  );

  it(
    'revalidate runs each poll for kinds the stream does not report, for the others while the stream is unavailable',
    marbles((m) => {
      let forbidden = false;
      const v = live(m, { fault: (call) => (forbidden && call.url.includes('/activity') ? 403 : undefined) });
      const runs = { logged: 0, unlogged: 0 };
      let a: ReturnType<Live['join']> | undefined;
      let b: ReturnType<Live['join']> | undefined;
      v.at(100, () => {
        a = v.join({ every: EVERY, changeLog: true, revalidate: () => count(() => runs.logged++) });
        b = v.join({ every: EVERY, changeLog: false, revalidate: () => count(() => runs.unlogged++) });
      });
      v.at(100 + 2 * EVERY + 50, () => (forbidden = true));
      v.at(100 + 4 * EVERY + 50, () => (a!.sub.unsubscribe(), b!.sub.unsubscribe()));
      m.flush();
      expect(runs).toEqual({ logged: 2, unlogged: 4 });
      expect([a!.results.length, b!.results.length]).toEqual([4, 4]);
      expect(v.events.filter((e) => e.type === 'poll')).toEqual([]);
    }),
  );

  it(
    'one GET /activity without space_id serves several live spaces, each member hearing of its own space',
    marbles((m) => {
      const v = live(m);
      const { a, b, from, otherId } = bothSpaces(v);
      m.flush();
      expect(v.callsFrom(from())).toEqual(['GET /activity?page=1&per_page=50', 'GET /activity?page=1&per_page=50']);
      expect(a().results.map((r) => r.changes.length)).toEqual([0, 0]);
      expect(b().results.map((r) => r.changes.map((c) => [c.spaceId, c.operation, c.number]))).toEqual([
        [[otherId, 'created', 1]],
        [],
      ]);
    }),
  );

  it(
    'when the stream of every space is refused (403), each live space is read on its own',
    marbles((m) => {
      const v = live(m, { fault: (call) => (/\/activity\?page=/.test(call.url) ? 403 : undefined) });
      const { a, b, from, otherId } = bothSpaces(v);
      m.flush();
      const each = [activityOf(v), activityOf(v, otherId)];
      expect(v.callsFrom(from())).toEqual(['GET /activity?page=1&per_page=50', ...each, ...each]);
      expect(b().results.map((r) => r.changes.map((c) => c.number))).toEqual([[1], []]);
      expect([a().errors, b().errors]).toEqual([[], []]);
    }),
  );

  it(
    'changes() emits each change once, oldest first, and stops polling when unsubscribed',
    marbles((m) => {
      const v = live(m);
      const seen: Change[] = [];
      let sub: Subscription | undefined;
      let from = 0;
      v.at(
        100,
        () =>
          (sub = space$(v.space())
            .pipe(changes({ every: EVERY }))
            .subscribe((c) => seen.push(c))),
      );
      const fixed = { ticket: { status: 'Fixed' } };
      v.at(1_000, () => v.change('PUT', `/spaces/${v.big.id}/tickets/${v.numbers[0]}`, fixed));
      v.at(2_000, () => v.change('POST', `/spaces/${v.big.id}/milestones`, { milestone: { title: 'Next' } }));
      v.at(EVERY + 5_000, () => v.change('DELETE', `/spaces/${v.big.id}/tickets/${v.numbers[1]}`));
      v.at(100 + 3 * EVERY + 50, () => {
        sub!.unsubscribe();
        from = v.calls.length;
      });
      m.flush();
      expect(seen.map((c) => [c.kind, c.operation, c.number ?? 'id', c.at.getTime() - START])).toEqual([
        ['ticket', 'set to fixed', v.numbers[0], 1_000],
        ['milestone', 'created', 'id', 2_000],
        ['ticket', 'deleted', v.numbers[1], EVERY + 5_000],
      ]);
      expect(v.callsFrom(from)).toEqual([]);
    }),
  );

  it(
    'changes() follows each upstream space, not only the first (its feed never completes)',
    marbles((m) => {
      const v = live(m);
      const otherId = v.data.spaces[1].id;
      const seen: Change[] = [];
      let sub: Subscription | undefined;
      v.at(
        100,
        () =>
          (sub = v.api
            .spaces()
            .pipe(mergeAll(), changes({ every: EVERY }))
            .subscribe((c) => seen.push(c))),
      );
      v.at(1_000, () => v.change('POST', `/spaces/${otherId}/tickets`, { ticket: { summary: 'Elsewhere' } }));
      v.at(100 + 2 * EVERY + 50, () => sub!.unsubscribe());
      m.flush();
      expect(seen.map((c) => [c.spaceId, c.operation, c.number])).toEqual([[otherId, 'created', 1]]);
    }),
  );

  it(
    'changes() takes the every a live query takes: anything else is a FilterError through the Observable',
    marbles((m) => {
      const v = live(m);
      const errors: unknown[] = [];
      v.at(100, () => {
        for (const every of [0, -1, Number.NaN, 2 ** 31])
          space$(v.space())
            .pipe(changes({ every }))
            .subscribe({ error: (e: unknown) => errors.push(e) });
      });
      m.flush();
      expect(errors).toHaveLength(4);
      for (const e of errors)
        expect(e).toMatchObject({ name: 'FilterError', message: /^changes\(\): every must be a positive/ });
    }),
  );

  it(
    'a space that answers 404 ends its members',
    marbles((m) => {
      let gone = false;
      const v = live(m, { fault: (call) => (gone && call.url.includes(v0()) ? 404 : undefined) });
      const v0 = () => v.big.id;
      let a: ReturnType<Live['join']> | undefined;
      v.at(100, () => {
        a = v.join({ every: EVERY });
        gone = true;
      });
      m.flush();
      expect(a!.errors[0]).toBeInstanceOf(NotFoundError);
    }),
  );

  it(
    'a space gone while the poller backs off ends only its members: the others are polled on',
    marbles((m) => {
      const otherId = (): string => v.other().id;
      let phase: 'ok' | 'failing' | 'gone' = 'ok';
      const v = live(m, {
        fault: (call) => {
          if (phase === 'failing' && call.url.includes('/activity')) return 503;
          if (phase !== 'gone') return undefined;
          // Every space's stream refused, the other space's stream and the space itself gone.
          if (/\/activity\?page=/.test(call.url)) return 403;
          return call.url.includes(otherId()) ? 404 : undefined;
        },
      });
      let a: ReturnType<Live['join']> | undefined;
      let b: ReturnType<Live['join']> | undefined;
      v.at(100, () => {
        a = v.join({ every: EVERY });
        b = v.join({ every: EVERY }, v.other());
        phase = 'failing';
      });
      // Polls at 30 s (fails: waits 30 s), at 60 s (the other space is gone), then every 30 s.
      v.at(100 + EVERY + 50, () => (phase = 'gone'));
      v.at(100 + 5 * EVERY, () => a!.sub.unsubscribe());
      m.flush();
      expect(b!.errors[0]).toBeInstanceOf(NotFoundError);
      expect(a!.errors).toEqual([]);
      expect(a!.results.length).toBeGreaterThanOrEqual(2);
    }),
  );

  it(
    'a live query whose re-read fails for a passing reason keeps its answer, says so, and reads again at the next poll',
    marbles((m) => {
      // A comment made elsewhere drops the ticket's cached comments; their re-read meets 503s once.
      let failing = false;
      const v = live(m, { fault: (call) => (failing && call.url.includes('ticket_comments') ? 503 : undefined) });
      const n = v.numbers[1];
      const seen: string[][] = [];
      const end: { error?: unknown } = {};
      let sub: Subscription | undefined;
      v.at(100, () => {
        sub = space$(v.space())
          .pipe(ticket({ number: n }), comments(undefined, { live: { every: EVERY } }))
          .subscribe({
            next: (list) => seen.push(list.map((c) => c.comment ?? '')),
            error: (e: unknown) => (end.error = e),
          });
      });
      v.at(1_000, () => {
        v.change('POST', `/spaces/${v.big.id}/tickets/${n}/ticket_comments`, { ticket_comment: { comment: 'New' } });
        failing = true;
      });
      // After the first poll's failed re-read, the server answers again.
      v.at(100 + EVERY + 500, () => (failing = false));
      v.at(100 + 2 * EVERY + 500, () => sub!.unsubscribe());
      m.flush();
      expect(end.error).toBeUndefined();
      expect(seen).toHaveLength(2);
      expect(seen[1]).toEqual([...seen[0], 'New']);
      const polls = v.events.filter((e) => e.type === 'poll');
      expect(polls).toHaveLength(1);
      expect(polls[0]).toMatchObject({ spaceId: v.big.id, delayMs: EVERY, error: expect.stringMatching(/503/) });
      expect(polls[0].url).toContain('ticket_comments');
    }),
  );
});

/**
 * The big space and the other one live at 100 ms (members `a` and `b`; `from`: the calls made from
 * then on), a ticket created in the other at 1 s by someone else; both leave after two polls.
 */
function bothSpaces(v: Live) {
  const otherId = v.data.spaces[1].id;
  let a: ReturnType<Live['join']> | undefined;
  let b: ReturnType<Live['join']> | undefined;
  let from = 0;
  v.at(100, () => {
    from = v.calls.length;
    a = v.join({ every: EVERY });
    b = v.join({ every: EVERY }, v.other());
  });
  v.at(1_000, () => v.change('POST', `/spaces/${otherId}/tickets`, { ticket: { summary: 'Elsewhere' } }));
  v.at(100 + 2 * EVERY + 50, () => (a!.sub.unsubscribe(), b!.sub.unsubscribe()));
  return { a: () => a!, b: () => b!, from: () => from, otherId };
}

function count(fn: () => void): Observable<boolean> {
  return new Observable<boolean>((o) => {
    fn();
    o.next(false);
    o.complete();
  });
}

function ticketsOnce(v: Live): Observable<unknown> {
  return space$(v.space()).pipe(tickets());
}

describe('what an event says', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'a ticket event whose url names no number is read by its id (GET /tickets/id/:id), which gives the number',
    marbles((m) => {
      const v = live(m);
      const t = v.data.tickets[v.big.id][7];
      let applied: Change[] = [];
      let from = 0;
      let after: Ticket[] = [];
      v.at(100, () => {
        v.change('PUT', `/spaces/${v.big.id}/tickets/${t.number}`, { ticket: { summary: 'By id' } });
        const change = changeOf({
          date: new Date(START + 100),
          operation: 'updated',
          object: 'Ticket',
          object_id: String(t.id),
          title: `#${t.number} By id`,
          url: 'https://www.assembla.com/spaces/big-project/activity',
          space_id: v.big.id,
          space_name: 'Big Project',
        } as ActivityEvent)!;
        expect([change.number, change.id]).toEqual([undefined, String(t.id)]);
        from = v.calls.length;
        const scope = spaceScope(entityScope(linkOf<Client>(v.space(), 'test', ['space']), v.space()));
        applyChanges(scope, [change]).subscribe((c) => (applied = c));
      });
      v.at(200, () => (after = v.cached()));
      m.flush();
      expect(v.callsFrom(from)).toEqual([`GET /spaces/${v.big.id}/tickets/id/${t.id}`]);
      expect(applied.map((c) => c.number)).toEqual([t.number]);
      expect(after.find((x) => x.number === t.number)?.summary).toBe('By id');
    }),
  );
});

describe('the change-log poller under each activity setting of the local server', () => {
  beforeEach(() => expect.hasAssertions());
  const settings: HandlerOptions['activity'][] = [
    { order: 'newest-first', from: 'exclusive', zone: 'UTC' },
    { order: 'newest-first', from: 'inclusive', zone: '+05:30' },
    { order: 'oldest-first', from: 'exclusive', zone: 'UTC' },
    { order: 'oldest-first', from: 'inclusive', zone: '-08:00' },
    { order: 'oldest-first', from: 'exclusive', zone: '+14:00' },
  ];
  for (const activity of settings)
    it(
      `${activity!.order}, from ${activity!.from}, zone ${activity!.zone}: a change elsewhere is seen at the next poll`,
      marbles((m) => {
        const v = live(m, { server: { activity } });
        let member: ReturnType<Live['join']> | undefined;
        let after: Ticket[] = [];
        v.at(100, () => (member = v.join({ every: EVERY })));
        v.at(1_000, () =>
          v.change('PUT', `/spaces/${v.big.id}/tickets/${v.numbers[3]}`, { ticket: { summary: 'Moved' } }),
        );
        v.at(EVERY + 2_000, () =>
          v.change('PUT', `/spaces/${v.big.id}/tickets/${v.numbers[5]}`, { ticket: { summary: 'Again' } }),
        );
        v.at(100 + 3 * EVERY + 50, () => {
          after = v.cached();
          member!.sub.unsubscribe();
        });
        m.flush();
        // One request a poll; oldest first, the first poll reads again with `from` once the dates show the order.
        const pages = v.calls.filter((c) => c.startsWith('GET /activity'));
        expect(pages).toHaveLength(activity!.order === 'oldest-first' ? 4 : 3);
        expect(pages.slice(-2).every((c) => c.includes('from=') === (activity!.order === 'oldest-first'))).toBe(true);
        expect(member!.results.map((r) => r.changes.map((c) => c.number))).toEqual([
          [v.numbers[3]],
          [v.numbers[5]],
          [],
        ]);
        expect(after.filter((t) => ['Moved', 'Again'].includes(t.summary)).map((t) => t.number)).toEqual([
          v.numbers[3],
          v.numbers[5],
        ]);
      }),
    );
});
