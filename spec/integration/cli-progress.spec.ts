// The progress of `assembla-rx export` as a user sees it: plain lines when stderr is a file or a
// pipe (a CI log), and a bar redrawn in place in a real pseudo-terminal (util-linux `script`).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { KEY_AUTH, useLocalServer } from '../support/local';
import { collect } from '../support/sink';

const ENV = { ASSEMBLA_KEY: KEY_AUTH.key, ASSEMBLA_SECRET: KEY_AUTH.secret };
const TICKETS = 250;
const MAIN = join(__dirname, '../../lib/cli/main.ts');
const SUMMARY = new RegExp(`^Exported ${TICKETS} tickets: \\d+ requests, \\d+ retries, [\\d.]+ s$`);

/** Resolves when `condition` holds, checked every few milliseconds. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

/** `text` as one word for sh: in single quotes, each single quote closed, escaped and reopened. */
const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** util-linux `script` (BSD's, on macOS, takes other flags), or why it cannot be used. */
function findScript(): string | undefined {
  const found = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (found.error) return `script is not installed (${found.error.message})`;
  if (!/util-linux/.test(`${found.stdout}${found.stderr}`)) return 'script is not util-linux script';
  return undefined;
}
const scriptMissing = findScript();
// In CI a missing `script` fails the test (the bar would otherwise go untested); elsewhere it is skipped.
const mustRun = scriptMissing === undefined || process.env.CI === 'true';
if (!mustRun) console.warn(`cli-progress.spec: skipping the pseudo-terminal test: ${scriptMissing}`);

describe('assembla-rx export: progress', () => {
  const local = useLocalServer({ data: { tickets: TICKETS }, latencyMs: 5 });
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'assembla-rx-cli-progress-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => expect.hasAssertions());

  it('writes a plain line at each tenth of the bound when stderr is not a terminal, then the summary', async () => {
    // The bound comes from the last-ticket probe, sent once page 1 is in; a bound that arrives
    // after the first tenth is written skips that tenth's line (`bound` in lib/cli/progress.ts), as
    // a fast output can make it do. So the first record is held until the server has answered the
    // probe: the answer reaches the export in a turn or two, the 25 records take 25 at least.
    const probeAnswered = () =>
      local.server.stats.log.some((e) => /sort_order=desc/.test(e.query) && /per_page=1\b/.test(e.query));
    const stdout = collect({ slow: true, ready: () => until(probeAnswered) });
    const stderr = collect();
    const code = await main(['export', '--space', 'Big Project', '--base-url', local.server.url], {
      env: ENV,
      stdout,
      stderr,
    });
    expect(code).toBe(0);
    expect((await stdout.finished()).trimEnd().split('\n')).toHaveLength(TICKETS);
    const err = await stderr.finished();
    // eslint-disable-next-line no-control-regex -- no escape code may reach a log
    expect(err).not.toMatch(/[\r\x1b]/);
    const lines = err.trimEnd().split('\n');
    expect(lines.pop()).toMatch(SUMMARY);
    const progress = lines.map((l) =>
      /^assembla-rx: (\d+) of at most (\d+) tickets, \d+\/s(, ~\S+ (s|min) left)?$/.exec(l),
    );
    expect(progress.map((m) => m && [Number(m[1]), Number(m[2])])).toEqual(
      Array.from({ length: 10 }, (_, i) => [25 * (i + 1), TICKETS]),
    );
  });

  it('cuts each draw to a narrow terminal’s width: the line never wraps, \\r returns to its start', async () => {
    const stdout = collect();
    const stderr = Object.assign(collect({ slow: true }), { isTTY: true, columns: 40 });
    const code = await main(['export', '--space', 'Big Project', '--base-url', local.server.url], {
      env: ENV,
      stdout,
      stderr,
    });
    expect(code).toBe(0);
    const [drawing, summary, ...rest] = (await stderr.finished()).split('\n');
    expect([summary, ...rest]).toEqual([expect.stringMatching(SUMMARY), '']);
    const draws = drawsOf(drawing, 39);
    expect(draws[draws.length - 1]).toBe(`[${'#'.repeat(24)}] ${TICKETS}/${TICKETS} tickets`.slice(0, 39));
  });

  const ptyTest = mustRun ? it : it.skip;

  ptyTest(
    'draws a bar redrawn in place in a pseudo-terminal, then the summary on its own line',
    async () => {
      if (scriptMissing) throw new Error(`The pseudo-terminal test needs util-linux script: ${scriptMissing}`);
      const out = join(dir, 'tickets.ndjson');
      const argv = [process.execPath, '-r', 'ts-node/register/transpile-only', MAIN];
      argv.push('export', '--space', 'Big Project', '--include', 'comments', '--out', out);
      argv.push('--base-url', local.server.url);
      // -q no banner, -e the command's exit code, -f flush at once, -c the command; no typescript
      // file. With no terminal on its stdin (as in CI), `script` opens a pty without a size: 0 columns.
      const child = spawn('script', ['-qefc', argv.map(shellQuote).join(' '), '/dev/null'], {
        cwd: join(__dirname, '../..'),
        env: { ...process.env, ...ENV },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let tty = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (tty += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise((resolve) => child.on('close', resolve));
      expect([code, err]).toEqual([0, '']);
      expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(TICKETS);

      // The terminal turns each \n into \r\n: the summary is the last line, alone.
      const [drawing, summary, ...rest] = tty.split('\r\n');
      expect([summary, ...rest]).toEqual([expect.stringMatching(SUMMARY), '']);
      const draws = drawsOf(drawing, 79);
      expect(draws[draws.length - 1]).toMatch(
        new RegExp(`^${literal(`[${'#'.repeat(24)}] ${TICKETS}/${TICKETS}`)} tickets, \\d+/s(, ~0 s left)?$`),
      );
    },
    60_000,
  );
});

/**
 * The texts drawn on a terminal line: each after a \r (back to the line's start) and before a
 * \x1b[K (clear what a longer one left behind), at most `width` long, at least the first and the
 * final; before the probe answers the count alone, after it a bar filled to the share done; the
 * counts never go back.
 */
function drawsOf(drawing: string, width: number): string[] {
  // eslint-disable-next-line no-control-regex -- the terminal's escape codes are what is checked
  expect(drawing).toMatch(/^(\r[^\r\n\x1b]*\x1b\[K)+$/);
  const draws = drawing
    .split('\x1b[K')
    .slice(0, -1)
    .map((d) => d.slice(1));
  expect(draws.length).toBeGreaterThanOrEqual(2);
  const counts = draws.map((text) => {
    expect(text.length).toBeLessThanOrEqual(width);
    const m = /^(?:\[(#*)(\.*)\] )?(\d+)(?:\/(\d+))? tick/.exec(text);
    expect(m).not.toBeNull();
    const [, filled, empty, done, atMost] = m!;
    if (atMost !== undefined) {
      expect(Number(atMost)).toBe(TICKETS);
      expect([filled.length, filled.length + empty.length]).toEqual([Math.round((24 * Number(done)) / TICKETS), 24]);
    }
    return Number(done);
  });
  expect(counts).toEqual([...counts].sort((a, b) => a - b));
  return draws;
}

/** `text` as a literal in a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
