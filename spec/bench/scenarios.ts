// The measured scenarios: the seed README's workloads W1–W5 done with the SDK (cold: a new API;
// warm: the same query again on that API) and the naive way (baseline.ts), plus the
// de-duplication and decode-cost measurements. Each run counts its HTTP requests twice: from the
// client's `requests$` (`start` events) and from the server's own counters.
import { Observable, firstValueFrom, lastValueFrom, map, reduce } from 'rxjs';
import { API, milestone, streamTickets, ticket, tickets, user } from '../../lib';
import type { Ticket } from '../../lib';
import { codecs, decodeList } from '../../lib/codecs';
import { DEFAULT_CREDENTIALS, generateData } from '../../lib/testing';
import type { RequestEvent } from '../../lib/transport/types';
import { Baseline } from './baseline';
import { printResult, runIsolated, ServerProcess } from './server-process';
import { median, since } from './stats';

const SPACE = 'Big Project';

/** What a run produced: how many tickets, and a digest to compare the SDK's answer with the baseline's. */
export interface Outcome {
  readonly tickets: number;
  readonly digest: string;
}

export interface Workload {
  readonly id: string;
  readonly title: string;
  readonly ours: (api: API) => Observable<Outcome>;
  readonly baseline: (b: Baseline) => Promise<Outcome>;
}

/** A list's size and the sum of its numbers: enough to tell two answers apart. */
function digestOf(list: readonly Ticket[]): Outcome {
  return { tickets: list.length, digest: `${list.length}:${list.reduce((s, t) => s + t.number, 0)}` };
}

export const W1: Workload = {
  id: 'W1',
  title: 'ticket 201 → status_name',
  ours: (api) =>
    api.space({ name: SPACE }).pipe(
      ticket({ number: 201 }),
      map((t) => ({ tickets: 1, digest: t.status_name })),
    ),
  baseline: async (b) => {
    const all = await b.allTickets(await b.space(SPACE));
    const found = all.filter((t) => t.number === 201);
    if (found.length !== 1) throw new Error('baseline: no ticket 201');
    return { tickets: 1, digest: found[0].status_name };
  },
};

export const W2: Workload = {
  id: 'W2',
  title: "tickets({ status_name: 'Test' })",
  ours: (api) => api.space({ name: SPACE }).pipe(tickets({ status_name: 'Test' }), map(digestOf)),
  baseline: async (b) => digestOf((await b.allTickets(await b.space(SPACE))).filter((t) => t.status_name === 'Test')),
};

export const W3: Workload = {
  id: 'W3',
  title: "milestone('Release Candidate 1'), tickets()",
  ours: (api) => api.space({ name: SPACE }).pipe(milestone('Release Candidate 1'), tickets(), map(digestOf)),
  baseline: async (b) => {
    const space = await b.space(SPACE);
    const m = await b.milestone(space, 'Release Candidate 1');
    return digestOf((await b.allTickets(space)).filter((t) => t.milestone_id === m.id));
  },
};

export const W4: Workload = {
  id: 'W4',
  title: "user({ name: 'John Smith' }), tickets()",
  ours: (api) => api.space({ name: SPACE }).pipe(user({ name: 'John Smith' }), tickets(), map(digestOf)),
  baseline: async (b) => {
    const space = await b.space(SPACE);
    const u = await b.user(space, 'John Smith');
    return digestOf((await b.allTickets(space)).filter((t) => t.assigned_to_id === u.id));
  },
};

export const W5: Workload = {
  id: 'W5',
  title: 'streamTickets() export',
  ours: (api) =>
    api.space({ name: SPACE }).pipe(
      streamTickets(),
      // Count as they stream: holding them in an array would defeat the point of streaming.
      reduce((acc, t) => ({ n: acc.n + 1, sum: acc.sum + t.number }), { n: 0, sum: 0 }),
      map(({ n, sum }) => ({ tickets: n, digest: `${n}:${sum}` })),
    ),
  baseline: async (b) => digestOf(await b.allTickets(await b.space(SPACE))),
};

/** One measured run. */
export interface Run {
  readonly ms: number;
  /** `start` events seen on the client: every attempt sent. */
  readonly requests: number;
  /** Requests the server counted for this run. */
  readonly server: number;
  /** Requests the client gave up on (the SDK aborts look-ahead pages past the end of a list). */
  readonly aborted: number;
  readonly outcome: Outcome;
}

export function newAPI(server: ServerProcess, extra: { useCache?: boolean } = {}): API {
  return new API({
    auth: { key: DEFAULT_CREDENTIALS.key, secret: DEFAULT_CREDENTIALS.secret },
    baseUrl: server.url,
    ...extra,
  });
}

/** Counts the `start` events (and aborted ends) of a request stream until `stop()`. */
function countRequests(events$: Observable<RequestEvent>): { stop(): { requests: number; aborted: number } } {
  let requests = 0;
  let aborted = 0;
  const sub = events$.subscribe((e) => {
    if (e.type === 'start') requests++;
    if (e.type === 'end' && e.error?.includes('aborted: no subscriber')) aborted++;
  });
  return {
    stop: () => {
      sub.unsubscribe();
      return { requests, aborted };
    },
  };
}

/**
 * The server's count for the run. An aborted request is counted by the server only once its
 * (simulated) latency has passed, so wait a little for the count to reach the client's.
 */
async function settledServerCount(server: ServerProcess, expected: number): Promise<number> {
  const deadline = performance.now() + server.latencyMs + 300;
  for (;;) {
    const n = (await server.counters()).requests;
    if (n >= expected || performance.now() > deadline) return n;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function measure(
  server: ServerProcess,
  events$: Observable<RequestEvent>,
  work: () => Promise<Outcome>,
): Promise<Run> {
  await server.reset();
  const counter = countRequests(events$);
  const start = performance.now();
  const outcome = await work();
  const ms = since(start);
  const { requests, aborted } = counter.stop();
  return { ms, requests, aborted, server: await settledServerCount(server, requests), outcome };
}

/** Cold (a new API) then warm (the same query again on the same API). */
export async function runOurs(server: ServerProcess, w: Workload): Promise<{ cold: Run; warm: Run }> {
  const api = newAPI(server);
  const cold = await measure(server, api.requests$, () => lastValueFrom(w.ours(api)));
  const warm = await measure(server, api.requests$, () => lastValueFrom(w.ours(api)));
  return { cold, warm };
}

/** The naive way, with a new transport each time (it has no cache, so there is no warm run). */
export async function runBaseline(server: ServerProcess, w: Workload): Promise<Run> {
  const b = new Baseline(server.url);
  return measure(server, b.requests$, () => w.baseline(b));
}

export interface DedupeRun {
  readonly subscribers: number;
  readonly spaceGets: number;
  readonly ticketGets: number;
  readonly requests: number;
  readonly server: number;
  readonly ms: number;
}

/**
 * `subscribers` subscriptions at once to one cold query on an API without caches: only the
 * pipeline's de-duplication of identical GETs in flight can keep this at one request per URL.
 */
export async function runDedupe(server: ServerProcess, subscribers = 100): Promise<DedupeRun> {
  const api = newAPI(server, { useCache: false });
  const urls: string[] = [];
  const sub = api.requests$.subscribe((e) => e.type === 'start' && urls.push(e.url));
  await server.reset();
  const query = api.space({ wiki_name: 'big-project' }).pipe(ticket({ number: 201 }));
  const start = performance.now();
  // Each firstValueFrom subscribes synchronously, so all of them subscribe in the same tick.
  const answers = await Promise.all(Array.from({ length: subscribers }, () => firstValueFrom(query)));
  const ms = since(start);
  sub.unsubscribe();
  if (answers.some((t) => t.number !== 201)) throw new Error('dedupe: a subscriber got the wrong ticket');
  const ticketGets = urls.filter((u) => /\/tickets\/201(\?|$)/.test(u)).length;
  const spaceGets = urls.filter((u) => /\/spaces\/big-project(\?|$)/.test(u)).length;
  return {
    subscribers,
    spaceGets,
    ticketGets,
    requests: urls.length,
    server: await settledServerCount(server, urls.length),
    ms,
  };
}

export interface DecodeCost {
  readonly tickets: number;
  readonly megabytes: number;
  readonly parseMs: number;
  readonly decodeMs: number;
  readonly ratio: number;
  /** Whether a full GC ran before each timed step. */
  readonly gc: boolean;
}

/**
 * Time of `decodeList(codecs.Ticket, parsed)` over `count` tickets exactly as the local server
 * generates them, divided by the time of `JSON.parse` of the same bytes. The approach of
 * spec/bench/decode.ts (the codecs engineer's micro-benchmark, which runs on import and so cannot
 * be imported): parse and decode alternate on fresh input, the first runs warm up the JIT, medians
 * of the rest. In addition, with --expose-gc, a full GC before each timed step: otherwise the
 * garbage of one step is collected during the other, and which one pays depends on the run count
 * (measured: 5 runs gave 2.1×, 15 runs 0.9× for the same code).
 */
export function decodeCost(count = 10_000, runs = 15, warmup = 5): DecodeCost {
  const exposed = (globalThis as { gc?: () => void }).gc;
  const gc = exposed ?? ((): void => undefined);
  const bytes = ticketBytes(count);
  const url = 'GET http://bench/v1/spaces/big-project/tickets';
  const check = decodeList(codecs.Ticket, JSON.parse(bytes), url);
  if (check.length !== count || !(check[0].created_on instanceof Date))
    throw new Error('decodeList gave a wrong result');
  check.length = 0; // nothing but the bytes stays alive: a larger heap would slow JSON.parse and flatter the ratio

  const parse: number[] = [];
  const decode: number[] = [];
  for (let run = 0; run < warmup + runs; run++) {
    gc();
    let start = performance.now();
    const parsed: unknown = JSON.parse(bytes);
    const p = since(start);
    gc();
    start = performance.now();
    decodeList(codecs.Ticket, parsed, url);
    const d = since(start);
    if (run >= warmup) {
      parse.push(p);
      decode.push(d);
    }
  }
  const parseMs = median(parse);
  const decodeMs = median(decode);
  return {
    tickets: count,
    megabytes: bytes.length / 1e6,
    parseMs,
    decodeMs,
    ratio: decodeMs / parseMs,
    gc: exposed !== undefined,
  };
}

/** The JSON text of Big Project's tickets as the local server generates them (the dataset is dropped). */
function ticketBytes(count: number): string {
  const data = generateData({ tickets: count });
  return JSON.stringify(data.tickets[data.spaces[0].id]);
}

/** `decodeCost` in a fresh `node --expose-gc`, so no other measurement's heap or JIT state affects it. */
export function isolatedDecodeCost(count: number, runs: number): Promise<DecodeCost> {
  return runIsolated<DecodeCost>('spec/bench/scenarios.ts', ['decode', String(count), String(runs)]);
}

// `node --expose-gc -r ts-node/register/transpile-only spec/bench/scenarios.ts decode <count> <runs>`
if (require.main === module && process.argv[2] === 'decode') {
  printResult(decodeCost(Number(process.argv[3]), Number(process.argv[4])));
}
