// `assembla-rx export --include comments` through the hardening issue's fault mix (as in
// spec/integration/faults.spec.ts), on the ticket pages and on each ticket's comments: the file
// holds every ticket once, in order, with its comments; faults it cannot outlast stop it with one
// line, leaving whole records to resume from.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../lib/testing';
import { mixedFaults } from '../support/faults';
import { KEY_AUTH, withServer } from '../support/local';
import { runCli } from '../support/sink';

const ENV = { ASSEMBLA_KEY: KEY_AUTH.key, ASSEMBLA_SECRET: KEY_AUTH.secret };
const TICKETS = 300;
/** A space's ticket pages (and the last-ticket probe) and each ticket's comments (paths after /v1). */
const PAGES_AND_COMMENTS = /^\/spaces\/[^/]+\/tickets(\/\d+\/ticket_comments)?$/;
const COMMENTS = /\/ticket_comments$/;

// The mix of spec/integration/faults.spec.ts, 18% of requests: slow answers well inside the CLI's
// 30 s timeout (so they are no failure, only late) and fewer 429 bursts (each stops every request
// for a second), to keep the run short.
const MIXED_FAULTS = { ...mixedFaults(PAGES_AND_COMMENTS), slowMs: 300, burst429Rate: 0.01 };
// An attempt fails with probability 0.16 (5xx, truncated, malformed, dropped, 429), a little more
// inside a 429 window; say 0.2. Each attempt is a fresh draw, so one request fails all of its 12
// attempts with probability 0.2^12 ≈ 4.1e-9, and one of the ~350 requests (3 pages, the probe,
// 300 comments, and the retries) with about 1.4e-6. The draws are a hash of the seed and the
// URL, so a run sees the same faults every time but for which requests meet a 429 window.
const ATTEMPTS = '12';

interface Exported {
  id: number;
  number: number;
  comments?: Array<{ id: number; comment: string }>;
}

describe('assembla-rx export: faults', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'assembla-rx-cli-faults-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => expect.hasAssertions());

  async function exportTo(server: RunningServer, out: string, attempts: string) {
    const argv = ['export', '--space', 'Big Project', '--include', 'comments', '--out', out, '--attempts', attempts];
    const { code, out: stdout, err } = await runCli([...argv, '--base-url', server.url], ENV);
    const records = readFileSync(out, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Exported);
    return { code, out: stdout, err, records };
  }

  it('writes every ticket once, in order, with its comments, through >=10% mixed faults', async () => {
    await withServer({ data: { tickets: TICKETS }, faults: MIXED_FAULTS }, async (server) => {
      const out = join(dir, 'mixed.ndjson');
      const { code, out: stdout, err, records } = await exportTo(server, out, ATTEMPTS);
      expect([code, stdout]).toEqual([0, '']);
      const space = server.data.spaces[0];
      expect(records.map((r) => r.number)).toEqual(server.data.tickets[space.id].map((t) => t.number));
      const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
      const truth = server.data.comments[space.id];
      for (const record of records) {
        const expected = truth.filter((c) => c.ticket_id === record.id).sort(byId);
        const got = [...(record.comments ?? [])].sort(byId);
        expect(got.map((c) => [c.id, c.comment])).toEqual(expected.map((c) => [c.id, c.comment]));
      }
      expect(records.filter((r) => r.comments!.length > 0).length).toBeGreaterThan(60);

      const summary = /^Exported (\d+) tickets: (\d+) requests, (\d+) retries, [\d.]+ s$/m.exec(err);
      expect(summary?.[1]).toBe(String(TICKETS));
      expect(Number(summary?.[3])).toBeGreaterThan(0);
      // Every kind of fault happened, on pages and on comments, on at least a tenth of them.
      const faulty = server.stats.log.filter((e) => PAGES_AND_COMMENTS.test(e.path.replace(/^\/v1|\.json$/g, '')));
      const faults = server.stats.log.filter((e) => e.fault !== undefined);
      expect(Object.keys(server.stats.faults).sort()).toEqual(['429', '5xx', 'drop', 'malformed', 'slow', 'truncated']);
      expect(faults.length / faulty.length).toBeGreaterThanOrEqual(0.1);
      expect(faults.some((e) => COMMENTS.test(e.path))).toBe(true);
      expect(faults.some((e) => /\/tickets(\.json)?$/.test(e.path))).toBe(true);
      expect(existsSync(`${out}.state.json`)).toBe(false);
    });
  }, 60_000);

  it('stops with one line when the faults cannot be outlasted, leaving whole records to resume from', async () => {
    const faults = { seed: 5, rate5xx: 0.1, paths: COMMENTS };
    await withServer({ data: { tickets: TICKETS }, faults }, async (server) => {
      const out = join(dir, 'failed.ndjson');
      const { code, err, records } = await exportTo(server, out, '1');
      expect(code).toBe(1);
      const lines = err.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      const failure = /^assembla-rx: .*ticket_comments.*\b50\d\b.* \((\d+) tickets written: resume with --resume\)$/;
      expect(lines[0]).toMatch(failure);
      expect(err).not.toContain(KEY_AUTH.secret);
      // Only whole lines (each parsed above), the first tickets in order, as many as the line says.
      const written = Number(failure.exec(lines[0])![1]);
      expect(written).toBeGreaterThan(0);
      const space = server.data.spaces[0];
      const truth = server.data.tickets[space.id].slice(0, written);
      expect(records.map((r) => r.number)).toEqual(truth.map((t) => t.number));
      expect(existsSync(`${out}.state.json`)).toBe(true);
    });
  });
});
