// The write data of milestones, wiki pages, tags, statuses and custom fields against the writes the
// Ruby gem recorded (spec/fixtures/recordings): every recorded POST, PUT and DELETE of these
// resources has a route of the row's writes with the same method, its body is wrapped in the key
// the row's writes wrap in, and every attribute it sent is one they declare writable.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { customFieldWrites } from '../lib/resources/custom-fields';
import { milestoneWrites } from '../lib/resources/milestones';
import type { Writes } from '../lib/resources/row';
import { statusWrites } from '../lib/resources/statuses';
import { tagWrites } from '../lib/resources/tags';
import { wikiPageWrites } from '../lib/resources/wiki-pages';
import { RECORDINGS_DIR } from './support/recordings';

interface Recorded {
  readonly file: string;
  readonly method: string;
  readonly path: string;
  readonly body?: Record<string, Record<string, unknown>>;
}

interface Cassette {
  http_interactions: Array<{
    request: { method: string; uri: string; body?: { base64_string?: string; string?: string } };
  }>;
}

/** The writes recorded in one folder of cassettes, but the set-up ones (a space, its tools). */
function writesIn(dir: string): Recorded[] {
  return readdirSync(join(RECORDINGS_DIR, dir)).flatMap((name) => {
    const cassette = JSON.parse(readFileSync(join(RECORDINGS_DIR, dir, name), 'utf8')) as Cassette;
    return cassette.http_interactions.flatMap(({ request }) => {
      const path = new URL(request.uri).pathname.replace(/^\/v1/, '');
      if (request.method === 'get' || path === '/spaces' || path.includes('/space_tools')) return [];
      const b = request.body;
      const text =
        b?.base64_string !== undefined ? Buffer.from(b.base64_string, 'base64').toString() : (b?.string ?? '');
      const body = text ? (JSON.parse(text) as Recorded['body']) : undefined;
      return [{ file: `${dir}/${name}`, method: request.method.toUpperCase(), path, body }];
    });
  });
}

/** Each route of a row's writes: method, path pattern, and the key its body is wrapped in. */
function routesOf(writes: Writes<object>): Array<{ method: string; pattern: RegExp; key?: string }> {
  const pattern = (route: string) => new RegExp(`^${route.replace(/\{\w+\}/g, '[^/]+')}$`);
  const { create, update } = writes;
  return [
    ...(create ? [{ method: 'POST', pattern: pattern(create.path), key: create.body.key }] : []),
    ...(update ? [{ method: 'PUT', pattern: pattern(update.path), key: update.body.key }] : []),
    ...[writes.delete?.path, ...Object.values(writes.delete?.variants ?? {})]
      .filter((p) => p !== undefined)
      .map((p) => ({ method: 'DELETE', pattern: pattern(p) })),
  ];
}

const TABLE: Array<[string, Writes<object>]> = [
  ['space-milestones', milestoneWrites as unknown as Writes<object>],
  ['wiki-pages', wikiPageWrites as unknown as Writes<object>],
  ['space-tags', tagWrites as unknown as Writes<object>],
  ['ticket-statuses', statusWrites as unknown as Writes<object>],
  ['ticket-custom-fields', customFieldWrites as unknown as Writes<object>],
];

describe('resource writes against the recorded writes', () => {
  it.each(TABLE)('%s: each recorded write has its route, body key and attributes', (dir, writes) => {
    const recorded = writesIn(dir);
    expect(recorded.length).toBeGreaterThan(0);
    const methods = new Set<string>();
    for (const w of recorded) {
      const route = routesOf(writes).find((r) => r.method === w.method && r.pattern.test(w.path));
      expect({ write: `${w.file}: ${w.method} ${w.path}`, found: route !== undefined }).toEqual({
        write: `${w.file}: ${w.method} ${w.path}`,
        found: true,
      });
      methods.add(w.method);
      if (!w.body) continue;
      expect(Object.keys(w.body)).toEqual([route!.key]);
      for (const name of Object.keys(w.body[route!.key!])) expect(Object.keys(writes.attributes)).toContain(name);
    }
    // Every recorded folder writes at least a create; most also an update and a delete.
    expect(methods.has('POST')).toBe(true);
  });

  it('the recordings hold both wiki page deletes, and each is a route of the wiki page writes', () => {
    const deletes = writesIn('wiki-pages').filter((w) => w.method === 'DELETE');
    expect(deletes.map((w) => w.path.replace(/^.*\//, ''))).toEqual(expect.arrayContaining(['all', 'container']));
  });
});
