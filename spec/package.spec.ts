// The published shape: `npm run build` emits dist/ with declarations, and `require` and `import`
// of 'assembla-rx' (and 'assembla-rx/testing') share one copy of every class.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

describe('the package', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.js')], { cwd: root, stdio: 'pipe' });
  }, 120_000);
  beforeEach(() => expect.hasAssertions());

  it('builds dist/ with type declarations for both entry points', () => {
    for (const file of [
      'index.js',
      'index.mjs',
      'index.d.ts',
      'testing/index.js',
      'testing/index.mjs',
      'testing/index.d.ts',
      'testing/cli.js',
    ]) {
      expect(existsSync(join(root, 'dist', file))).toBe(true);
    }
  });

  it('require and import give the same classes, so instanceof holds either way', () => {
    const script = `
      import { API, AssemblaError, ConfigError } from 'assembla-rx';
      import { startServer } from 'assembla-rx/testing';
      import { createRequire } from 'node:module';
      const cjs = createRequire(import.meta.url)('assembla-rx');
      let error;
      try { new API({}); } catch (e) { error = e; }
      console.log(JSON.stringify([error instanceof AssemblaError, error instanceof cjs.AssemblaError, ConfigError === cjs.ConfigError, typeof startServer]));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([true, true, true, 'function']);
  });
});
