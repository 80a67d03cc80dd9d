// `agent` and `headers` over real HTTP: the agent opens the sockets, the extra headers arrive, and
// the credential headers stay the SDK's.
import { Agent, createServer, IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { API } from '../../lib';
import { http } from '../../lib/transport/http';
import { createXHR } from '../../lib/transport/xhr-node';

/** An http.Agent that counts the connections it opens. */
class CountingAgent extends Agent {
  connections = 0;
  override createConnection(...args: Parameters<Agent['createConnection']>): Socket {
    this.connections++;
    return super.createConnection(...args) as Socket;
  }
}

const seen: IncomingHttpHeaders[] = [];
const server = createServer((req, res) => {
  seen.push(req.headers);
  res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]');
});
beforeAll(() => new Promise<void>((r) => server.listen(0, '127.0.0.1', r)));
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(() => (seen.length = 0));
const baseUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe('transport options', () => {
  it('sends every request through the given agent', async () => {
    const agent = new CountingAgent();
    const api = new API({ auth: { token: 'tok' }, baseUrl: baseUrl(), agent, useCache: false });
    await firstValueFrom(api.spaces());
    await firstValueFrom(api.spaces());
    expect(seen).toHaveLength(2);
    // No keep-alive: one connection per request, each opened by our agent.
    expect(agent.connections).toBe(2);
    agent.destroy();
  });

  it('sends the extra headers with every request, next to the credentials', async () => {
    const api = new API({
      auth: { key: 'KEY', secret: 'SECRET' },
      baseUrl: baseUrl(),
      headers: { 'User-Agent': 'my-app/1.2', 'X-Request-Source': 'nightly' },
    });
    await firstValueFrom(api.spaces());
    expect(seen).toEqual([
      expect.objectContaining({
        'user-agent': 'my-app/1.2',
        'x-request-source': 'nightly',
        'x-api-key': 'KEY',
        'x-api-secret': 'SECRET',
        accept: 'application/json',
      }),
    ]);
  });

  it.each(['User-Agent', 'user-agent', 'USER-AGENT'])(
    'sends a %s header as given, in place of xhr2 own',
    async (name) => {
      const api = new API({ auth: { token: 'tok' }, baseUrl: baseUrl(), headers: { [name]: 'my-app/2' } });
      await firstValueFrom(api.spaces());
      expect(seen.map((h) => h['user-agent'])).toEqual(['my-app/2']);
    },
  );

  it.each(['Authorization', 'authorization', 'X-Api-Key', 'X-API-SECRET', 'Accept'])(
    'refuses an extra %s header: the SDK sets it',
    (name) => {
      expect(
        () => new API({ auth: { token: 'tok' }, baseUrl: baseUrl(), headers: { [name]: 'Bearer other' } }),
      ).toThrow(/headers must not set/);
    },
  );

  it('never lets an extra header replace a credential header, in any case', async () => {
    const attempt = http({
      headers: () => ({ 'X-Api-Key': 'KEY', 'X-Api-Secret': 'SECRET' }),
      extraHeaders: { 'x-api-key': 'other', 'X-API-SECRET': 'other', accept: 'text/html', 'X-Team': 'A' },
      createXHR,
      timeoutMs: 0,
    });
    const url = `${baseUrl()}/v1/spaces`;
    await firstValueFrom(attempt({ method: 'GET', path: '/spaces', url, attempt: 1 }));
    expect(seen).toEqual([
      expect.objectContaining({
        'x-api-key': 'KEY',
        'x-api-secret': 'SECRET',
        accept: 'application/json',
        'x-team': 'A',
      }),
    ]);
  });
});
