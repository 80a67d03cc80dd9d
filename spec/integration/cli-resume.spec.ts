// `assembla-rx export --resume` over real HTTP against the local server: an export killed (SIGKILL),
// interrupted (Ctrl-C) or cut mid-record is continued, and the files come out byte for byte as a
// clean export's. The export to be stopped runs as a real process, at one request at a time and
// 20 ms a request, so it is stopped long before its end whatever the machine's speed.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_AUTH, pause, useLocalServer } from '../support/local';
import { runCli } from '../support/sink';

const ENV = { ASSEMBLA_KEY: KEY_AUTH.key, ASSEMBLA_SECRET: KEY_AUTH.secret };
const TICKETS = 300;
const STOP_AFTER = 40;

const run = (argv: string[]) => runCli(argv, ENV);

/** The export as a process of its own, its stderr kept. */
function spawnExport(argv: string[]): ChildProcessWithoutNullStreams & { stderrText: () => string } {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../lib/cli/main.ts'), ...argv],
    { env: { ...process.env, ...ENV } },
  ) as ChildProcessWithoutNullStreams & { stderrText: () => string };
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.resume();
  child.stderrText = () => err;
  return child;
}

/** Whole lines (NDJSON records, or CSV rows without line breaks in cells) in a file. */
const lineCount = (path: string): number =>
  existsSync(path) ? (readFileSync(path, 'utf8').match(/\n/g) ?? []).length : 0;

async function untilLines(path: string, n: number, child: ChildProcessWithoutNullStreams): Promise<void> {
  while (lineCount(path) < n) {
    if (child.exitCode !== null) throw new Error(`the export ended (exit ${child.exitCode}) before ${n} lines`);
    await pause(10);
  }
}

const exited = (child: ChildProcessWithoutNullStreams): Promise<number | null> =>
  child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));

describe('assembla-rx export --resume', () => {
  const local = useLocalServer({ data: { tickets: TICKETS }, latencyMs: 20 });
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'assembla-rx-resume-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => expect.hasAssertions());

  const args = (out: string, ...more: string[]) => [
    'export',
    '--space',
    'Big Project',
    '--base-url',
    local.server.url,
    '--out',
    out,
    ...more,
  ];

  /** The files of a clean export with these options, for comparison. */
  const clean = new Map<string, Promise<string>>();
  function cleanExport(name: string, ...more: string[]): Promise<string> {
    const key = more.join(' ');
    if (!clean.has(key))
      clean.set(
        key,
        run(args(join(dir, `clean-${name}`), ...more)).then(({ code, err }) => {
          expect([code, err]).toEqual([0, expect.stringMatching(/Exported 300 tickets: /)]);
          return join(dir, `clean-${name}`);
        }),
      );
    return clean.get(key)!;
  }

  it.each([
    ['ndjson', ['--include', 'comments'], ['']],
    ['csv', ['--format', 'csv', '--include', 'comments,tags'], ['', '.comments.csv', '.tags.csv']],
  ])(
    'continues a %s export killed (SIGKILL) midway, to the same bytes as a clean export',
    async (format, options, suffixes) => {
      const out = join(dir, `killed.${format}`);
      const child = spawnExport([...args(out, ...options), '--concurrency', '1']);
      await untilLines(out, STOP_AFTER, child);
      child.kill('SIGKILL');
      await exited(child);
      expect(existsSync(`${out}.state.json`)).toBe(true);

      const resumed = await run([...args(out, ...options), '--resume']);
      expect(resumed.code).toBe(0);
      expect(resumed.err).toMatch(/Exported 300 tickets \(resumed after #\d+\): /);
      const reference = await cleanExport(format, ...options);
      for (const suffix of suffixes)
        expect(readFileSync(`${out}${suffix}`).equals(readFileSync(`${reference}${suffix}`))).toBe(true);
      expect(existsSync(`${out}.state.json`)).toBe(false);
    },
    60_000,
  );

  it('stops on Ctrl-C after a whole record with exit 130, and resumes past a record cut short', async () => {
    const out = join(dir, 'interrupted.ndjson');
    const child = spawnExport([...args(out), '--concurrency', '1']);
    await untilLines(out, STOP_AFTER, child);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(130);
    const [, written] = /Interrupted after (\d+) tickets: resume with --resume\n$/.exec(child.stderrText()) ?? [];
    const lines = readFileSync(out, 'utf8').split('\n');
    // Every record whole, as many as it says, and nothing after the last.
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(Number(written));
    const records = lines.map((line) => JSON.parse(line) as { number: number });
    expect(records.map((r) => r.number)).toEqual(
      local.server.data.tickets[local.server.data.spaces[0].id].slice(0, records.length).map((t) => t.number),
    );

    // A writer killed in the middle of a record leaves half a line: it is cut, then written whole.
    appendFileSync(out, '{"id":1,"number":99');
    const resumed = await run([...args(out), '--resume']);
    expect([resumed.code, resumed.err]).toEqual([0, expect.stringMatching(/\(resumed after #\d+\)/)]);
    expect(readFileSync(out).equals(readFileSync(await cleanExport('ndjson')))).toBe(true);
  }, 60_000);

  it('refuses a resume that does not fit the unfinished export, and says why', async () => {
    const out = join(dir, 'refused.ndjson');
    const child = spawnExport([...args(out), '--concurrency', '1']);
    await untilLines(out, 5, child);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(130);

    const csv = await run([...args(out, '--format', 'csv'), '--resume']);
    expect([csv.code, csv.err]).toEqual([
      1,
      `assembla-rx: Cannot resume: the export to ${out} was of --format ndjson, not csv\n`,
    ]);
    const include = await run([...args(out, '--include', 'tags'), '--resume']);
    expect(include.err).toBe(`assembla-rx: Cannot resume: the export to ${out} was of --include (none), not tags\n`);
    const other = await run([...args(out), '--resume', '--space', local.server.data.spaces[1].name]);
    expect(other.err).toMatch(/^assembla-rx: Cannot resume: the export to .+ was of space /);

    // A finished export has no state: nothing to resume, and the file is left alone.
    const done = join(dir, 'done.ndjson');
    writeFileSync(done, '{"number":1}\n');
    const finished = await run([...args(done), '--resume']);
    expect(finished.code).toBe(1);
    expect(finished.err).toMatch(/Cannot resume: .+done\.ndjson has no .+state\.json/);
    expect(readFileSync(done, 'utf8')).toBe('{"number":1}\n');
  }, 60_000);

  it('with nothing to resume, exports afresh; without --out, --resume is a usage error', async () => {
    const out = join(dir, 'fresh.ndjson');
    const fresh = await run([...args(out), '--resume']);
    expect(fresh.code).toBe(0);
    expect(lineCount(out)).toBe(TICKETS);
    const usage = await run(['export', '--space', 'Big Project', '--resume']);
    expect([usage.code, usage.err]).toEqual([2, expect.stringMatching(/^assembla-rx: --resume needs --out/)]);
  }, 60_000);
});
