// Live heap while a slow consumer (1 ms per ticket) reads a whole space: `iterateTickets` (pulls
// pages as the loop asks) against `streamTickets` + `concatMap` (pages pushed as they arrive, the
// consumer's backlog buffered) and a fast `streamTickets` consumer. Each run is a child process
// with --expose-gc (see runIsolated); the server runs in a process of its own.
//
//   node --expose-gc -r ts-node/register/transpile-only spec/bench/slow-consumer.ts <url> <tickets> <mode>
//
// Live heap: heapUsed right after a forced gc(), once per 500 tickets consumed; the
// figure is its peak minus the same reading before the first request. It counts what is kept
// (buffered tickets, pages in flight), not garbage that a later collection would free.
import { concatMap, lastValueFrom, tap } from 'rxjs';
import { API, iterateTickets, streamTickets } from '../../lib';
import { DEFAULT_CREDENTIALS } from '../../lib/testing';
import { exposedGC, printResult, runIsolated, ServerProcess } from './server-process';
import { median } from './stats';

export type ConsumerMode = 'iterate' | 'concatMap' | 'fast';

export interface ConsumerResult {
  readonly mode: ConsumerMode;
  readonly tickets: number;
  /** heapUsed after gc(), before the first request. */
  readonly baseHeap: number;
  /** Highest heapUsed after gc() while reading. */
  readonly peakLive: number;
  /** Most tickets received and not yet consumed (streamTickets modes only; -1 otherwise). */
  readonly maxBacklog: number;
  readonly ms: number;
}

const sleep1 = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

async function main(): Promise<void> {
  const [url, ticketsText, mode] = process.argv.slice(2) as [string, string, ConsumerMode];
  const expected = Number(ticketsText);
  const gc = exposedGC();
  const api = new API({ auth: { key: DEFAULT_CREDENTIALS.key, secret: DEFAULT_CREDENTIALS.secret }, baseUrl: url });
  const space$ = api.space({ name: 'Big Project' });

  gc();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakLive = baseHeap;
  let received = 0;
  let consumed = 0;
  let maxBacklog = mode === 'iterate' ? -1 : 0;
  const consume = (): void => {
    // Every 500 tickets (a full GC is slow with ts-node's compiler in the heap), mid-page.
    if (++consumed % 500 === 250) {
      gc();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
    }
  };
  const arrive = (): void => void (maxBacklog = Math.max(maxBacklog, ++received - consumed));

  const start = performance.now();
  if (mode === 'iterate') {
    for await (const t of iterateTickets(space$)) {
      void t;
      await sleep1();
      consume();
    }
  } else if (mode === 'concatMap') {
    await lastValueFrom(
      space$.pipe(
        streamTickets(),
        tap(arrive),
        concatMap(async () => (await sleep1(), consume())),
      ),
      { defaultValue: undefined },
    );
  } else {
    await lastValueFrom(space$.pipe(streamTickets(), tap(arrive), tap(consume)), { defaultValue: undefined });
  }
  const ms = performance.now() - start;
  if (consumed !== expected) throw new Error(`${mode}: consumed ${consumed} tickets, expected ${expected}`);
  printResult({ mode, tickets: consumed, baseHeap, peakLive, maxBacklog, ms } satisfies ConsumerResult);
}

/**
 * The readings `npm run bench` takes against one server process, each in a fresh `node --expose-gc`:
 * iterateTickets (twice, once with --quick), the fast consumer, and streamTickets + concatMap
 * (left out at 100,000 tickets with --quick: about 3 minutes).
 *
 * @example results.push(...(await measureConsumers(server, false, log)));
 */
export async function measureConsumers(
  server: ServerProcess,
  quick: boolean,
  log: (line: string) => void,
): Promise<ConsumerResult[]> {
  const plan: Array<[ConsumerMode, number]> = [
    ['iterate', quick ? 1 : 2],
    ['fast', 1],
  ];
  if (!quick || server.tickets < 100_000) plan.push(['concatMap', 1]);
  const out: ConsumerResult[] = [];
  for (const [mode, runs] of plan) {
    for (let r = 0; r < runs; r++) {
      log(`  live heap: ${mode} over ${server.tickets} tickets, run ${r + 1}/${runs}`);
      out.push(
        await runIsolated<ConsumerResult>('spec/bench/slow-consumer.ts', [server.url, String(server.tickets), mode]),
      );
    }
  }
  return out;
}

/** Every reading taken, any mode and size. */
export type ConsumerResults = ConsumerResult[];

const live = (runs: readonly ConsumerResult[]): number => median(runs.map((r) => r.peakLive - r.baseHeap));
const pick = (all: ConsumerResults, mode: ConsumerMode, tickets: number): ConsumerResult[] =>
  all.filter((r) => r.mode === mode && r.tickets === tickets);
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** The target: iterateTickets' live heap over 100,000 tickets within 1.5× of 10,000's. */
export function consumerTarget(
  all: ConsumerResults,
  small: number,
  big: number,
): { name: string; measured: string; limit: string; pass: boolean } {
  const ratio = live(pick(all, 'iterate', big)) / live(pick(all, 'iterate', small));
  return {
    name:
      'iterateTickets, 1 ms per ticket: live heap (peak − base),' +
      ` ${big.toLocaleString('en-US')} vs ${small.toLocaleString('en-US')} tickets`,
    measured: `${ratio.toFixed(2)}×`,
    limit: '≤ 1.5×',
    pass: ratio <= 1.5,
  };
}

const TITLES: Record<ConsumerMode, string> = {
  iterate: 'iterateTickets, 1 ms per ticket',
  concatMap: 'streamTickets + concatMap, 1 ms per ticket',
  fast: 'streamTickets, synchronous consumer',
};

/** The report's section (Markdown), rows by mode then size; `table` is run.ts's formatter. */
export function consumerSection(
  all: ConsumerResults,
  sizes: readonly number[],
  table: (head: string[], rows: string[][], right: Set<number>) => string,
): string {
  const rows: string[][] = [];
  for (const mode of ['iterate', 'concatMap', 'fast'] as const) {
    for (const n of sizes) {
      const runs = pick(all, mode, n);
      if (runs.length === 0) continue;
      const backlog = median(runs.map((r) => r.maxBacklog));
      rows.push([
        TITLES[mode],
        n.toLocaleString('en-US'),
        mb(median(runs.map((r) => r.baseHeap))),
        mb(live(runs)),
        backlog < 0 ? '–' : backlog.toLocaleString('en-US'),
        (median(runs.map((r) => r.ms)) / 1000).toFixed(1),
        `${runs.length}`,
      ]);
    }
  }
  const ratio = (mode: ConsumerMode): string => {
    const [a, b] = sizes.map((n) => pick(all, mode, n));
    return a.length && b.length ? `${(live(b) / live(a)).toFixed(2)}×` : 'not measured';
  };
  return [
    `### Live heap by consumer speed: child process (--expose-gc), server in its own, 0 ms latency`,
    '',
    table(
      ['Consumer', 'Tickets', 'Base MB', 'Live peak − base MB', 'Most tickets waiting', 'Wall s', 'Runs'],
      rows,
      new Set([1, 2, 3, 4, 5, 6]),
    ),
    '',
    'Live heap: heapUsed right after a forced gc(), read once per 500 tickets consumed;' +
      ' its peak minus the same reading',
    `before the first request. Most tickets waiting: received by the consumer's operator and not yet consumed.`,
    `Ratio ${sizes
      .map((n) => n.toLocaleString('en-US'))
      .reverse()
      .join(' / ')}: iterateTickets ${ratio('iterate')}, streamTickets + concatMap ${ratio('concatMap')},` +
      ` fast streamTickets ${ratio('fast')}.`,
  ].join('\n');
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exit(1);
    },
  );
}
