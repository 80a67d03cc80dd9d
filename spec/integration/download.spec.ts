// Downloads over real HTTP (xhr2 under Node), against two small servers of this spec: an "API" that
// checks the credentials and redirects some files to a "storage" on another port, as Assembla sends
// files from its file storage. The bytes arrive exactly, a redirect is followed without the
// credentials, and nothing is shared with the JSON path (no de-duplication).
import { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { listenLocally } from '../support/listen';
import { inspect } from 'node:util';
import { firstValueFrom, zip } from 'rxjs';
import { AuthError, HttpError, NotFoundError, RequestEvent } from '../../lib';
import { APIOptions, resolveOptions } from '../../lib/options';
import { Transport } from '../../lib/transport/pipeline';
import { download } from '../../lib/transport/download';
import { createXHR } from '../../lib/transport/xhr-node';

const KEY = 'the-KEY';
const SECRET = 's3cr3t-VALUE';
const TOKEN = 't0k3n-VALUE';
/** A signature in the storage URL: errors and events name the API's URL, never this one. */
const SIGNATURE = 'sig-ABCDEF';
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

interface Seen {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

interface Running {
  readonly url: string;
  readonly seen: Seen[];
  close(): Promise<void>;
}

async function serve(route: (req: IncomingMessage, res: ServerResponse) => void): Promise<Running> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    route(req, res);
  });
  return {
    ...(await listenLocally(server)),
    seen,
  };
}

const bytes = (res: ServerResponse, body: Uint8Array = ALL_BYTES) =>
  res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(Buffer.from(body));

describe('downloads over real HTTP', () => {
  let api: Running;
  let storage: Running;
  /** Answers of the API's /v1/flaky route, in order; then the file. */
  let flaky: number[] = [];

  beforeAll(async () => {
    storage = await serve((req, res) => {
      // A storage's refusal may quote the signature it was given (S3's SignatureDoesNotMatch does).
      if (req.url?.startsWith('/denied')) return res.writeHead(403).end(`<Error>${SIGNATURE}</Error>`);
      bytes(res);
    });
    api = await serve((req, res) => {
      const authorized =
        (req.headers['x-api-key'] === KEY && req.headers['x-api-secret'] === SECRET) ||
        req.headers.authorization === `Bearer ${TOKEN}`;
      const path = req.url ?? '';
      if (path.startsWith('/v1/') && !authorized) return res.writeHead(401).end('{"error":"unauthorized"}');
      if (path === '/v1/file') return bytes(res);
      if (path === '/v1/stored')
        return res.writeHead(302, { Location: `${storage.url}/bucket/file?signature=${SIGNATURE}` }).end();
      if (path === '/v1/denied')
        return res.writeHead(302, { Location: `${storage.url}/denied?signature=${SIGNATURE}` }).end();
      if (path === '/v1/relative') return res.writeHead(302, { Location: '/public/file' }).end();
      if (path === '/public/file') return bytes(res);
      if (path === '/v1/loop' || path === '/loop') return res.writeHead(302, { Location: '/loop' }).end();
      if (path === '/v1/flaky') {
        const status = flaky.shift();
        return status ? res.writeHead(status, { 'Retry-After': '0' }).end('{"error":"busy"}') : bytes(res);
      }
      if (path === '/v1/slow') return; // never answers
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"Not found"}');
    });
  });
  afterAll(async () => {
    await api.close();
    await storage.close();
  });
  beforeEach(() => {
    expect.hasAssertions();
    api.seen.length = 0;
    storage.seen.length = 0;
  });

  const transport = (options: Partial<APIOptions> = {}) =>
    new Transport({
      ...resolveOptions({ auth: { key: KEY, secret: SECRET }, baseUrl: api.url, ...options }),
      createXHR,
      retry: { baseDelayMs: 0, ...(options.retry || {}) },
    });

  it('brings all 256 byte values exactly', async () => {
    const file = await firstValueFrom(download(transport(), { path: '/file' }));
    expect(file).toBeInstanceOf(Uint8Array);
    expect(file).toHaveLength(256);
    expect([...file]).toEqual([...ALL_BYTES]);
    expect(api.seen[0].headers.accept).toBe('*/*');
  });

  it.each([
    ['key and secret', { key: KEY, secret: SECRET }],
    ['a token', { token: TOKEN }],
  ])('follows a redirect to another host and port without credentials (%s)', async (_, auth) => {
    const t = transport({ auth, headers: { 'User-Agent': 'my-app/1.2', 'X-Team': 'A' } });
    const file = await firstValueFrom(download(t, { path: '/stored' }));
    expect([...file]).toEqual([...ALL_BYTES]);
    expect(api.seen).toHaveLength(1);
    expect(storage.seen).toEqual([{ url: `/bucket/file?signature=${SIGNATURE}`, headers: expect.any(Object) }]);
    const sent = storage.seen[0].headers;
    expect(sent).not.toHaveProperty('x-api-key');
    expect(sent).not.toHaveProperty('x-api-secret');
    expect(sent).not.toHaveProperty('authorization');
    expect(JSON.stringify(sent)).not.toMatch(new RegExp(`${SECRET}|${TOKEN}|${KEY}`));
    // Headers that are no credential go along.
    expect(sent).toMatchObject({ 'user-agent': 'my-app/1.2', 'x-team': 'A', accept: '*/*' });
  });

  it('resolves a relative Location against the request URL, again without credentials', async () => {
    const file = await firstValueFrom(download(transport(), { path: '/relative' }));
    expect(file).toHaveLength(256);
    expect(api.seen.map((s) => s.url)).toEqual(['/v1/relative', '/public/file']);
    expect(api.seen[1].headers).not.toHaveProperty('x-api-key');
    expect(api.seen[1].headers).not.toHaveProperty('x-api-secret');
  });

  it('ends a redirect loop with an HttpError after 5 redirects, and does not retry it', async () => {
    const error = await firstValueFrom(download(transport(), { path: '/loop' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(302);
    expect((error as Error).message).toMatch(/more than 5 redirects/);
    expect(api.seen.map((s) => s.url)).toEqual(['/v1/loop', ...Array(5).fill('/loop')]);
  });

  it('answers a 404 with a NotFoundError', async () => {
    const error = await firstValueFrom(download(transport(), { path: '/nothing' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, url: `${api.url}/v1/nothing` });
  });

  it('makes two requests for two identical downloads at once (no de-duplication)', async () => {
    const t = transport();
    const [a, b] = await firstValueFrom(zip(download(t, { path: '/file' }), download(t, { path: '/file' })));
    expect([a.length, b.length]).toEqual([256, 256]);
    expect(a).not.toBe(b);
    expect(api.seen.map((s) => s.url)).toEqual(['/v1/file', '/v1/file']);
  });

  it('times out after downloadTimeout with a TimeoutError', async () => {
    const error = await firstValueFrom(
      download(transport({ downloadTimeout: 50, retry: { maxAttempts: 1 } }), { path: '/slow' }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError', timeoutMs: 50 });
  });

  it('goes through the retry policy (a 503, then a 429) and reports each attempt', async () => {
    flaky = [503, 429];
    const t = transport();
    const events: RequestEvent[] = [];
    t.events$.subscribe((e) => events.push(e));
    const file = await firstValueFrom(download(t, { path: '/flaky' }));
    expect(file).toHaveLength(256);
    expect(events.filter((e) => e.type === 'end').map((e) => e.type === 'end' && e.status)).toEqual([503, 429, 200]);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
  });

  it('holds a download at the concurrency gate like any call', async () => {
    const t = transport({ concurrency: 1 });
    const events: RequestEvent[] = [];
    t.events$.subscribe((e) => events.push(e));
    await firstValueFrom(zip(download(t, { path: '/stored' }), download(t, { path: '/file' })));
    // One at a time: the second starts after the first ended, its redirect included.
    expect(events.map((e) => e.type)).toEqual(['start', 'end', 'start', 'end']);
  });

  it('never shows a credential or the storage URL in an error or an event', async () => {
    const t = transport();
    const events: RequestEvent[] = [];
    t.events$.subscribe((e) => events.push(e));
    await firstValueFrom(download(t, { path: '/stored' }));
    const failures = await Promise.all(
      ['/loop', '/nothing', '/denied'].map((path) => firstValueFrom(download(t, { path })).catch((e: unknown) => e)),
    );
    expect(failures).toEqual([expect.any(HttpError), expect.any(NotFoundError), expect.any(AuthError)]);
    expect(events).toHaveLength(8);
    const shown = [
      ...failures.map((e) => `${String(e)} ${inspect(e, { depth: 5 })} ${JSON.stringify(e)}`),
      JSON.stringify(events),
    ].join('\n');
    for (const secret of [KEY, SECRET, SIGNATURE, storage.url]) expect(shown).not.toContain(secret);
  });
});
