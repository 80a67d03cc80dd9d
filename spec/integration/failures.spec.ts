// Every failure over real sockets is a typed AssemblaError that says what happened: a body too deep
// to walk, a refused connection, a reset, TLS spoken to a plain-http server.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { API, NetworkError, ParseError, ticket } from '../../lib';
import { generateData } from '../../lib/testing';

const DEEP = '['.repeat(10_000) + ']'.repeat(10_000);

/** A loopback server with its own behaviour; closed after the file. */
function loopback(handle: (req: IncomingMessage, res: ServerResponse) => void): {
  server: Server;
  url: () => string;
  port: () => number;
} {
  const server = createServer(handle);
  beforeAll(() => new Promise<void>((r) => server.listen(0, '127.0.0.1', r)));
  afterAll(() => new Promise((r) => server.close(r)));
  const port = () => (server.address() as AddressInfo).port;
  return { server, port, url: () => `http://127.0.0.1:${port()}` };
}

const api = (baseUrl: string) => new API({ auth: { token: 'tok' }, baseUrl, retry: false, allowInsecureHttp: false });
const fail = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('every failure is an AssemblaError', () => {
  beforeEach(() => expect.hasAssertions());

  describe('a body nested 10,000 deep', () => {
    // The list of spaces is the bare nesting; a space is a real one with the nesting in an unknown
    // field (kept as is, then frozen), and so is a ticket of the one good space.
    const space = generateData({ tickets: 1 }).spaces[0];
    const deep = loopback((req, res) => {
      const url = req.url ?? '';
      const body = url.endsWith('/spaces')
        ? DEEP
        : url.includes('/tickets/')
          ? `{"id":1,"number":1,"deep":${DEEP}}`
          : url.endsWith(`/${space.wiki_name}`)
            ? JSON.stringify(space)
            : JSON.stringify(space).replace(/}$/, `,"deep":${DEEP}}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
    });

    it.each([
      ['the list of spaces', (a: API) => a.spaces()],
      ['a space by wiki_name', (a: API) => a.space({ wiki_name: 's' })],
      ['a ticket by number', (a: API) => a.space({ wiki_name: space.wiki_name }).pipe(ticket({ number: 1 }))],
    ])('is a ParseError, not a RangeError: %s', async (_, query) => {
      const error = await fail(firstValueFrom(query(api(deep.url())) as never));
      expect(error).toBeInstanceOf(ParseError);
      expect((error as Error).message).toMatch(/nested more than 64 levels deep/);
    });
  });

  describe('NetworkError says what failed, with the platform code', () => {
    const resetting = loopback((req) => req.socket.destroy());
    const plain = loopback((_, res) => res.end('plain http'));
    // Port 1 (tcpmux) has no listener: a port freed by the test itself could be taken by a
    // parallel test's listen(0) before the connection is tried.
    const closedPort = 1;

    it('connection refused (ECONNREFUSED)', async () => {
      const error = await fail(firstValueFrom(api(`http://127.0.0.1:${closedPort}`).spaces()));
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).toMatchObject({ code: 'ECONNREFUSED', attempts: 1 });
      expect((error as Error).message).toMatch(
        /network error \(connection refused: nothing listens at that host and port, ECONNREFUSED\)/,
      );
    });

    it('connection reset (ECONNRESET)', async () => {
      const error = await fail(firstValueFrom(api(resetting.url()).spaces()));
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).toMatchObject({ code: 'ECONNRESET' });
      expect((error as Error).message).toMatch(/reset/);
    });

    it('TLS failure: https:// to a plain-http server', async () => {
      const error = await fail(firstValueFrom(api(`https://127.0.0.1:${plain.port()}`).spaces()));
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).code).toMatch(/^(EPROTO|ERR_SSL_)/);
      expect((error as Error).message).toMatch(/TLS failure/);
    });

    it('retries keep the code and count the attempts', async () => {
      const a = new API({
        auth: { token: 'tok' },
        baseUrl: `http://127.0.0.1:${closedPort}`,
        retry: { maxAttempts: 2, baseDelayMs: 0 },
      });
      const error = await fail(firstValueFrom(a.spaces()));
      expect(error).toMatchObject({ name: 'NetworkError', code: 'ECONNREFUSED', attempts: 2 });
    });
  });
});
