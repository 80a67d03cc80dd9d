// The conventions `npm test` enforces catch what they are for: ESLint's line limit and rules, and
// TypeDoc's check that every public export is documented.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

function run(bin: string, args: string[], input?: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', bin), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

function lint(code: string): { status: number | null; output: string } {
  // A name of its own, so that the ESLint cache of `npm run lint` is not involved.
  return run('eslint/bin/eslint.js', ['--stdin', '--stdin-filename', 'lib/conventions-probe.ts'], code);
}

describe('conventions', () => {
  beforeEach(() => expect.hasAssertions());

  it('ESLint refuses a line past 120 characters and accepts one of 120', () => {
    const line = (length: number) => `export const s = '${'x'.repeat(length - 20)}';\n`;
    expect(line(121)).toHaveLength(122);
    const long = lint(line(121));
    expect(long.output).toMatch(/max-len/);
    expect(long.status).toBe(1);
    expect(lint(line(120))).toEqual({ status: 0, output: '' });
  });

  it('ESLint runs the typescript-eslint rules', () => {
    const result = lint('export const f = (x: any): number => x;\n');
    expect(result.output).toMatch(/@typescript-eslint\/no-explicit-any/);
    expect(result.status).toBe(1);
  });

  it('the docs check fails on an undocumented export, naming it', () => {
    // The project's typedoc.json, over a fixture with one documented and one undocumented export.
    const result = run('typedoc/bin/typedoc', ['--options', 'spec/fixtures/docs/typedoc.json', '--emit', 'none']);
    expect(result.output).toMatch(/undocumented \(CallSignature\).*does not have any documentation/);
    expect(result.output).not.toMatch(/documented \(Variable\)/);
    expect(result.status).not.toBe(0);
  }, 60_000);
});
