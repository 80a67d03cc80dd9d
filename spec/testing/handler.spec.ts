// The in-memory handler (createHandler) answers as the HTTP server does, from the same code.
import { createHandler, DEFAULT_CREDENTIALS, startServer, type RunningServer } from '../../lib/testing';
import { AUTH, call } from './helpers';

describe('createHandler: the local server without sockets', () => {
  let server: RunningServer;
  const memory = createHandler({ data: { tickets: 300 } });
  beforeAll(async () => {
    server = await startServer({ data: { tickets: 300 } });
  });
  afterAll(() => server.stop());
  beforeEach(() => expect.hasAssertions());

  it('answers the same status and body as the HTTP server for reads of every kind', async () => {
    for (const path of [
      '/v1/spaces',
      '/v1/spaces/big-project/tickets?per_page=5&page=2',
      '/v1/spaces/big-project/tickets/201.json',
      '/v1/spaces/big-project/tickets/3/ticket_comments',
      '/v1/spaces/big-project/tags?page=2',
      '/v1/spaces/big-project/wiki_pages/Home/versions',
      '/v1/tasks?per_page=3',
      '/v1/spaces/big-project/tickets/4/ticket_comments',
      '/v1/spaces/nope',
      '/v1/spaces.xml',
    ]) {
      const http = await call(server.url, path);
      const local = memory.handle('GET', path, AUTH);
      expect([path, local.status, local.body]).toEqual([path, http.status, http.text]);
      expect(local.headers['Content-Type']).toBe(http.headers.get('content-type') ?? undefined);
    }
  });

  it('checks credentials, takes header names in any case, and answers 304 to a matching If-None-Match', () => {
    expect(memory.handle('GET', '/v1/user').status).toBe(401);
    expect(memory.handle('GET', '/v1/user', { authorization: `Bearer ${DEFAULT_CREDENTIALS.token}` }).status).toBe(200);
    const first = memory.handle('GET', 'http://any.host/v1/user', AUTH);
    expect(memory.handle('GET', '/v1/user', { ...AUTH, 'If-None-Match': first.headers.ETag }).status).toBe(304);
  });

  it('never answers 304 with `conditional: false`', () => {
    const always200 = createHandler({ data: { tickets: 5 }, conditional: false });
    const first = always200.handle('GET', '/v1/spaces/big-project/tickets/statuses', AUTH);
    const again = always200.handle('GET', '/v1/spaces/big-project/tickets/statuses', {
      ...AUTH,
      'If-None-Match': first.headers.ETag,
    });
    expect([again.status, again.headers.ETag, again.body]).toEqual([200, first.headers.ETag, first.body]);
    expect(() => createHandler({ conditional: 'no' as unknown as boolean })).toThrow(/conditional must be a boolean/);
  });

  it("with `offsets: 'varying'` writes timestamps at another offset on each call: same instants, another ETag", () => {
    const varying = createHandler({ data: { tickets: 5 }, offsets: 'varying' });
    const path = '/v1/spaces/big-project/tickets/statuses';
    const [a, b, c] = [1, 2, 3].map(() => varying.handle('GET', path, AUTH));
    const times = (body: unknown) =>
      (JSON.parse(body as string) as Array<{ created_at: string }>).map((s) => s.created_at);
    expect(times(a.body)[0]).toMatch(/Z$/);
    expect(times(b.body)[0]).toMatch(/\+05:30$/);
    expect(times(c.body)[0]).toMatch(/-08:00$/);
    expect(times(b.body).map(Date.parse)).toEqual(times(a.body).map(Date.parse));
    expect(new Set([a.headers.ETag, b.headers.ETag, c.headers.ETag]).size).toBe(3);
    // The ETag of the answer before no longer matches: no 304.
    expect(varying.handle('GET', path, { ...AUTH, 'If-None-Match': c.headers.ETag }).status).toBe(200);
    expect(() => createHandler({ offsets: 'utc' as 'stored' })).toThrow(/offsets must be 'stored' or 'varying'/);
  });

  it('runs writes on its own data', () => {
    const created = memory.handle(
      'POST',
      '/v1/spaces/big-project/tickets',
      { ...AUTH, 'Content-Type': 'application/json' },
      JSON.stringify({ ticket: { summary: 'In memory' } }),
    );
    expect(created.status).toBe(201);
    const number = JSON.parse(created.body as string).number as number;
    expect(memory.data.tickets[memory.data.spaces[0].id].at(-1)).toMatchObject({ number, summary: 'In memory' });
    expect(server.data.tickets[server.data.spaces[0].id].some((t) => t.summary === 'In memory')).toBe(false);
  });

  it('answers a download with the bytes', () => {
    const doc = memory.data.documents[memory.data.spaces[0].id][0];
    const res = memory.handle('GET', `/v1/spaces/big-project/documents/${doc.id}/download`, AUTH);
    expect([...(res.body as Uint8Array)]).toEqual(Array.from({ length: 256 }, (_, i) => i));
  });
});
