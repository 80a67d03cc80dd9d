import { generateData, startServer, type RunningServer, type WireTicket } from '../../lib/testing';
import { call } from './helpers';

describe('local server: ticket lists, paging, reports and sorting', () => {
  let server: RunningServer;
  let all: WireTicket[];
  const get = (path: string) => call(server.url, path);
  const numbers = async (path: string): Promise<number[]> =>
    ((await get(path)).json as WireTicket[]).map((t) => t.number);
  beforeAll(async () => {
    server = await startServer({ data: { tickets: 1234 } });
    all = server.data.tickets[server.data.spaces[0].id];
  });
  afterAll(() => server.stop());
  beforeEach(() => expect.hasAssertions());

  it('pages with per_page (default 10), a short last page, and 204 past the end', async () => {
    expect(await numbers('/v1/spaces/big-project/tickets?report=2')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await numbers('/v1/spaces/big-project/tickets?report=2&per_page=25&page=3')).toEqual(
      all.slice(50, 75).map((t) => t.number),
    );
    expect(await numbers('/v1/spaces/big-project/tickets?report=2&per_page=100&page=13')).toEqual(
      all.slice(1200).map((t) => t.number),
    );
    const past = await get('/v1/spaces/big-project/tickets?report=2&per_page=100&page=14');
    expect(past.status).toBe(204);
    expect(past.text).toBe('');
    expect(past.headers.get('content-type')).toBe('text/plain');
    expect(past.headers.get('content-length')).toBe('0');
    expect(past.headers.get('cache-control')).toBe('no-cache');
  });

  it('caps per_page at 100 and reads bad paging values as the defaults', async () => {
    expect(await numbers('/v1/spaces/big-project/tickets?report=2&per_page=1000')).toHaveLength(100);
    expect(await numbers('/v1/spaces/big-project/tickets?report=2&per_page=abc&page=-1')).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  });

  it('hides closed tickets by default (report 1), shows all with report=0; report 4 is the closed ones', async () => {
    const pageAll = async (query: string): Promise<WireTicket[]> => {
      const out: WireTicket[] = [];
      for (let page = 1; ; page++) {
        const res = await get(`/v1/spaces/big-project/tickets?per_page=100&page=${page}${query}`);
        if (res.status === 204) return out;
        out.push(...(res.json as WireTicket[]));
      }
    };
    const byDefault = await pageAll('');
    const everything = await pageAll('&report=0');
    const closed = await pageAll('&report=4');
    expect(byDefault.length).toBe(all.filter((t) => t.state === 1).length);
    expect(byDefault.every((t) => t.state === 1)).toBe(true);
    expect(everything).toHaveLength(all.length);
    expect(closed.length).toBe(all.length - byDefault.length);
    expect(closed.every((t) => t.state === 0 && t.completed_date !== null)).toBe(true);
  });

  it('orders report 0 by priority, then number', async () => {
    const expected = [...all].sort((a, b) => a.priority - b.priority || a.number - b.number).slice(0, 100);
    expect(await numbers('/v1/spaces/big-project/tickets?report=0&per_page=100')).toEqual(
      expected.map((t) => t.number),
    );
  });

  it('sorts by sort_by and sort_order, comparing timestamps as instants', async () => {
    const sorted = (key: (t: WireTicket) => number, dir: 1 | -1): number[] =>
      [...all]
        .sort((a, b) => dir * (key(a) - key(b)) || a.number - b.number)
        .slice(0, 50)
        .map((t) => t.number);
    expect(
      await numbers('/v1/spaces/big-project/tickets?report=0&sort_by=updated_at&sort_order=desc&per_page=50'),
    ).toEqual(sorted((t) => Date.parse(t.updated_at), -1));
    expect(await numbers('/v1/spaces/big-project/tickets?report=0&sort_by=number&sort_order=desc&per_page=50')).toEqual(
      sorted((t) => t.number, -1),
    );
    expect(await numbers('/v1/spaces/big-project/tickets?report=0&sort_by=estimate&per_page=50')).toEqual(
      sorted((t) => t.estimate, 1),
    );
    const summaries = (
      (await get('/v1/spaces/big-project/tickets?report=0&sort_by=summary&per_page=100')).json as WireTicket[]
    ).map((t) => t.summary);
    expect(summaries).toEqual([...summaries].sort());
  });

  it("lists a milestone's tickets, open and closed, by number", async () => {
    const rc1 = server.data.milestones[server.data.spaces[0].id].find((m) => m.title === 'Release Candidate 1')!;
    const expected = all.filter((t) => t.milestone_id === rc1.id).map((t) => t.number);
    const got: number[] = [];
    for (let page = 1; page < 50; page++) {
      const res = await get(`/v1/spaces/big-project/tickets/milestone/${rc1.id}?per_page=100&page=${page}`);
      if (res.status === 204) break;
      got.push(...(res.json as WireTicket[]).map((t) => t.number));
    }
    expect(got).toEqual(expected);
    expect(got).toEqual(expect.arrayContaining([201, 301]));
    expect(new Set(all.filter((t) => t.milestone_id === rc1.id).map((t) => t.state))).toEqual(new Set([0, 1]));
  });

  it("lists tickets without milestone, the caller's active ones and the ones they follow", async () => {
    const me = server.data.me.id;
    expect(await numbers('/v1/spaces/big-project/tickets/no_milestone?per_page=100')).toEqual(
      all
        .filter((t) => t.milestone_id === null)
        .slice(0, 100)
        .map((t) => t.number),
    );
    const active = (await get('/v1/spaces/big-project/tickets/my_active?per_page=100')).json as WireTicket[];
    expect(active.length).toBeGreaterThan(5);
    expect(active.every((t) => t.assigned_to_id === me && t.state === 1)).toBe(true);
    const followed = (await get('/v1/spaces/big-project/tickets/my_followed?per_page=100')).json as WireTicket[];
    expect(followed.every((t) => t.reporter_id === me || t.notification_list.includes(me))).toBe(true);
  });

  it('selects tickets by number or number[] (any state), ignoring the other parameters', async () => {
    const closed = all.find((t) => t.state === 0)!;
    expect(await numbers(`/v1/spaces/big-project/tickets?number=${closed.number}`)).toEqual([closed.number]);
    expect(await numbers('/v1/spaces/big-project/tickets?number[]=12&number[]=3&per_page=1')).toEqual([3, 12]);
  });

  it('does not page users, statuses or spaces', async () => {
    expect((await get('/v1/spaces/big-project/users?per_page=1&page=3')).json).toHaveLength(8);
    expect((await get('/v1/spaces?per_page=1&page=2')).json).toHaveLength(3);
  });
});

describe('local server: a 100,000-ticket space', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ data: generateData({ tickets: 100_000 }) });
  });
  afterAll(() => server.stop());
  beforeEach(() => expect.hasAssertions());

  // How fast a page is served (X-Runtime) is a benchmark figure (`npm run bench`,
  // spec/bench/server-timing.ts), not a test: here, what the pages hold.
  it('serves pages of 100 of a sorted view built once, with the right tickets on each', async () => {
    const all = server.data.tickets[server.data.spaces[0].id];
    const expected = [...all]
      .sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at) || a.number - b.number)
      .map((t) => t.number);
    const path = (page: number): string =>
      `/v1/spaces/big-project/tickets?report=0&sort_by=updated_at&sort_order=desc&per_page=100&page=${page}`;
    for (const page of [1, 2, 39, 400, 1000]) {
      const res = await call(server.url, path(page));
      expect((res.json as WireTicket[]).map((t) => t.number)).toEqual(expected.slice((page - 1) * 100, page * 100));
    }
    expect((await call(server.url, path(1001))).status).toBe(204);
  });
});
