// Live queries against the local server in its own process (10,000 tickets, 50 ms): requests per
// poll when nothing changed, for 1, 10 and 100 live ticket queries and for live lists of the kinds
// that are revalidated; requests per poll after k tickets were changed by another client; and how
// many polls pass from such a change to the live emission. Against them, the naive poll of the
// dashboard example before live queries: purge the space's cache and read the list again.
//
// Polls are told apart on the live API's own `requests$`: a poll begins with its `GET /activity`
// of page 1, and every request until the next one belongs to it (`every` is long enough for a
// poll to end before the next begins, which `busy` checks).
import { Observable, Subscription, firstValueFrom, lastValueFrom, tap } from 'rxjs';
import { API, components, customFields, statuses, tags, tickets } from '../../lib';
import { DEFAULT_CREDENTIALS } from '../../lib/testing';
import type { ServerProcess } from './server-process';

const SPACE = 'Big Project';
/** Long enough for a poll that fetches 100 changed tickets (11 requests at 50 ms, 6 at a time) to end first. */
const EVERY_MS = 2_000;

export interface LiveResults {
  readonly tickets: number;
  /** Requests of one purge-and-reread poll of `tickets()`. */
  readonly naive: number;
  /** Requests per poll with nothing changed, by number of live ticket queries. */
  readonly idle: ReadonlyArray<{ readonly queries: number; readonly perPoll: readonly number[] }>;
  /**
   * With one live ticket query and `lists` live revalidated lists, nothing changed: requests per
   * poll, the pages those lists take (a request each, tags come 25 a page), and the 304s per poll.
   */
  readonly revalidated: {
    readonly lists: number;
    readonly pages: number;
    readonly perPoll: readonly number[];
    readonly notModified: readonly number[];
  };
  /** After `k` tickets changed elsewhere: the requests of the next poll, and the polls until the emission. */
  readonly changed: ReadonlyArray<{ readonly k: number; readonly perPoll: number; readonly polls: number }>;
}

/** The live API's polls, as segments of its request stream. */
class Polls {
  /** Requests per poll, in order; the last one may still be running. */
  readonly requests: number[] = [];
  /** The paths (without query) of each poll's requests, and how many of its answers were 304s. */
  readonly detail: Array<{ paths: string[]; notModified: number }> = [];
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];
  readonly subscription: Subscription;

  constructor(api: API) {
    this.subscription = api.requests$.subscribe((e) => {
      if (e.type === 'start') {
        this.inFlight++;
        if (/\/activity\?/.test(e.url) && /[?&]page=1(&|$)/.test(e.url)) {
          this.requests.push(0);
          this.detail.push({ paths: [], notModified: 0 });
        }
        if (this.requests.length > 0) {
          this.requests[this.requests.length - 1]++;
          this.detail[this.detail.length - 1].paths.push(new URL(e.url).pathname);
        }
      } else if (e.type === 'end') {
        this.inFlight--;
        if (e.status === 304 && this.detail.length > 0) this.detail[this.detail.length - 1].notModified++;
      }
      if (e.type === 'start' || e.type === 'end') this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** Resolves once `n` polls have begun (counting from the first). */
  async begun(n: number): Promise<void> {
    while (this.requests.length < n) await new Promise<void>((wake) => this.waiters.push(wake));
  }

  /** Resolves once the poll under way has ended (nothing in flight). */
  async quiet(): Promise<void> {
    while (this.busy) await new Promise<void>((wake) => this.waiters.push(wake));
  }
}

function connect(server: ServerProcess): API {
  return new API({ auth: { key: DEFAULT_CREDENTIALS.key, secret: DEFAULT_CREDENTIALS.secret }, baseUrl: server.url });
}

/** Subscribes to `queries` and resolves once each has emitted its first answer. */
async function started(queries: ReadonlyArray<Observable<unknown>>): Promise<Subscription> {
  const all = new Subscription();
  await Promise.all(
    queries.map(
      (q) =>
        new Promise<void>((resolve, reject) => {
          all.add(q.subscribe({ next: () => resolve(), error: reject }));
        }),
    ),
  );
  return all;
}

/** Polls 2..n+1 after the queries started (the first poll sets the change log's baseline). */
async function idlePolls(api: API, queries: ReadonlyArray<Observable<unknown>>, n: number): Promise<Polls> {
  const polls = new Polls(api);
  const subscription = await started(queries);
  await polls.begun(n + 2);
  subscription.unsubscribe();
  polls.subscription.unsubscribe();
  polls.requests.splice(n + 1);
  polls.requests.shift();
  polls.detail.splice(n + 1);
  polls.detail.shift();
  return polls;
}

/** Sets a new summary on tickets 1..k through the server's HTTP API, as another client would. */
async function changeElsewhere(server: ServerProcess, spaceId: string, k: number, round: number): Promise<void> {
  const headers = {
    'X-Api-Key': DEFAULT_CREDENTIALS.key,
    'X-Api-Secret': DEFAULT_CREDENTIALS.secret,
    'Content-Type': 'application/json',
  };
  const put = async (n: number): Promise<void> => {
    const res = await fetch(`${server.url}/v1/spaces/${spaceId}/tickets/${n}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ ticket: { summary: `changed elsewhere, round ${round}, ticket ${n}` } }),
    });
    if (res.status !== 204 && res.status !== 200) throw new Error(`PUT ticket ${n} answered ${res.status}`);
  };
  const numbers = Array.from({ length: k }, (_, i) => i + 1);
  for (let i = 0; i < numbers.length; i += 10) await Promise.all(numbers.slice(i, i + 10).map(put));
}

/**
 * For each k: wait for a poll to end, change k tickets elsewhere, then count the requests of the
 * next poll and the polls that began before the live list emitted the change.
 */
async function changedPolls(
  server: ServerProcess,
  spaceId: string,
  ks: readonly number[],
): Promise<LiveResults['changed']> {
  const api = connect(server);
  const live$ = api.space({ name: SPACE }).pipe(tickets(undefined, { live: { every: EVERY_MS } }));
  const polls = new Polls(api);
  const answers: Array<{ at: number; summaries: string }> = [];
  const subscription = await started([
    live$.pipe(tap((list) => answers.push({ at: polls.requests.length, summaries: list[0]?.summary ?? '' }))),
  ]);
  const out: Array<{ k: number; perPoll: number; polls: number }> = [];
  for (const [round, k] of ks.entries()) {
    // After the baseline poll (or the previous round's), with nothing in flight.
    await polls.begun(polls.requests.length + 1);
    await polls.quiet();
    const before = polls.requests.length;
    await changeElsewhere(server, spaceId, k, round);
    const expected = `changed elsewhere, round ${round}, ticket 1`;
    while (!answers.some((a) => a.summaries === expected)) await polls.begun(polls.requests.length + 1);
    const emitted = answers.find((a) => a.summaries === expected)!;
    await polls.begun(before + 2);
    out.push({ k, perPoll: polls.requests[before], polls: emitted.at - before });
  }
  subscription.unsubscribe();
  polls.subscription.unsubscribe();
  return out;
}

/** Every figure of `LiveResults`, on a server of `server.tickets` tickets. */
export async function measureLive(server: ServerProcess, log: (line: string) => void): Promise<LiveResults> {
  const probe = connect(server);
  const space = await firstValueFrom(probe.space({ name: SPACE }));
  log('  live: the naive poll (purge and read again)');
  await lastValueFrom(probe.space({ name: SPACE }).pipe(tickets()));
  let naive = 0;
  const counting = probe.requests$.subscribe((e) => void (e.type === 'start' && naive++));
  space.cache.purge();
  await lastValueFrom(probe.space({ name: SPACE }).pipe(tickets()));
  counting.unsubscribe();

  const idle: Array<{ queries: number; perPoll: number[] }> = [];
  const statusNames = ['New', 'Accepted', 'Test', 'Fixed', 'Invalid'];
  for (const queries of [1, 10, 100]) {
    log(`  live: ${queries} live ticket ${queries === 1 ? 'query' : 'queries'}, nothing changed`);
    const api = connect(server);
    const space$ = api.space({ name: SPACE });
    const list = Array.from({ length: queries }, (_, i) =>
      space$.pipe(
        tickets(i === 0 ? undefined : { status_name: statusNames[i % 5], priority: (i % 5) + 1 }, {
          live: { every: EVERY_MS },
        }),
      ),
    );
    idle.push({ queries, perPoll: (await idlePolls(api, list, 3)).requests });
  }

  log('  live: revalidated lists (statuses, tags, custom fields, components)');
  const api = connect(server);
  const space$ = api.space({ name: SPACE });
  const live = { live: { every: EVERY_MS } };
  const lists = [
    space$.pipe(statuses(undefined, live)),
    space$.pipe(tags(undefined, live)),
    space$.pipe(customFields(undefined, live)),
    space$.pipe(components(undefined, live)),
  ];
  const polls = await idlePolls(api, [space$.pipe(tickets(undefined, live)), ...lists], 3);
  // Each list's pages: the requests to its path in a poll (every poll asks for the same ones).
  const pages = polls.detail[0].paths.filter((p) => !p.endsWith('/activity')).length;
  const revalidated = {
    lists: lists.length,
    pages,
    perPoll: polls.requests,
    notModified: polls.detail.map((d) => d.notModified),
  };

  log('  live: tickets changed elsewhere (k = 1, 10, 100)');
  const changed = await changedPolls(server, space.id, [1, 10, 100]);
  return { tickets: server.tickets, naive, idle, revalidated, changed };
}

/**
 * What a poll after k changes may cost: the 1 + ⌈k / 10⌉ (one `number[]` batch per 10
 * tickets), where the one request for the change log becomes one per page of `eventsPerPage`
 * events: k new events and the newest one already seen, which ends the reading.
 */
export function changedTarget(k: number, eventsPerPage: number): number {
  return Math.ceil((k + 1) / eventsPerPage) + Math.ceil(k / 10);
}
