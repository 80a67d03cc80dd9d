import { createHash } from 'node:crypto';
import { startServer, type RunningServer, type WireSpace } from '../../lib/testing';
import { AUTH, call } from './helpers';

describe('local server: endpoints and wire details', () => {
  let server: RunningServer;
  let big: WireSpace;
  const get = (path: string, headers: Record<string, string> = {}) => call(server.url, path, { headers });
  beforeAll(async () => {
    server = await startServer({ data: { tickets: 400 } });
    big = server.data.spaces[0];
  });
  afterAll(() => server.stop());
  beforeEach(() => expect.hasAssertions());

  it('answers JSON with the recorded headers: content type, MD5 ETag, cache control, request id, runtime', async () => {
    const res = await get('/v1/spaces');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('etag')).toBe(`"${createHash('md5').update(res.text).digest('hex')}"`);
    expect(res.headers.get('cache-control')).toBe('max-age=0, private, must-revalidate');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get('x-runtime')).toMatch(/^\d+\.\d{6}$/);
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(res.text)));
  });

  it('lists every space, unpaged, Big Project first', async () => {
    const res = await get('/v1/spaces?per_page=1&page=2');
    expect(res.json.map((s: WireSpace) => s.name)).toEqual(server.data.spaces.map((s) => s.name));
    expect(res.json[0].name).toBe('Big Project');
  });

  it('takes an optional .json suffix on the last segment', async () => {
    for (const path of [
      '/spaces',
      '/spaces/big-project',
      '/spaces/big-project/tickets/201',
      '/user',
      '/spaces/big-project/tickets/statuses',
    ]) {
      const [plain, suffixed] = [await get(`/v1${path}`), await get(`/v1${path}.json`)];
      expect(suffixed.status).toBe(200);
      expect(suffixed.text).toBe(plain.text);
    }
  });

  it('answers .xml with 406', async () => {
    expect((await get('/v1/spaces.xml')).status).toBe(406);
  });

  it('finds a space by wiki_name and by id', async () => {
    const [byName, byId] = [await get('/v1/spaces/big-project'), await get(`/v1/spaces/${big.id}`)];
    expect(byName.json.id).toBe(big.id);
    expect(byId.text).toBe(byName.text);
  });

  it('finds a user by id and by login, and answers /user with the caller', async () => {
    const me = await get('/v1/user');
    expect(me.json).toEqual(server.data.me);
    expect((await get('/v1/users/jsmith')).json).toEqual(server.data.me);
    expect((await get(`/v1/users/${server.data.me.id}`)).json).toEqual(server.data.me);
    const members = await get('/v1/spaces/big-project/users?per_page=2');
    expect(members.json).toHaveLength(8);
  });

  it('finds a ticket by number and by global id', async () => {
    const byNumber = await get('/v1/spaces/big-project/tickets/201');
    expect(byNumber.json).toMatchObject({ number: 201, status: 'Test', priority: 1 });
    const byId = await get(`/v1/spaces/big-project/tickets/id/${byNumber.json.id}`);
    expect(byId.text).toBe(byNumber.text);
    // A ticket id of another space is not found in this one.
    const other = server.data.tickets[server.data.spaces[1].id][0];
    expect((await get(`/v1/spaces/big-project/tickets/id/${other.id}`)).status).toBe(404);
  });

  it('writes integral floats like Rails (1.0), and no status_name', async () => {
    const res = await get('/v1/spaces/big-project/tickets/1');
    expect(res.text).toMatch(/"importance":-?\d+\.\d+/);
    expect(res.text).toMatch(/"estimate":\d+\.\d+,"total_estimate":\d+\.\d+/);
    expect(res.json).not.toHaveProperty('status_name');
    expect(typeof res.json.status).toBe('string');
  });

  it('lists statuses by list_order, unpaged', async () => {
    const res = await get('/v1/spaces/big-project/tickets/statuses?per_page=2');
    expect(res.json.map((s: { name: string }) => s.name)).toEqual([
      'New',
      'Accepted',
      'Test',
      'Code Review',
      'Fixed',
      'Invalid',
    ]);
  });

  it('lists milestones: open by default, all, upcoming, completed, release notes; and one by id', async () => {
    const titles = async (path: string): Promise<string[]> =>
      (await get(path)).json.map((m: { title: string }) => m.title);
    const all = await titles('/v1/spaces/big-project/milestones/all');
    const open = await titles('/v1/spaces/big-project/milestones');
    const completed = await titles('/v1/spaces/big-project/milestones/completed');
    expect(all).toEqual(expect.arrayContaining(['Release Candidate 1', 'Backlog']));
    expect(open).toContain('Release Candidate 1');
    expect(open).not.toEqual(all);
    expect(completed.length).toBeGreaterThan(0);
    expect([...open, ...completed].sort()).toEqual([...all].sort());
    expect(await titles('/v1/spaces/big-project/milestones/upcoming')).toEqual(open);
    expect(await titles('/v1/spaces/big-project/milestones/release_notes')).toEqual(
      server.data.milestones[big.id]
        .filter((m) => m.release_notes)
        .map((m) => m.title)
        .sort((a, b) => all.indexOf(a) - all.indexOf(b)),
    );
    expect(await titles('/v1/spaces/big-project/milestones/all?per_page=2&page=2')).toEqual(all.slice(2, 4));
    const rc1 = server.data.milestones[big.id].find((m) => m.title === 'Release Candidate 1')!;
    expect((await get(`/v1/spaces/big-project/milestones/${rc1.id}`)).json).toEqual(rc1);
    expect((await get('/v1/spaces/big-project/milestones/1')).status).toBe(404);
  });

  it.each([
    '/v1/spaces/no-such-space',
    '/v1/spaces/no-such-space/tickets',
    '/v1/spaces/big-project/tickets/99999',
    '/v1/spaces/big-project/tickets/abc',
    '/v1/spaces/big-project/tickets/milestone/1',
    '/v1/spaces/big-project/tickets?report=42',
    '/v1/users/nobody',
    '/v1/no/such/route',
    '/not-the-api',
  ])('answers 404 text/html " " to %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.text).toBe(' ');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers 304 to a matching If-None-Match, 200 otherwise, and counts the 304s', async () => {
    server.stats.reset();
    const first = await get('/v1/spaces/big-project');
    const again = await fetch(`${server.url}/v1/spaces/big-project`, {
      headers: { ...AUTH, 'If-None-Match': first.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect((await get('/v1/spaces/big-project', { 'If-None-Match': '"stale"' })).status).toBe(200);
    expect(server.stats.byStatus).toEqual({ 200: 2, 304: 1 });
  });

  it('counts requests by route key, status and in the log', async () => {
    server.stats.reset();
    await get('/v1/spaces/big-project/tickets/7.json?x=1');
    await get('/v1/spaces/big-project/tickets/milestone/1');
    await get('/v1/nowhere');
    expect(server.stats.requests).toBe(3);
    expect(server.stats.byEndpoint).toEqual({
      'GET /spaces/:space/tickets/:number': 1,
      'GET /spaces/:space/tickets/milestone/:id': 1,
      'GET *': 1,
    });
    expect(server.stats.byStatus).toEqual({ 200: 1, 404: 2 });
    expect(server.stats.log[0]).toEqual({
      method: 'GET',
      path: '/v1/spaces/big-project/tickets/7.json',
      query: 'x=1',
      status: 200,
    });
  });
});
