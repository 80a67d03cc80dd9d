// The emitted declarations must compile in a Node project without the DOM lib, with `skipLibCheck: false`
// (no `XMLHttpRequest` or other browser type may leak into them). Uses the compiler API: a few seconds.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../..');
const NODE_MODULES = join(ROOT, 'node_modules');

const format: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => ROOT,
  getNewLine: () => '\n',
};

/**
 * The program's errors in the files this package ships and in rxjs's (a DOM type there, e.g. from
 * `rxjs/ajax`, would break a consumer too). Checking Node's own types, TypeScript's libs, io-ts and
 * fp-ts, as `skipLibCheck: false` also does, takes seconds and says nothing about this package.
 */
function errors(program: ts.Program, dir: string): string[] {
  const files = program
    .getSourceFiles()
    .filter((f) => f.fileName.startsWith(dir) || f.fileName.includes('/node_modules/rxjs/'));
  const found = [
    ...program.getGlobalDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...files.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
  ];
  return found.map((d) => ts.formatDiagnostic(d, format));
}

/** A compiler host that parses each file once for both programs (Node's and rxjs's types take most of the time). */
function sharedHost(): (options: ts.CompilerOptions) => ts.CompilerHost {
  const parsed = new Map<string, ts.SourceFile | undefined>();
  return (options) => {
    const host = ts.createCompilerHost(options);
    const read = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, version, ...rest) => {
      const key = `${fileName}|${JSON.stringify(version)}`;
      if (!parsed.has(key)) parsed.set(key, read(fileName, version, ...rest));
      return parsed.get(key);
    };
    return host;
  };
}

describe('declarations', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'assembla-rx-dts-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compile in a Node project without the DOM lib and with skipLibCheck false', () => {
    const out = join(dir, 'dist');
    const host = sharedHost();
    const buildOptions: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2021,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      lib: ['lib.es2021.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      declaration: true,
      emitDeclarationOnly: true,
      // The sources are checked by `npm run typecheck`; here only the emit matters.
      noCheck: true,
      rootDir: join(ROOT, 'lib'),
      outDir: out,
    };
    const build = ts.createProgram(
      [join(ROOT, 'lib/index.ts'), join(ROOT, 'lib/testing/index.ts')],
      buildOptions,
      host(buildOptions),
    );
    expect(build.emit().diagnostics.map((d) => ts.formatDiagnostic(d, format))).toEqual([]);

    const consumer = join(dir, 'consumer.ts');
    writeFileSync(
      consumer,
      [
        "import { API, ticket, type RequestEvent, type Space, type Ticket } from './dist/index';",
        "import { startServer } from './dist/testing/index';",
        "const api = new API({ auth: { key: 'k', secret: 's' }, headers: { 'User-Agent': 'consumer/1' } });",
        'api.requests$.subscribe((e: RequestEvent) => (e.type === "end" ? e.status : 0));',
        'api.space({ name: "x" }).pipe(ticket({ number: 1 })).subscribe((t: Ticket) => t.created_on.getTime());',
        'export const s: ((space: Space) => unknown) | typeof startServer = (space: Space) => space.cache;',
      ].join('\n'),
    );
    const checkOptions: ts.CompilerOptions = {
      // The build's target, so that both programs share their parsed files.
      target: ts.ScriptTarget.ES2021,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      lib: ['lib.es2022.d.ts'],
      types: ['node'],
      typeRoots: [join(NODE_MODULES, '@types')],
      // The temp dir has no node_modules of its own: find rxjs, io-ts and fp-ts in the repo's.
      baseUrl: dir,
      paths: { '*': [join(NODE_MODULES, '*')] },
      strict: true,
      skipLibCheck: false,
      noEmit: true,
    };
    const check = ts.createProgram([consumer], checkOptions, host(checkOptions));
    expect(errors(check, dir)).toEqual([]);
  });
});
