// The fault run of the writes issue: 180 writes through the SDK against a server that drops 10% of
// write answers after applying them, answers 10% with a 429 before applying and resets 5% of write
// connections before reading them (seeded, so every run meets the same faults). The app follows the
// careful policy: on an UncertainWriteError it calls lookup(), counts what it emits as landed, and
// sends again only on null. Nothing may land twice, and the server's own counters and fault log
// are the proof.
import {
  Observable,
  SchedulerAction,
  SchedulerLike,
  Subscription,
  asyncScheduler,
  firstValueFrom,
  of,
  shareReplay,
} from 'rxjs';
import {
  API,
  Space,
  Ticket,
  TicketComment,
  UncertainWriteError,
  addComment,
  comments,
  createTicket,
  deleteTicket,
  ticket,
  tickets,
  updateTicket,
} from '../../lib';
import type { RunningServer } from '../../lib/testing';
import type { LogEntry } from '../../lib/testing/stats';
import { KEY_AUTH, withServer } from '../support/local';

/**
 * The SDK's clock, running `factor` times faster than real time: the server's `Retry-After` is
 * whole seconds (at least 1, lib/testing/chaos/faults.ts), and the SDK waits for it on its
 * scheduler, so a 1 s wait takes 1000/factor ms. Nothing is asserted about time.
 */
function fastClock(factor: number): SchedulerLike {
  const start = Date.now();
  return {
    now: () => start + (Date.now() - start) * factor,
    schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
      return asyncScheduler.schedule(work, delay / factor, state);
    },
  };
}

/** A lost answer the app met: which fault the server's log shows for it, and what lookup() found. */
interface Lost {
  readonly fault: string | undefined;
  readonly found: boolean;
}

const ROUNDS = 20;
const SEEDED = 100;
// Round r files three tickets (A, B, C), comments on A, B and seeded ticket r+1, updates A and
// seeded ticket r+21, and deletes seeded ticket r+41: 60 creates, 60 comments, 40 updates, 20 deletes.
const summary = (r: number, which: string): string => `Fault run ${which}${r}`;
const note = (r: number, on: string): string => `Fault run comment on ${on} in round ${r}`;

describe('writes through dropped answers, 429s and refused connections', () => {
  beforeEach(() => expect.hasAssertions());

  it('every POST lands exactly once, every lost answer is an UncertainWriteError that lookup() settles', async () => {
    const faults = { seed: 12, dropAfterApplyRate: 0.1, reject429Rate: 0.1, refuseRate: 0.05 };
    await withServer({ data: { tickets: SEEDED }, faults }, async (server: RunningServer) => {
      const api = new API({
        auth: KEY_AUTH,
        baseUrl: server.url,
        scheduler: fastClock(50),
        timeout: 0, // a timed-out POST would be uncertain too; here every answer comes or is dropped
        retry: { baseDelayMs: 5, maxDelayMs: 50, maxAttempts: 10 },
      });
      let retried429 = 0;
      api.requests$.subscribe((e) => e.type === 'retry' && e.error.startsWith('RateLimitError') && retried429++);
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const space: Space = await firstValueFrom(space$);
      // The space's whole ticket list, cached before the writes: it must tell the truth after them.
      expect(await firstValueFrom(space$.pipe(tickets()))).toHaveLength(SEEDED);
      const me = server.data.me.id;
      const lost: Lost[] = [];

      /** One write, the careful way: a lost answer is looked up, and sent again only when not found. */
      async function carefully<T>(write: () => Observable<T>): Promise<T> {
        for (;;) {
          const logged = server.stats.log.length;
          try {
            return await firstValueFrom(write());
          } catch (e) {
            if (!(e instanceof UncertainWriteError)) throw e;
            const posts = server.stats.log.slice(logged).filter((entry: LogEntry) => entry.method === 'POST');
            const found = (await firstValueFrom((e as UncertainWriteError<T>).lookup())) as T | null;
            lost.push({ fault: posts.at(-1)?.fault, found: found !== null });
            if (found !== null) return found;
          }
        }
      }

      const seeded = (number: number): Observable<Ticket> => space$.pipe(ticket({ number }));
      const updates = new Map<number, Partial<Ticket>>();
      const comments = new Map<number, string[]>(); // by ticket id
      const comment = async (t: Ticket, text: string): Promise<void> => {
        const made: TicketComment = await carefully(() => of(t).pipe(addComment(text)));
        expect(made).toMatchObject({ comment: text, ticket_id: t.id });
        comments.set(t.id, [...(comments.get(t.id) ?? []), text]);
      };

      for (let r = 0; r < ROUNDS; r++) {
        const [a, b] = [
          await carefully(() => space$.pipe(createTicket({ summary: summary(r, 'A'), priority: 4 }))),
          await carefully(() => space$.pipe(createTicket({ summary: summary(r, 'B') }))),
        ];
        await comment(a, note(r, 'A'));
        await carefully(() => space$.pipe(createTicket({ summary: summary(r, 'C'), description: `Round ${r}` })));
        await comment(b, note(r, 'B'));
        const fixed = await carefully(() => of(a).pipe(updateTicket({ status: 'Accepted', assigned_to_id: me })));
        expect(fixed).toMatchObject({ number: a.number, status: 'Accepted', assigned_to_id: me });
        updates.set(a.number, { status: 'Accepted', assigned_to_id: me, priority: 4 });
        await comment(await firstValueFrom(seeded(r + 1)), note(r, 'a seeded ticket'));
        await carefully(() => seeded(r + 21).pipe(updateTicket({ summary: `Edited in round ${r}`, priority: 1 })));
        updates.set(r + 21, { summary: `Edited in round ${r}`, priority: 1 });
        const gone = await carefully(() => seeded(r + 41).pipe(deleteTicket()));
        expect(gone.number).toBe(r + 41);
      }

      const { stats, data } = server;
      const onServer = data.tickets[space.id];
      const filed = onServer.filter((t) => t.summary.startsWith('Fault run ')).map((t) => t.summary);
      const texts = data.comments[space.id].filter((c) => c.comment.startsWith('Fault run ')).map((c) => c.comment);
      const duplicates = filed.length - new Set(filed).size + (texts.length - new Set(texts).size);

      // Every POST landed exactly once: 60 tickets and 60 comments, each once, and no other POST applied.
      expect(filed.sort()).toEqual(
        ['A', 'B', 'C'].flatMap((w) => [...Array(ROUNDS).keys()].map((r) => summary(r, w))).sort(),
      );
      expect(texts).toHaveLength(3 * ROUNDS);
      expect(duplicates).toBe(0);
      expect(stats.writes.applied.POST).toBe(6 * ROUNDS);
      for (const [id, expected] of comments)
        expect(data.comments[space.id].filter((c) => c.ticket_id === id).map((c) => c.comment)).toEqual(
          expect.arrayContaining(expected),
        );

      // Every lost answer was an UncertainWriteError (anything else failed the run above), settled by
      // lookup() as the server's log says: found when the POST was applied, null when never read.
      const postFaults = stats.log.filter((e) => e.method === 'POST' && e.fault);
      const count = (fault: string, on: LogEntry[] = postFaults) => on.filter((e) => e.fault === fault).length;
      expect(lost.length).toBeGreaterThan(0);
      for (const l of lost) expect(l).toEqual({ fault: l.found ? 'drop-after-apply' : 'refused', found: l.found });
      expect(lost.filter((l) => l.found)).toHaveLength(count('drop-after-apply'));
      expect(lost.filter((l) => !l.found)).toHaveLength(count('refused'));
      expect(count('drop-after-apply')).toBeGreaterThan(0);
      expect(count('refused')).toBeGreaterThan(0);

      // Every PUT and DELETE landed once in effect: the final state is the intended one.
      for (const [number, expected] of updates)
        expect(onServer.find((t) => t.number === number)).toMatchObject(expected as object);
      for (let r = 0; r < ROUNDS; r++) expect(onServer.some((t) => t.number === r + 41)).toBe(false);
      expect(onServer).toHaveLength(SEEDED + 3 * ROUNDS - ROUNDS);
      const cached = await firstValueFrom(space$.pipe(tickets()));
      expect(cached.map((t) => [t.number, t.summary, t.status])).toEqual(
        onServer.map((t) => [t.number, t.summary, t.status]),
      );

      // The 429s were retried by the SDK itself, each once per 429.
      expect(stats.faults['429-before']).toBeGreaterThan(0);
      expect(retried429).toBe(stats.faults['429-before']);

      const writeFaults = stats.log.filter((e) => e.method !== 'GET' && e.fault);
      const sent = Object.values(stats.writes.received).reduce((a, b) => a + b, 0) + (stats.faults.refused ?? 0);
      console.log(
        `write fault run: ${9 * ROUNDS} writes (${3 * ROUNDS} createTicket, ${3 * ROUNDS} addComment, ` +
          `${2 * ROUNDS} updateTicket, ${ROUNDS} deleteTicket), ${sent} write requests sent; ` +
          `answers dropped after applying ${count('drop-after-apply', writeFaults)} ` +
          `(${count('drop-after-apply')} POSTs: UncertainWriteError, found by lookup()), ` +
          `429s ${count('429-before', writeFaults)} (retried by the SDK), ` +
          `refused connections ${count('refused', writeFaults)} ` +
          `(${count('refused')} POSTs: UncertainWriteError, lookup() null, sent again); ` +
          `POSTs received by the server ${stats.writes.received.POST}, applied ${stats.writes.applied.POST} ` +
          `(${3 * ROUNDS} tickets + ${3 * ROUNDS} comments), duplicates ${duplicates}`,
      );
    });
  }, 60_000);

  it('after a lost answer, the cached lists tell the truth: with lookup() and without', async () => {
    const faults = { dropAfterApplyRate: 1, reject429Rate: 0, writeFaultMethods: ['POST'] };
    await withServer({ data: { tickets: 30 }, faults }, async (server) => {
      const api = new API({ auth: KEY_AUTH, baseUrl: server.url });
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const three$ = space$.pipe(ticket({ number: 3 }), shareReplay(1));
      expect(await firstValueFrom(space$.pipe(tickets()))).toHaveLength(30);
      const before = await firstValueFrom(three$.pipe(comments()));
      const lost = async <T>(write: Observable<T>): Promise<UncertainWriteError<T>> =>
        firstValueFrom(write).then(
          () => Promise.reject(new Error('expected a lost answer')),
          (e: unknown) => e as UncertainWriteError<T>,
        );

      const looked = await lost(space$.pipe(createTicket({ summary: 'Looked up' })));
      expect(looked).toBeInstanceOf(UncertainWriteError);
      const found = await firstValueFrom(looked.lookup());
      expect(found).toMatchObject({ summary: 'Looked up', number: 31 });
      await lost(space$.pipe(createTicket({ summary: 'Never looked up' })));
      await lost(three$.pipe(addComment('A lost comment')));

      const list = await firstValueFrom(space$.pipe(tickets()));
      expect(list.map((t) => t.summary).slice(-2)).toEqual(['Looked up', 'Never looked up']);
      const after = await firstValueFrom(three$.pipe(comments()));
      expect(after.map((c) => c.comment)).toEqual([...before.map((c) => c.comment), 'A lost comment']);
    });
  });

  it('a PUT or DELETE whose last answer was lost leaves no stale copy in the cache', async () => {
    // No retries, so the one dropped answer is the call's outcome: the write may have landed.
    const faults = { dropAfterApplyRate: 1, reject429Rate: 0, writeFaultMethods: ['PUT', 'DELETE'] };
    await withServer({ data: { tickets: 10 }, faults }, async (server) => {
      const api = new API({ auth: KEY_AUTH, baseUrl: server.url, retry: false });
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      await firstValueFrom(space$.pipe(tickets()));
      const four = await firstValueFrom(space$.pipe(ticket({ number: 4 })));
      const five = await firstValueFrom(space$.pipe(ticket({ number: 5 })));
      await expect(firstValueFrom(of(four).pipe(updateTicket({ summary: 'Landed anyway' })))).rejects.toThrow();
      await expect(firstValueFrom(of(five).pipe(deleteTicket()))).rejects.toThrow();

      // The server applied both; the cached list and lookups are read again and say so.
      const list = await firstValueFrom(space$.pipe(tickets()));
      expect(list.find((t) => t.number === 4)?.summary).toBe('Landed anyway');
      expect(list.some((t) => t.number === 5)).toBe(false);
      expect((await firstValueFrom(space$.pipe(ticket({ number: 4 })))).summary).toBe('Landed anyway');
    });
  });
});
