// Loads the real Assembla traffic recorded by the assembla_api Ruby gem (VCR cassettes, MIT; see
// spec/fixtures/recordings/README.md). These are the truth the codecs and the local server are held to.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const RECORDINGS_DIR = join(__dirname, '..', 'fixtures', 'recordings');

export type EntityKind = 'space' | 'milestone' | 'user' | 'ticket';

export interface Interaction {
  /** `dir/file.json` of the cassette, for test names. */
  readonly file: string;
  readonly method: string;
  /** The API path after `/v1`, without the query string, e.g. `/spaces/api-test`. */
  readonly path: string;
  readonly query: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

interface Cassette {
  http_interactions: Array<{
    request: { method: string; uri: string };
    response: {
      status: { code: number };
      headers: Record<string, string[]>;
      body: { base64_string?: string; string?: string };
    };
  }>;
}

/** Every recorded interaction, in file order. */
export function loadInteractions(): Interaction[] {
  const out: Interaction[] = [];
  for (const dir of readdirSync(RECORDINGS_DIR, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const name of readdirSync(join(RECORDINGS_DIR, dir.name)).sort()) {
      if (!name.endsWith('.json')) continue;
      const cassette = JSON.parse(readFileSync(join(RECORDINGS_DIR, dir.name, name), 'utf8')) as Cassette;
      for (const { request, response } of cassette.http_interactions) {
        const url = new URL(request.uri);
        const b = response.body;
        out.push({
          file: `${dir.name}/${name}`,
          method: request.method.toUpperCase(),
          path: url.pathname.replace(/^\/v1/, ''),
          query: url.search,
          status: response.status.code,
          contentType: (response.headers['Content-Type'] ?? [''])[0],
          body:
            b.base64_string !== undefined ? Buffer.from(b.base64_string, 'base64').toString('utf8') : (b.string ?? ''),
        });
      }
    }
  }
  return out;
}

/**
 * Which entity a JSON response of this path holds (one or a list), or undefined for other resources.
 * Covers the list, item, create and copy paths of spaces, milestones, users and tickets.
 */
export function entityOf(method: string, path: string): EntityKind | undefined {
  if (/^\/spaces(\/[^/]+(\/copy)?)?$/.test(path)) return 'space';
  if (/^\/spaces\/[^/]+\/milestones(\/(all|upcoming|completed|release_notes|\d+))?$/.test(path)) return 'milestone';
  if (/^\/spaces\/[^/]+\/users$/.test(path) || /^\/users(\/[^/]+)?$/.test(path) || path === '/user') return 'user';
  if (
    /^\/spaces\/[^/]+\/tickets(\/(\d+|id\/\d+|my_active|my_followed|no_milestone|milestone\/\d+))?$/.test(path) ||
    /^\/spaces\/[^/]+\/tags\/\d+\/tickets$/.test(path) ||
    /\/merge_requests\/\d+\/tickets$/.test(path)
  ) {
    return 'ticket';
  }
  void method;
  return undefined;
}

/** The recorded JSON responses (200/201) that hold spaces, milestones, users or tickets. */
export function entityResponses(): Array<Interaction & { kind: EntityKind; json: unknown }> {
  return loadInteractions().flatMap((i) => {
    const kind = entityOf(i.method, i.path);
    if (!kind || !i.contentType.includes('json') || (i.status !== 200 && i.status !== 201)) return [];
    return [{ ...i, kind, json: JSON.parse(i.body) as unknown }];
  });
}
