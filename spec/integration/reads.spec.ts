// Every read of contract part 2 over real HTTP against the local server: each answer is the
// server's truth (its dataset), in the SDK's order whatever the server's, with its request cost
// cold and cached. The README's cost table is printed by spec/bench/request-counts.ts.
import { Observable, concatMap, firstValueFrom, lastValueFrom, shareReplay, toArray } from 'rxjs';
import {
  API,
  NotFoundError,
  Space,
  associations,
  attachments,
  comments,
  components,
  customFields,
  documents,
  iterateTickets,
  milestones,
  spaceDocument,
  spaceTools,
  statuses,
  streamTickets,
  tag,
  tags,
  tasks,
  ticket,
  tickets,
  userRoles,
  wikiPage,
  wikiPages,
  wikiVersions,
} from '../../lib';
import { ALL_BYTES_NAME, DEFAULT_CREDENTIALS, type Dataset, type WireTicket } from '../../lib/testing';
import { isFollowedBy } from '../../lib/testing/resources/ticket-reports';
import { useLocalServer } from '../support/local';
import { startProxy } from '../support/proxy';

/** The URLs an API sent, in order; `take()` returns them and starts afresh. */
function sent(api: API): { take(): string[] } {
  let urls: string[] = [];
  api.requests$.subscribe((e) => e.type === 'start' && urls.push(e.url));
  return {
    take: () => {
      const taken = urls;
      urls = [];
      return taken;
    },
  };
}

const ms = (iso: string): number => Date.parse(iso);
const sortedBy = <T>(list: readonly T[], key: (item: T) => number | string): T[] =>
  [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

describe('the reads of contract part 2 against the local server', () => {
  const local = useLocalServer({ data: { tickets: 400 } });
  let data: Dataset;
  let spaceId: string;
  const big = (api: API): Observable<Space> => api.space({ name: 'Big Project' });
  const byNumber = (n: number): WireTicket => data.tickets[spaceId].find((t) => t.number === n)!;
  /** The tickets of the server's store that carry the tag named `name`, by number. */
  const taggedNumbers = (name: string): number[] => {
    const tagId = data.tags[spaceId].find((t) => t.name === name)!.id;
    const ids = new Set(data.ticketTags[spaceId].filter((tt) => tt.tag_id === tagId).map((tt) => tt.ticket_id));
    return data.tickets[spaceId]
      .filter((t) => ids.has(t.id))
      .map((t) => t.number)
      .sort((a, b) => a - b);
  };
  /** The raw JSON the server answers, with the local credentials. */
  const raw = async (path: string): Promise<unknown> => {
    const { key, secret } = DEFAULT_CREDENTIALS;
    const res = await fetch(`${local.server.url}/v1${path}`, { headers: { 'X-Api-Key': key, 'X-Api-Secret': secret } });
    return res.status === 204 ? [] : res.json();
  };

  beforeAll(() => {
    data = local.server.data;
    spaceId = data.spaces.find((s) => s.name === 'Big Project')!.id;
  });
  beforeEach(() => expect.hasAssertions());

  it('me() is the caller, one request, then none', async () => {
    const api = local.api();
    const log = sent(api);
    const me = await firstValueFrom(api.me());
    expect(me).toMatchObject({ id: data.me.id, login: data.me.login, name: data.me.name });
    expect(log.take().map((u) => new URL(u).pathname)).toEqual(['/v1/user']);
    await firstValueFrom(api.me());
    expect(log.take()).toEqual([]);
  });

  describe("a ticket's comments", () => {
    it("are the server's, oldest first although the server answers newest first", async () => {
      const t = byNumber(201);
      const truth = sortedBy(
        data.comments[spaceId].filter((c) => c.ticket_id === t.id),
        (c) => ms(c.created_on),
      );
      expect(truth).toHaveLength(3);
      const served = (await raw(`/spaces/${spaceId}/tickets/201/ticket_comments`)) as Array<{ id: number }>;
      expect(served.map((c) => c.id)).toEqual(truth.map((c) => c.id).reverse());

      const list = await firstValueFrom(big(local.api()).pipe(ticket({ number: 201 }), comments()));
      expect(list.map((c) => c.id)).toEqual(truth.map((c) => c.id));
      list.forEach((c, i) => {
        expect(c.comment).toBe(truth[i].comment);
        expect(c.ticket_id).toBe(t.id);
        expect(c.user_id).toBe(truth[i].user_id);
        expect(c.created_on.getTime()).toBe(ms(truth[i].created_on));
        expect(c.ticket_changes).toBe(truth[i].ticket_changes);
      });
      expect(list[0].ticket_changes).toContain('- status');
    });

    it('are filtered, and each ticket of a list has its own', async () => {
      const api = local.api();
      const t = byNumber(201);
      const author = data.comments[spaceId].find((c) => c.ticket_id === t.id)!.user_id;
      const mine = await firstValueFrom(big(api).pipe(ticket({ number: 201 }), comments({ user_id: author })));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((c) => c.user_id === author)).toBe(true);
      const perTicket = await lastValueFrom(
        big(api).pipe(
          tickets(),
          concatMap((list) => list.filter((t) => t.number <= 4)),
          comments(),
          toArray(),
        ),
      );
      expect(perTicket.map((l) => l.length)).toEqual([1, 2, 3, 4].map((n) => n % 4));
      expect(perTicket[2].every((c) => c.ticket_id === byNumber(3).id)).toBe(true);
    });
  });

  describe('tags', () => {
    it('of a ticket are the ones the server links to it', async () => {
      const list = await firstValueFrom(big(local.api()).pipe(ticket({ number: 201 }), tags()));
      expect(list.map((t) => t.name).sort()).toEqual(['API', 'Core']);
      const none = await firstValueFrom(big(local.api()).pipe(ticket({ number: 2 }), tags()));
      expect(none).toEqual([]);
    });

    it('of a space are every state, read in pages of 25', async () => {
      const api = local.api();
      const log = sent(api);
      const list = await firstValueFrom(big(api).pipe(tags()));
      const truth = data.tags[spaceId];
      expect(truth).toHaveLength(30);
      expect(list.map((t) => t.id)).toEqual(truth.map((t) => t.id));
      expect(new Set(list.map((t) => t.state))).toEqual(new Set([1, 2, 4]));
      list.forEach((t, i) => expect(t.created_at.getTime()).toBe(ms(truth[i].created_at)));
      const pages = log.take().filter((u) => u.includes('/tags?'));
      expect(pages.every((u) => u.includes('per_page=25'))).toBe(true);
      expect(pages.filter((u) => /[?&]page=[12]&/.test(u))).toHaveLength(2);
    });

    it.each([
      ['proposed', 1],
      ['active', 2],
      ['hidden', 4],
    ] as const)('of one state with { list: %p }', async (list, state) => {
      const found = await firstValueFrom(big(local.api()).pipe(tags(undefined, { list })));
      const truth = data.tags[spaceId].filter((t) => t.state === state);
      expect(truth.length).toBeGreaterThan(0);
      expect(found.map((t) => t.id)).toEqual(truth.map((t) => t.id));
    });

    it('filter by field', async () => {
      const found = await firstValueFrom(big(local.api()).pipe(tags({ state: 1 })));
      expect(found.map((t) => t.name)).toEqual(['Proposal', 'Idea']);
    });

    it('tag({ name }) finds one tag, and a missing one is a NotFoundError', async () => {
      const core = await firstValueFrom(big(local.api()).pipe(tag({ name: 'Core' })));
      expect(core.id).toBe(data.tags[spaceId].find((t) => t.name === 'Core')!.id);
      const error = await firstValueFrom(big(local.api()).pipe(tag({ name: 'Nope' }))).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'NotFoundError' });
      expect((error as Error).message).toContain('"Nope"');
    });

    it('tag({ id }) is one request', async () => {
      const api = local.api();
      const id = data.tags[spaceId].find((t) => t.name === 'Legacy')!.id;
      await firstValueFrom(big(api));
      const log = sent(api);
      const legacy = await firstValueFrom(big(api).pipe(tag({ id })));
      expect(legacy.name).toBe('Legacy');
      expect(log.take().map((u) => new URL(u).pathname)).toEqual([`/v1/spaces/${spaceId}/tags/${id}`]);
    });
  });

  describe("a tag's tickets", () => {
    it('through tickets, streamTickets and iterateTickets are the tickets the server tags', async () => {
      const truth = taggedNumbers('Core');
      expect(truth.length).toBeGreaterThan(10);
      const api = local.api();
      const core$ = big(api).pipe(tag({ name: 'Core' }), shareReplay(1));
      const list = await firstValueFrom(core$.pipe(tickets()));
      expect(list.map((t) => t.number).sort((a, b) => a - b)).toEqual(truth);
      expect(list.every((t) => t.number % 2 === 1)).toBe(true);
      const streamed = await lastValueFrom(big(local.api()).pipe(tag({ name: 'Core' }), streamTickets(), toArray()));
      expect(streamed.map((t) => t.number).sort((a, b) => a - b)).toEqual(truth);
      const iterated: number[] = [];
      for await (const t of iterateTickets(big(local.api()).pipe(tag({ name: 'API' })))) iterated.push(t.number);
      expect(iterated.sort((a, b) => a - b)).toEqual(taggedNumbers('API'));
    });

    it('filter, and ticket() finds one of them only', async () => {
      const api = local.api();
      const core$ = big(api).pipe(tag({ name: 'Core' }), shareReplay(1));
      const filtered = await firstValueFrom(core$.pipe(tickets({ status_name: 'New' })));
      const truth = taggedNumbers('Core').filter((n) => byNumber(n).status === 'New');
      expect(truth.length).toBeGreaterThan(0);
      expect(filtered.map((t) => t.number).sort((a, b) => a - b)).toEqual(truth);
      const t201 = await firstValueFrom(core$.pipe(ticket({ number: 201 })));
      expect(t201.id).toBe(byNumber(201).id);
      const error = await firstValueFrom(core$.pipe(ticket({ number: 2 }))).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'NotFoundError' });
      expect((error as Error).message).toMatch(/\{ number: 2 \}.*tag "Core"/);
    });
  });

  describe("a space's definitions", () => {
    it('statuses come in list_order, whatever order the server sends', async () => {
      const truth = sortedBy(data.statuses[spaceId], (s) => s.list_order);
      const body = JSON.stringify([...truth].reverse());
      const proxy = await startProxy(local.server.url, (req) =>
        /\/tickets\/statuses(\.json)?(\?|$)/.test(req.url ?? '') ? { answer: { status: 200, body } } : undefined,
      );
      try {
        const list = await firstValueFrom(big(local.api({ baseUrl: proxy.url })).pipe(statuses()));
        expect(proxy.seen.some((u) => u.includes('/tickets/statuses'))).toBe(true);
        expect(list.map((s) => s.id)).toEqual(truth.map((s) => s.id));
        list.forEach((s, i) => expect(s).toMatchObject({ name: truth[i].name, state: truth[i].state }));
      } finally {
        await proxy.close();
      }
    });

    it('statuses filter by state', async () => {
      const open = await firstValueFrom(big(local.api()).pipe(statuses({ state: 0 })));
      const truth = data.statuses[spaceId].filter((s) => s.state === 0);
      expect(open.map((s) => s.name).sort()).toEqual(truth.map((s) => s.name).sort());
      expect(open.length).toBeGreaterThan(0);
    });

    it('custom fields keep the type as spelled and list_options as an array', async () => {
      const list = await firstValueFrom(big(local.api()).pipe(customFields()));
      const truth = data.customFields[spaceId];
      expect(list.map((f) => [f.id, f.title, f.type])).toEqual(truth.map((f) => [f.id, f.title, f.type]));
      const lists = list.filter((f) => f.type === 'List');
      expect(lists.length).toBeGreaterThan(0);
      for (const f of lists) {
        expect(Array.isArray(f.list_options)).toBe(true);
        expect(f.list_options).toEqual(truth.find((w) => w.id === f.id)!.list_options);
      }
      const listOnly = await firstValueFrom(big(local.api()).pipe(customFields({ type: 'List' })));
      expect(listOnly.map((f) => f.id)).toEqual(lists.map((f) => f.id));
    });

    it("components, space tools and user roles are the server's", async () => {
      const api = local.api();
      const space$ = big(api).pipe(shareReplay(1));
      const [comps, tools, roles] = await Promise.all([
        firstValueFrom(space$.pipe(components())),
        firstValueFrom(space$.pipe(spaceTools())),
        firstValueFrom(space$.pipe(userRoles())),
      ]);
      expect(comps.map((c) => [c.id, c.name])).toEqual(data.components[spaceId].map((c) => [c.id, c.name]));
      expect(tools.map((t) => [t.id, t.menu_name, t.active])).toEqual(
        data.spaceTools[spaceId].map((t) => [t.id, t.menu_name, t.active]),
      );
      expect(roles.map((r) => [r.id, r.user_id, r.role])).toEqual(
        data.userRoles[spaceId].map((r) => [r.id, r.user_id, r.role]),
      );
      const owners = await firstValueFrom(space$.pipe(userRoles({ role: 'owner' })));
      expect(owners.length).toBeGreaterThan(0);
      expect(owners.length).toBe(data.userRoles[spaceId].filter((r) => r.role === 'owner').length);
    });
  });

  describe('associations', () => {
    it('are reachable from either ticket, as the server stores them', async () => {
      const api = local.api();
      const [one, two] = [byNumber(1), byNumber(2)];
      const stored = data.associations[spaceId].find((a) => a.ticket1_id === two.id && a.ticket2_id === one.id)!;
      expect(stored.relationship).toBe(5);
      const from1 = await firstValueFrom(big(api).pipe(ticket({ number: 1 }), associations()));
      const from2 = await firstValueFrom(big(api).pipe(ticket({ number: 2 }), associations()));
      const truthOf = (t: WireTicket): number[] =>
        data.associations[spaceId]
          .filter((a) => a.ticket1_id === t.id || a.ticket2_id === t.id)
          .map((a) => a.id)
          .sort();
      expect(from1.map((a) => a.id).sort()).toEqual(truthOf(one));
      expect(from2.map((a) => a.id).sort()).toEqual(truthOf(two));
      for (const list of [from1, from2])
        expect(list.find((a) => a.id === stored.id)).toMatchObject({
          ticket1_id: two.id,
          ticket2_id: one.id,
          relationship: 5,
        });
      const related = await firstValueFrom(big(api).pipe(ticket({ number: 1 }), associations({ relationship: 2 })));
      expect(related.map((a) => a.ticket1_id)).toEqual([byNumber(3).id]);
    });
  });

  describe('documents', () => {
    it("of a space and the attachments of a ticket are the server's", async () => {
      const api = local.api();
      const list = await firstValueFrom(big(api).pipe(documents()));
      expect(list.map((d) => [d.id, d.name, d.filesize])).toEqual(
        data.documents[spaceId].map((d) => [d.id, d.name, d.filesize]),
      );
      const onOne = await firstValueFrom(big(api).pipe(ticket({ number: 1 }), attachments()));
      expect(onOne.map((d) => d.name)).toEqual([ALL_BYTES_NAME]);
      expect(onOne[0].ticket_id).toBe(byNumber(1).id);
      const onTwo = await firstValueFrom(big(api).pipe(ticket({ number: 2 }), attachments()));
      expect(onTwo).toEqual([]);
      const texts = await firstValueFrom(big(api).pipe(documents({ content_type: 'text/plain' })));
      expect(texts.map((d) => d.name)).toEqual(['release-notes.txt']);
    });

    it('spaceDocument({ id }) is one request; by name it reads the list', async () => {
      const api = local.api();
      const truth = data.documents[spaceId].find((d) => d.name === ALL_BYTES_NAME)!;
      await firstValueFrom(big(api));
      const log = sent(api);
      const byId = await firstValueFrom(big(api).pipe(spaceDocument({ id: truth.id })));
      expect(byId).toMatchObject({ name: ALL_BYTES_NAME, filesize: 256, content_type: truth.content_type });
      expect(log.take().map((u) => new URL(u).pathname)).toEqual([`/v1/spaces/${spaceId}/documents/${truth.id}`]);
      const byName = await firstValueFrom(big(local.api()).pipe(spaceDocument({ name: 'release-notes.txt' })));
      expect(byName.id).toBe(data.documents[spaceId].find((d) => d.name === 'release-notes.txt')!.id);
    });
  });

  describe('wiki', () => {
    it("pages are the server's, filtered by field", async () => {
      const api = local.api();
      const list = await firstValueFrom(big(api).pipe(wikiPages()));
      expect(list.map((p) => [p.id, p.page_name, p.version])).toEqual(
        data.wikiPages[spaceId].map((p) => [p.id, p.page_name, p.version]),
      );
      const top = await firstValueFrom(big(api).pipe(wikiPages({ parent_id: null })));
      expect(top.map((p) => p.page_name)).toEqual(['Home', 'Archived Notes']);
    });

    it('wikiPage({ page_name }) is one request by name', async () => {
      const api = local.api();
      await firstValueFrom(big(api));
      const log = sent(api);
      const setup = await firstValueFrom(big(api).pipe(wikiPage({ page_name: 'Setup' })));
      expect(setup.id).toBe(data.wikiPages[spaceId].find((p) => p.page_name === 'Setup')!.id);
      expect(log.take().map((u) => new URL(u).pathname)).toEqual([`/v1/spaces/${spaceId}/wiki_pages/Setup`]);
    });

    it('versions come oldest first, whatever order the server sends', async () => {
      const home = data.wikiPages[spaceId].find((p) => p.page_name === 'Home')!;
      const truth = sortedBy(
        data.wikiVersions[spaceId].filter((v) => v.wiki_page_id === home.id),
        (v) => v.version,
      );
      expect(truth.map((v) => v.version)).toEqual([1, 2, 3]);
      const body = JSON.stringify([...truth].reverse());
      const proxy = await startProxy(local.server.url, (req) =>
        /\/versions(\.json)?(\?|$)/.test(req.url ?? '') ? { answer: { status: 200, body } } : undefined,
      );
      try {
        const list = await firstValueFrom(
          big(local.api({ baseUrl: proxy.url })).pipe(wikiPage({ page_name: 'Home' }), wikiVersions()),
        );
        expect(list.map((v) => v.id)).toEqual(truth.map((v) => v.id));
        list.forEach((v, i) => expect(v.contents).toBe(truth[i].contents));
      } finally {
        await proxy.close();
      }
      const two = await firstValueFrom(
        big(local.api()).pipe(wikiPage({ page_name: 'Home' }), wikiVersions({ version: 2 })),
      );
      expect(two.map((v) => v.id)).toEqual([truth[1].id]);
    });
  });

  it("tasks are the caller's own in the space, not a colleague's", async () => {
    const list = await firstValueFrom(big(local.api()).pipe(tasks()));
    const inSpace = data.tasks.filter((t) => t.space_id === spaceId);
    const truth = inSpace.filter((t) => t.user_id === data.me.id);
    expect(inSpace.length).toBeGreaterThan(truth.length);
    expect(truth).toHaveLength(30);
    expect(list.map((t) => t.id).sort()).toEqual(truth.map((t) => t.id).sort());
    expect(list.every((t) => t.user_id === data.me.id && t.space_id === spaceId)).toBe(true);
    const one = list[0];
    expect(one.hours).toBe(Number(truth.find((t) => t.id === one.id)!.hours));
    const billed = await firstValueFrom(big(local.api()).pipe(tasks({ billed: true })));
    expect(billed.map((t) => t.id).sort()).toEqual(
      truth
        .filter((t) => t.billed)
        .map((t) => t.id)
        .sort(),
    );
  });

  describe('scoped lists', () => {
    const me = (): string => data.me.id;
    it.each([
      ['my_active', (t: WireTicket) => t.assigned_to_id === me() && t.state === 1],
      ['my_followed', (t: WireTicket) => isFollowedBy(t, me())],
      ['no_milestone', (t: WireTicket) => t.milestone_id === null],
    ] as const)("tickets(f, { list: %p }) are the server's selection", async (list, selects) => {
      const truth = data.tickets[spaceId].filter(selects).map((t) => t.number);
      expect(truth.length).toBeGreaterThan(0);
      expect(truth.length).toBeLessThan(data.tickets[spaceId].length);
      const api = local.api();
      const found = await firstValueFrom(big(api).pipe(tickets(undefined, { list })));
      expect(found.map((t) => t.number).sort((a, b) => a - b)).toEqual(truth);
      const streamed = await lastValueFrom(big(api).pipe(streamTickets(undefined, { list }), toArray()));
      expect(streamed.map((t) => t.number).sort((a, b) => a - b)).toEqual(truth);
      const open = await firstValueFrom(big(api).pipe(tickets({ state: 0 }, { list })));
      expect(open.map((t) => t.number).sort((a, b) => a - b)).toEqual(
        data.tickets[spaceId].filter((t) => selects(t) && t.state === 0).map((t) => t.number),
      );
    });

    it.each([
      ['upcoming', (m: Dataset['milestones'][string][number]) => !m.is_completed],
      ['completed', (m: Dataset['milestones'][string][number]) => m.is_completed],
      ['release_notes', (m: Dataset['milestones'][string][number]) => !!m.release_notes],
    ] as const)("milestones(f, { list: %p }) are the server's selection", async (list, selects) => {
      const truth = data.milestones[spaceId].filter(selects).map((m) => m.id);
      expect(truth.length).toBeGreaterThan(0);
      expect(truth.length).toBeLessThan(data.milestones[spaceId].length);
      const found = await firstValueFrom(big(local.api()).pipe(milestones(undefined, { list })));
      expect(found.map((m) => m.id).sort()).toEqual([...truth].sort());
    });

    it('a scoped list is cached apart from the whole list', async () => {
      const api = local.api();
      const all = await firstValueFrom(big(api).pipe(tickets()));
      const log = sent(api);
      const mine = await firstValueFrom(big(api).pipe(tickets(undefined, { list: 'my_active' })));
      expect(log.take().some((u) => u.includes('/tickets/my_active'))).toBe(true);
      expect(mine.length).toBeLessThan(all.length);
      await firstValueFrom(big(api).pipe(tickets(undefined, { list: 'my_active' })));
      expect(log.take()).toEqual([]);
    });
  });
});

describe('wikiPage({ page_name }) where the server has no GET by name', () => {
  const local = useLocalServer({ data: { tickets: 60 }, wikiByName: false });
  beforeEach(() => expect.hasAssertions());

  it('reads the list after the 404, and finds the page there', async () => {
    const api = local.api();
    const space$ = api.space({ name: 'Big Project' });
    await firstValueFrom(space$);
    const spaceId = local.server.data.spaces.find((s) => s.name === 'Big Project')!.id;
    const log = sent(api);
    const setup = await firstValueFrom(space$.pipe(wikiPage({ page_name: 'Setup' })));
    expect(setup.id).toBe(local.server.data.wikiPages[spaceId].find((p) => p.page_name === 'Setup')!.id);
    expect(log.take().map((u) => new URL(u).pathname)).toEqual([
      `/v1/spaces/${spaceId}/wiki_pages/Setup`,
      `/v1/spaces/${spaceId}/wiki_pages`,
    ]);
    await firstValueFrom(space$.pipe(wikiPage({ page_name: 'Release Process' })));
    expect(log.take()).toEqual([]);
  });

  it('gives a NotFoundError that names the page when the list has none', async () => {
    const error = await firstValueFrom(
      local
        .api()
        .space({ name: 'Big Project' })
        .pipe(wikiPage({ page_name: 'Nope' })),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain('"Nope"');
  });
});
