// The local server's reads beyond the seed four, over real HTTP: lists, lookups, paging defaults,
// 204 for empty lists, 404 for unknown parents and ids, and the optional `.json` suffix.
import {
  startServer,
  type RunningServer,
  type WireCustomField,
  type WireSpace,
  type WireTag,
  type WireTask,
  type WireTicket,
} from '../../lib/testing';
import { call } from './helpers';

describe('local server: the resources beyond the seed four', () => {
  let server: RunningServer;
  let big: WireSpace;
  let other: WireSpace;
  const get = (path: string) => call(server.url, `/v1${path}`);
  const ticket = (n: number): WireTicket => server.data.tickets[big.id][n - 1];

  beforeAll(async () => {
    server = await startServer({ data: { tickets: 400 } });
    [big, other] = server.data.spaces;
  });
  afterAll(() => server.stop());
  beforeEach(() => expect.hasAssertions());

  it('answers every list and lookup with or without .json, and 404 for an unknown space', async () => {
    const paths = [
      '/spaces/big-project/tickets/3/ticket_comments',
      '/spaces/big-project/tickets/201/tags',
      '/spaces/big-project/tags',
      '/spaces/big-project/tickets/custom_fields',
      '/spaces/big-project/ticket_components',
      '/spaces/big-project/tickets/1/ticket_associations',
      '/spaces/big-project/tickets/1/attachments',
      '/spaces/big-project/documents',
      '/spaces/big-project/wiki_pages',
      '/spaces/big-project/space_tools',
      '/spaces/big-project/user_roles',
      '/tasks',
    ];
    for (const path of paths) {
      const [plain, suffixed] = [await get(path), await get(`${path}.json`)];
      expect([path, plain.status, suffixed.status]).toEqual([path, 200, 200]);
      expect(suffixed.text).toBe(plain.text);
      if (path.startsWith('/spaces/big-project')) {
        const unknown = await get(path.replace('big-project', 'no-such-space'));
        expect([path, unknown.status]).toEqual([path, 404]);
      }
    }
  });

  describe('ticket comments', () => {
    it('lists a ticket’s comments newest first (id desc), as recorded; 204 when it has none', async () => {
      const res = await get('/spaces/big-project/tickets/3/ticket_comments');
      expect(res.json).toHaveLength(3);
      expect(res.json.map((c: { id: number }) => c.id)).toEqual(
        [...res.json.map((c: { id: number }) => c.id)].sort((a, b) => b - a),
      );
      expect(res.json.every((c: { ticket_id: number }) => c.ticket_id === ticket(3).id)).toBe(true);
      expect((await get('/spaces/big-project/tickets/4/ticket_comments')).status).toBe(204);
      expect((await get('/spaces/big-project/tickets/201/ticket_comments')).json).toHaveLength(3);
    });

    it('finds one comment through its own ticket only; 404 for an unknown ticket', async () => {
      const [first] = (await get('/spaces/big-project/tickets/3/ticket_comments')).json;
      expect((await get(`/spaces/big-project/tickets/3/ticket_comments/${first.id}`)).json).toEqual(first);
      expect((await get(`/spaces/big-project/tickets/2/ticket_comments/${first.id}`)).status).toBe(404);
      expect((await get('/spaces/big-project/tickets/99999/ticket_comments')).status).toBe(404);
    });
  });

  describe('tags', () => {
    it('pages a space’s tags by 25, every state; per_page and page as asked', async () => {
      const first = await get('/spaces/big-project/tags');
      expect(first.json).toHaveLength(25);
      expect((await get('/spaces/big-project/tags?page=2')).json).toHaveLength(5);
      expect((await get('/spaces/big-project/tags?page=3')).status).toBe(204);
      expect((await get('/spaces/big-project/tags?per_page=10&page=3')).json).toHaveLength(10);
      const all = [...first.json, ...(await get('/spaces/big-project/tags?page=2')).json] as WireTag[];
      expect(new Set(all.map((t) => t.state))).toEqual(new Set([1, 2, 4]));
    });

    it('lists one state under /active, /proposed and /hidden', async () => {
      for (const [list, state] of [
        ['active', 2],
        ['proposed', 1],
        ['hidden', 4],
      ] as const) {
        const res = await get(`/spaces/big-project/tags/${list}`);
        expect(res.json.length).toBeGreaterThan(0);
        expect(res.json.every((t: WireTag) => t.state === state)).toBe(true);
      }
      expect((await get(`/spaces/${other.id}/tags/active`)).json.map((t: WireTag) => t.name)).toEqual(['Core']);
    });

    it('finds a tag by id, lists its tickets by number paged by 10, 404 for an unknown tag', async () => {
      const core = server.data.tags[big.id].find((t) => t.name === 'Core')!;
      expect((await get(`/spaces/big-project/tags/${core.id}`)).json).toEqual(core);
      const pages = await Promise.all(
        [1, 2, 3, 4, 5].map((p) => get(`/spaces/big-project/tags/${core.id}/tickets?page=${p}`)),
      );
      expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200, 204]);
      const numbers = pages.flatMap((p) => (p.json ?? []).map((t: WireTicket) => t.number));
      expect(numbers).toEqual([...Array.from({ length: 30 }, (_, i) => 2 * i + 1), 201]);
      expect((await get('/spaces/big-project/tags/99999')).status).toBe(404);
      expect((await get('/spaces/big-project/tags/99999/tickets')).status).toBe(404);
    });

    it('lists a ticket’s tags newest first; 204 for a ticket without tags', async () => {
      const res = await get('/spaces/big-project/tickets/201/tags');
      expect(res.json.map((t: WireTag) => t.name)).toEqual(['API', 'Core']);
      expect((await get('/spaces/big-project/tickets/2/tags')).status).toBe(204);
    });
  });

  it('finds a status by id', async () => {
    const status = server.data.statuses[big.id][2];
    expect((await get(`/spaces/big-project/tickets/statuses/${status.id}`)).json).toEqual(status);
    expect((await get('/spaces/big-project/tickets/statuses/1')).status).toBe(404);
  });

  it('defines the custom fields the tickets carry, type capitalised, list_options on the List only', async () => {
    const fields = (await get('/spaces/big-project/tickets/custom_fields')).json as WireCustomField[];
    expect(fields.map((f) => [f.title, f.type])).toEqual([
      ['Build', 'Text'],
      ['Customer', 'List'],
    ]);
    const customer = fields[1];
    const tickets = (await get('/spaces/big-project/tickets?report=0&per_page=100')).json as WireTicket[];
    for (const t of tickets) {
      expect(Object.keys(t.custom_fields)).toEqual(fields.map((f) => f.title));
      expect(['', ...customer.list_options!]).toContain(t.custom_fields.Customer);
    }
    expect((await get(`/spaces/big-project/tickets/custom_fields/${customer.id}`)).json).toEqual(customer);
    expect((await get(`/spaces/${other.id}/tickets/custom_fields`)).status).toBe(204);
  });

  it('lists and finds components; 204 where there are none', async () => {
    const res = await get('/spaces/big-project/ticket_components');
    expect(res.json.map((c: { name: string }) => c.name)).toEqual(['Frontend', 'Backend', 'Infrastructure']);
    expect((await get(`/spaces/big-project/ticket_components/${res.json[1].id}`)).json).toEqual(res.json[1]);
    expect((await get(`/spaces/${other.id}/ticket_components`)).status).toBe(204);
  });

  it('stores an association once and lists it from either ticket, a subtask as the other side’s story', async () => {
    const fromOne = (await get('/spaces/big-project/tickets/1/ticket_associations')).json;
    const fromTwo = (await get('/spaces/big-project/tickets/2/ticket_associations')).json;
    expect(fromTwo).toEqual([{ ...fromOne[0] }]);
    expect(fromOne[0]).toMatchObject({ ticket1_id: ticket(2).id, ticket2_id: ticket(1).id, relationship: 5 });
    const id = fromOne[0].id;
    expect((await get(`/spaces/big-project/tickets/2/ticket_associations/${id}`)).json).toEqual(fromOne[0]);
    expect((await get(`/spaces/big-project/tickets/7/ticket_associations/${id}`)).status).toBe(404);
    expect((await get('/spaces/big-project/tickets/7/ticket_associations')).status).toBe(204);
  });

  it('lists documents, a ticket’s attachments, and finds one by id', async () => {
    const docs = (await get('/spaces/big-project/documents')).json;
    expect(docs.map((d: { name: string }) => d.name)).toContain('all-bytes.bin');
    const attachments = (await get('/spaces/big-project/tickets/1/attachments')).json;
    expect(attachments).toEqual([
      expect.objectContaining({ name: 'all-bytes.bin', ticket_id: ticket(1).id, filesize: 256 }),
    ]);
    expect((await get('/spaces/big-project/tickets/2/attachments')).status).toBe(204);
    expect((await get(`/spaces/big-project/documents/${docs[0].id}`)).json).toEqual(docs[0]);
    expect((await get('/spaces/big-project/documents/nope')).status).toBe(404);
  });

  it('finds wiki pages by id or page_name, with their versions', async () => {
    const pages = (await get('/spaces/big-project/wiki_pages')).json;
    expect(pages.map((p: { page_name: string }) => p.page_name)).toEqual([
      'Home',
      'Setup',
      'Release Process',
      'Archived Notes',
    ]);
    const home = pages[0];
    expect((await get(`/spaces/big-project/wiki_pages/${home.id}`)).json).toEqual(home);
    expect((await get('/spaces/big-project/wiki_pages/Release%20Process.json')).json).toEqual(pages[2]);
    const versions = (await get('/spaces/big-project/wiki_pages/Home/versions')).json;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(versions[2].contents).toBe(home.contents);
    expect((await get(`/spaces/big-project/wiki_pages/Home/versions/${versions[1].id}`)).json).toEqual(versions[1]);
    expect((await get('/spaces/big-project/wiki_pages/Nope')).status).toBe(404);
    expect((await get(`/spaces/big-project/wiki_pages/Setup/versions/${versions[1].id}`)).status).toBe(404);
  });

  it('finds a wiki page by id only when wikiByName is off', async () => {
    const strict = await startServer({ data: { tickets: 5 }, wikiByName: false });
    try {
      const [home] = strict.data.wikiPages[strict.data.spaces[0].id];
      expect((await call(strict.url, '/v1/spaces/big-project/wiki_pages/Home')).status).toBe(404);
      expect((await call(strict.url, `/v1/spaces/big-project/wiki_pages/${home.id}`)).status).toBe(200);
    } finally {
      await strict.stop();
    }
  });

  it('lists space tools, finds one by id or name, and the repositories', async () => {
    const tools = (await get('/spaces/big-project/space_tools')).json;
    expect(tools.map((t: { type: string }) => t.type)).toContain('TicketTool');
    const tickets = tools.find((t: { type: string }) => t.type === 'TicketTool');
    expect(tickets.id).toBe(server.data.statuses[big.id][0].space_tool_id);
    expect((await get(`/spaces/big-project/space_tools/${tickets.id}`)).json).toEqual(tickets);
    expect((await get('/spaces/big-project/space_tools/git')).json.type).toBe('GitTool');
    expect((await get('/spaces/big-project/space_tools/repo')).json.map((t: { name: string }) => t.name)).toEqual([
      'git',
    ]);
    expect((await get(`/spaces/${other.id}/space_tools/repo`)).status).toBe(204);
  });

  it('lists one user role per member and finds one by id', async () => {
    const roles = (await get('/spaces/big-project/user_roles')).json;
    expect(roles.map((r: { user_id: string }) => r.user_id)).toEqual(server.data.users[big.id].map((u) => u.id));
    expect(roles.find((r: { user_id: string }) => r.user_id === server.data.me.id).role).toBe('owner');
    expect((await get(`/spaces/big-project/user_roles/${roles[1].id}`)).json).toEqual(roles[1]);
    expect((await get('/spaces/big-project/user_roles/1')).status).toBe(404);
  });

  describe('tasks', () => {
    const mine = (): WireTask[] => server.data.tasks.filter((t) => t.user_id === server.data.me.id);

    it('lists the caller’s own tasks by default, newest begin_at first, by 25, hours as decimal strings', async () => {
      const [one, two, three] = [await get('/tasks'), await get('/tasks?page=2'), await get('/tasks?page=3')];
      expect([one.json.length, two.json.length, three.status]).toEqual([25, mine().length - 25, 204]);
      const all = [...one.json, ...two.json] as WireTask[];
      expect(all.every((t) => t.user_id === server.data.me.id)).toBe(true);
      const begins = all.map((t) => Date.parse(t.begin_at));
      expect(begins).toEqual([...begins].sort((a, b) => b - a));
      expect(all.every((t) => /^\d+\.\d+$/.test(t.hours))).toBe(true);
    });

    it('filters by users[], spaces[], ticket_ids[], from/to, and sorts as asked', async () => {
      const colleague = server.data.tasks.find((t) => t.user_id !== server.data.me.id)!.user_id;
      const theirs = (await get(`/tasks?users[]=${colleague}&per_page=100`)).json as WireTask[];
      expect(theirs.length).toBeGreaterThan(0);
      expect(theirs.every((t) => t.user_id === colleague)).toBe(true);
      const inOther = (await get(`/tasks?spaces[]=${other.id}`)).json as WireTask[];
      expect(inOther.map((t) => t.id).sort()).toEqual(
        mine()
          .filter((t) => t.space_id === other.id)
          .map((t) => t.id)
          .sort(),
      );
      const linked = mine().find((t) => t.ticket_id !== null)!;
      const byTicket = (await get(`/tasks?ticket_ids[]=${linked.ticket_id}&per_page=100`)).json as WireTask[];
      expect(byTicket.map((t) => t.id)).toContain(linked.id);
      const day = linked.begin_at.slice(0, 10);
      const onDay = (await get(`/tasks?from=${day}&to=${day}&per_page=100`)).json as WireTask[];
      expect(onDay.map((t) => t.id)).toContain(linked.id);
      expect(onDay.every((t) => t.begin_at.startsWith(day))).toBe(true);
      const asc = (await get('/tasks?sort_by=begin_at&per_page=100')).json as WireTask[];
      expect(asc.map((t) => Date.parse(t.begin_at))).toEqual(
        mine()
          .map((t) => Date.parse(t.begin_at))
          .sort((a, b) => a - b),
      );
      expect((await get('/tasks?from=yesterday')).status).toBe(422);
    });

    it('finds a task by id', async () => {
      const task = mine()[0];
      expect((await get(`/tasks/${task.id}`)).json).toEqual(task);
      expect((await get('/tasks/1')).status).toBe(404);
    });
  });

  it('counts the new routes under their patterns, keeping the old keys', async () => {
    server.stats.reset();
    await get('/spaces/big-project/tickets/3/ticket_comments');
    await get('/spaces/big-project/tickets/201');
    await get('/spaces/big-project/tags/active');
    expect(server.stats.byEndpoint).toMatchObject({
      'GET /spaces/:space/tickets/:number/ticket_comments': 1,
      'GET /spaces/:space/tickets/:number': 1,
      'GET /spaces/:space/tags/active': 1,
    });
  });
});
