// Fidelity of the local server to real Assembla: for every recorded GET of spaces, milestones,
// users and tickets, the same kind of request to the local server must answer objects with exactly
// the recorded keys, in the recorded order, with the recorded JSON type per key.
import { startServer, type RunningServer, type WireMilestone, type WireSpace, type WireTicket } from '../lib/testing';
import { entityResponses, type EntityKind } from './support/recordings';
import { AUTH } from './testing/helpers';

type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/**
 * The fields that may be null, with their type when they are not: what the recordings show null
 * (e.g. a new space's `tabs_order`) or the digest calls nullable (e.g. ticket `assigned_to_id`).
 */
const NULLABLE: Record<EntityKind, Record<string, JsonType>> = {
  space: {
    description: 'string',
    tabs_order: 'string',
    parent_id: 'string',
    restricted_date: 'string',
    commercial_from: 'string',
    banner: 'string',
    banner_height: 'number',
    banner_text: 'string',
    banner_link: 'string',
    style: 'string',
    last_payer_changed_at: 'string',
  },
  milestone: {
    due_date: 'string',
    user_id: 'string',
    description: 'string',
    completed_date: 'string',
    release_level: 'number',
    release_notes: 'string',
  },
  user: { organization: 'string', phone: 'string' },
  ticket: {
    description: 'string',
    completed_date: 'string',
    component_id: 'number',
    milestone_id: 'number',
    assigned_to_id: 'string',
  },
};

const typeOf = (v: unknown): JsonType => (v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType));
const objectsOf = (json: unknown): Array<Record<string, unknown>> =>
  (Array.isArray(json) ? json : [json]) as Array<Record<string, unknown>>;

const recorded = entityResponses().filter((r) => r.method === 'GET');

describe('fidelity of the local server to the recordings', () => {
  let server: RunningServer;
  let big: WireSpace;
  let rc1: WireMilestone;
  let ticket201: WireTicket;
  let otherLogin: string;

  beforeAll(async () => {
    server = await startServer({ data: { tickets: 400 } });
    big = server.data.spaces[0];
    rc1 = server.data.milestones[big.id].find((m) => m.title === 'Release Candidate 1')!;
    ticket201 = server.data.tickets[big.id].find((t) => t.number === 201)!;
    otherLogin = server.data.users[big.id][1].login;
  });
  afterAll(() => server.stop());
  beforeEach(() => expect.hasAssertions());

  /** The local request of the same kind as a recorded one: recorded ids become real ones of Big Project. */
  function localPath(path: string): string {
    const rules: Array<[RegExp, string]> = [
      [/^\/spaces$/, '/spaces'],
      [/^\/spaces\/[^/]+$/, `/spaces/${big.wiki_name}`],
      [/^\/spaces\/[^/]+\/milestones$/, `/spaces/${big.id}/milestones`],
      [/^\/spaces\/[^/]+\/milestones\/(all|upcoming|completed|release_notes)$/, `/spaces/${big.id}/milestones/$1`],
      [/^\/spaces\/[^/]+\/milestones\/\d+$/, `/spaces/${big.id}/milestones/${rc1.id}`],
      [/^\/spaces\/[^/]+\/users$/, `/spaces/${big.id}/users`],
      [/^\/spaces\/[^/]+\/tickets$/, `/spaces/${big.id}/tickets`],
      [/^\/spaces\/[^/]+\/tickets\/(my_active|my_followed|no_milestone)$/, `/spaces/${big.id}/tickets/$1`],
      [/^\/spaces\/[^/]+\/tickets\/milestone\/\d+$/, `/spaces/${big.id}/tickets/milestone/${rc1.id}`],
      [/^\/spaces\/[^/]+\/tickets\/id\/\d+$/, `/spaces/${big.id}/tickets/id/${ticket201.id}`],
      [/^\/spaces\/[^/]+\/tickets\/\d+$/, `/spaces/${big.wiki_name}/tickets/201`],
      // Merge requests are out of scope: their ticket list is compared with the space's.
      [/^\/spaces\/[^/]+\/space_tools\/[^/]+\/merge_requests\/\d+\/tickets$/, `/spaces/${big.id}/tickets`],
      [/^\/user$/, '/user'],
      [/^\/users$/, '/users'],
      [/^\/users\/[^/]+$/, `/users/${otherLogin}`],
    ];
    const rule = rules.find(([re]) => re.test(path));
    if (!rule) throw new Error(`No local request for the recorded GET ${path}: add a rule`);
    return path.replace(rule[0], rule[1]);
  }

  it('covers recorded GETs of all four entities', () => {
    expect(new Set(recorded.map((r) => r.kind))).toEqual(new Set(['space', 'milestone', 'user', 'ticket']));
  });

  it('keeps a nullable table that covers every null in the recordings', () => {
    for (const r of recorded) {
      for (const o of objectsOf(r.json)) {
        for (const [key, value] of Object.entries(o))
          if (value === null) expect([r.file, key, key in NULLABLE[r.kind]]).toEqual([r.file, key, true]);
      }
    }
  });

  it.each(recorded.map((r) => [`${r.file} GET ${r.path}${r.query}`, r] as const))('%s', async (_name, r) => {
    const res = await fetch(`${server.url}/v1${localPath(r.path)}${r.query}`, { headers: AUTH });
    expect(res.status).toBe(200);
    const local = objectsOf(await res.json());
    const want = objectsOf(r.json);
    expect(Array.isArray(r.json) ? local.length : 1).toBeGreaterThan(0);

    // Keys: the server's order must be one the recording shows (a recorded list may mix full and
    // partial user profiles; the server always sends the full one).
    const shapes = want.map((o) => Object.keys(o));
    const recordedTypes = new Map<string, Set<JsonType>>();
    for (const o of want)
      for (const [k, v] of Object.entries(o)) recordedTypes.set(k, (recordedTypes.get(k) ?? new Set()).add(typeOf(v)));
    const fullest = shapes.reduce((a, b) => (b.length > a.length ? b : a));

    for (const o of local) {
      const keys = Object.keys(o);
      expect(keys).toEqual(shapes.find((s) => s.join() === keys.join()) ?? fullest);
      for (const [key, value] of Object.entries(o)) {
        const t = typeOf(value);
        const nonNull = [...(recordedTypes.get(key) ?? [])].filter((x) => x !== 'null');
        if (t === 'null') expect([key, key in NULLABLE[r.kind]]).toEqual([key, true]);
        else if (nonNull.length > 0) expect([key, nonNull]).toEqual([key, [t]]);
        else expect([key, t]).toEqual([key, NULLABLE[r.kind][key]]);
      }
    }
  });

  it('sends users with im/im2 as {type, id} of strings or nulls, like the recordings', async () => {
    const recordedUsers = recorded
      .filter((r) => r.kind === 'user')
      .flatMap((r) => objectsOf(r.json))
      .filter((u) => 'im' in u);
    const res = await fetch(`${server.url}/v1/spaces/${big.id}/users`, { headers: AUTH });
    const local = (await res.json()) as Array<Record<string, unknown>>;
    const withIm = local.filter((u) => (u.im as { type: unknown }).type !== null);
    expect(withIm.length).toBeGreaterThan(0);
    expect(local.some((u) => (u.im as { type: unknown }).type === null)).toBe(true);
    for (const u of [...recordedUsers, ...local]) {
      for (const im of [u.im, u.im2] as Array<Record<string, unknown>>) {
        expect(Object.keys(im)).toEqual(['type', 'id']);
        expect(
          Object.values(im)
            .map(typeOf)
            .every((t) => t === 'string' || t === 'null'),
        ).toBe(true);
        expect(typeOf(im.type) === 'null').toBe(typeOf(im.id) === 'null');
      }
    }
  });

  it('sends custom_fields as strings by title in Big Project, {} elsewhere, like the recordings', async () => {
    const recordedFields = recorded
      .filter((r) => r.kind === 'ticket')
      .flatMap((r) => objectsOf(r.json))
      .map((t) => t.custom_fields);
    const bigPage = (await (
      await fetch(`${server.url}/v1/spaces/${big.id}/tickets?report=0&per_page=100`, { headers: AUTH })
    ).json()) as WireTicket[];
    const other = server.data.spaces[1];
    const otherPage = (await (
      await fetch(`${server.url}/v1/spaces/${other.id}/tickets?report=0`, { headers: AUTH })
    ).json()) as WireTicket[];
    for (const fields of [
      ...recordedFields,
      ...bigPage.map((t) => t.custom_fields),
      ...otherPage.map((t) => t.custom_fields),
    ]) {
      expect(typeOf(fields)).toBe('object');
      expect(Object.values(fields as object).every((v) => typeof v === 'string')).toBe(true);
    }
    expect(bigPage.every((t) => Object.keys(t.custom_fields).join() === 'Build,Customer')).toBe(true);
    expect(
      bigPage.some((t) => t.custom_fields.Build !== '') && bigPage.some((t) => t.custom_fields.Customer === ''),
    ).toBe(true);
    expect(otherPage.every((t) => Object.keys(t.custom_fields).length === 0)).toBe(true);
  });

  it('writes timestamps in whole seconds with varying offsets, and milestone dates as plain dates', async () => {
    const get = async (path: string): Promise<Array<Record<string, string | null>>> =>
      objectsOf(await (await fetch(`${server.url}/v1${path}`, { headers: AUTH })).json()) as Array<
        Record<string, string | null>
      >;
    const stamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;
    const spaces = await get('/spaces');
    expect(spaces.every((s) => /\+03:00$/.test(s.created_at!))).toBe(true);
    const tickets = await get(`/spaces/${big.id}/tickets?report=0&per_page=100&sort_by=created_on`);
    expect(tickets.every((t) => stamp.test(t.created_on!) && stamp.test(t.updated_at!))).toBe(true);
    expect(new Set(tickets.map((t) => t.created_on!.slice(19)))).toEqual(new Set(['Z', '+05:30']));
    const milestones = await get(`/spaces/${big.id}/milestones/all`);
    expect(milestones.every((m) => m.due_date === null || /^\d{4}-\d\d-\d\d$/.test(m.due_date))).toBe(true);
    expect(milestones.some((m) => m.completed_date !== null && /^\d{4}-\d\d-\d\d$/.test(m.completed_date))).toBe(true);
  });
});
