// Writes of a space's wiki pages, tags, ticket statuses, custom fields and components on the local
// server, over real HTTP. First each recorded write scenario is played again (its requests as the
// gem sent them, and again without their Rails key) and the answers compared with the recorded
// ones; then the state after each write as the GETs show it, and the 422s.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateData,
  SEED_NOW,
  startServer,
  type Dataset,
  type RunningServer,
  type WireCustomField,
  type WireEvent,
  type WireStatus,
  type WireTag,
  type WireTicket,
  type WireWikiPage,
  type WireWikiVersion,
} from '../../lib/testing';
import { RECORDINGS_DIR } from '../support/recordings';
import { call, send, type Answer } from './helpers';

interface Recorded {
  method: string;
  /** After `/v1`. */
  path: string;
  /** The request body as sent, parsed; undefined when there was none. */
  request: unknown;
  status: number;
  location: string | undefined;
  response: unknown;
}

function cassette(file: string): Recorded[] {
  const text = (b: { base64_string?: string; string?: string } | undefined): string =>
    b?.base64_string !== undefined ? Buffer.from(b.base64_string, 'base64').toString('utf8') : (b?.string ?? '');
  const json = (t: string): unknown => (t.trim() === '' ? undefined : JSON.parse(t));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const { http_interactions } = JSON.parse(readFileSync(join(RECORDINGS_DIR, file), 'utf8')) as any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return http_interactions.map(({ request, response }: any) => ({
    method: request.method.toUpperCase(),
    path: new URL(request.uri).pathname.replace(/^\/v1/, ''),
    request: json(text(request.body)),
    status: response.status.code,
    location: response.headers.Location?.[0],
    response: json(text(response.body)),
  }));
}

const TIMESTAMPS = new Set(['created_at', 'updated_at']);
const ID_KEYS = new Set(['id', 'space_id', 'space_tool_id', 'user_id', 'parent_id', 'wiki_page_id']);
const objects = (json: unknown): Array<Record<string, unknown>> =>
  (Array.isArray(json) ? json : [json]) as Array<Record<string, unknown>>;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/;

/**
 * The recorded scenarios of this file's resources. Each plays in a space whose Tickets tool has
 * just its five default statuses and no tags, custom fields or wiki pages, as the recorded spaces
 * were (Other Project 1, emptied).
 */
const SCENARIOS = [
  'wiki-pages/create.json',
  'wiki-pages/edit.json',
  'wiki-pages/get.json',
  'wiki-pages/list.json',
  'wiki-pages/delete.json',
  'wiki-pages/delete-container.json',
  'wiki-pages-versions/list.json',
  'wiki-pages-versions/get.json',
  'space-tags/create.json',
  'space-tags/get.json',
  'space-tags/list.json',
  'space-tags/list-active.json',
  'space-tags/list-proposed.json',
  'space-tags/list-hidden.json',
  'ticket-statuses/create.json',
  'ticket-statuses/edit.json',
  'ticket-statuses/get.json',
  'ticket-statuses/list.json',
  'ticket-statuses/delete.json',
  'ticket-custom-fields/create.json',
  'ticket-custom-fields/edit.json',
  'ticket-custom-fields/get.json',
  'ticket-custom-fields/list.json',
  'ticket-custom-fields/delete.json',
];

function freshSpaceData(): { data: Dataset; spaceId: string } {
  const data = generateData({ tickets: 30 });
  const spaceId = data.spaces[1].id;
  for (const name of ['tags', 'ticketTags', 'customFields', 'components', 'wikiPages', 'wikiVersions'] as const)
    data[name][spaceId] = [];
  return { data, spaceId };
}

describe('local server: the recorded writes of wiki pages, tags, statuses and custom fields, played again', () => {
  beforeEach(() => expect.hasAssertions());

  // Each request body as the gem sent it (wrapped in the Rails key), and with the key taken off.
  const runs = SCENARIOS.flatMap((file) => [
    [file, 'wrapped'],
    [file, 'unwrapped'],
  ]);
  it.each(runs)('%s, bodies %s: statuses, Locations and answers as recorded', async (file, wrapping) => {
    const { data, spaceId } = freshSpaceData();
    const server = await startServer({ data });
    try {
      const ticketTool = data.statuses[spaceId][0].space_tool_id;
      // Recorded ids (spaces, tools, users, entities) → the local server's, learnt as the scenario goes.
      const ids = new Map<string, unknown>();
      const local = (key: string, value: unknown): unknown =>
        ID_KEYS.has(key) && ids.has(String(value)) ? ids.get(String(value)) : value;
      const localPath = (path: string): string =>
        path
          .split('/')
          .map((seg) => String(ids.get(seg) ?? seg))
          .join('/');
      for (const step of cassette(file)) {
        if (step.path === '/spaces') {
          ids.set((step.response as { id: string }).id, spaceId);
          continue;
        }
        if (step.path.includes('/space_tools/')) {
          const tool = step.response as { id?: string };
          if (tool.id) ids.set(tool.id, ticketTool);
          continue;
        }
        const sent = JSON.parse(JSON.stringify(step.request ?? null), local) as Record<string, unknown> | null;
        const body = wrapping === 'unwrapped' && sent ? Object.values(sent)[0] : sent;
        const res: Answer =
          step.method === 'GET' || step.method === 'DELETE'
            ? await call(server.url, `/v1${localPath(step.path)}`, { method: step.method })
            : await send(server.url, step.method, `/v1${localPath(step.path)}`, body);
        expect([step.method, step.path, res.status]).toEqual([step.method, step.path, step.status]);
        if (step.response === undefined) {
          expect(res.text).toBe('');
          // What a PUT sent is what a GET now answers (a custom field's type read back capitalised).
          if (step.method === 'PUT') {
            const now = (await call(server.url, `/v1${localPath(step.path)}`)).json as Record<string, unknown>;
            const attrs = Object.values(sent!)[0] as Record<string, unknown>;
            const lower = (o: Record<string, unknown>): string[] =>
              Object.keys(attrs).map((k) => String(o[k]).toLowerCase());
            expect(lower(now)).toEqual(lower(attrs));
          }
          continue;
        }
        const recorded = objects(step.response);
        const answered = objects(res.json);
        recorded.forEach((r, i) => {
          if (!ids.has(String(r.id))) ids.set(String(r.id), answered[i]?.id);
          if (typeof r.user_id === 'string') ids.set(r.user_id, server.data.me.id);
        });
        if (step.status === 201)
          expect(res.headers.get('location')).toBe(`${server.url}${localPath(new URL(step.location!).pathname)}`);
        // The same keys in the same order, the same values but for ids mapped and timestamps.
        const expected = JSON.parse(JSON.stringify(step.response), (k, v: unknown) =>
          TIMESTAMPS.has(k) ? expect.stringMatching(ISO) : local(k, v),
        ) as unknown;
        expect(res.json).toEqual(expected);
        expect(answered.map((o) => Object.keys(o))).toEqual(recorded.map((o) => Object.keys(o)));
      }
    } finally {
      await server.stop();
    }
  });
});

describe('local server: writes of a space’s wiki pages, tags, statuses, custom fields and components', () => {
  let server: RunningServer;
  let spaceId: string;
  const big = '/v1/spaces/big-project';
  const get = (path: string): Promise<Answer> => call(server.url, `${big}${path}`);
  const remove = (path: string): Promise<Answer> => call(server.url, `${big}${path}`, { method: 'DELETE' });
  const ticket = async (number: number): Promise<WireTicket> => (await get(`/tickets/${number}`)).json;
  beforeEach(async () => {
    expect.hasAssertions();
    // At the seed's clock, so that the seeded activity is in the 60-day window too.
    server = await startServer({ data: { tickets: 30 }, now: () => SEED_NOW });
    spaceId = server.data.spaces[0].id;
  });
  afterEach(() => server.stop());

  describe('wiki pages', () => {
    const wikiEvents = async (): Promise<WireEvent[]> =>
      ((await call(server.url, `/v1/activity?space_id=${spaceId}&per_page=100`)).json as WireEvent[]).filter(
        (e) => e.object === 'Wiki Page',
      );

    it('creates a page: 201, Location by page_name, version 1, a created event; found by id and by name', async () => {
      const res = await send(server.url, 'POST', `${big}/wiki_pages`, {
        wiki_page: { page_name: 'Deploy Guide', contents: '<p>Steps</p>' },
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('location')).toBe(`${server.url}/v1/spaces/${spaceId}/wiki_pages/Deploy%20Guide`);
      const page = res.json as WireWikiPage;
      expect(page).toMatchObject({
        page_name: 'Deploy Guide',
        contents: '<p>Steps</p>',
        status: 1,
        version: 1,
        position: 5, // after Big Project's four pages
        wiki_format: 3,
        change_comment: null,
        parent_id: null,
        space_id: spaceId,
        user_id: server.data.me.id,
      });
      expect(page.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect((await get(`/wiki_pages/${page.id}`)).text).toBe(res.text);
      expect((await get('/wiki_pages/Deploy%20Guide')).text).toBe(res.text);
      expect(((await get('/wiki_pages')).json as WireWikiPage[]).map((p) => p.page_name)).toContain('Deploy Guide');
      const versions = (await get(`/wiki_pages/${page.id}/versions`)).json as WireWikiVersion[];
      expect(versions).toEqual([
        expect.objectContaining({ contents: '<p>Steps</p>', version: 1, wiki_page_id: page.id, change_comment: null }),
      ]);
      const [event] = (await wikiEvents()).filter((e) => e.object_id === page.id);
      expect(event).toMatchObject({ operation: 'created', title: 'Deploy Guide', author_id: server.data.me.id });
      expect(Object.keys(event)).toEqual(Object.keys((await wikiEvents()).find((e) => e.object_id !== page.id)!));
    });

    it('updates a page: 204; new contents are version n+1 with its change comment, and an updated event', async () => {
      const home = server.data.wikiPages[spaceId].find((p) => p.page_name === 'Home')!;
      const res = await send(server.url, 'PUT', `${big}/wiki_pages/${home.id}`, {
        wiki_page: { contents: 'ASAP', change_comment: 'Shorter' },
      });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      const after = (await get(`/wiki_pages/${home.id}`)).json as WireWikiPage;
      expect(after).toMatchObject({ contents: 'ASAP', version: home.version + 1, change_comment: 'Shorter' });
      expect(after.created_at).toBe(home.created_at);
      const versions = (await get(`/wiki_pages/${home.id}/versions`)).json as WireWikiVersion[];
      expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
      expect(versions[3]).toMatchObject({ contents: 'ASAP', change_comment: 'Shorter', user_id: server.data.me.id });
      const events = (await wikiEvents()).filter((e) => e.object_id === home.id);
      expect(events[0]).toMatchObject({ operation: 'updated', title: 'Home' });

      // Renaming or archiving is no new version; the page is then found by its new name.
      await send(server.url, 'PUT', `${big}/wiki_pages/Home`, { wiki_page: { page_name: 'Start', status: 2 } });
      expect((await get('/wiki_pages/Start')).json).toMatchObject({ id: home.id, status: 2, version: 4 });
      expect((await get('/wiki_pages/Home')).status).toBe(404);
    });

    it('refuses a page without name or contents, with a taken or long name, or a bad parent: 422', async () => {
      const post = (wiki_page: object): Promise<Answer> => send(server.url, 'POST', `${big}/wiki_pages`, { wiki_page });
      const blank = await post({ contents: 'x' });
      expect(blank.status).toBe(422);
      expect(blank.json).toEqual({ page_name: ["can't be blank"] });
      expect((await post({ page_name: 'setup', contents: 'x' })).json).toEqual({
        page_name: ['has already been taken'],
      });
      expect((await post({ page_name: 'x'.repeat(51), contents: 'x', status: 7 })).json).toEqual({
        page_name: ['is too long (maximum is 50 characters)'],
        status: ['is not included in the list'],
      });
      expect((await post({ page_name: 'Empty' })).json).toEqual({ contents: ["can't be blank"] });
      expect((await post({ page_name: 'Orphan', contents: 'x', parent_id: 'nope' })).json).toEqual({
        parent_id: ['is invalid'],
      });
      const home = server.data.wikiPages[spaceId].find((p) => p.page_name === 'Home')!;
      const setup = server.data.wikiPages[spaceId].find((p) => p.page_name === 'Setup')!;
      // A page cannot go under its own child.
      expect((await send(server.url, 'PUT', `${big}/wiki_pages/${home.id}`, { parent_id: setup.id })).json).toEqual({
        parent_id: ['is invalid'],
      });
      expect((await send(server.url, 'PUT', `${big}/wiki_pages/nope`, { contents: 'x' })).status).toBe(404);
      expect(server.data.wikiPages[spaceId]).toHaveLength(4);
      expect((await get(`/wiki_pages/${home.id}`)).json).toMatchObject({ parent_id: null, version: home.version });
    });

    it('deletes a page and all under it (/all), or the page alone, its children moving up (/container)', async () => {
      const byName = (name: string): WireWikiPage => server.data.wikiPages[spaceId].find((p) => p.page_name === name)!;
      const deep = await send(server.url, 'POST', `${big}/wiki_pages`, {
        wiki_page: { page_name: 'Deep', contents: 'x', parent_id: byName('Setup').id },
      });
      const setup = byName('Setup');
      expect((await remove(`/wiki_pages/${setup.id}/container`)).status).toBe(204);
      expect((await get(`/wiki_pages/${setup.id}`)).status).toBe(404);
      expect((await get(`/wiki_pages/${setup.id}/versions`)).status).toBe(404);
      expect((await get(`/wiki_pages/${deep.json.id}`)).json).toMatchObject({ parent_id: byName('Home').id });

      const home = byName('Home');
      const res = await remove(`/wiki_pages/${home.id}/all`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      const left = ((await get('/wiki_pages')).json as WireWikiPage[]).map((p) => p.page_name);
      expect(left).toEqual(['Archived Notes']);
      expect(server.data.wikiVersions[spaceId].every((v) => v.wiki_page_id === byName('Archived Notes').id)).toBe(true);
      expect((await remove(`/wiki_pages/${home.id}/all`)).status).toBe(404);
    });
  });

  describe('tags', () => {
    it('creates a tag: 201, Location, in the list of its state; without a state it has none', async () => {
      const res = await send(server.url, 'POST', `${big}/tags`, { tag: { name: 'Mobile', state: 4 } });
      expect(res.status).toBe(201);
      const tag = res.json as WireTag;
      expect(res.headers.get('location')).toBe(`${server.url}/v1/spaces/${spaceId}/tags/${tag.id}`);
      expect(tag).toMatchObject({ name: 'Mobile', space_id: spaceId, state: 4 });
      const allTags = Object.values(server.data.tags).flat();
      expect(tag.id).toBe(Math.max(...allTags.filter((t) => t.id !== tag.id).map((t) => t.id)) + 1);
      expect((await get(`/tags/${tag.id}`)).text).toBe(res.text);
      const names = async (list: string): Promise<string[]> =>
        ((await get(`/tags${list}?per_page=100`)).json as WireTag[]).map((t) => t.name);
      expect(await names('/hidden')).toEqual(['Legacy', 'Mobile']);
      expect(await names('')).toContain('Mobile');

      const bare = await send(server.url, 'POST', `${big}/tags`, { name: 'Later' }); // unwrapped
      expect(bare.json).toMatchObject({ name: 'Later', state: null });
      expect(await names('/active')).not.toContain('Later');
      expect(await names('')).toContain('Later');
    });

    it('updates a tag: 204, and it moves to the list of its new state', async () => {
      const idea = server.data.tags[spaceId].find((t) => t.name === 'Idea')!;
      const res = await send(server.url, 'PUT', `${big}/tags/${idea.id}`, { tag: { state: 2, name: 'Roadmap' } });
      expect(res.status).toBe(204);
      expect((await get(`/tags/${idea.id}`)).json).toMatchObject({ name: 'Roadmap', state: 2 });
      expect(((await get('/tags/active?per_page=100')).json as WireTag[]).map((t) => t.name)).toContain('Roadmap');
      expect(((await get('/tags/proposed')).json as WireTag[]).map((t) => t.name)).toEqual(['Proposal']);
    });

    it('refuses a blank or taken name or an unknown state: 422', async () => {
      const post = (tag: object): Promise<Answer> => send(server.url, 'POST', `${big}/tags`, { tag });
      expect((await post({ state: 2 })).json).toEqual({ name: ["can't be blank"] });
      const taken = await post({ name: 'core', state: 3 });
      expect(taken.status).toBe(422);
      expect(taken.json).toEqual({ name: ['has already been taken'], state: ['is not included in the list'] });
      const ui = server.data.tags[spaceId].find((t) => t.name === 'UI')!;
      expect((await send(server.url, 'PUT', `${big}/tags/${ui.id}`, { tag: { name: 'API' } })).json).toEqual({
        name: ['has already been taken'],
      });
      expect((await send(server.url, 'PUT', `${big}/tags/${ui.id}`, { tag: { name: 'ui' } })).status).toBe(204);
      expect((await send(server.url, 'PUT', `${big}/tags/999999`, { tag: { name: 'x' } })).status).toBe(404);
    });

    it('deletes a tag: 204, then 404, and its tickets no longer carry it', async () => {
      const core = server.data.tags[spaceId].find((t) => t.name === 'Core')!;
      const before = await ticket(3);
      expect(((await get('/tickets/3/tags')).json as WireTag[]).map((t) => t.name)).toEqual(['API', 'Core']);
      expect((await remove(`/tags/${core.id}`)).status).toBe(204);
      expect((await get(`/tags/${core.id}`)).status).toBe(404);
      expect((await get(`/tags/${core.id}/tickets`)).status).toBe(404);
      expect(((await get('/tickets/3/tags')).json as WireTag[]).map((t) => t.name)).toEqual(['API']);
      expect((await get('/tickets/1/tags')).status).toBe(204);
      expect(await ticket(3)).toEqual(before);
      expect((await remove(`/tags/${core.id}`)).status).toBe(404);
    });
  });

  describe('ticket statuses', () => {
    it('creates a status: 201, Location, appended at the end of list_order', async () => {
      const res = await send(server.url, 'POST', `${big}/tickets/statuses`, { status: { name: 'Deploy', state: 1 } });
      expect(res.status).toBe(201);
      const status = res.json as WireStatus;
      expect(res.headers.get('location')).toBe(`${server.url}/v1/spaces/${spaceId}/tickets/statuses/${status.id}`);
      expect(status).toMatchObject({
        name: 'Deploy',
        state: 1,
        list_order: 7, // Big Project has six
        space_tool_id: server.data.statuses[spaceId][0].space_tool_id,
      });
      const listed = (await get('/tickets/statuses')).json as WireStatus[];
      expect(listed.map((s) => s.name)).toEqual([
        'New',
        'Accepted',
        'Test',
        'Code Review',
        'Fixed',
        'Invalid',
        'Deploy',
      ]);
      expect((await get(`/tickets/statuses/${status.id}`)).text).toBe(res.text);
      // A ticket may take it at once.
      expect((await send(server.url, 'PUT', `${big}/tickets/4`, { status: 'Deploy' })).status).toBe(204);
      expect(await ticket(4)).toMatchObject({ status: 'Deploy', state: 1 });
      // Without a state it is open.
      expect((await send(server.url, 'POST', `${big}/tickets/statuses`, { name: 'Parked' })).json).toMatchObject({
        state: 1,
        list_order: 8,
      });
    });

    it('renames a status or changes its state: 204, and its tickets follow; other tickets stay', async () => {
      const test = server.data.statuses[spaceId].find((s) => s.name === 'Test')!;
      const inTest = server.data.tickets[spaceId].filter((t) => t.status === 'Test').map((t) => t.number);
      const other = server.data.tickets[spaceId].find((t) => t.status !== 'Test')!;
      expect(inTest).toContain(30); // the seed's special ticket: min(201, N)
      const res = await send(server.url, 'PUT', `${big}/tickets/statuses/${test.id}`, { status: { name: 'QA' } });
      expect(res.status).toBe(204);
      expect((await get(`/tickets/statuses/${test.id}`)).json).toMatchObject({ name: 'QA', state: 1, list_order: 3 });
      expect(await ticket(30)).toMatchObject({ status: 'QA', state: 1 });
      expect(await ticket(other.number)).toEqual(other);

      await send(server.url, 'PUT', `${big}/tickets/statuses/${test.id}`, { status: { state: 0 } });
      for (const n of inTest) expect(await ticket(n)).toMatchObject({ status: 'QA', state: 0 });
      const active = (await get('/tickets?report=1&per_page=100')).json as WireTicket[];
      expect(active.map((t) => t.number)).not.toContain(30);
    });

    it('refuses a blank or taken name or a state other than 0 and 1: 422', async () => {
      const post = (status: object): Promise<Answer> => send(server.url, 'POST', `${big}/tickets/statuses`, { status });
      expect((await post({ state: 1 })).json).toEqual({ name: ["can't be blank"] });
      const bad = await post({ name: 'fixed', state: 2, list_order: 'first' });
      expect(bad.status).toBe(422);
      expect(bad.json).toEqual({
        name: ['has already been taken'],
        state: ['is not included in the list'],
        list_order: ['is not a number'],
      });
      expect(server.data.statuses[spaceId]).toHaveLength(6);
      expect((await send(server.url, 'PUT', `${big}/tickets/statuses/1`, { name: 'x' })).status).toBe(404);
    });

    it('deletes a status: 204, gone from the list; its tickets are left as they were', async () => {
      const review = server.data.statuses[spaceId].find((s) => s.name === 'Code Review')!;
      const inReview = server.data.tickets[spaceId].filter((t) => t.status === 'Code Review');
      expect(inReview.length).toBeGreaterThan(0);
      expect((await remove(`/tickets/statuses/${review.id}`)).status).toBe(204);
      expect((await get(`/tickets/statuses/${review.id}`)).status).toBe(404);
      const names = ((await get('/tickets/statuses')).json as WireStatus[]).map((s) => s.name);
      expect(names).toEqual(['New', 'Accepted', 'Test', 'Fixed', 'Invalid']);
      for (const t of inReview) expect(await ticket(t.number)).toEqual(t);
      // A new status never takes a deleted one's id.
      const next = await send(server.url, 'POST', `${big}/tickets/statuses`, { name: 'Review' });
      expect(next.json.id).toBeGreaterThan(review.id);
    });
  });

  describe('custom fields', () => {
    it('creates a field: 201, Location, its type capitalised, and every ticket gets it blank', async () => {
      const res = await send(server.url, 'POST', `${big}/tickets/custom_fields`, {
        custom_field: { title: 'Browser', type: 'list', list_options: 'Chrome, Firefox,Safari' },
      });
      expect(res.status).toBe(201);
      const field = res.json as WireCustomField;
      expect(res.headers.get('location')).toBe(`${server.url}/v1/spaces/${spaceId}/tickets/custom_fields/${field.id}`);
      expect(field).toMatchObject({
        type: 'List',
        title: 'Browser',
        order: null,
        required: false,
        hide: false,
        default_value: null,
        list_options: ['Chrome', 'Firefox', 'Safari'],
      });
      expect(Object.keys(field)).toEqual(Object.keys(server.data.customFields[spaceId][1])); // Customer, a List
      expect((await get(`/tickets/custom_fields/${field.id}`)).text).toBe(res.text);
      expect((await ticket(1)).custom_fields).toEqual({
        ...server.data.tickets[spaceId][0].custom_fields,
        Browser: '',
      });
      expect(server.data.tickets[spaceId].every((t) => t.custom_fields.Browser === '')).toBe(true);
      // Tickets may set it, and new tickets have it.
      await send(server.url, 'PUT', `${big}/tickets/2`, { custom_fields: { Browser: 'Safari' } });
      expect((await ticket(2)).custom_fields.Browser).toBe('Safari');
      const created = await send(server.url, 'POST', `${big}/tickets`, { summary: 'New one' });
      expect(created.json.custom_fields).toEqual({ Build: '', Customer: '', Browser: '' });

      const text = await send(server.url, 'POST', `${big}/tickets/custom_fields`, { title: 'Notes', type: 'weird' });
      expect(text.json).toMatchObject({ type: 'Text', title: 'Notes' });
      expect(Object.keys(text.json)).not.toContain('list_options');
    });

    it('updates a field: 204; a new title renames it on every ticket, values kept', async () => {
      const build = server.data.customFields[spaceId].find((f) => f.title === 'Build')!;
      const values = server.data.tickets[spaceId].map((t) => t.custom_fields.Build);
      const res = await send(server.url, 'PUT', `${big}/tickets/custom_fields/${build.id}`, {
        custom_field: { title: 'Build Number', type: 'numeric', required: true, order: 5 },
      });
      expect(res.status).toBe(204);
      expect((await get(`/tickets/custom_fields/${build.id}`)).json).toMatchObject({
        title: 'Build Number',
        type: 'Numeric',
        required: true,
        order: 5,
      });
      expect(server.data.tickets[spaceId].map((t) => t.custom_fields['Build Number'])).toEqual(values);
      expect(Object.keys((await ticket(1)).custom_fields)).toEqual(['Build Number', 'Customer']);

      // Only a List field has options.
      const customer = server.data.customFields[spaceId].find((f) => f.title === 'Customer')!;
      await send(server.url, 'PUT', `${big}/tickets/custom_fields/${customer.id}`, { type: 'Text' });
      expect(Object.keys((await get(`/tickets/custom_fields/${customer.id}`)).json)).not.toContain('list_options');
      await send(server.url, 'PUT', `${big}/tickets/custom_fields/${customer.id}`, {
        type: 'List',
        list_options: ['A'],
      });
      expect((await get(`/tickets/custom_fields/${customer.id}`)).json.list_options).toEqual(['A']);
    });

    it('refuses a blank or taken title or an order that is no integer: 422', async () => {
      const post = (custom_field: object): Promise<Answer> =>
        send(server.url, 'POST', `${big}/tickets/custom_fields`, { custom_field });
      expect((await post({ type: 'text' })).json).toEqual({ title: ["can't be blank"] });
      const bad = await post({ title: 'customer', order: 1.5 });
      expect(bad.status).toBe(422);
      expect(bad.json).toEqual({ title: ['has already been taken'], order: ['is not a number'] });
      expect(server.data.customFields[spaceId]).toHaveLength(2);
      expect(Object.keys((await ticket(1)).custom_fields)).toEqual(['Build', 'Customer']);
    });

    it('deletes a field: 204, then 404, and its value leaves every ticket', async () => {
      const customer = server.data.customFields[spaceId].find((f) => f.title === 'Customer')!;
      expect((await remove(`/tickets/custom_fields/${customer.id}`)).status).toBe(204);
      expect((await get(`/tickets/custom_fields/${customer.id}`)).status).toBe(404);
      expect(server.data.tickets[spaceId].every((t) => Object.keys(t.custom_fields).join() === 'Build')).toBe(true);
      expect((await remove(`/tickets/custom_fields/${customer.id}`)).status).toBe(404);
    });
  });

  describe('components', () => {
    it('creates a component from the bare body or a form: 201, Location, { id, name }', async () => {
      const res = await send(server.url, 'POST', `${big}/ticket_components`, { component: 'Mobile' });
      expect(res.status).toBe(201);
      expect(Object.keys(res.json)).toEqual(['id', 'name']);
      expect(res.json.name).toBe('Mobile');
      expect(res.headers.get('location')).toBe(`${server.url}/v1/spaces/${spaceId}/ticket_components/${res.json.id}`);
      expect((await get(`/ticket_components/${res.json.id}`)).text).toBe(res.text);
      const form = await call(server.url, `${big}/ticket_components`, {
        method: 'POST',
        body: 'component=Docs+site',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(201);
      expect(form.json).toEqual({ id: res.json.id + 1, name: 'Docs site' });
      const names = ((await get('/ticket_components')).json as Array<{ name: string }>).map((c) => c.name);
      expect(names).toEqual(['Frontend', 'Backend', 'Infrastructure', 'Mobile', 'Docs site']);
    });

    it('renames a component (204) and deletes one (204, then 404); tickets keep their component_id', async () => {
      const [frontend, backend] = server.data.components[spaceId];
      server.data.tickets[spaceId][0].component_id = backend.id;
      expect(
        (await send(server.url, 'PUT', `${big}/ticket_components/${frontend.id}`, { component: 'Web' })).status,
      ).toBe(204);
      expect((await get(`/ticket_components/${frontend.id}`)).json).toEqual({ id: frontend.id, name: 'Web' });
      expect((await remove(`/ticket_components/${backend.id}`)).status).toBe(204);
      expect((await get(`/ticket_components/${backend.id}`)).status).toBe(404);
      expect((await ticket(1)).component_id).toBe(backend.id);
    });

    it('refuses a blank or taken name: 422 on name', async () => {
      const post = (body: object): Promise<Answer> => send(server.url, 'POST', `${big}/ticket_components`, body);
      const blank = await post({ component: '  ' });
      expect(blank.status).toBe(422);
      expect(blank.json).toEqual({ name: ["can't be blank"] });
      expect((await post({})).json).toEqual({ name: ["can't be blank"] });
      expect((await post({ component: 'backend' })).json).toEqual({ name: ['has already been taken'] });
      const [frontend] = server.data.components[spaceId];
      expect(
        (await send(server.url, 'PUT', `${big}/ticket_components/${frontend.id}`, { component: 'Infrastructure' }))
          .json,
      ).toEqual({ name: ['has already been taken'] });
      expect(server.data.components[spaceId].map((c) => c.name)).toEqual(['Frontend', 'Backend', 'Infrastructure']);
    });
  });

  it('needs credentials for these writes too', async () => {
    const res = await fetch(`${server.url}${big}/tags`, { method: 'POST', body: '{"tag":{"name":"x"}}' });
    expect(res.status).toBe(401);
    expect(server.data.tags[spaceId].map((t) => t.name)).not.toContain('x');
  });
});
