// Live queries end to end, over real HTTP with the real poller: another client (a second API on the
// same local server) changes the space, and the live API's queries follow at the cost the contract
// promises (one GET /activity a quiet poll, 1 + ⌈k / 10⌉ after k tickets changed elsewhere, one
// conditional request a revalidated list). The live API talks through a proxy (spec/support/proxy.ts)
// that can hold its polls: a change is made while the poll that will see it waits at the proxy, so
// no poll ever overlaps a change, and each poll's requests are those between two GET /activity.
// Nothing here waits on the clock: tests wait for emissions and requests, a guard only stops a hang.
import { IncomingMessage } from 'node:http';
import { Observable, OperatorFunction, Subscription, firstValueFrom, lastValueFrom, of } from 'rxjs';
import {
  API,
  AuthError,
  NotFoundError,
  RequestEvent,
  addComment,
  comments,
  Space,
  Ticket,
  changes,
  createStatus,
  createTag,
  createTicket,
  deleteTicket,
  statuses,
  tags,
  ticket,
  tickets,
  updateTicket,
} from '../../lib';
import type { Change } from '../../lib/live/change';
import { Misbehaviour, Proxy, startProxy } from '../support/proxy';
import { Local, pause, useLocalServer } from '../support/local';

const EVERY = 150;
const live = { live: { every: EVERY } };
/** Only stops a test that would hang; never what a test asserts. */
const GUARD_MS = 15_000;

/** Resolves once `ready()` holds, checked every few ms; rejects after the guard with `what`. */
async function until(what: string, ready: () => boolean): Promise<void> {
  for (let waited = 0; !ready(); waited += 5) {
    if (waited > GUARD_MS) throw new Error(`still waiting for ${what}`);
    await pause(5);
  }
}

/** What a live query emitted, and how it ended. */
interface Seen<T> {
  readonly values: T[];
  readonly end: { error?: unknown; done?: boolean };
  readonly subscription: Subscription;
}

function watch<T>(query$: Observable<T>): Seen<T> {
  const values: T[] = [];
  const end: Seen<T>['end'] = {};
  const subscription = query$.subscribe({
    next: (v) => values.push(v),
    error: (e: unknown) => (end.error = e),
    complete: () => (end.done = true),
  });
  return { values, end, subscription };
}

/** The live API through the proxy, its requests grouped by poll, and the gate on its polls. */
interface Rig {
  readonly api: API;
  readonly other: API;
  readonly space: Space;
  readonly theirs: Space;
  /** Each poll's requests (paths and queries), from its GET /activity to the next one's. */
  readonly polls: string[][];
  /** Every request the live API started. */
  readonly starts: string[];
  readonly events: RequestEvent[];
  /** Holds the next GET /activity at the proxy: resolves once it waits there. */
  hold(): Promise<void>;
  /** Lets the held GET /activity (and the next ones) through. */
  release(): void;
  /** Answers the next `times` requests to `path` (default: GET /activity) in the server's place. */
  answer(status: number, times: number, path?: RegExp): void;
  /** Runs `change` while the next poll waits, then lets it through; resolves once that poll ended. */
  between(change: () => Promise<unknown>): Promise<string[]>;
}

describe('live queries over real HTTP, changed by another client', () => {
  // The server's clock, stopped by a test that needs two writes dated the same second.
  let stopped: number | undefined;
  const local = useLocalServer({ data: { tickets: 60 }, now: () => stopped ?? Date.now() }, 'test');
  let proxy: Proxy | undefined;
  // What a test leaves subscribed, ended after it (a fresh one each test: a closed one ends what joins it).
  let running = new Subscription();

  afterEach(async () => {
    stopped = undefined;
    running.unsubscribe();
    running = new Subscription();
    await proxy?.close();
    proxy = undefined;
  });

  async function rig(options: Parameters<Local['api']>[0] = {}): Promise<Rig> {
    let gate: { open: () => void; held: Promise<void>; arrived: () => void; promise: Promise<void> } | undefined;
    let answers: { status: number; times: number; path: RegExp } | undefined;
    const misbehave = (req: IncomingMessage): Misbehaviour | undefined => {
      const url = req.url ?? '';
      if (answers && answers.times > 0 && answers.path.test(url)) {
        answers.times--;
        return { answer: { status: answers.status } };
      }
      if (!url.startsWith('/v1/activity') || !gate) return undefined;
      gate.arrived();
      return { until: gate.promise };
    };
    proxy = await startProxy(local.server.url, misbehave);
    const api = local.api({ baseUrl: proxy.url, ...options });
    const other = local.api();
    const space = (await firstValueFrom(api.spaces()))[0];
    const theirs = (await firstValueFrom(other.spaces()))[0];
    const polls: string[][] = [];
    const starts: string[] = [];
    const events: RequestEvent[] = [];
    running.add(
      api.requests$.subscribe((e) => {
        events.push(e);
        if (e.type !== 'start') return;
        const url = new URL(e.url);
        const path = url.pathname + url.search;
        starts.push(path);
        if (path.startsWith('/v1/activity')) polls.push([path]);
        else polls.at(-1)?.push(path);
      }),
    );
    const hold = (): Promise<void> => {
      let open = (): void => undefined;
      let arrived = (): void => undefined;
      const promise = new Promise<void>((r) => (open = r));
      const held = new Promise<void>((r) => (arrived = r));
      gate = { open, arrived, held, promise };
      return held;
    };
    const release = (): void => {
      gate?.open();
      gate = undefined;
    };
    const rigged: Rig = {
      api,
      other,
      space,
      theirs,
      polls,
      starts,
      events,
      hold,
      release,
      answer: (status, times, path = /^\/v1\/activity/) => (answers = { status, times, path }),
      between: async (change) => {
        await hold();
        const at = polls.length;
        await change();
        release();
        // That poll is over when the next one starts (the poller plans the next from the end of the last).
        await until('the poll after the change', () => polls.length > at);
        return polls[at - 1];
      },
    };
    return rigged;
  }

  /** A quiet poll: the live API's requests in one whole poll where nothing changed. */
  async function quietPoll(r: Rig): Promise<string[]> {
    const at = r.polls.length;
    await until('two more polls', () => r.polls.length >= at + 2);
    return r.polls[at];
  }

  const read = <T>(space: Space, query: OperatorFunction<Space, T>): Promise<T> =>
    firstValueFrom(of(space).pipe(query));
  const mine = (r: Rig, n: number): Observable<Ticket> => of(r.theirs).pipe(ticket({ number: n }));
  const summaries = (list: readonly Ticket[]) => list.map((t) => [t.number, t.summary, t.status]);
  const activity = (polls: readonly string[][]) => polls.flat().filter((p) => p.startsWith('/v1/activity')).length;
  const selections = (poll: readonly string[]) => poll.filter((p) => /\/tickets\?number%5B%5D=/.test(p));

  it('a live list: 1 request a quiet poll, 1 + ⌈k/10⌉ after k changed elsewhere, then the new answer', async () => {
    const r = await rig();
    const news = watch(of(r.space).pipe(tickets({ status_name: 'New' }, live)));
    running.add(news.subscription);
    await until('the first answer', () => news.values.length === 1);
    expect(await quietPoll(r)).toEqual([`/v1/activity?space_id=${r.space.id}&page=1&per_page=50`]);
    expect(news.values).toHaveLength(1);
    const first = news.values[0];
    const all = await read(r.theirs, tickets());
    const other = all.filter((t) => t.status !== 'New');
    // k = 12 tickets changed: a New one leaves, one joins, three New ones and seven others are reworded.
    const leaving = first[0];
    const reworded = [...first.slice(1, 4), ...other.slice(2, 9)];
    const joining = other[0];
    const k = 2 + reworded.length;
    const poll = await r.between(async () => {
      await lastValueFrom(mine(r, leaving.number).pipe(updateTicket({ status: other[1].status })));
      await lastValueFrom(mine(r, joining.number).pipe(updateTicket({ status: 'New' })));
      for (const t of reworded)
        await lastValueFrom(mine(r, t.number).pipe(updateTicket({ summary: `Reworded ${t.number}` })));
    });
    expect(poll).toHaveLength(1 + Math.ceil(k / 10));
    expect(selections(poll)).toHaveLength(Math.ceil(k / 10));
    await until('the new answer', () => news.values.length === 2);
    const now = news.values[1];
    expect(summaries(now)).toEqual(summaries(await read(r.theirs, tickets({ status_name: 'New' }))));
    expect(now.map((t) => t.number)).toContain(joining.number);
    expect(now.map((t) => t.number)).not.toContain(leaving.number);
    // The tickets nobody touched are the objects the first answer held.
    const touched = new Set([leaving, joining, ...reworded].map((t) => t.number));
    const kept = first.filter((t) => !touched.has(t.number));
    expect(kept.length).toBeGreaterThan(0);
    for (const t of kept) expect(now.find((n) => n.number === t.number)).toBe(t);
    for (const t of reworded) expect(now.find((n) => n.number === t.number)).not.toBe(t);
    // Quiet again: one request a poll, and never the same answer twice.
    expect(await quietPoll(r)).toHaveLength(1);
    expect(news.values).toHaveLength(2);
    expect(news.end).toEqual({});
  }, 30_000);

  it('a ticket created elsewhere joins a live list, one deleted elsewhere leaves it', async () => {
    const r = await rig();
    const news = watch(of(r.space).pipe(tickets({ status_name: 'New' }, live)));
    running.add(news.subscription);
    await until('the first answer', () => news.values.length === 1);
    const gone = news.values[0][0];
    let created: Ticket | undefined;
    await r.between(async () => {
      created = await lastValueFrom(of(r.theirs).pipe(createTicket({ summary: 'Made elsewhere', status: 'New' })));
      await lastValueFrom(mine(r, gone.number).pipe(deleteTicket()));
    });
    await until('the new answer', () => news.values.length === 2);
    const numbers = news.values[1].map((t) => t.number);
    expect(numbers).toContain(created!.number);
    expect(numbers).not.toContain(gone.number);
    expect(summaries(news.values[1])).toEqual(summaries(await read(r.theirs, tickets({ status_name: 'New' }))));
    expect(await quietPoll(r)).toHaveLength(1);
    expect(news.values).toHaveLength(2);
  }, 30_000);

  it('a live ticket follows changes made elsewhere, and ends with NotFoundError when deleted elsewhere', async () => {
    const r = await rig();
    const n = (await read(r.space, tickets()))[3].number;
    // Its change and its deletion are dated the same second, as they often are.
    stopped = Date.now();
    const one = watch(of(r.space).pipe(ticket({ number: n }, live)));
    running.add(one.subscription);
    await until('the ticket', () => one.values.length === 1);
    const poll = await r.between(() => lastValueFrom(mine(r, n).pipe(updateTicket({ summary: 'Followed' }))));
    expect(poll).toHaveLength(2);
    await until('the changed ticket', () => one.values.length === 2);
    expect(one.values[1].summary).toBe('Followed');
    expect(await quietPoll(r)).toHaveLength(1);
    // Its last member gone, the poller stops: no poll after this one to wait for.
    await r.hold();
    await lastValueFrom(mine(r, n).pipe(deleteTicket()));
    r.release();
    await until('the end', () => one.end.error !== undefined);
    expect(one.end.error).toBeInstanceOf(NotFoundError);
    expect(one.values).toHaveLength(2);
  }, 30_000);

  it('live statuses() and tags() see what another client created, one conditional request a page a poll', async () => {
    const r = await rig();
    const s = watch(of(r.space).pipe(statuses(undefined, live)));
    const t = watch(of(r.space).pipe(tags(undefined, live)));
    running.add(s.subscription);
    running.add(t.subscription);
    await until('both lists', () => s.values.length === 1 && t.values.length === 1);
    // The first poll sends no If-None-Match (the read path keeps no ETags); the ones after do.
    await quietPoll(r);
    const notModified = local.server.stats.byStatus[304] ?? 0;
    const quiet = await quietPoll(r);
    expect(quiet.slice(1).sort()).toEqual(
      [
        `/v1/spaces/${r.space.id}/tags?page=1&per_page=25`,
        `/v1/spaces/${r.space.id}/tags?page=2&per_page=25`,
        `/v1/spaces/${r.space.id}/tickets/statuses`,
      ].sort(),
    );
    expect(quiet).toHaveLength(4);
    expect((local.server.stats.byStatus[304] ?? 0) - notModified).toBeGreaterThanOrEqual(3);
    await r.between(async () => {
      await lastValueFrom(of(r.theirs).pipe(createStatus({ name: 'Deploy', state: 1 })));
      await lastValueFrom(of(r.theirs).pipe(createTag({ name: 'elsewhere' })));
    });
    await until('both new lists', () => s.values.length === 2 && t.values.length === 2);
    expect(s.values[1].map((x) => x.name)).toContain('Deploy');
    expect(t.values[1].map((x) => x.name)).toContain('elsewhere');
    for (const old of s.values[0]) expect(s.values[1]).toContain(old);
    expect(await quietPoll(r)).toHaveLength(4);
    expect([s.values.length, t.values.length]).toEqual([2, 2]);
  }, 30_000);

  it('the live API’s own write re-emits at once, and the next poll costs one request', async () => {
    const r = await rig();
    const news = watch(of(r.space).pipe(tickets({ status_name: 'New' }, live)));
    running.add(news.subscription);
    await until('the first answer', () => news.values.length === 1);
    const n = news.values[0][0].number;
    // The poll waits at the proxy while the write lands and the live list answers it.
    await r.hold();
    const at = r.polls.length;
    await lastValueFrom(of(r.space).pipe(ticket({ number: n }), updateTicket({ summary: 'Mine' })));
    await until('the answer with my write', () => news.values.length === 2);
    expect(news.values[1].find((t) => t.number === n)?.summary).toBe('Mine');
    r.release();
    await until('the poll after', () => r.polls.length > at + 1);
    // The held poll (the write's own requests went out before it was released) and the next: one each.
    expect(r.polls[at - 1].filter((p) => !p.startsWith(`/v1/spaces/${r.space.id}/tickets/`))).toHaveLength(1);
    expect(await quietPoll(r)).toHaveLength(1);
    expect(news.values).toHaveLength(2);
  }, 30_000);

  it('100 live ticket queries on one space cost one request a poll', async () => {
    const r = await rig();
    const numbers = (await read(r.space, tickets())).map((t) => t.number);
    const all = Array.from({ length: 100 }, (_, i) =>
      watch(of(r.space).pipe(ticket({ number: numbers[i % 60] }, live))),
    );
    for (const w of all) running.add(w.subscription);
    await until('every ticket', () => all.every((w) => w.values.length === 1));
    expect(await quietPoll(r)).toHaveLength(1);
    expect(await quietPoll(r)).toHaveLength(1);
    const poll = await r.between(() =>
      lastValueFrom(mine(r, numbers[7]).pipe(updateTicket({ summary: 'Seen by two' }))),
    );
    expect(poll).toHaveLength(2);
    await until('both live copies of ticket 7', () => all[7].values.length === 2 && all[67].values.length === 2);
    expect(all[67].values[1]).toBe(all[7].values[1]);
    expect(all.filter((w) => w.values.length !== 1)).toHaveLength(2);
  }, 30_000);

  it('changes() and a live list of one space share one poller: one GET /activity a poll', async () => {
    const r = await rig();
    const feed = watch(of(r.space).pipe(changes({ every: EVERY })));
    const news = watch(of(r.space).pipe(tickets({ status_name: 'New' }, { live: { every: EVERY * 2 } })));
    running.add(feed.subscription);
    running.add(news.subscription);
    await until('the first answer', () => news.values.length === 1);
    const n = news.values[0][0].number;
    const poll = await r.between(() => lastValueFrom(mine(r, n).pipe(updateTicket({ summary: 'Fed' }))));
    await until('the change and the answer', () => feed.values.length > 0 && news.values.length === 2);
    expect(poll).toEqual([poll[0], expect.stringMatching(/\/tickets\?number%5B%5D=/)]);
    expect(feed.values.map((c: Change) => [c.kind, c.number])).toEqual([['ticket', n]]);
    expect(news.values[1].find((t) => t.number === n)?.summary).toBe('Fed');
    // While a poll waits at the proxy for a few intervals, no other GET /activity is sent: one poller.
    await r.hold();
    const reads = activity(r.polls);
    await pause(EVERY * 4);
    expect(activity(r.polls)).toBe(reads);
    r.release();
    expect(feed.end).toEqual({});
  }, 30_000);

  it('unsubscribing everything stops polling: no request after', async () => {
    const r = await rig();
    const news = watch(of(r.space).pipe(tickets({ status_name: 'New' }, live)));
    const feed = watch(of(r.space).pipe(changes({ every: EVERY })));
    await until('the first answer', () => news.values.length === 1);
    await quietPoll(r);
    // Between polls: the one that started is over once the proxy holds the next.
    await r.hold();
    news.subscription.unsubscribe();
    feed.subscription.unsubscribe();
    r.release();
    const [mineSent, server] = [r.starts.length, local.count()];
    await pause(EVERY * 5);
    expect(r.starts.length).toBe(mineSent);
    // The held request may still reach the server (the proxy forwards it), nothing after it.
    expect(local.count()).toBeLessThanOrEqual(server + 1);
  }, 30_000);

  it('500s on /activity: poll events on requests$, and the live query recovers without erroring', async () => {
    const r = await rig({ retry: false });
    const news = watch(of(r.space).pipe(tickets({ status_name: 'New' }, live)));
    running.add(news.subscription);
    await until('the first answer', () => news.values.length === 1);
    const n = news.values[0][0].number;
    r.answer(500, 3);
    await until('three failed polls', () => r.events.filter((e) => e.type === 'poll').length === 3);
    await lastValueFrom(mine(r, n).pipe(updateTicket({ summary: 'After the burst' })));
    await until('the answer after the burst', () => news.values.length === 2);
    const polls = r.events.filter((e) => e.type === 'poll');
    expect(polls.map((e) => e.type === 'poll' && [e.attempt, e.spaceId])).toEqual([
      [1, r.space.id],
      [2, r.space.id],
      [3, r.space.id],
    ]);
    expect(news.values[1].find((t) => t.number === n)?.summary).toBe('After the burst');
    expect(news.end).toEqual({});
    expect(await quietPoll(r)).toHaveLength(1);
  }, 30_000);

  it('a live list whose re-read after a change fails with a 500 answers at the next poll', async () => {
    const r = await rig({ retry: false });
    const n = (await read(r.space, tickets()))[0].number;
    const list = watch(of(r.space).pipe(ticket({ number: n }), comments(undefined, live)));
    running.add(list.subscription);
    await until('the comments', () => list.values.length === 1);
    // A comment made elsewhere drops the cached comments; their re-read fails once, then the next poll reads them.
    r.answer(500, 1, /ticket_comments/);
    await r.between(() => lastValueFrom(mine(r, n).pipe(addComment('Said elsewhere'))));
    await until('the comments with the new one', () => list.values.length === 2 || list.end.error !== undefined);
    expect(list.end).toEqual({});
    expect(list.values[1].map((c) => c.comment)).toContain('Said elsewhere');
    expect(r.events.filter((e) => e.type === 'end' && e.status === 500 && /ticket_comments/.test(e.url))).toHaveLength(
      1,
    );
  }, 30_000);

  it('a 401 on /activity ends the live query with an AuthError, and polling stops', async () => {
    const r = await rig({ retry: false });
    const news = watch(of(r.space).pipe(tickets({ status_name: 'New' }, live)));
    await until('the first answer', () => news.values.length === 1);
    r.answer(401, Infinity);
    await until('the end', () => news.end.error !== undefined);
    expect(news.end.error).toBeInstanceOf(AuthError);
    expect((news.end.error as AuthError).status).toBe(401);
    const sent = r.starts.length;
    await pause(EVERY * 5);
    expect(r.starts.length).toBe(sent);
  }, 30_000);
});
