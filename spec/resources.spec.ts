// One table-driven spec over the resource rows (lib/resources/index.ts): for every route of every
// row, each recorded answer (spec/fixtures/recordings) decodes with the row's codec, and the local
// server's answer to the same request has exactly the recorded keys, in the recorded order, with the
// recorded JSON type per key (a key the codec declares nullable may also be null; one it declares
// optional, i.e. documented but unrecorded or present on some items only, may be absent).
import { decodeEntity, decodeList } from '../lib/codecs';
import * as rows from '../lib/resources';
import type { AnyRow } from '../lib/resources/row';
import { startServer, type RunningServer } from '../lib/testing';
import { loadInteractions } from './support/recordings';
import { AUTH } from './testing/helpers';

type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';
const typeOf = (v: unknown): JsonType => (v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType));
const objectsOf = (json: unknown): Array<Record<string, unknown>> =>
  (Array.isArray(json) ? json : [json]) as Array<Record<string, unknown>>;

interface RouteCase {
  row: AnyRow;
  /** `list from <parent>`, `list <name>` or `lookup by <field>`. */
  what: string;
  route: string;
  /** The kind of entity the route's other placeholders come from: a parent kind, or the row itself (lookups). */
  valuesFrom: string;
}

const ROWS: AnyRow[] = Object.values(rows);
const cases: RouteCase[] = ROWS.flatMap((row) => [
  ...Object.entries(row.from).flatMap(([parent, s]) =>
    s.path ? [{ row, what: `list from a ${parent}`, route: s.path, valuesFrom: parent }] : [],
  ),
  ...Object.entries(row.lists ?? {}).map(([name, s]) => ({
    row,
    what: `list "${name}"`,
    route: s.path as string,
    valuesFrom: 'space',
  })),
  ...(row.lookups ?? []).map((l) => ({
    row,
    what: `lookup by ${l.by}`,
    route: l.path,
    valuesFrom: row.name,
  })),
]);

// A placeholder matches one path segment, but not a fixed segment of another route at that place
// (`/tags/{id}` is not `/tags/active`); `{number}` only digits.
const fixed = new Set(cases.flatMap((c) => c.route.split('/').filter((s) => s && !s.startsWith('{'))));
const exclude = [...fixed].join('|');
const patternOf = (route: string): RegExp =>
  new RegExp(
    `^${route
      .split('?')[0]
      .replace(/\{(\w+)\}/g, (_, name: string) => (name === 'number' ? '\\d+' : `(?!(?:${exclude})(?:/|$))[^/]+`))}$`,
  );

const interactions = loadInteractions().filter(
  (i) => i.method === 'GET' && i.status === 200 && i.contentType.includes('json'),
);
const recordedOf = (c: RouteCase) => interactions.filter((i) => patternOf(c.route).test(i.path));

describe('resource rows against the recordings and the local server', () => {
  let server: RunningServer;
  /** An entity (wire JSON) of each kind, to fill routes: the first of the space's list, or a known one. */
  const entities: Record<string, Record<string, unknown>> = {};

  const get = async (path: string): Promise<{ status: number; json: unknown }> => {
    const res = await fetch(`${server.url}/v1${path}`, { headers: AUTH });
    return { status: res.status, json: res.status === 200 ? await res.json() : undefined };
  };
  const expand = (route: string, values: Record<string, unknown> = {}): string =>
    route.replace(/\{(\w+)\}/g, (_, f: string) =>
      encodeURIComponent(String(f === 'space' ? entities.space.id : values[f])),
    );

  beforeAll(async () => {
    server = await startServer({ data: { tickets: 400 } });
    entities.space = server.data.spaces[0] as unknown as Record<string, unknown>;
    // The first item of each row's space list stands for its kind (ticket #1 has comments, tags,
    // attachments and associations; the first wiki page has versions; the first tag has tickets).
    for (const row of ROWS) {
      const source = row.from.space;
      if (!source?.path) continue;
      const query = new URLSearchParams(source.params as Record<string, string> | undefined).toString();
      const { json } = await get(expand(source.path) + (query ? `?${query}` : ''));
      if (Array.isArray(json) && json.length > 0) entities[row.name] = json[0] as Record<string, unknown>;
    }
  });
  afterAll(() => server.stop());

  it('has cases for every row, and recordings for most of their routes', () => {
    const unrecorded = cases.filter((c) => recordedOf(c).length === 0).map((c) => `${c.row.name}: ${c.route}`);
    console.log(`${cases.length} routes of ${ROWS.length} rows; never recorded: ${unrecorded.join('; ')}`);
    expect(new Set(cases.map((c) => c.row)).size).toBe(ROWS.length);
    expect(unrecorded.length).toBeLessThan(cases.length / 3);
  });

  describe.each(cases.map((c) => [`${c.row.name}, ${c.what}: GET ${c.route}`, c] as const))('%s', (_, c) => {
    const recorded = recordedOf(c);
    const objects = recorded.flatMap((r) => objectsOf(JSON.parse(r.body)));

    (recorded.length ? it : it.skip)(`decodes every recorded answer (${recorded.length})`, () => {
      for (const r of recorded) {
        const json = JSON.parse(r.body) as unknown;
        const decoded = Array.isArray(json)
          ? decodeList(c.row.codec, json, r.path)
          : [decodeEntity(c.row.codec, json, r.path)];
        expect(decoded).toHaveLength(objectsOf(json).length);
      }
    });

    (objects.length ? it : it.skip)(
      'is answered by the local server with the recorded keys, order and types',
      async () => {
        const values = entities[c.valuesFrom] ?? {};
        const path = expand(c.route, values);
        const { status, json } = await get(path);
        expect([path, status]).toEqual([path, 200]);
        const local = objectsOf(json);
        expect(local.length).toBeGreaterThan(0);
        const fields = c.row.codec.fields;
        const isOptional = (k: string): boolean => fields[k]?.optional === true;
        const keys = Object.keys(objects[0]).filter((k) => !isOptional(k));
        const types = new Map<string, Set<JsonType>>();
        for (const o of objects)
          for (const [k, v] of Object.entries(o)) types.set(k, (types.get(k) ?? new Set()).add(typeOf(v)));
        for (const o of local) {
          expect(Object.keys(o).filter((k) => !isOptional(k))).toEqual(keys);
          for (const [key, value] of Object.entries(o)) {
            const t = typeOf(value);
            const seen = [...(types.get(key) ?? [])].filter((x) => x !== 'null');
            if (t === 'null') expect([key, types.get(key)?.has('null') || fields[key]?.nullable]).toEqual([key, true]);
            else if (seen.length > 0) expect([key, seen]).toEqual([key, expect.arrayContaining([t])]);
          }
        }
      },
    );
  });
});
