// Credentials never appear in an error (message, toString, JSON, util.inspect, cause chain), in a
// requests$ event, or in what the examples print — with real credentials in use.
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { filter, firstValueFrom, lastValueFrom, of, toArray } from 'rxjs';
import {
  API,
  AmbiguousMatchError,
  AssemblaError,
  AuthError,
  ConfigError,
  DecodeError,
  FilterError,
  HttpError,
  NetworkError,
  NotFoundError,
  ParseError,
  RateLimitError,
  RequestEvent,
  Space,
  TimeoutError,
  UnboundEntityError,
  changes,
  streamTickets,
  ticket,
  tickets,
} from '../../lib';
import { basic } from '../../examples/basic';
import { RunningServer, startServer } from '../../lib/testing';
import { startProxy } from '../support/proxy';

const SECRETS = {
  key: 'Key-4f9a8b7c6d5e',
  secret: 'Secret-0a1b2c3d4e5f',
  token: 'Token-9z8y7x6w5v',
  user: 'user-qwerty',
  password: 'Password-zxcvbn',
};
const CREDENTIALS = {
  key: SECRETS.key,
  secret: SECRETS.secret,
  token: SECRETS.token,
  basic: [SECRETS.user, SECRETS.password] as [string, string],
};
const basicHeader = Buffer.from(`${SECRETS.user}:${SECRETS.password}`).toString('base64');
const needles = [...Object.values(SECRETS), basicHeader];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Every way an error gets shown: message, toString, JSON, util.inspect (console.log and jest), the cause chain. */
function renderings(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    parts.push(
      String(e),
      JSON.stringify(e) ?? '',
      inspect(e, { depth: Infinity, showHidden: true }),
      (e as Error).stack ?? '',
    );
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

function expectClean(text: string): void {
  for (const needle of needles) expect(text).not.toContain(needle);
}

describe('no credential in any error, event or output', () => {
  let server: RunningServer;
  let odd: Server;
  let oddUrl: string;
  let redirector: Server;
  let redirectorUrl: string;
  let echo: Server;
  let echoUrl: string;
  const events: RequestEvent[] = [];

  beforeAll(async () => {
    server = await startServer({ data: { tickets: 250 }, credentials: CREDENTIALS });
    // A server that answers well-formed JSON of the wrong shape, and one that redirects elsewhere.
    odd = createServer((_, res) =>
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify([{ id: 1, name: 42 }])),
    );
    redirector = createServer((_, res) => res.writeHead(302, { Location: `${server.url}/v1/spaces` }).end());
    // A proxy that echoes the request's headers in its error pages (status from the path).
    echo = createServer((req, res) => {
      const credential = req.headers.authorization ?? req.headers['x-api-secret'] ?? '';
      // 200s that echo: the bare credential (JSON.parse's message quotes a body's start), and
      // well-formed JSON of the wrong shape (a DecodeError shows the value it got).
      if (/echo-raw/.test(req.url ?? ''))
        return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(String(credential));
      if ((req.url ?? '').endsWith('/spaces'))
        return void res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ echo: credential, headers: req.headers }));
      const status = Number(/echo-(\d+)/.exec(req.url ?? '')?.[1] ?? 500);
      const headers = JSON.stringify(req.headers);
      const body =
        status === 500
          ? '<html><head><title>Proxy error for ' +
            `${req.headers.authorization ?? req.headers['x-api-secret']}</title></head>` +
            `<body>${headers}</body></html>`
          : `request ${headers}`;
      res
        .writeHead(status, { 'Content-Type': status === 500 ? 'text/html' : 'text/plain', 'Retry-After': '1' })
        .end(body);
    });
    oddUrl = await listen(odd);
    redirectorUrl = await listen(redirector);
    echoUrl = await listen(echo);
  });
  afterAll(async () => {
    await Promise.all([
      server.stop(),
      new Promise((r) => odd.close(r)),
      new Promise((r) => redirector.close(r)),
      new Promise((r) => echo.close(r)),
    ]);
  });
  beforeEach(() => expect.hasAssertions());

  const api = (options: Partial<ConstructorParameters<typeof API>[0]> = {}) => {
    const a = new API({
      auth: { key: SECRETS.key, secret: SECRETS.secret },
      baseUrl: server.url,
      retry: false,
      ...options,
    });
    a.requests$.subscribe((e) => events.push(e));
    return a;
  };
  const fail = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e,
    );

  it.each([
    [
      'AuthError (key + secret)',
      () => fail(firstValueFrom(api({ auth: { key: SECRETS.key, secret: `${SECRETS.secret}-old` } }).spaces())),
      AuthError,
    ],
    [
      'AuthError (token)',
      () => fail(firstValueFrom(api({ auth: { token: `${SECRETS.token}-old` } }).spaces())),
      AuthError,
    ],
    [
      'AuthError (Basic)',
      () => fail(firstValueFrom(api({ auth: [SECRETS.user, `${SECRETS.password}-old`] }).spaces())),
      AuthError,
    ],
    ['NotFoundError (404)', () => fail(firstValueFrom(api().space({ wiki_name: 'nope' }))), NotFoundError],
    ['NotFoundError (no match)', () => fail(firstValueFrom(api().space({ name: 'nope' }))), NotFoundError],
    [
      'AmbiguousMatchError',
      () =>
        fail(
          firstValueFrom(
            api()
              .space({ name: 'Big Project' })
              .pipe(ticket({ priority: 3 })),
          ),
        ),
      AmbiguousMatchError,
    ],
    [
      'FilterError',
      () =>
        fail(
          firstValueFrom(
            api()
              .space({ name: 'Big Project' })
              .pipe(tickets({ nope: 1 } as never)),
          ),
        ),
      FilterError,
    ],
    [
      'UnboundEntityError',
      () => fail(firstValueFrom(of({ id: 'x' } as unknown as Space).pipe(tickets()))),
      UnboundEntityError,
    ],
    ['DecodeError', () => fail(firstValueFrom(api({ baseUrl: oddUrl }).spaces())), DecodeError],
    ['HttpError (refused redirect)', () => fail(firstValueFrom(api({ baseUrl: redirectorUrl }).spaces())), HttpError],
    [
      'ConfigError',
      () => fail(Promise.resolve().then(() => new API({ auth: { key: SECRETS.key, secret: ` ${SECRETS.secret}` } }))),
      ConfigError,
    ],
    [
      'ConfigError (password in a malformed baseUrl)',
      () =>
        fail(
          Promise.resolve().then(
            () => new API({ auth: { token: 't' }, baseUrl: `https://${SECRETS.user}:${SECRETS.password}/x@host:bad` }),
          ),
        ),
      ConfigError,
    ],
    [
      'ConfigError (secret in the wrong option)',
      () => fail(Promise.resolve().then(() => new API({ auth: { token: 't' }, timeout: SECRETS.secret as never }))),
      ConfigError,
    ],
    [
      'ConfigError (secret as an option key)',
      () => fail(Promise.resolve().then(() => new API({ auth: { token: 't' }, [SECRETS.token]: 1 } as never))),
      ConfigError,
    ],
    [
      'ConfigError (token function that throws with the token in its message)',
      () =>
        fail(
          firstValueFrom(
            api({
              auth: {
                token: () => {
                  throw new Error(`cannot refresh ${SECRETS.token}`);
                },
              },
            }).spaces(),
          ),
        ),
      ConfigError,
    ],
  ] as Array<[string, () => Promise<unknown>, new (...a: never[]) => AssemblaError]>)(
    '%s',
    async (_, produce, type) => {
      const error = await produce();
      expect(error).toBeInstanceOf(type);
      expectClean(renderings(error));
    },
  );

  it.each([
    ['HttpError (5xx)', { rate5xx: 1 }, HttpError],
    ['RateLimitError', { burst429Rate: 1, retryAfterSec: 1 }, RateLimitError],
    ['ParseError', { malformedRate: 1 }, ParseError],
    ['NetworkError', { dropRate: 1 }, NetworkError],
    ['TimeoutError', { slowRate: 1, slowMs: 500 }, TimeoutError],
  ] as const)('%s', async (_, faults, type) => {
    const s = await startServer({ data: { tickets: 20 }, credentials: CREDENTIALS, faults: { seed: 1, ...faults } });
    try {
      // A short timeout only where it is the point: elsewhere a busy machine could hit it first.
      const error = await fail(
        firstValueFrom(api({ baseUrl: s.url, timeout: type === TimeoutError ? 100 : 30_000 }).spaces()),
      );
      expect(error).toBeInstanceOf(type);
      expectClean(renderings(error));
    } finally {
      await s.stop();
    }
  });

  // Some proxies echo the request's headers in an error page: the credential values are replaced
  // before the body is kept in the error's body or message.
  it.each([
    ['key + secret', { key: SECRETS.key, secret: SECRETS.secret }],
    ['token', { token: SECRETS.token }],
    ['token function', { token: () => Promise.resolve(SECRETS.token) }],
    ['Basic', [SECRETS.user, SECRETS.password]],
  ] as const)('an error body that echoes the credentials (%s) is kept redacted', async (_, auth) => {
    const a = new API({ auth: auth as never, baseUrl: echoUrl, retry: false });
    for (const [path, type] of [
      ['500', HttpError],
      ['400', HttpError],
      ['401', AuthError],
      ['429', RateLimitError],
      ['200', ParseError],
    ] as const) {
      const error = await fail(firstValueFrom(a.space({ wiki_name: `echo-${path}` })));
      expect(error).toBeInstanceOf(type);
      expect((error as HttpError).body).toContain('[redacted]');
      expectClean(renderings(error));
    }
    const raw = await fail(firstValueFrom(a.space({ wiki_name: 'echo-raw' })));
    expect(raw).toBeInstanceOf(ParseError);
    expectClean(renderings(raw));
    const decoded = await fail(firstValueFrom(a.spaces()));
    expect(decoded).toBeInstanceOf(DecodeError);
    expect((decoded as DecodeError).actual).toContain('[redacted]');
    expectClean(renderings(decoded));
  });

  it('requests$ events and the example output hold no credential', async () => {
    await lastValueFrom(api().space({ name: 'Big Project' }).pipe(streamTickets(), toArray()));
    const lines: string[] = [];
    await basic({ assembla: api(), spaceName: 'Big Project', print: (l) => lines.push(l) });
    expect(events.length).toBeGreaterThan(10);
    expectClean(JSON.stringify(events) + inspect(events, { depth: Infinity }) + lines.join('\n'));
  });

  it("a live poll's failure event on requests$ holds no credential, though the failed answer echoed it", async () => {
    const echoing = await startProxy(server.url, (req) =>
      req.url?.startsWith('/v1/activity')
        ? {
            answer: {
              status: 500,
              body: `upstream failed for ${req.headers['x-api-secret']} ${JSON.stringify(req.headers)}`,
            },
          }
        : undefined,
    );
    try {
      const a = new API({ auth: { key: SECRETS.key, secret: SECRETS.secret }, baseUrl: echoing.url, retry: false });
      const poll = firstValueFrom(a.requests$.pipe(filter((e) => e.type === 'poll')));
      const feed = a
        .space({ name: 'Big Project' })
        .pipe(changes({ every: 20 }))
        .subscribe();
      const event = await poll;
      feed.unsubscribe();
      expect(event).toMatchObject({ type: 'poll', method: 'GET', attempt: 1 });
      expectClean(JSON.stringify(event) + inspect(event, { depth: Infinity }));
    } finally {
      await echoing.close();
    }
  });

  it('a redirect is refused: the other host never sees the credentials', async () => {
    server.stats.reset();
    const error = await fail(firstValueFrom(api({ baseUrl: redirectorUrl }).spaces()));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 302 });
    expect((error as Error).message).toContain('redirect');
    expect(server.stats.requests).toBe(0);
  });
});
