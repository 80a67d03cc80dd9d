// The shape of lib/: no two folders import each other, even through others (a folder is the
// directory of a file; lib/ itself is one), and the local server (lib/testing) and the SDK share no
// code both ways, as the server is the oracle the SDK is tested against. Only the package's command
// (lib/bin), which runs either, imports both, and nothing imports it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..');

/** One import of one file: who imports what (paths relative to the repository, e.g. `lib/api.ts`). */
interface Import {
  readonly from: string;
  readonly to: string;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** package.json `imports` (`#xhr`), as Node resolves them for Node, mapped from dist/ back to lib/. */
function packageImport(specifier: string): string | undefined {
  const imports = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { imports?: object }).imports;
  const target = (imports as Record<string, { node?: string } | undefined> | undefined)?.[specifier]?.node;
  return target?.replace(/^\.\/dist\//, 'lib/').replace(/\.js$/, '.ts');
}

/** The file a relative or `#` specifier names; undefined for a package (rxjs, io-ts, node:http). */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (specifier.startsWith('#')) return packageImport(specifier);
  if (!specifier.startsWith('.')) return undefined;
  const base = relative(ROOT, resolve(ROOT, dirname(from), specifier));
  const file = [`${base}.ts`, `${base}/index.ts`, base].find(
    (candidate) => candidate.endsWith('.ts') && existsSync(join(ROOT, candidate)),
  );
  if (file) return file;
  throw new Error(`${from} imports ${specifier}, which names no file`);
}

/** Every import, export-from, dynamic import and require of lib/**\/*.ts, type-only ones included. */
function imports(): Import[] {
  return sources('lib').flatMap((from) => {
    const info = ts.preProcessFile(readFileSync(join(ROOT, from), 'utf8'), true, true);
    return info.importedFiles.flatMap(({ fileName }) => {
      const to = resolveSpecifier(from, fileName);
      return to ? [{ from, to }] : [];
    });
  });
}

/** Folder → the folders it imports from, each with the imports that make the edge. */
function folderGraph(all: readonly Import[]): Map<string, Map<string, Import[]>> {
  const graph = new Map<string, Map<string, Import[]>>();
  for (const i of all) {
    const [a, b] = [dirname(i.from), dirname(i.to)];
    if (!graph.has(a)) graph.set(a, new Map());
    if (a === b) continue;
    const edges = graph.get(a)!;
    edges.set(b, [...(edges.get(b) ?? []), i]);
  }
  return graph;
}

/**
 * The cycles of a directed graph, each as its nodes in order (the first repeated at the end); one
 * cycle per strongly connected component is enough to name the problem.
 *
 * @example findCycles(new Map([['a', ['b']], ['b', ['a']]]))  // [['a', 'b', 'a']]
 */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of [...graph.keys()].sort()) {
    if (done.has(start)) continue;
    // Breadth-first from `start` back to `start`: the shortest cycle through it, if any.
    const previous = new Map<string, string>();
    const queue = [start];
    let found = false;
    while (queue.length && !found) {
      const node = queue.shift()!;
      for (const next of graph.get(node) ?? []) {
        if (next === start) {
          const cycle = [start];
          for (let n: string | undefined = node; n !== undefined && n !== start; n = previous.get(n))
            cycle.splice(1, 0, n);
          cycles.push([...cycle, start]);
          cycle.forEach((n) => done.add(n));
          found = true;
          break;
        }
        if (!previous.has(next) && next !== start) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
  }
  return cycles;
}

const isTesting = (path: string): boolean => path === 'lib/testing' || path.startsWith('lib/testing/');
const isBin = (path: string): boolean => path.startsWith('lib/bin/');

describe('architecture of lib/', () => {
  beforeEach(() => expect.hasAssertions());

  const all = imports();
  const graph = folderGraph(all);
  const edges = (g: typeof graph) => new Map([...g].map(([a, to]) => [a, [...to.keys()]]));

  it('finds the cycles of a graph, also through a third node, and none where there is none', () => {
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'a']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c', 'a']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['c']],
          ['c', []],
        ]),
      ),
    ).toEqual([]);
    // The import parser sees type-only imports, re-exports and package.json `#` imports too.
    expect(all).toContainEqual({ from: 'lib/transport/pipeline.ts', to: 'lib/transport/credentials.ts' });
    expect(all).toContainEqual({ from: 'lib/index.ts', to: 'lib/options.ts' });
    expect(all).toContainEqual({ from: 'lib/api.ts', to: 'lib/transport/xhr-node.ts' });
  });

  it('has no folder-level import cycle', () => {
    const cycles = findCycles(edges(graph)).map((cycle) => {
      const why = cycle.slice(1).map((b, k) => {
        const first = graph.get(cycle[k])!.get(b)![0];
        return `${first.from} imports ${first.to}`;
      });
      return `${cycle.join(' -> ')} (${why.join('; ')})`;
    });
    expect(cycles).toEqual([]);
  });

  it('shares no code between lib/testing (the local server) and the SDK, either way', () => {
    const crossing = all
      .filter((i) => !isBin(i.from) && isTesting(i.from) !== isTesting(i.to))
      .map((i) => `${i.from} imports ${i.to}`);
    expect(crossing).toEqual([]);
  });

  it('lets only lib/bin (the command) import both the server and the SDK, and nothing import lib/bin', () => {
    expect(all).toContainEqual({ from: 'lib/bin/assembla-rx.ts', to: 'lib/testing/cli.ts' });
    expect(all).toContainEqual({ from: 'lib/bin/assembla-rx.ts', to: 'lib/cli/main.ts' });
    const intoBin = all.filter((i) => isBin(i.to) && !isBin(i.from)).map((i) => `${i.from} imports ${i.to}`);
    expect(intoBin).toEqual([]);
  });
});
