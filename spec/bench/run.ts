// `npm run bench [-- --check] [-- --quick]`: the SDK's benchmarks against the local server, run in
// a process of its own. Prints one report (Markdown tables) and writes it to BENCHMARKS.md.
//
//   --check   exit 1 when a target is missed (each target and its figure are printed)
//   --quick   one run per scenario and no JIT warm-up pass; a smoke test, BENCHMARKS.md untouched
//   --runs N  runs per scenario (default 5; 3 for the slow 10,000-ticket scenarios at 50 ms; the export
//             CLI's (export-cli.ts): --concurrency 1 once, the default up to 3 times within a minute)
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  buildCli,
  ExportResults,
  exportSection,
  exportTargets,
  measureExportMemory,
  measureExportSpeed,
} from './export-cli';
import { changedTarget, LiveResults, measureLive } from './live';
import { measurePeakHeap, HeapResult } from './memory';
import {
  DecodeCost,
  isolatedDecodeCost,
  DedupeRun,
  Run,
  runBaseline,
  runDedupe,
  runOurs,
  W1,
  W2,
  W3,
  W4,
  W5,
  Workload,
} from './scenarios';
import { ConsumerResults, consumerSection, consumerTarget, measureConsumers } from './slow-consumer';
import { killAllChildren, ROOT, ServerProcess, startServerProcess } from './server-process';
import { measureServerTiming, serverTimingTable, serverTimingTargets } from './server-timing';
import { median, summarize } from './stats';

interface Options {
  readonly check: boolean;
  readonly quick: boolean;
  readonly runs: number;
}

function parseArgs(argv: readonly string[]): Options {
  let check = false;
  let quick = false;
  let runs = 5;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') check = true;
    else if (a === '--quick') quick = true;
    else if (a === '--runs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) runs = Number(argv[++i]);
    else {
      console.error(`Unknown option ${a}\nUsage: npm run bench [-- --check] [-- --quick] [-- --runs N]`);
      process.exit(2);
    }
  }
  return { check, quick, runs: quick ? 1 : runs };
}

/** Progress goes to stderr, so stdout is the report alone. */
const log = (line: string): void => void process.stderr.write(`${line}\n`);

// ------------------------------------------------------------------------------------------------
// What is measured

/** The runs of one workload on one server: the baseline's and the SDK's, cold and warm. */
interface Series {
  readonly workload: Workload;
  readonly tickets: number;
  readonly latencyMs: number;
  readonly baseline: Run[];
  readonly cold: Run[];
  readonly warm: Run[];
}

interface Results {
  series: Series[];
  dedupe: Array<DedupeRun & { latencyMs: number }>;
  decode?: DecodeCost;
  heap: Record<number, HeapResult[]>;
  consumers: ConsumerResults;
  exportCli: ExportResults;
  live?: LiveResults;
}

const SMALL = 2_000;
const LARGE = 10_000;
const HUGE = 100_000;
const LATENCIES = [0, 50];

async function withServer<T>(
  tickets: number,
  latencyMs: number,
  body: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  log(`server: ${tickets} tickets, ${latencyMs} ms latency …`);
  const server = await startServerProcess(tickets, latencyMs);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

/** Same answer from the SDK as from the baseline, or the figures would compare different work. */
function sameAnswer(s: Series, run: Run): void {
  const expected = s.baseline[0]?.outcome.digest;
  if (expected !== undefined && run.outcome.digest !== expected) {
    throw new Error(
      `${s.workload.id} (${s.tickets} tickets, ${s.latencyMs} ms):` +
        ` the SDK answered ${run.outcome.digest}, the baseline ${expected}`,
    );
  }
}

async function runSeries(
  server: ServerProcess,
  workloads: readonly Workload[],
  runs: number,
  results: Results,
): Promise<void> {
  const series = workloads.map((workload): Series => ({
    workload,
    tickets: server.tickets,
    latencyMs: server.latencyMs,
    baseline: [],
    cold: [],
    warm: [],
  }));
  results.series.push(...series);
  // Repetitions on the outside, so that a slow spell of the machine spreads over every scenario
  // instead of spoiling one; baseline and SDK alternate for the same reason.
  for (let r = 0; r < runs; r++) {
    for (const s of series) {
      s.baseline.push(await runBaseline(server, s.workload));
      const { cold, warm } = await runOurs(server, s.workload);
      sameAnswer(s, cold);
      sameAnswer(s, warm);
      s.cold.push(cold);
      s.warm.push(warm);
    }
    log(`  run ${r + 1}/${runs} done`);
  }
}

async function measureAll(options: Options): Promise<Results> {
  const results: Results = {
    series: [],
    dedupe: [],
    heap: {},
    consumers: [],
    exportCli: { parallel: [], sequential: [], memory: [] },
  };
  const fast = options.runs;
  const slow = options.quick ? 1 : Math.min(3, options.runs);
  const all = [W1, W2, W3, W4, W5];

  log('decode cost …');
  results.decode = await isolatedDecodeCost(LARGE, 15);

  for (const latency of LATENCIES) {
    await withServer(SMALL, latency, async (server) => {
      if (!options.quick && latency === 0) {
        // One untimed pass, so the first measured runs do not pay for the JIT.
        log('  warm-up pass');
        for (const w of all) {
          await runBaseline(server, w);
          await runOurs(server, w);
        }
      }
      await runSeries(server, all, fast, results);
      for (let r = 0; r < fast; r++) results.dedupe.push({ ...(await runDedupe(server)), latencyMs: latency });
    });
    await withServer(LARGE, latency, async (server) => {
      await runSeries(server, [W5], latency === 0 ? fast : slow, results);
      if (latency === 0) results.heap[LARGE] = await heapRuns(server, slow);
      if (latency === 0) results.consumers.push(...(await measureConsumers(server, options.quick, log)));
      // Last on this server: it changes tickets there.
      if (latency === 50) results.live = await measureLive(server, log);
    });
    if (latency === 0) {
      await withServer(HUGE, 0, async (server) => {
        results.heap[HUGE] = await heapRuns(server, slow);
        results.consumers.push(...(await measureConsumers(server, options.quick, log)));
      });
    }
  }
  await measureExportCli(options, results.exportCli);
  return results;
}

/** The export CLI (export-cli.ts), servers at 50 ms: speed over 2,000 tickets, memory over 10,000 and 100,000. */
async function measureExportCli(options: Options, into: ExportResults): Promise<void> {
  log('export CLI: compiling lib/ …');
  const cli = await buildCli();
  await withServer(SMALL, 50, async (server) => {
    const { parallel, sequential } = await measureExportSpeed(cli, server, Math.min(3, options.runs), log);
    into.parallel.push(...parallel);
    into.sequential.push(...sequential);
  });
  for (const tickets of [LARGE, HUGE]) {
    await withServer(tickets, 50, async (server) => void into.memory.push(await measureExportMemory(cli, server, log)));
  }
}

async function heapRuns(server: ServerProcess, runs: number): Promise<HeapResult[]> {
  const out: HeapResult[] = [];
  for (let r = 0; r < runs; r++) {
    log(`  memory: streamTickets over ${server.tickets} tickets, run ${r + 1}/${runs}`);
    out.push(await measurePeakHeap(server.url, server.tickets));
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Targets

interface Target {
  readonly name: string;
  readonly measured: string;
  readonly limit: string;
  readonly pass: boolean;
}

function series(results: Results, id: string, tickets: number, latencyMs: number): Series {
  const s = results.series.find((x) => x.workload.id === id && x.tickets === tickets && x.latencyMs === latencyMs);
  if (!s) throw new Error(`no series ${id} ${tickets} ${latencyMs}`);
  return s;
}

const ms = (runs: readonly Run[]): number => median(runs.map((r) => r.ms));
const peak = (runs: readonly HeapResult[]): number => median(runs.map((r) => r.peakHeap));
const above = (runs: readonly HeapResult[]): number => median(runs.map((r) => r.peakHeap - r.baseHeap));

function targets(results: Results): Target[] {
  const out: Target[] = [];
  const w5 = series(results, 'W5', LARGE, 50);
  const speedup = ms(w5.baseline) / ms(w5.cold);
  out.push({
    name: 'W5 10,000 tickets at 50 ms, cold: speed-up vs baseline',
    measured: `${speedup.toFixed(2)}×`,
    limit: '≥ 4×',
    pass: speedup >= 4,
  });

  const w1 = LATENCIES.map((l) => series(results, 'W1', SMALL, l));
  const coldReq = w1.flatMap((s) => s.cold.map((r) => r.requests));
  const warmReq = w1.flatMap((s) => s.warm.map((r) => r.requests));
  const w1Server = w1.flatMap((s) => [...s.cold, ...s.warm]).every((r) => r.server === r.requests);
  const range = (xs: number[]): string =>
    Math.min(...xs) === Math.max(...xs) ? `${xs[0]}` : `${Math.min(...xs)}–${Math.max(...xs)}`;
  out.push({
    name: 'W1 cold: requests (every run, 0 and 50 ms)',
    measured: range(coldReq),
    limit: '2',
    pass: coldReq.every((n) => n === 2) && w1Server,
  });
  out.push({
    name: 'W1 warm: requests (every run, 0 and 50 ms)',
    measured: range(warmReq),
    limit: '0',
    pass: warmReq.every((n) => n === 0) && w1Server,
  });

  const d = results.decode!;
  out.push({
    name: `decodeList of ${thousands(d.tickets)} tickets vs JSON.parse`,
    measured: `${d.ratio.toFixed(2)}×`,
    limit: '≤ 2×',
    pass: d.ratio <= 2,
  });

  const heapRatio = peak(results.heap[HUGE]) / peak(results.heap[LARGE]);
  out.push({
    name: 'streamTickets peak heap, 100,000 vs 10,000 tickets',
    measured: `${heapRatio.toFixed(2)}×`,
    limit: '≤ 1.5×',
    pass: heapRatio <= 1.5,
  });
  out.push(consumerTarget(results.consumers, LARGE, HUGE));

  out.push(...liveTargets(results.live!));

  const ticketGets = results.dedupe.map((r) => r.ticketGets);
  out.push({
    name: '100 concurrent subscribers, no cache: ticket GETs (every run)',
    measured: range(ticketGets),
    limit: '1',
    pass: ticketGets.every((n) => n === 1),
  });
  return out;
}

/** The activity stream's page size (lib/resources/activity.ts): a poll reads one page per 50 new events. */
const EVENTS_PER_PAGE = 50;

function liveTargets(live: LiveResults): Target[] {
  const out: Target[] = live.idle.map(({ queries, perPoll }) => ({
    name: `live: ${queries} live ticket ${queries === 1 ? 'query' : 'queries'}, nothing changed: requests per poll`,
    measured: perPoll.join(', '),
    limit: '1',
    pass: perPoll.every((n) => n === 1),
  }));
  const { lists, pages, perPoll, notModified } = live.revalidated;
  out.push({
    name: `live: a ticket query and ${lists} revalidated lists (${pages} pages), nothing changed: requests per poll`,
    measured: `${perPoll.join(', ')} (304s: ${notModified.join(', ')})`,
    limit: `${1 + pages}: the change log, one per list page, each a 304`,
    pass: perPoll.every((n) => n === 1 + pages) && notModified.every((n) => n === pages) && pages >= lists,
  });
  for (const { k, perPoll, polls } of live.changed) {
    const limit = changedTarget(k, EVENTS_PER_PAGE);
    const issue = 1 + Math.ceil(k / 10);
    out.push({
      name: `live: ${k} ${k === 1 ? 'ticket' : 'tickets'} changed elsewhere: requests of the next poll`,
      measured: `${perPoll}`,
      // From 50 changes on, the events take more than one page of the change log (50 a page).
      limit: limit === issue ? `≤ ${limit}` : `≤ ${limit} (1 + ⌈k/10⌉ = ${issue}, + ${limit - issue} event pages)`,
      pass: perPoll <= limit,
    });
    out.push({
      name: `live: ${k} changed: polls from the change to the live emission`,
      measured: `${polls}`,
      limit: '1',
      pass: polls === 1,
    });
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Report

/** A Markdown table with padded columns, readable both in a terminal and rendered. */
function table(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  right: ReadonlySet<number> = new Set(),
): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

const f1 = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const thousands = (x: number): string => Math.round(x).toLocaleString('en-US');
const times = (x: number): string => `${x >= 100 ? thousands(x) : x.toFixed(1)}×`;
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const count = (xs: number[]): string => {
  const s = summarize(xs);
  return s.min === s.max ? `${s.median}` : `${s.median} (${s.min}–${s.max})`;
};

function scenarioTable(results: Results): string {
  const rows: string[][] = [];
  let mismatch = false;
  let strange = false;
  for (const s of results.series) {
    const base = ms(s.baseline);
    const baseReq = median(s.baseline.map((r) => r.requests));
    for (const [label, runs] of [
      ['baseline', s.baseline],
      ['cold', s.cold],
      ['warm', s.warm],
    ] as const) {
      const t = summarize(runs.map((r) => r.ms));
      const req = runs.map((r) => r.requests);
      const srv = runs.map((r) => r.server);
      // An aborted look-ahead request may die before the server has read it (at 0 ms mostly).
      const off = runs.some((r) => r.server !== r.requests);
      const unexplained = runs.some((r) => r.server > r.requests || r.requests - r.server > r.aborted);
      mismatch ||= off;
      strange ||= unexplained;
      const perSec = median(runs.map((r) => (r.outcome.tickets / r.ms) * 1000));
      const isBase = label === 'baseline';
      rows.push([
        label === 'baseline' ? `${s.workload.id} ${s.workload.title}` : '',
        label === 'baseline' ? thousands(s.tickets) : '',
        label === 'baseline' ? `${s.latencyMs} ms` : '',
        label,
        thousands(runs[0].outcome.tickets),
        count(req),
        `${count(srv)}${unexplained ? ' ≠!' : off ? ' ≠' : ''}`,
        count(runs.map((r) => r.aborted)),
        f1(t.median),
        `${f1(t.min)}–${f1(t.max)}`,
        thousands(perSec),
        isBase ? '1×' : times(base / t.median),
        isBase ? '1' : (median(req) / baseReq).toFixed(2),
      ]);
    }
  }
  const head = [
    'Scenario',
    'Space',
    'Latency',
    'Run',
    'Result',
    'Requests',
    'Server',
    'Aborted',
    'Wall ms',
    'min–max',
    'Tickets/s',
    'Speed-up',
    'Req. ratio',
  ];
  const notes = [
    '',
    'Space: tickets in Big Project. Result: tickets in the answer (tickets/s counts these).' +
      ' Requests: `start` events on',
    "`requests$` (median, range if it varied); Server: the server's own count for the same run; Aborted: requests the",
    'client gave up on. Speed-up: baseline median wall time / this median; Req. ratio: this median / baseline median.',
    'baseline = one request in flight, sequential pages of 100, list everything and filter in memory, no cache.',
  ];
  if (mismatch)
    notes.push(
      '≠: in some run the server counted fewer requests than the client sent, no more than it aborted' +
        ' (a request aborted before the server read it is never counted there).',
    );
  if (strange)
    notes.push(
      '≠!: in some run the server and client counts differ by more than the aborted requests: check the harness.',
    );
  return [table(head, rows, new Set([4, 5, 6, 7, 8, 9, 10, 11, 12])), ...notes].join('\n');
}

function otherTables(results: Results): string {
  const d = results.decode!;
  const decode = table(
    ['Tickets', 'JSON MB', 'JSON.parse ms', 'decodeList ms', 'decode / parse'],
    [
      [
        thousands(d.tickets),
        d.megabytes.toFixed(1),
        d.parseMs.toFixed(1),
        d.decodeMs.toFixed(1),
        `${d.ratio.toFixed(2)}×`,
      ],
    ],
    new Set([0, 1, 2, 3, 4]),
  );
  const heapRows = [LARGE, HUGE].map((n) => {
    const runs = results.heap[n];
    const p = summarize(runs.map((r) => r.peakHeap));
    const mbOf = (pick: (r: HeapResult) => number): string => mb(median(runs.map(pick)));
    return [
      thousands(n),
      mbOf((r) => r.baseHeap),
      mb(p.median),
      `${mb(p.min)}–${mb(p.max)}`,
      mb(above(runs)),
      mbOf((r) => r.afterHeap),
      f1(median(runs.map((r) => r.ms))),
      `${runs.length}`,
    ];
  });
  const heap = table(
    ['Tickets', 'Base MB', 'Peak heap MB', 'min–max', 'Peak − base MB', 'After MB', 'Wall ms', 'Runs'],
    heapRows,
    new Set([0, 1, 2, 3, 4, 5, 6, 7]),
  );
  const ratio = peak(results.heap[HUGE]) / peak(results.heap[LARGE]);
  const growth = above(results.heap[HUGE]) / above(results.heap[LARGE]);
  const dedupeRows = LATENCIES.map((l) => {
    const runs = results.dedupe.filter((r) => r.latencyMs === l);
    return [
      `${l} ms`,
      `${runs[0].subscribers}`,
      count(runs.map((r) => r.spaceGets)),
      count(runs.map((r) => r.ticketGets)),
      count(runs.map((r) => r.requests)),
      count(runs.map((r) => r.server)),
      f1(median(runs.map((r) => r.ms))),
    ];
  });
  const dedupe = table(
    ['Latency', 'Subscribers', 'Space GETs', 'Ticket GETs', 'Requests', 'Server', 'Wall ms'],
    dedupeRows,
    new Set([1, 2, 3, 4, 5, 6]),
  );
  return [
    `### Decode cost: ${thousands(d.tickets)} generated tickets, child process,` +
      ' median of 15 runs after 5 warm-up runs' +
      `${d.gc ? ', full GC before each timed step' : ''}\n\n${decode}`,
    `### Memory: streamTickets() in a child process (--expose-gc), server in its own, 0 ms latency\n\n${heap}\n\n` +
      `Peak heap ratio 100,000 / 10,000: ${ratio.toFixed(2)}×; of the growth above the heap after GC: ` +
      `${growth.toFixed(2)}×.\n` +
      'Base: heapUsed after a forced GC before the query' +
      ' (it includes ts-node and the TypeScript compiler that load the\n' +
      'sources); After: the same once the stream completed, after a forced GC (what the query left behind).',
    consumerSection(results.consumers, [LARGE, HUGE], table),
    `### De-duplication: one cold query subscribed 100 times at once, useCache: false\n\n${dedupe}`,
  ].join('\n\n');
}

function liveSection(live: LiveResults): string {
  const rows = [
    ...live.idle.map(({ queries, perPoll }) => [
      `${queries} live ticket ${queries === 1 ? 'query' : 'queries'}, nothing changed`,
      perPoll.join(', '),
      `${live.naive}`,
    ]),
    [
      `1 live ticket query and ${live.revalidated.lists} revalidated lists (${live.revalidated.pages} pages),` +
        ` nothing changed (304s: ${live.revalidated.notModified.join(', ')})`,
      live.revalidated.perPoll.join(', '),
      `${live.naive + live.revalidated.pages}`,
    ],
    ...live.changed.map(({ k, perPoll, polls }) => [
      `${k} ${k === 1 ? 'ticket' : 'tickets'} changed elsewhere` +
        ` (then ${polls} ${polls === 1 ? 'poll' : 'polls'} to the emission)`,
      `${perPoll}`,
      `${live.naive}`,
    ]),
  ];
  return [
    `### Live queries: ${thousands(live.tickets)} tickets, 50 ms, polls of the live API vs the naive poll`,
    '',
    table(['Situation', 'Requests per poll', 'Naive poll'], rows, new Set([1, 2])),
    '',
    "Requests per poll: the live API's requests from one `GET /activity` of page 1 to the next (one value per poll);",
    "naive poll: purge the space's cache and read the same lists again (the dashboard example before live queries).",
  ].join('\n');
}

function targetTable(list: readonly Target[]): string {
  return table(
    ['Target', 'Measured', 'Limit', ''],
    list.map((t) => [t.name, t.measured, t.limit, t.pass ? 'pass' : 'MISSED']),
  );
}

function machine(): string {
  const cpus = os.cpus();
  const memory = `${(os.totalmem() / 2 ** 30).toFixed(0)} GB`;
  const cpu = `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores`;
  return `${os.type()} ${os.release()} (${os.arch()}), ${cpu}, ${memory}; Node ${process.version}`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const results = await measureAll(options);
  const timing = await measureServerTiming(options.quick, log);
  const list = targets(results);
  list.push(...serverTimingTargets(timing));
  list.push(...exportTargets(results.exportCli, LARGE, HUGE));
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const report = [
    `### HTTP scenarios (median of ${options.runs} runs${options.runs > 1 ? '; 3 for 10,000 tickets at 50 ms' : ''})` +
      `\n\n${scenarioTable(results)}`,
    otherTables(results),
    serverTimingTable(timing),
    exportSection(results.exportCli, table),
    liveSection(results.live!),
    `### Targets\n\n${targetTable(list)}`,
  ].join('\n\n');

  console.log(`${report}\n\nMachine: ${machine()}. Total run time ${seconds} s.`);
  if (!options.quick) {
    const header = [
      '# Benchmarks',
      '',
      'Written by `npm run bench` (spec/bench/run.ts); do not edit by hand.' +
        ' The local Assembla server runs in a process',
      'of its own; every figure is a median, with min–max where it varies.',
      '',
      `- Machine: ${machine()}`,
      `- Date: ${new Date().toISOString()}`,
      `- Total run time: ${seconds} s`,
    ].join('\n');
    writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), `${header}\n\n${report}\n`);
    log('wrote BENCHMARKS.md');
  }
  const missed = list.filter((t) => !t.pass);
  if (options.check && missed.length > 0) {
    for (const t of missed) console.error(`MISSED: ${t.name}: ${t.measured} (limit ${t.limit})`);
    process.exitCode = 1;
  } else if (options.check) {
    log('all targets met');
  }
}

// Never leave a server or memory child behind: not on an error, not on Ctrl-C.
process.once('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the server and child processes`);
    killAllChildren();
    process.exit(130);
  });
}
main().then(
  () => process.exit(),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    killAllChildren();
    process.exit(1);
  },
);
