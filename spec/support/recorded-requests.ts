// The requests of the recorded Assembla traffic (spec/fixtures/recordings): what the official Ruby
// gem sent, for holding the SDK's writes to it. recordings.ts reads the responses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECORDINGS_DIR } from './recordings';

/** One recorded request. */
export interface RecordedRequest {
  /** `dir/file.json` of the cassette. */
  readonly file: string;
  readonly method: string;
  /** The path after `/v1`, e.g. `/spaces/dQZIo6oo8r5i9XcaaN1ZW_/tickets/1`. */
  readonly path: string;
  readonly contentType: string | undefined;
  /** The body as text; '' when none. */
  readonly body: string;
}

interface Cassette {
  http_interactions: Array<{
    request: {
      method: string;
      uri: string;
      headers: Record<string, string[]>;
      body?: { base64_string?: string; string?: string };
    };
  }>;
}

/** Every recorded request, in file order. */
export function recordedRequests(): RecordedRequest[] {
  const out: RecordedRequest[] = [];
  for (const dir of readdirSync(RECORDINGS_DIR, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const name of readdirSync(join(RECORDINGS_DIR, dir.name)).sort()) {
      if (!name.endsWith('.json')) continue;
      const cassette = JSON.parse(readFileSync(join(RECORDINGS_DIR, dir.name, name), 'utf8')) as Cassette;
      for (const { request } of cassette.http_interactions) {
        const b = request.body ?? {};
        out.push({
          file: `${dir.name}/${name}`,
          method: request.method.toUpperCase(),
          path: new URL(request.uri).pathname.replace(/^\/v1/, ''),
          contentType: request.headers['Content-Type']?.[0],
          body:
            b.base64_string !== undefined ? Buffer.from(b.base64_string, 'base64').toString('utf8') : (b.string ?? ''),
        });
      }
    }
  }
  return out;
}

/**
 * A path with its space and numbers replaced, so that paths of the same route compare equal.
 * @example pathShape('/v1/spaces/dQZIo6oo8r5i9XcaaN1ZW_/tickets/1') // '/spaces/:space/tickets/:n'
 */
export function pathShape(path: string): string {
  return path
    .replace(/^\/v1(?=\/)/, '')
    .replace(/^\/spaces\/[^/]+/, '/spaces/:space')
    .replace(/\/\d+(?=\/|$)/g, '/:n');
}
