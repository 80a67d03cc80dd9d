// Peak heap while `streamTickets()` reads a whole space. Run as a child process with --expose-gc
// (see measurePeakHeap), so the heap is this one query's alone: no other scenario's garbage, no
// server (it runs in a process of its own), and a forced GC before the baseline reading.
//
//   node --expose-gc -r ts-node/register/transpile-only spec/bench/memory.ts <server url> <tickets>
//
// prints one line: RESULT {"tickets":…,"baseHeap":…,"peakHeap":…,"afterHeap":…,"ms":…}
import { lastValueFrom, tap } from 'rxjs';
import { API, streamTickets } from '../../lib';
import { DEFAULT_CREDENTIALS } from '../../lib/testing';
import { exposedGC, printResult, runIsolated } from './server-process';

export interface HeapResult {
  readonly tickets: number;
  /** heapUsed after the forced GC, just before the query. */
  readonly baseHeap: number;
  /** Highest heapUsed seen while streaming. */
  readonly peakHeap: number;
  /** heapUsed after a forced GC once the stream completed: what the query left behind. */
  readonly afterHeap: number;
  readonly ms: number;
}

async function main(): Promise<void> {
  const [url, expectedText] = process.argv.slice(2);
  const expected = Number(expectedText);
  const gc = exposedGC();
  const api = new API({ auth: { key: DEFAULT_CREDENTIALS.key, secret: DEFAULT_CREDENTIALS.secret }, baseUrl: url });

  gc();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakHeap = baseHeap;
  const sample = (): void => {
    const used = process.memoryUsage().heapUsed;
    if (used > peakHeap) peakHeap = used;
  };
  // Every few ms; plus once per page below, because a timer cannot fire while a page is being
  // decoded and emitted synchronously, which is when the heap is fullest.
  const timer = setInterval(sample, 2);
  let count = 0;
  const start = performance.now();
  await lastValueFrom(
    api.space({ name: 'Big Project' }).pipe(
      streamTickets(),
      tap(() => {
        if (++count % 100 === 0) sample();
      }),
    ),
    { defaultValue: undefined },
  );
  const ms = performance.now() - start;
  clearInterval(timer);
  sample();
  if (count !== expected) throw new Error(`streamed ${count} tickets, expected ${expected}`);
  gc();
  const result: HeapResult = { tickets: count, baseHeap, peakHeap, afterHeap: process.memoryUsage().heapUsed, ms };
  printResult(result);
}

/**
 * Runs this file in a fresh `node --expose-gc` against a server process; resolves to its reading.
 *
 * @example const { peakHeap } = await measurePeakHeap(server.url, 10_000);
 */
export function measurePeakHeap(url: string, tickets: number): Promise<HeapResult> {
  return runIsolated<HeapResult>('spec/bench/memory.ts', [url, String(tickets)]);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
