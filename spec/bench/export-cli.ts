// `assembla-rx export` (lib/cli/main.ts) as a user runs it: compiled to JavaScript as the package's
// bin is (no ts-node or TypeScript compiler in its process, its memory), a child process of its own,
// NDJSON on its stdout, the summary line on its stderr, the server in another process at 50 ms latency.
//
// Speed: 2,000 tickets with `--include comments`, at the default concurrency and at `--concurrency 1`.
// Memory: peak RSS over 10,000 and 100,000 tickets while the bench reads the CLI's stdout slowly, so
// the CLI must wait for the pipe to drain (peak-rss.js, preloaded, reports the RSS).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { DEFAULT_CREDENTIALS } from '../../lib/testing';
import { ROOT, ServerProcess, track } from './server-process';
import { median, summarize } from './stats';

/** One run of the CLI, as the bench saw it. */
export interface CliRun {
  readonly tickets: number;
  /** `--concurrency` given, or undefined for the CLI's default. */
  readonly concurrency?: number;
  readonly include: readonly string[];
  /** Complete lines on stdout (each NDJSON record is one). */
  readonly lines: number;
  readonly bytes: number;
  /** From the summary line (`Exported N tickets: R requests, T retries, S s`); NaN when it is missing. */
  readonly exported: number;
  readonly requests: number;
  readonly retries: number;
  /** The CLI's own time, from its summary line: from its start to the last record, module loading excluded. */
  readonly cliMs: number;
  /** From spawning the process to its exit, module loading included. */
  readonly processMs: number;
  /** From the first byte on stdout to its end. */
  readonly readMs: number;
  /** The bench's reading speed of stdout in bytes/s, or undefined when read as fast as it comes. */
  readonly readerBytesPerSecond?: number;
  readonly baseRssKb: number;
  readonly peakRssKb: number;
  /** What was wrong with the run (exit code, missing summary, wrong number of records), if anything. */
  readonly problem?: string;
}

/**
 * How fast the memory runs read the CLI's stdout: a 100,000-ticket export (~77 MB) takes ~40 s. Well
 * below what the CLI writes when read as fast as it comes (~7 MB/s on 2 cores at 0 ms), so it waits.
 */
export const SLOW_PIPE_BYTES_PER_SECOND = 2 * 1024 * 1024;

/** Where `buildCli` compiles lib/ (ignored by git, eslint and prettier). */
const BUILD = path.join(ROOT, '.bench-tmp', 'cli');

/** The command line the section shows (credentials come from the environment, as a user sets them). */
const COMMAND =
  "ASSEMBLA_KEY=… ASSEMBLA_SECRET=… node .bench-tmp/cli/dist/cli/main.js export --space 'Big Project'" +
  ' --base-url <server>';

/**
 * Compiles lib/ as `npm run build` does for the bin (tsconfig.build.json, CommonJS), into .bench-tmp/
 * rather than dist/; resolves to the CLI's entry point. A package.json beside it maps `#xhr` into
 * this build, as the package's own maps it into dist/.
 *
 * @example const cli = await buildCli(); await runExportCli(cli, server);
 */
export async function buildCli(): Promise<string> {
  rmSync(BUILD, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const flags = ['--outDir', path.join(BUILD, 'dist'), '--declaration', 'false', '--declarationMap', 'false'];
  await promisify(execFile)(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), ...flags], {
    cwd: ROOT,
  });
  const imports = { '#xhr': './dist/transport/xhr-node.js' };
  writeFileSync(path.join(BUILD, 'package.json'), JSON.stringify({ private: true, type: 'commonjs', imports }));
  return path.join(BUILD, 'dist', 'cli', 'main.js');
}

const SUMMARY = /^Exported (\d+) tickets: (\d+) requests, (\d+) retries, ([\d.]+) s$/;

/**
 * Reads `stream` to its end, at most `bytesPerSecond` on average from its first byte when given
 * (pausing it, so the pipe fills and the writer must wait), counting bytes and newlines.
 */
function readCounting(
  stream: Readable,
  bytesPerSecond?: number,
): Promise<{ bytes: number; lines: number; readMs: number }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let lines = 0;
    let first: number | undefined;
    stream.on('data', (chunk: Buffer) => {
      first ??= performance.now();
      bytes += chunk.length;
      // A trailing partial line has no newline, so it is not counted as a record.
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      if (bytesPerSecond === undefined) return;
      const ahead = (bytes / bytesPerSecond) * 1000 - (performance.now() - first);
      if (ahead > 0) {
        stream.pause();
        setTimeout(() => stream.resume(), ahead);
      }
    });
    stream.once('error', reject);
    stream.once('end', () => resolve({ bytes, lines, readMs: first === undefined ? 0 : performance.now() - first }));
  });
}

/**
 * Runs `assembla-rx export` (`cli`, from buildCli) over Big Project of `server` in a child process;
 * resolves to what it did.
 *
 * @example const run = await runExportCli(cli, server, { include: ['comments'], concurrency: 1 });
 */
export async function runExportCli(
  cli: string,
  server: ServerProcess,
  options: { include?: readonly string[]; concurrency?: number; readerBytesPerSecond?: number } = {},
): Promise<CliRun> {
  const include = options.include ?? [];
  const args = ['export', '--space', 'Big Project', '--base-url', server.url];
  if (include.length > 0) args.push('--include', include.join(','));
  if (options.concurrency !== undefined) args.push('--concurrency', String(options.concurrency));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  const rssFile = path.join(dir, 'rss.json');
  const preload = path.join(__dirname, 'peak-rss.js');
  const start = performance.now();
  const child = track(
    spawn(process.execPath, ['-r', preload, cli, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        ASSEMBLA_KEY: DEFAULT_CREDENTIALS.key,
        ASSEMBLA_SECRET: DEFAULT_CREDENTIALS.secret,
        BENCH_RSS_FILE: rssFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  try {
    // stderr: the summary line, and the last lines for a failure's message (progress lines may come before).
    let summary: RegExpExecArray | null = null;
    const tail: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (line) => {
      summary = SUMMARY.exec(line) ?? summary;
      tail.push(line);
      if (tail.length > 5) tail.shift();
    });
    const exited = new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code));
    });
    const [{ bytes, lines, readMs }, code] = await Promise.all([
      readCounting(child.stdout!, options.readerBytesPerSecond),
      exited,
    ]);
    const processMs = performance.now() - start;
    const m = summary as RegExpExecArray | null;
    const rss = (() => {
      try {
        return JSON.parse(readFileSync(rssFile, 'utf8')) as { baseKb: number; peakKb: number };
      } catch {
        return { baseKb: NaN, peakKb: NaN };
      }
    })();
    const problems = [
      code !== 0 ? `exit code ${code}: ${tail.join(' / ')}` : '',
      m ? '' : 'no summary line',
      lines !== server.tickets ? `${lines} lines on stdout, expected ${server.tickets}` : '',
      m && Number(m[1]) !== server.tickets ? `the summary says ${m[1]} tickets, expected ${server.tickets}` : '',
      Number.isNaN(rss.peakKb) ? 'no RSS reading' : '',
    ].filter((p) => p !== '');
    return {
      tickets: server.tickets,
      concurrency: options.concurrency,
      include,
      lines,
      bytes,
      exported: m ? Number(m[1]) : NaN,
      requests: m ? Number(m[2]) : NaN,
      retries: m ? Number(m[3]) : NaN,
      cliMs: m ? Number(m[4]) * 1000 : NaN,
      processMs,
      readMs,
      readerBytesPerSecond: options.readerBytesPerSecond,
      baseRssKb: rss.baseKb,
      peakRssKb: rss.peakKb,
      ...(problems.length > 0 ? { problem: problems.join('; ') } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures of the export CLI's section and targets. */
export interface ExportResults {
  /** 2,000 tickets with comments at the CLI's default concurrency. */
  readonly parallel: CliRun[];
  /** The same with `--concurrency 1`. */
  readonly sequential: CliRun[];
  /** One run per size, stdout read slowly. */
  readonly memory: CliRun[];
}

/** Repeat the default-concurrency run while the runs so far took less than this (the c=1 run is ~2 minutes). */
const SPEED_BUDGET_MS = 60_000;

/**
 * The speed runs over one server: `--concurrency 1` once (~2 minutes at 50 ms), the default up to
 * `runs` times while they stay within a minute in all.
 *
 * @example const { parallel, sequential } = await measureExportSpeed(cli, server, 3, log);
 */
export async function measureExportSpeed(
  cli: string,
  server: ServerProcess,
  runs: number,
  log: (line: string) => void,
): Promise<Pick<ExportResults, 'parallel' | 'sequential'>> {
  const parallel: CliRun[] = [];
  let spent = 0;
  for (let r = 0; r < runs && (r === 0 || spent < SPEED_BUDGET_MS); r++) {
    log(`  export CLI: ${server.tickets} tickets + comments, default concurrency, run ${r + 1}/${runs}`);
    const run = await runExportCli(cli, server, { include: ['comments'] });
    parallel.push(run);
    spent += run.processMs;
  }
  log(`  export CLI: ${server.tickets} tickets + comments, --concurrency 1`);
  const sequential = [await runExportCli(cli, server, { include: ['comments'], concurrency: 1 })];
  return { parallel, sequential };
}

/**
 * The memory run over one server: every ticket, stdout read at SLOW_PIPE_BYTES_PER_SECOND.
 *
 * @example results.memory.push(await measureExportMemory(cli, server, log));
 */
export function measureExportMemory(cli: string, server: ServerProcess, log: (line: string) => void): Promise<CliRun> {
  log(`  export CLI: ${server.tickets} tickets to a slow pipe, peak RSS`);
  return runExportCli(cli, server, { readerBytesPerSecond: SLOW_PIPE_BYTES_PER_SECOND });
}

type Target = { name: string; measured: string; limit: string; pass: boolean };

const cliMs = (runs: readonly CliRun[]): number => median(runs.map((r) => r.cliMs));
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const rssMb = (kb: number): string => (kb / 1024).toFixed(0);
const thousands = (x: number): string => x.toLocaleString('en-US');
const problems = (runs: readonly CliRun[]): string[] =>
  runs.filter((r) => r.problem).map((r) => `${thousands(r.tickets)} tickets: ${r.problem}`);
const sized = (results: ExportResults, tickets: number): CliRun | undefined =>
  results.memory.find((r) => r.tickets === tickets);

/**
 * The targets: at least 5× faster than `--concurrency 1`, and peak RSS over `big` tickets within
 * 1.5× of `small`'s. A run with a wrong number of records misses its target whatever its figures.
 */
export function exportTargets(results: ExportResults, small: number, big: number): Target[] {
  const speedup = cliMs(results.sequential) / cliMs(results.parallel);
  const speedBad = problems([...results.parallel, ...results.sequential]);
  const [a, b] = [sized(results, small), sized(results, big)];
  const ratio = a && b ? b.peakRssKb / a.peakRssKb : NaN;
  const memoryBad = problems(results.memory);
  const tickets = thousands(results.parallel[0]?.tickets ?? 0);
  return [
    {
      name: `export CLI, ${tickets} tickets + comments at 50 ms: speed-up vs --concurrency 1`,
      measured: speedBad.length > 0 ? `wrong output (${speedBad.join('; ')})` : `${speedup.toFixed(2)}×`,
      limit: '≥ 5×',
      pass: speedBad.length === 0 && speedup >= 5,
    },
    {
      name: `export CLI to a slow pipe: peak RSS, ${thousands(big)} vs ${thousands(small)} tickets`,
      measured:
        memoryBad.length > 0
          ? `wrong output (${memoryBad.join('; ')})`
          : `${ratio.toFixed(2)}× (${rssMb(b!.peakRssKb)} MB vs ${rssMb(a!.peakRssKb)} MB)`,
      limit: '≤ 1.5×',
      pass: memoryBad.length === 0 && ratio <= 1.5,
    },
  ];
}

/** The report's section (Markdown); `table` is run.ts's formatter. */
export function exportSection(
  results: ExportResults,
  table: (head: string[], rows: string[][], right: Set<number>) => string,
): string {
  const speedRows = (
    [
      ['default concurrency', results.parallel],
      ['--concurrency 1', results.sequential],
    ] as const
  ).map(([label, runs]) => {
    const t = summarize(runs.map((r) => r.cliMs / 1000));
    const range = (xs: number[]): string =>
      Math.min(...xs) === Math.max(...xs)
        ? thousands(xs[0])
        : `${thousands(Math.min(...xs))}–${thousands(Math.max(...xs))}`;
    return [
      label,
      thousands(runs[0].tickets),
      range(runs.map((r) => r.lines)),
      range(runs.map((r) => r.requests)),
      range(runs.map((r) => r.retries)),
      t.median.toFixed(1),
      `${t.min.toFixed(1)}–${t.max.toFixed(1)}`,
      (median(runs.map((r) => r.processMs)) / 1000).toFixed(1),
      `${runs.length}`,
    ];
  });
  const speedup = cliMs(results.sequential) / cliMs(results.parallel);
  const memoryRows = results.memory.map((r) => [
    thousands(r.tickets),
    thousands(r.lines),
    mb(r.bytes),
    (r.processMs / 1000).toFixed(1),
    mb((r.bytes / r.readMs) * 1000),
    rssMb(r.baseRssKb),
    rssMb(r.peakRssKb),
    rssMb(r.peakRssKb - r.baseRssKb),
  ]);
  const [a, b] = results.memory;
  const ratio = a && b ? `${(b.peakRssKb / a.peakRssKb).toFixed(2)}×` : 'not measured';
  const growth = a && b ? `${((b.peakRssKb - b.baseRssKb) / (a.peakRssKb - a.baseRssKb)).toFixed(2)}×` : '–';
  const wrong = problems([...results.parallel, ...results.sequential, ...results.memory]);
  return [
    '### Export CLI: `assembla-rx export` in a child process, server in its own, 50 ms latency',
    '',
    `    ${COMMAND} --include comments [--concurrency 1]`,
    '',
    table(
      ['Run', 'Tickets', 'Lines', 'Requests', 'Retries', 'CLI s', 'min–max', 'Process s', 'Runs'],
      speedRows,
      new Set([1, 2, 3, 4, 5, 6, 7, 8]),
    ),
    '',
    `Speed-up (CLI s at --concurrency 1 / at the default): ${speedup.toFixed(2)}×.`,
    'CLI s: the time on the summary line (its start to the last record); Process s: spawn to exit. Lines: records',
    'on stdout. Requests and retries: the summary line. The CLI: lib/ compiled by tsc as for the bin.',
    'The default-concurrency run is repeated while the runs stay within a minute in all; --concurrency 1 runs once.',
    '',
    `    ${COMMAND} | <the bench, reading ${mb(SLOW_PIPE_BYTES_PER_SECOND)} MB/s>`,
    '',
    table(
      ['Tickets', 'Lines', 'Output MB', 'Wall s', 'Output MB/s', 'Base RSS MB', 'Peak RSS MB', 'Peak − base MB'],
      memoryRows,
      new Set([0, 1, 2, 3, 4, 5, 6, 7]),
    ),
    '',
    `Peak RSS ratio ${b ? thousands(b.tickets) : '?'} / ${a ? thousands(a.tickets) : '?'}: ${ratio};` +
      ` of the growth above base: ${growth}.`,
    "Peak RSS: the kernel's maxRSS of the CLI process; Base: its RSS once the CLI and its imports are loaded.",
    'Output MB/s: from the first byte to the last; at the reading speed, the pipe set the pace.',
    ...(wrong.length > 0 ? ['', `Wrong output: ${wrong.join('; ')}.`] : []),
  ].join('\n');
}
