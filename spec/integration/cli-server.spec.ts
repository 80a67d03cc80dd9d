// `assembla-rx server`: the package's command (lib/bin/assembla-rx.ts) runs the local server, spawned as a
// program and asked over real HTTP.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { KEY_AUTH } from '../support/local';

const ROOT = join(__dirname, '..', '..');

/** `assembla-rx <args>` from the sources, its stdout piped and its stderr kept. */
function assemblaRx(args: readonly string[]) {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'lib/bin/assembla-rx.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; err: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, err })),
  );
  return { child, exited };
}

describe('assembla-rx server', () => {
  beforeEach(() => expect.hasAssertions());

  it('serves the API on the URL of its first line, and exits 0 on SIGTERM', async () => {
    const { child, exited } = assemblaRx(['server', '--port', '0', '--tickets', '30']);
    try {
      const first = (await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next()).value as string;
      expect(first).toMatch(/^LISTENING http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${first.slice('LISTENING '.length)}/v1/spaces.json`, {
        headers: { 'X-Api-Key': KEY_AUTH.key, 'X-Api-Secret': KEY_AUTH.secret },
      });
      expect(res.status).toBe(200);
      const spaces = (await res.json()) as { name: string }[];
      expect(spaces.map((s) => s.name)).toContain('Big Project');
      child.kill('SIGTERM');
      expect((await exited).code).toBe(0);
    } finally {
      // Never left running by a failed step.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  it('refuses an unknown option with exit code 2, naming it, before listening', async () => {
    const { child, exited } = assemblaRx(['server', '--bogus', '1']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const { code, err } = await exited;
    expect([code, out]).toEqual([2, '']);
    expect(err).toMatch(/^Unknown option --bogus\n\nUsage: assembla-rx server /);
  }, 30_000);
});
