import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { SEED_NOW } from '../../lib/testing';
import { parseArgs } from '../../lib/testing/cli';
import { AUTH } from './helpers';

describe('local server: command line', () => {
  beforeEach(() => expect.hasAssertions());

  it('turns every flag into server options', () => {
    const argv =
      '--port 4000 --tickets 2000 --latency 50 --seed 3 --fault-5xx 0.05 --fault-429 0.01 --retry-after 2 ' +
      '--fault-truncate 0.02 ' +
      '--fault-malformed 0.02 --fault-drop 0.02 --fault-slow 0.01 --slow-ms 5000 --rate-limit 100/1000 ' +
      '--other-spaces 4';
    expect(parseArgs(argv.split(' '))).toEqual({
      port: 4000,
      latencyMs: 50,
      data: { seed: 3, tickets: 2000, otherSpaces: 4 },
      faults: {
        seed: 3,
        rate5xx: 0.05,
        burst429Rate: 0.01,
        retryAfterSec: 2,
        truncateRate: 0.02,
        malformedRate: 0.02,
        dropRate: 0.02,
        slowRate: 0.01,
        slowMs: 5000,
      },
      rateLimit: { limit: 100, windowMs: 1000 },
    });
    expect(parseArgs([])).toEqual({ data: { seed: 1 } });
    expect(parseArgs(['--help'])).toBe('help');
  });

  it('turns the switches of undocumented behaviour into server options', () => {
    const argv =
      '--downloads redirect --activity-order oldest-first --activity-from inclusive ' +
      '--activity-zone +05:30 --clock seed --conditional off --offsets varying';
    const options = parseArgs(argv.split(' '));
    expect(options).toMatchObject({
      downloads: 'redirect',
      activity: { order: 'oldest-first', from: 'inclusive', zone: '+05:30' },
      conditional: false,
      offsets: 'varying',
    });
    expect(parseArgs(['--conditional', 'on'])).toMatchObject({ conditional: true });
    expect(() => parseArgs(['--conditional', 'no'])).toThrow(/--conditional takes on or off/);
    const now = (options as { now: () => number }).now();
    expect(now).toBeGreaterThanOrEqual(SEED_NOW);
    expect(now).toBeLessThan(SEED_NOW + 60_000);
    expect(() => parseArgs(['--clock', 'now'])).toThrow(/--clock/);
  });

  it.each([[['--nope', '1']], [['--port']], [['--port', 'x']], [['--rate-limit', '100']]])('refuses %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow();
  });

  it('prints LISTENING <url> first, serves, and stops on SIGTERM', async () => {
    const root = join(__dirname, '..', '..');
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'lib/testing/cli.ts', '--tickets', '30'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const first = (await lines.next()).value as string;
      expect(first).toMatch(/^LISTENING http:\/\/127\.0\.0\.1:\d+$/);
      const url = first.split(' ')[1];
      const rest = [(await lines.next()).value, (await lines.next()).value, (await lines.next()).value].join('\n');
      expect(rest).toContain('local-key');
      expect(rest).toContain(`curl -H 'X-Api-Key: local-key' -H 'X-Api-Secret: local-secret' ${url}/v1/spaces.json`);
      const res = await fetch(`${url}/v1/spaces/big-project/tickets/30.json`, { headers: AUTH });
      expect(((await res.json()) as { status: string }).status).toBe('Test');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      // Never left running by a failed step.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
