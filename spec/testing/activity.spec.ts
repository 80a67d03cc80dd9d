// GET /activity over real HTTP under each setting of the server's activity semantics: order,
// inclusive or exclusive `from`, and the zone `from`/`to` are read in; the 60-day window ends at
// the server's clock.
import { SEED_NOW, startServer, type ActivityOptions, type RunningServer, type WireEvent } from '../../lib/testing';
import { call, send } from './helpers';

const MINUTE = 60_000;

/** A server whose clock the test moves, with one ticket created at a known second. */
async function serverWith(activity: ActivityOptions): Promise<{ server: RunningServer; createdAt: number }> {
  let now = SEED_NOW + 30_000; // 08:00:30Z, in the minute 08:00
  const server = await startServer({ data: { tickets: 400 }, now: () => now, activity });
  const created = await send(server.url, 'POST', '/v1/spaces/big-project/tickets', { ticket: { summary: 'Marker' } });
  expect(created.status).toBe(201);
  const createdAt = now;
  now = SEED_NOW + 60 * MINUTE;
  return { server, createdAt };
}

const markerIn = (events: WireEvent[] | undefined): boolean =>
  (events ?? []).some((e) => e.object === 'Ticket' && e.title.endsWith('Marker'));

describe('local server: GET /activity', () => {
  beforeEach(() => expect.hasAssertions());

  describe('by default (newest first, exclusive from, UTC)', () => {
    let server: RunningServer;
    let createdAt: number;
    const get = (query: string) => call(server.url, `/v1/activity${query}`);
    beforeAll(async () => {
      ({ server, createdAt } = await serverWith({}));
    });
    afterAll(() => server.stop());

    it('pages events newest first by 50, within the last 60 days of the server clock', async () => {
      const first = await get('');
      expect(first.status).toBe(200);
      expect(first.json).toHaveLength(50);
      const all: WireEvent[] = [];
      for (let page = 1; ; page++) {
        const res = await get(`?page=${page}&per_page=100`);
        if (res.status === 204) break;
        all.push(...res.json);
      }
      const dates = all.map((e) => Date.parse(e.date));
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
      expect(Math.min(...dates)).toBeGreaterThanOrEqual(SEED_NOW + 60 * MINUTE - 60 * 86_400_000);
      expect(new Set(all.map((e) => e.object))).toEqual(new Set(['Ticket', 'Ticket Comment', 'Wiki Page', 'Document']));
      expect(Date.parse(all[0].date)).toBe(Math.floor(createdAt / 1000) * 1000);
    });

    it('writes events with the digest’s fields, a comment event with its ticket', async () => {
      const res = await get('?per_page=100');
      const event = res.json.find((e: WireEvent) => e.object === 'Ticket Comment') as WireEvent;
      expect(Object.keys(event)).toEqual([
        'date',
        'operation',
        'object',
        'object_id',
        'title',
        'url',
        'space_id',
        'space_name',
        'author_id',
        'author_name',
        'whatchanged',
        'ticket',
        'comment_or_description',
      ]);
      expect(Object.keys(event.ticket!)).toEqual(['id', 'number', 'summary', 'operation']);
      expect(event.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    });

    it('leaves out events in the very minute of `from`, and from `to` on', async () => {
      expect(markerIn((await get('?from=2024-08-13%2008:00')).json)).toBe(false);
      expect(markerIn((await get('?from=2024-08-13%2007:59')).json)).toBe(true);
      expect(markerIn((await get('?from=2024-08-13%2007:59&to=2024-08-13%2008:00')).json)).toBe(false);
      expect(markerIn((await get('?from=2024-08-13%2007:59&to=2024-08-13%2008:01')).json)).toBe(true);
    });

    it('restricts to one space by space_id; 404 for an unknown space; 422 for a malformed from or to', async () => {
      const other = server.data.spaces[1];
      const res = await get(`?space_id=${other.id}&per_page=100`);
      expect(res.json.every((e: WireEvent) => e.space_id === other.id)).toBe(true);
      expect((await get('?space_id=nope')).status).toBe(404);
      expect((await get('?from=2024-08-13T08:00')).status).toBe(422);
      expect((await get('?to=13.08.2024')).status).toBe(422);
    });

    it('answers 204 when nothing happened in the window', async () => {
      expect((await get('?from=2024-08-13%2009:00')).status).toBe(204);
    });
  });

  it('with a clock long after the seed data, has no events at all', async () => {
    const server = await startServer({ data: { tickets: 50 }, now: () => SEED_NOW + 61 * 86_400_000 });
    try {
      expect((await call(server.url, '/v1/activity')).status).toBe(204);
    } finally {
      await server.stop();
    }
  });

  it('oldest-first: the same events in the other order', async () => {
    const { server } = await serverWith({ order: 'oldest-first' });
    try {
      const res = await call(server.url, '/v1/activity?per_page=100&from=2024-08-01%2000:00');
      const dates = res.json.map((e: WireEvent) => Date.parse(e.date));
      expect(dates.length).toBeGreaterThan(1);
      expect(dates).toEqual([...dates].sort((a, b) => a - b));
      expect(markerIn(res.json.slice(-1))).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('inclusive from: an event in the very minute of `from` is in', async () => {
    const { server } = await serverWith({ from: 'inclusive' });
    try {
      expect(markerIn((await call(server.url, '/v1/activity?from=2024-08-13%2008:00')).json)).toBe(true);
      expect(markerIn((await call(server.url, '/v1/activity?from=2024-08-13%2008:01')).json)).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it('zone +05:30: from and to are read as local times', async () => {
    const { server } = await serverWith({ zone: '+05:30' });
    try {
      // 08:00Z is 13:30 at +05:30
      expect(markerIn((await call(server.url, '/v1/activity?from=2024-08-13%2013:29')).json)).toBe(true);
      expect(markerIn((await call(server.url, '/v1/activity?from=2024-08-13%2013:30')).json)).toBe(false);
      // read in UTC this window would hold the marker; at +05:30 it ends at 02:31Z
      expect(
        markerIn((await call(server.url, '/v1/activity?from=2024-08-13%2007:59&to=2024-08-13%2008:01')).json),
      ).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it('refuses activity options it does not know', async () => {
    await expect(startServer({ activity: { zone: 'Europe/Paris' } })).rejects.toThrow(/activity.zone/);
    await expect(startServer({ activity: { order: 'random' as 'newest-first' } })).rejects.toThrow(/activity.order/);
  });
});
