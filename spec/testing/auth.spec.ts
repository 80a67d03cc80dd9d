import { createHash } from 'node:crypto';
import { DEFAULT_CREDENTIALS, startServer, type RunningServer } from '../../lib/testing';

describe('local server: authentication and CORS', () => {
  let server: RunningServer;
  let umlaut: RunningServer;
  beforeAll(async () => {
    server = await startServer({ data: { tickets: 20 } });
    umlaut = await startServer({ data: { tickets: 5 }, credentials: { basic: ['jürgen', 'pässwörd'] } });
  });
  afterAll(async () => {
    await server.stop();
    await umlaut.stop();
  });
  beforeEach(() => expect.hasAssertions());

  const get = (headers: Record<string, string>, base = server.url): Promise<Response> =>
    fetch(`${base}/v1/user`, { headers });
  const basic = (user: string, password: string): string =>
    `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  const { key, secret, token } = DEFAULT_CREDENTIALS;

  it.each([
    ['an API key and secret', { 'X-Api-Key': key, 'X-Api-Secret': secret }],
    ['a Bearer token', { Authorization: `Bearer ${token}` }],
    ['Basic auth', { Authorization: basic(...DEFAULT_CREDENTIALS.basic) }],
  ])('accepts %s', async (_name, headers) => {
    const res = await get(headers);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { login: string }).login).toBe('jsmith');
  });

  it('decodes Basic credentials as UTF-8', async () => {
    expect((await get({ Authorization: basic('jürgen', 'pässwörd') }, umlaut.url)).status).toBe(200);
    expect((await get({ Authorization: basic('jürgen', 'passwort') }, umlaut.url)).status).toBe(401);
    // A form the server was not given is refused.
    expect((await get({ 'X-Api-Key': key, 'X-Api-Secret': secret }, umlaut.url)).status).toBe(401);
  });

  it.each([
    ['no credentials', {}],
    ['a wrong secret', { 'X-Api-Key': key, 'X-Api-Secret': 'nope' }],
    ['a key without secret', { 'X-Api-Key': key }],
    ['a wrong token', { Authorization: 'Bearer nope' }],
    ['a wrong password', { Authorization: basic('john', 'nope') }],
    ['an unknown scheme', { Authorization: `Token token="${token}"` }],
  ])('answers 401 JSON to %s', async (_name, headers) => {
    const res = await get(headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as { error: string; error_description: string };
    expect(body.error).toBe('unauthorized');
    expect(body.error_description.length).toBeGreaterThan(5);
  });

  it('answers an OPTIONS preflight without credentials: 204 with the CORS headers', async () => {
    const res = await fetch(`${server.url}/v1/spaces/big-project/tickets`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://example.com',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'x-api-key',
      },
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE, OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'X-Api-Key, X-Api-Secret, Authorization, Content-Type, Accept, If-None-Match',
    );
    expect(server.stats.byEndpoint['OPTIONS *']).toBeGreaterThanOrEqual(1);
  });

  it('sends the CORS headers on every answer, errors included', async () => {
    for (const res of [await get({}), await get({ Authorization: `Bearer ${token}` })]) {
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-expose-headers')).toBe(
        'Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, ETag',
      );
      const text = await res.text();
      if (res.status === 200) expect(res.headers.get('etag')).toBe(`"${createHash('md5').update(text).digest('hex')}"`);
    }
  });
});
