// The activity stream over real HTTP, under every reading of what the API leaves undocumented (the
// local server's `activity` semantics: page order × inclusive or exclusive `from` × the zone
// `from`/`to` are read in): the events of a window are the server's own, oldest first, each once,
// and a newest-first server is read only down to `since`.
import { asyncScheduler, firstValueFrom, lastValueFrom } from 'rxjs';
import { API, ActivityEvent, FilterError, Space, activity } from '../../lib';
import {
  SEED_NOW,
  generateData,
  type ActivityOptions,
  type Dataset,
  type RunningServer,
  type WireEvent,
} from '../../lib/testing';
import { call } from '../testing/helpers';
import { useLocalServer } from '../support/local';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** After every seeded event: the events the test makes start here. */
const B = SEED_NOW + DAY;
/** 120 tickets created every 5 minutes from B (10 hours), then these markers. */
const DENSE = 120;
const SINCE = B + 5 * HOUR + 30_000; // 30 s after dense ticket 60, in the same minute
const UNTIL = B + 12 * HOUR;
const MARKERS = [
  SINCE, // at since: in
  B + 11 * HOUR, // two in the same second: both in
  B + 11 * HOUR,
  UNTIL - 1000, // just before until: in
  UNTIL, // at until: out
  UNTIL + 10 * MINUTE, // out, though within the 14 hours `to` is widened by
];
const NOW = B + 13 * HOUR;

/**
 * The seed data plus a ticket created at each of the test's moments (its 'created' event), in Big
 * Project. Shared by every server below: they only read it.
 */
function dataset(): Dataset {
  const data = generateData({});
  const big = data.spaces[0];
  const tickets = data.tickets[big.id];
  const template = tickets[tickets.length - 1];
  const moments = [...Array.from({ length: DENSE }, (_, k) => B + k * 5 * MINUTE), ...MARKERS];
  const summaries = [...Array.from({ length: DENSE }, (_, k) => `Dense ${k}`), ...MARKERS.map((_, i) => `Marker ${i}`)];
  moments.forEach((at, i) => {
    const stamp = new Date(at).toISOString().replace('.000Z', 'Z');
    tickets.push({
      ...template,
      id: template.id + 1 + i,
      number: template.number + 1 + i,
      summary: summaries[i],
      created_on: stamp,
      updated_at: stamp,
    });
  });
  return data;
}
const DATA = dataset();

const key = (e: { date: string | Date; object: string; object_id: string; operation: string; title: string }) =>
  [new Date(e.date).toISOString(), e.object, e.object_id, e.operation, e.title].join('|');

const byDateThenKey = (a: WireEvent, b: WireEvent): number =>
  Date.parse(a.date) - Date.parse(b.date) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Every event the server has, read raw (per_page 100, until 204), in its own order. */
async function everyEvent(server: RunningServer, query = ''): Promise<WireEvent[]> {
  const all: WireEvent[] = [];
  for (let page = 1; ; page++) {
    const res = await call(server.url, `/v1/activity?per_page=100&page=${page}${query}`);
    if (res.status === 204) return all;
    all.push(...(res.json as WireEvent[]));
  }
}

/** The server's truth for a window (since inclusive, until exclusive), oldest first, as keys. */
function truth(events: WireEvent[], since: number, until = Infinity, spaceId?: string): string[] {
  return events
    .filter((e) => Date.parse(e.date) >= since && Date.parse(e.date) < until)
    .filter((e) => spaceId === undefined || e.space_id === spaceId)
    .sort(byDateThenKey)
    .map(key);
}

const keys = (events: ActivityEvent[]): string[] => events.map(key);

const SETTINGS: Array<Required<ActivityOptions>> = [];
for (const order of ['newest-first', 'oldest-first'] as const)
  for (const from of ['exclusive', 'inclusive'] as const)
    for (const zone of ['UTC', '+14:00', '-14:00']) SETTINGS.push({ order, from, zone });

describe.each(SETTINGS)('activity (server: $order, $from from, zone $zone)', (setting) => {
  const clock = NOW;
  const local = useLocalServer({ data: DATA, now: () => clock, activity: setting });
  let api: API;
  let events: WireEvent[];
  const requests = (): number => local.count('GET /activity');

  beforeAll(async () => {
    events = await everyEvent(local.server);
    // The API's clock is the server's: the 60 days are counted from the same now.
    api = local.api({ scheduler: { now: () => clock, schedule: asyncScheduler.schedule.bind(asyncScheduler) } });
  });

  beforeEach(() => local.server.stats.reset());

  it('delivers the window’s events as the server has them: oldest first, each once, since in, until out', async () => {
    const got = await lastValueFrom(api.activity({ since: new Date(SINCE), until: new Date(UNTIL) }));
    expect(keys(got)).toEqual(truth(events, SINCE, UNTIL));
    expect(got.every((e) => e.date instanceof Date)).toBe(true);
    const titles = got.map((e) => e.title);
    expect(titles.some((t) => t.endsWith(' Marker 0'))).toBe(true);
    expect(titles.filter((t) => / Marker [1-3]$/.test(t))).toHaveLength(3);
    expect(titles.some((t) => / Marker [45]$/.test(t) || t.endsWith('Dense 60'))).toBe(false);
    expect(new Set(keys(got)).size).toBe(got.length);
  });

  it('reads a newest-first server only down to since: one request per 50 events from the newest', async () => {
    const got = await lastValueFrom(api.activity({ since: new Date(SINCE) }));
    expect(keys(got)).toEqual(truth(events, SINCE));
    const newer = got.length; // no `to` is sent: the pages start at the newest event
    if (setting.order === 'newest-first') expect(requests()).toBe(Math.ceil((newer + 1) / 50));
    else expect(requests()).toBeGreaterThanOrEqual(Math.ceil((newer + 1) / 50));
    // The dense hours before since (60 events) are only read when the server is not newest first.
    if (setting.order === 'oldest-first' && setting.zone === 'UTC') expect(requests()).toBe(3);
  });

  it('reads the seeded weeks within a closed window (with `to`), and the whole 60 days by default', async () => {
    const since = SEED_NOW - 50 * DAY;
    const until = SEED_NOW - 40 * DAY;
    expect(keys(await lastValueFrom(api.activity({ since: new Date(since), until: new Date(until) })))).toEqual(
      truth(events, since, until),
    );
    expect(keys(await lastValueFrom(api.activity()))).toEqual(truth(events, NOW - 60 * DAY));
    expect(truth(events, since, until).length).toBeGreaterThan(20);
  });

  it('scopes to one space: by id, by a Space, and as an operator on space$', async () => {
    const [big, other] = local.server.data.spaces;
    const since = SEED_NOW - 58 * DAY;
    const expected = truth(events, since, UNTIL, other.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(
      keys(await lastValueFrom(api.activity({ since: new Date(since), until: new Date(UNTIL), space: other.id }))),
    ).toEqual(expected);
    const space$ = api.space({ wiki_name: big.wiki_name });
    const space: Space = await firstValueFrom(space$);
    const window = { since: new Date(SINCE - DAY), until: new Date(UNTIL) };
    expect(keys(await lastValueFrom(api.activity({ ...window, space })))).toEqual(
      truth(events, SINCE - DAY, UNTIL, big.id),
    );
    expect(keys(await lastValueFrom(space$.pipe(activity(window))))).toEqual(truth(events, SINCE - DAY, UNTIL, big.id));
  });
});

describe('activity: the 60 days the API keeps', () => {
  const local = useLocalServer({ data: { tickets: 50 }, now: () => SEED_NOW });
  beforeEach(() => local.server.stats.reset());

  it('a since older than 60 days before now is a FilterError through the Observable, before any request', async () => {
    const api = local.api();
    const since = new Date(Date.now() - 61 * DAY);
    await expect(lastValueFrom(api.activity({ since }))).rejects.toThrow(FilterError);
    await expect(lastValueFrom(api.activity({ since }))).rejects.toThrow(
      /since must be a Date within the 60 days the API keeps/,
    );
    expect(local.count('GET /activity')).toBe(0);
  });

  it('an until before since is a FilterError; an empty window is no events', async () => {
    const api = local.api();
    const at = new Date(Date.now() - DAY);
    await expect(lastValueFrom(api.activity({ since: at, until: new Date(at.getTime() - 1) }))).rejects.toThrow(
      FilterError,
    );
    expect(await lastValueFrom(api.activity({ since: at, until: at }))).toEqual([]);
  });

  it('a 204 is no events', async () => {
    // The API's clock is the real one: the seeded events (up to SEED_NOW, in 2024) are long gone for it,
    // and the server answers 204 for the last day.
    const api = local.api();
    expect(await lastValueFrom(api.activity({ since: new Date(Date.now() - DAY) }))).toEqual([]);
    expect(local.count('GET /activity')).toBe(1);
  });
});
