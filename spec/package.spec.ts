// The published package, as users get it: `npm pack` (which builds first, through `prepack`) makes the
// tarball once for this file; it is checked by attw and publint, installed into a temporary app next to
// rxjs 7.8.0, and bundled for a browser page under a size budget. `require` and `import` of
// 'assembla-rx' (and 'assembla-rx/testing') share one copy of every class under Node.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(__dirname, '..');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);
const BUDGET = 28 * 1024; // gzipped bytes a page that imports `API` and `tickets` loads at start
const LIVE_BUDGET = 8 * 1024; // gzipped bytes that `liveQueries()` (lib/live) adds to a page (7,620 measured)
// A message of lib/live/live-query.ts that minifying keeps: found in a chunk, live code is in it.
const LIVE_MARKER = '{ live } must be true or { every: ms }';

let work: string; // temporary directory: the tarball, and an app whose node_modules holds the package
let tarball: string;
let app: string;
let installed: string; // app/node_modules/assembla-rx, unpacked from the tarball

/** Runs a command; on failure, throws with what it printed (tsc reports on stdout). */
function run(file: string, args: string[], cwd = root): string {
  try {
    return execFileSync(file, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    const failure = new Error(`${relative(root, file)} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
    throw Object.assign(failure, { cause: e });
  }
}

/** A flat install as npm 7+ makes it: the package, its dependency and its peers side by side (rxjs 7.8.0). */
function installApp(): void {
  app = join(work, 'app');
  installed = join(app, 'node_modules', 'assembla-rx');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', installed, '--strip-components=1']);
  const link = (name: string, target: string): void => {
    mkdirSync(dirname(join(app, 'node_modules', name)), { recursive: true });
    symlinkSync(join(root, 'node_modules', target), join(app, 'node_modules', name), 'dir');
  };
  link('rxjs', 'rxjs-780');
  for (const name of ['io-ts', 'fp-ts', 'xhr2', '@types/node', 'undici-types']) link(name, name);
}

/** Chunks of a bundled page: gzipped bytes (level 9), their sources and their code. */
interface Chunks {
  gzipped: number;
  inputs: string[];
  code: string;
}

/** What esbuild's metafile says of each output chunk. */
interface Metafile {
  outputs: Record<string, { imports: Array<{ path: string; kind: string }>; inputs: Record<string, unknown> }>;
}

/**
 * Bundles `page` for the browser as the size budget says (every dependency inlined, code split into
 * chunks) and gzips each chunk at level 9: `initial`, what the page loads at start (the entry and
 * its static imports, from esbuild's metafile), and `lazy`, the chunks only a dynamic `import()`
 * loads (the live queries', lib/engine/live-hook.ts).
 */
function bundle(name: string, page: string): { initial: Chunks; lazy: Chunks } {
  const dir = join(app, 'pages');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.js`), page);
  const out = join(work, 'out', name);
  const meta = join(work, `${name}.meta.json`);
  execFileSync(
    bin('esbuild'),
    [
      join(dir, `${name}.js`),
      '--bundle',
      '--minify',
      '--platform=browser',
      '--format=esm',
      '--splitting',
      `--outdir=${out}`,
      `--metafile=${meta}`,
      '--log-level=warning',
    ],
    { cwd: app, stdio: 'pipe' },
  );
  const { outputs } = JSON.parse(readFileSync(meta, 'utf8')) as Metafile;
  // Paths in the metafile are relative to the working directory (app).
  const entry = Object.keys(outputs).find((o) => o.endsWith(`/${name}.js`))!;
  const initial = new Set<string>();
  const visit = (output: string): void => {
    if (initial.has(output)) return;
    initial.add(output);
    for (const i of outputs[output].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  const chunks = (list: string[]): Chunks => {
    const code = list.map((o) => readFileSync(join(app, o)));
    return {
      gzipped: code.reduce((sum, chunk) => sum + gzipSync(chunk, { level: 9 }).length, 0),
      inputs: list.flatMap((o) => Object.keys(outputs[o].inputs)),
      code: code.map(String).join('\n'),
    };
  };
  const all = Object.keys(outputs).filter((o) => !o.endsWith('.map'));
  return { initial: chunks([...initial]), lazy: chunks(all.filter((o) => !initial.has(o))) };
}

describe('the package', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'assembla-rx-package-'));
    // As on a fresh clone: no dist/ until `npm pack` builds it.
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    execFileSync('npm', ['pack', '--pack-destination', work], { cwd: root, stdio: 'pipe' });
    tarball = join(
      work,
      readdirSync(work).find((f) => f.endsWith('.tgz'))!,
    );
    installApp();
    // The consumer app's sources, for the tests that compile or run it (each can run alone).
    cpSync(join(root, 'spec', 'fixtures', 'consumer-rxjs-780'), app, { recursive: true });
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  beforeEach(() => expect.hasAssertions());

  it('npm pack builds dist/ first and ships declarations, LICENSE, README and CHANGELOG', () => {
    for (const file of [
      'index.js',
      'index.mjs',
      'index.d.ts',
      'index.d.mts',
      'esm/index.mjs',
      'esm/transport/xhr-browser.mjs',
      'transport/xhr-node.js',
      'testing/index.js',
      'testing/index.mjs',
      'testing/index.d.ts',
      'testing/cli.js',
      'cli/main.js',
      'bin/assembla-rx.js',
    ]) {
      expect(existsSync(join(installed, 'dist', file))).toBe(true);
    }
    for (const file of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json', 'testing/package.json']) {
      expect(existsSync(join(installed, file))).toBe(true);
    }
    expect(existsSync(join(installed, 'spec'))).toBe(false);
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('every source map points at sources shipped in the tarball', () => {
    const maps = readdirSync(join(installed, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.map'),
    );
    expect(maps.length).toBeGreaterThan(50);
    const missing = maps.flatMap((map) => {
      const path = join(installed, 'dist', map);
      const { sources } = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[] };
      return sources.map((s) => join(dirname(path), s)).filter((s) => !existsSync(s));
    });
    expect(missing.map((s) => relative(installed, s))).toEqual([]);
  });

  it('the ESM build for bundlers has no require and never reaches xhr2', () => {
    const files = readdirSync(join(installed, 'dist', 'esm'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.mjs'),
    );
    const offending = files.filter((f) =>
      /\brequire\s*\(|['"]xhr2['"]/.test(readFileSync(join(installed, 'dist', 'esm', f), 'utf8')),
    );
    expect(offending).toEqual([]);
  });

  it('require and import give the same classes, so instanceof holds either way', () => {
    const script = `
      import { API, AssemblaError, ConfigError } from 'assembla-rx';
      import { startServer } from 'assembla-rx/testing';
      import { createRequire } from 'node:module';
      const cjs = createRequire(import.meta.url)('assembla-rx');
      let error;
      try { new API({}); } catch (e) { error = e; }
      console.log(JSON.stringify([
        error instanceof AssemblaError,
        error instanceof cjs.AssemblaError,
        ConfigError === cjs.ConfigError,
        typeof startServer,
      ]));
    `;
    for (const cwd of [root, app]) {
      expect(JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], cwd))).toEqual([
        true,
        true,
        true,
        'function',
      ]);
    }
  });

  it('arethetypeswrong finds no problem in the tarball (node10, node16 CJS and ESM, bundler)', () => {
    const out = run(bin('attw'), [tarball, '--format', 'json']);
    const { analysis } = JSON.parse(out) as { analysis: { problems: unknown[]; entrypoints: object } };
    expect(analysis.problems).toEqual([]);
    expect(Object.keys(analysis.entrypoints)).toEqual(['.', './testing', './package.json']);
  });

  it('each bin is a Node script in the tarball that runs from the installed package; both run the server', () => {
    const { bin: bins } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(Object.keys(bins).sort()).toEqual(['assembla-rx', 'assembla-rx-server']);
    for (const file of Object.values(bins)) {
      expect(readFileSync(join(installed, file), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    }
    const help = (name: string, ...args: string[]): string =>
      run(process.execPath, [join(installed, bins[name]), ...args, '--help'], app);
    const top = help('assembla-rx');
    expect(top).toMatch(/^Usage: assembla-rx <command>/);
    expect(top).toMatch(/^ {2}export /m);
    expect(top).toMatch(/^ {2}server /m);
    // `assembla-rx server` is the local server; `assembla-rx-server`, its old name, stays an alias.
    const server = help('assembla-rx', 'server');
    expect(server).toMatch(/^Usage: assembla-rx server \[options\]\n/);
    expect(server).toContain('--fault-5xx');
    expect(help('assembla-rx-server')).toBe(server);
  });

  it('publint has nothing to say about the tarball, not even a suggestion', () => {
    const out = run(bin('publint'), ['run', tarball, '--level', 'suggestion']);
    expect(out).not.toMatch(/Errors|Warnings|Suggestions/);
    expect(out).toMatch(/All good/);
  });

  it('rxjs, io-ts and fp-ts are peer dependencies, so npm installs one copy, shared with the app', () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, object>;
    expect(Object.keys(pkg.peerDependencies!).sort()).toEqual(['fp-ts', 'io-ts', 'rxjs']);
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['xhr2']);
  });

  it('an app on rxjs 7.8.0 type-checks strictly against it and shares Observable with it', () => {
    run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', app]);
    const out = run(process.execPath, [join(app, 'out', 'index.js')], app);
    expect(JSON.parse(out)).toEqual({
      sdkRxjs: '7.8.0',
      appRxjs: '7.8.0',
      sharesObservable: true,
      tickets: 3,
      errorsAreTyped: true,
    });
  });

  it('the same app does not compile against a package with its own rxjs (a second copy is caught)', () => {
    const nested = join(installed, 'node_modules', 'rxjs');
    mkdirSync(dirname(nested), { recursive: true });
    symlinkSync(join(root, 'node_modules', 'rxjs'), nested, 'dir'); // 7.8.2, as a regular dependency would install
    try {
      expect(() => run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', app, '--noEmit'])).toThrow(
        /'isStopped' is protected/,
      );
    } finally {
      rmSync(dirname(nested), { recursive: true, force: true });
    }
  });

  it(`a page importing API and tickets loads at most ${BUDGET / 1024} KB gzipped at start, less than all`, () => {
    const small = bundle('api-tickets', `import { API, tickets } from 'assembla-rx';\nexport { API, tickets };\n`);
    const all = bundle('everything', `export * from 'assembla-rx';\n`);
    expect(small.initial.gzipped).toBeLessThanOrEqual(BUDGET);
    expect(small.initial.gzipped).toBeLessThan(all.initial.gzipped);
    for (const page of [small, all]) {
      const inputs = [...page.initial.inputs, ...page.lazy.inputs];
      expect(inputs.filter((i) => /xhr2|assembla-rx\/dist\/(?!esm\/)/.test(i))).toEqual([]);
      expect(page.initial.code + page.lazy.code).not.toMatch(/\brequire\(/);
    }
  });

  it(`live queries' code is only in a page that turns them on, adding at most ${LIVE_BUDGET / 1024} KB`, () => {
    const plain = bundle('plain', `import { API, tickets } from 'assembla-rx';\nexport { API, tickets };\n`);
    const live = bundle(
      'live',
      `import { API, liveQueries, tickets } from 'assembla-rx';\nliveQueries();\nexport { API, tickets };\n`,
    );
    const liveInputs = (inputs: string[]): string[] => inputs.filter((i) => /assembla-rx\/dist\/esm\/live\//.test(i));
    expect(liveInputs([...plain.initial.inputs, ...plain.lazy.inputs])).toEqual([]);
    expect(plain.initial.code + plain.lazy.code).not.toContain(LIVE_MARKER);
    expect(liveInputs(live.initial.inputs)).toContain('node_modules/assembla-rx/dist/esm/live/live-query.mjs');
    expect(live.initial.code).toContain(LIVE_MARKER);
    expect(live.initial.gzipped - plain.initial.gzipped).toBeLessThanOrEqual(LIVE_BUDGET);
  });

  it('a bare import bundles to nothing: sideEffects: false lets bundlers drop every unused module', () => {
    const page = bundle('nothing', `import 'assembla-rx';\n`);
    expect((page.initial.code + page.lazy.code).trim()).toBe('');
  });
});
