// Optimistic writes in virtual time: what the cached lists show while a write is on its way, once
// the server confirmed it, and after it refused it or its answer was lost.
import { map, shareReplay } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import {
  NetworkError,
  Ticket,
  TicketComment,
  addComment,
  comments,
  deleteTicket,
  updateComment,
  UncertainWriteError,
  ValidationError,
  createTicket,
  statuses,
  ticket,
  tickets,
  updateTicket,
} from '../../lib';
import { virtualAssembla } from './virtual-assembla';

type Context = Parameters<Parameters<typeof marbles>[0]>[0];

// Every reply takes 2 frames. Caches are filled at frame 0; writes start at frame 20.
function setup(m: Context, options: Parameters<typeof virtualAssembla>[1] = {}) {
  const v = virtualAssembla(m, { perPage: 100, tickets: 20, ...options });
  const space$ = v.api.space({ name: 'Big Project' }).pipe(shareReplay(1));
  const frame = m.time('-|');
  const at = (n: number, run: () => void): void => {
    m.scheduler.schedule(run, n * frame);
  };
  /** The cached ticket list as a query answers it now (synchronously: it is cached). */
  const view = (): Ticket[] => {
    let list: Ticket[] | undefined;
    space$.pipe(tickets()).subscribe((l) => (list = l));
    if (!list) throw new Error('the ticket list is not cached');
    return list;
  };
  const byNumber = (list: Ticket[], n: number): Ticket => list.find((t) => t.number === n)!;
  // Open tickets of a low priority: a status or priority 1 or 2 written to them is a change.
  const open = v.data.tickets[v.big.id].filter((t) => t.state === 1 && t.priority >= 3).map((t) => t.number);
  const emitted: Ticket[] = [];
  const errors: unknown[] = [];
  /** Runs a write on ticket `n`, recording what it emits or its error. */
  const update = (n: number, attributes: Parameters<typeof updateTicket>[0], optimistic = true): void => {
    space$
      .pipe(ticket({ number: n }), updateTicket(attributes, { optimistic }))
      .subscribe({ next: (t) => emitted.push(t), error: (e: unknown) => errors.push(e) });
  };
  const serverTicket = (n: number) => v.truth(`/spaces/${v.big.id}/tickets/${n}`).json as Record<string, unknown>;
  /** Ticket `n` as the server has it after a change to Fixed, read back (a PUT, then a GET, since `callsBefore`). */
  const expectFixedAsOnServer = (after: Ticket, n: number, callsBefore: number): void => {
    expect(after).toMatchObject({ status: 'Fixed', state: 0 });
    expect(after.updated_at.toISOString()).toBe(new Date(serverTicket(n).updated_at as string).toISOString());
    expect(v.calls.slice(callsBefore)).toEqual([
      `PUT /spaces/${v.big.id}/tickets/${n}`,
      `GET /spaces/${v.big.id}/tickets/${n}`,
    ]);
  };
  at(0, () => {
    space$.pipe(tickets()).subscribe();
    space$.pipe(statuses()).subscribe();
  });
  return { v, space$, at, view, byNumber, open, emitted, errors, update, serverTicket, expectFixedAsOnServer };
}

describe('optimistic writes (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'an update shows in the cached list at once (state from the cached statuses), then as the server has it',
    marbles((m) => {
      const { v, space$, at, view, byNumber, open, emitted, update, expectFixedAsOnServer } = setup(m);
      const [n] = open;
      let before!: Ticket,
        during!: Ticket,
        emittedDuring = -1,
        fixedDuring: number[] = [],
        after!: Ticket;
      let callsBefore = 0;
      at(20, () => {
        before = byNumber(view(), n);
        callsBefore = v.calls.length;
        update(n, { status: 'Fixed' });
        during = byNumber(view(), n);
        emittedDuring = emitted.length;
        space$.pipe(tickets({ status_name: 'Fixed' })).subscribe((l) => (fixedDuring = l.map((t) => t.number)));
      });
      at(40, () => (after = byNumber(view(), n)));
      m.flush();
      expect(emittedDuring).toBe(0);
      expect(during).toMatchObject({ status: 'Fixed', status_name: 'Fixed', state: 0 });
      expect(during.updated_at).toEqual(before.updated_at); // the server's field, not known yet
      expect(fixedDuring).toContain(n);
      expect(after).toBe(emitted[0]);
      expectFixedAsOnServer(after, n, callsBefore);
    }),
  );

  it(
    'a refused update (422) rolls back exactly and errors',
    marbles((m) => {
      const { at, view, byNumber, open, errors, update } = setup(m);
      const [n] = open;
      let before!: Ticket[], during!: Ticket, after!: Ticket[];
      at(20, () => {
        before = view();
        update(n, { summary: '' });
        during = byNumber(view(), n);
      });
      at(40, () => (after = view()));
      m.flush();
      // A blank summary, which the server refuses (lib/testing/resources/tickets.ts): shown until then.
      expect(during).toMatchObject({ summary: '', state: byNumber(before, n).state });
      // Exactly: the very objects the list held before (a query's array is its own; its items are the cache's).
      expect(after).toHaveLength(before.length);
      expect(after.filter((t, i) => t !== before[i])).toEqual([]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(ValidationError);
      expect((errors[0] as ValidationError).fields.summary).toEqual(["can't be blank"]);
    }),
  );

  it(
    'two writes to different tickets: the first is refused, the second, still pending, stays and is confirmed',
    marbles((m) => {
      const { at, view, byNumber, open, errors, emitted, update } = setup(m);
      const [a, b] = open;
      let before!: Ticket[], both!: Ticket[], rolledBack!: Ticket[], after!: Ticket[];
      at(20, () => {
        before = view();
        update(a, { summary: '' });
        update(b, { priority: 1 });
        both = view();
      });
      at(23, () => (rolledBack = view())); // a's 422 arrived at 22; b's read-back answers at 24
      at(40, () => (after = view()));
      m.flush();
      expect(byNumber(both, a).summary).toBe('');
      expect(byNumber(both, b).priority).toBe(1);
      expect(byNumber(rolledBack, a)).toBe(byNumber(before, a));
      expect(byNumber(rolledBack, b)).toMatchObject({ priority: 1, updated_at: byNumber(before, b).updated_at });
      expect(byNumber(after, a)).toBe(byNumber(before, a));
      expect(byNumber(after, b)).toBe(emitted[0]);
      expect(emitted[0].priority).toBe(1);
      expect(errors).toHaveLength(1);
    }),
  );

  it(
    'a refusal after other writes were confirmed meanwhile keeps what they wrote, on that ticket too',
    marbles((m) => {
      const { v, at, view, byNumber, open, errors, emitted, update, serverTicket } = setup(m);
      const [a, b] = open;
      let before!: Ticket[], pending!: Ticket[], after!: Ticket[];
      at(20, () => {
        before = view();
        update(a, { priority: 2 }, false); // confirmed at 24
        update(a, { summary: '' }); // sent after it, at 24: refused at 26
        update(b, { priority: 1 }); // confirmed at 24
      });
      at(25, () => (pending = view()));
      at(40, () => (after = view()));
      m.flush();
      expect(byNumber(pending, a)).toMatchObject({ priority: 2, summary: '' });
      expect(byNumber(pending, b)).toMatchObject({ priority: 1 });
      expect(errors).toHaveLength(1);
      expect(emitted.map((t) => t.number)).toEqual([a, b]);
      expect(byNumber(after, a)).toBe(emitted[0]);
      expect(byNumber(after, a)).toMatchObject({ priority: 2, status: byNumber(before, a).status });
      expect(byNumber(after, b)).toBe(emitted[1]);
      expect(serverTicket(a)).toMatchObject({ priority: 2, status: byNumber(before, a).status });
      const path = (n: number) => `/spaces/${v.big.id}/tickets/${n}`;
      expect(v.calls.slice(-5)).toEqual([
        `PUT ${path(a)}`,
        `PUT ${path(b)}`,
        `GET ${path(a)}`,
        `GET ${path(b)}`,
        `PUT ${path(a)}`,
      ]);
    }),
  );

  it(
    'two writes to one ticket are sent one after the other, in call order; both show at once',
    marbles((m) => {
      const { v, at, view, byNumber, open, emitted, update, serverTicket } = setup(m);
      const [n] = open;
      let callsBefore = 0,
        both!: Ticket,
        after!: Ticket,
        was = '';
      at(20, () => {
        was = byNumber(view(), n).status;
        callsBefore = v.calls.length;
        update(n, { priority: 1 });
        update(n, { status: 'Fixed' });
        both = byNumber(view(), n);
      });
      at(40, () => (after = byNumber(view(), n)));
      m.flush();
      expect(both).toMatchObject({ priority: 1, status: 'Fixed' });
      const ticketPath = `/spaces/${v.big.id}/tickets/${n}`;
      // Sent at once, the second PUT would come before the first read-back.
      expect(v.calls.slice(callsBefore)).toEqual([
        `PUT ${ticketPath}`,
        `GET ${ticketPath}`,
        `PUT ${ticketPath}`,
        `GET ${ticketPath}`,
      ]);
      expect(emitted.map((t) => [t.priority, t.status])).toEqual([
        [1, was],
        [1, 'Fixed'],
      ]);
      expect(after).toBe(emitted[1]);
      expect(serverTicket(n)).toMatchObject({ priority: 1, status: 'Fixed' });
    }),
  );

  it(
    'a create shows at once with a temporary negative number; a lost answer drops the list, read again with the ticket',
    marbles((m) => {
      const lose = (call: { method: string }) => call.method === 'POST';
      const { v, space$, at, view, errors } = setup(m, { lose });
      let before!: Ticket[], during!: Ticket[], after!: Ticket[];
      at(20, () => {
        before = view();
        space$
          .pipe(createTicket({ summary: 'Crash on save' }, { optimistic: true }))
          .subscribe({ error: (e: unknown) => errors.push(e) });
        during = view();
      });
      // The POST may have landed: the list is dropped, and the next query reads it again.
      at(40, () => space$.pipe(tickets()).subscribe());
      at(60, () => (after = view()));
      m.flush();
      expect(during).toHaveLength(before.length + 1);
      expect(during.at(-1)).toMatchObject({ summary: 'Crash on save' });
      expect(during.at(-1)!.number).toBeLessThan(0);
      expect(errors[0]).toBeInstanceOf(UncertainWriteError);
      const made = v.data.tickets[v.big.id].find((t) => t.summary === 'Crash on save')!;
      expect(after.map((t) => t.number)).toEqual([...before.map((t) => t.number), made.number]);
    }),
  );

  it(
    'an update whose answer was lost drops its patch and reads the ticket again',
    marbles((m) => {
      const lose = (call: { method: string }) => call.method === 'PUT';
      const { v, at, view, byNumber, open, errors, update, expectFixedAsOnServer } = setup(m, { lose, retry: false });
      const [n] = open;
      let during!: Ticket,
        after!: Ticket,
        callsBefore = 0;
      at(20, () => {
        callsBefore = v.calls.length;
        update(n, { status: 'Fixed' });
        during = byNumber(view(), n);
      });
      at(40, () => (after = byNumber(view(), n)));
      m.flush();
      expect(during.status).toBe('Fixed');
      expect(errors[0]).toBeInstanceOf(NetworkError);
      // The server applied it: the ticket as read again, not as the patch guessed.
      expectFixedAsOnServer(after, n, callsBefore);
    }),
  );

  it(
    'comments and deletes: each shows at once, then as the server has it',
    marbles((m) => {
      const { v, space$, at, view, open, errors } = setup(m);
      const withComments = new Set(v.data.comments[v.big.id].map((c) => c.ticket_id));
      const n = v.data.tickets[v.big.id].find((t) => withComments.has(t.id))!.number;
      const gone = open.find((x) => x !== n)!;
      const ticket$ = space$.pipe(ticket({ number: n }));
      const commentsView = (): TicketComment[] => {
        let list: TicketComment[] | undefined;
        ticket$.pipe(comments()).subscribe((l) => (list = l));
        return list!;
      };
      const seen: Record<string, TicketComment[] | number[]> = {};
      const watch = { error: (e: unknown) => errors.push(e) };
      at(0, () => ticket$.pipe(comments()).subscribe());
      at(20, () => {
        seen.before = commentsView();
        ticket$.pipe(addComment('Seen on 2.0', { optimistic: true })).subscribe(watch);
        seen.added = commentsView();
      });
      at(30, () => {
        seen.confirmed = commentsView();
        ticket$
          .pipe(
            comments(),
            map((cs) => cs[0]),
            updateComment('Edited', { optimistic: true }),
          )
          .subscribe(watch);
        seen.edited = commentsView();
        space$.pipe(ticket({ number: gone }), deleteTicket({ optimistic: true })).subscribe(watch);
        seen.deleting = view().map((t) => t.number);
      });
      at(50, () => {
        seen.after = commentsView();
        seen.deleted = view().map((t) => t.number);
      });
      m.flush();
      const [before, added, confirmed, edited, after] = [
        seen.before,
        seen.added,
        seen.confirmed,
        seen.edited,
        seen.after,
      ] as TicketComment[][];
      expect(errors).toEqual([]);
      expect(added).toHaveLength(before.length + 1);
      expect(added.at(-1)).toMatchObject({ comment: 'Seen on 2.0' });
      expect(added.at(-1)!.id).toBeLessThan(0);
      expect(confirmed.at(-1)).toMatchObject({ comment: 'Seen on 2.0' });
      expect(confirmed.at(-1)!.id).toBeGreaterThan(0);
      expect(edited[0]).toMatchObject({ id: before[0].id, comment: 'Edited' });
      expect(after[0]).toMatchObject({ id: before[0].id, comment: 'Edited' });
      expect(seen.deleting).not.toContain(gone);
      expect(seen.deleted).not.toContain(gone);
      expect(v.data.tickets[v.big.id].map((t) => t.number)).not.toContain(gone);
    }),
  );
});
