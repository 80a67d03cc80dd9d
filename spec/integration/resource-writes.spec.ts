// Writes of milestones, wiki pages, tags, statuses and custom fields over real HTTP to the local
// server: what each emits, the server's state afterwards, its request cost, a 422, and the cache
// afterwards (request counts from the server's counters). Also the checks of a ticket's status and
// custom fields against the space's cached lists, before anything is sent.
import { Observable, OperatorFunction, concatMap, firstValueFrom, lastValueFrom, shareReplay, toArray } from 'rxjs';
import {
  API,
  AttributeError,
  UncertainWriteError,
  Space,
  ValidationError,
  createCustomField,
  createMilestone,
  createStatus,
  createTag,
  createTicket,
  createWikiPage,
  customFields,
  deleteCustomField,
  deleteMilestone,
  deleteStatus,
  deleteTag,
  deleteWikiPage,
  milestone,
  milestones,
  statuses,
  tag,
  tags,
  ticket,
  tickets,
  updateCustomField,
  updateMilestone,
  updateStatus,
  updateTag,
  updateTicket,
  updateWikiPage,
  wikiPage,
  wikiPages,
  wikiVersions,
} from '../../lib';
import { fail, KEY_AUTH, useLocalServer } from '../support/local';
import { startProxy } from '../support/proxy';

/** Any write from a space. */
type Write = OperatorFunction<Space, unknown>;

/** Emissions of a write, all of them (each must emit exactly one). */
const all = <T>(o: Observable<T>): Promise<T[]> => lastValueFrom(o.pipe(toArray()));

describe('resource writes over real HTTP', () => {
  // A server per test: each test writes, and counts requests from zero.
  const local = useLocalServer({ data: { tickets: 300 } }, 'test');
  beforeEach(() => expect.hasAssertions());

  /** The Big Project space of a new API, read once, and the server's counters zeroed after. */
  async function bigProject(api: API = local.api()): Promise<{ space$: Observable<Space>; space: Space }> {
    const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
    const space = await firstValueFrom(space$);
    local.server.stats.reset();
    return { space$, space };
  }

  const data = () => local.server.data;

  /**
   * The requests the server answered since the last reset (`endpoint`, e.g. `GET /spaces/:space/tags`,
   * narrows them), but a paged list's look-ahead past its end: GETs answered 204, which may land
   * after the reset that follows the list's read.
   */
  const served = (endpoint?: string): number => {
    const route = endpoint && new RegExp(`^${endpoint.replace(' /', ' /v1/').replace(/:\w+/g, '[^/]+')}$`);
    return local.server.stats.log.filter(
      (l) => !(l.method === 'GET' && l.status === 204) && (!route || route.test(`${l.method} ${l.path}`)),
    ).length;
  };
  const writesReceived = () => ({ ...local.server.stats.writes.received });

  describe('milestones', () => {
    const ALL = 'GET /spaces/:space/milestones/all';

    it('createMilestone POSTs once and emits the milestone as the server made it', async () => {
      const { space$, space } = await bigProject();
      const due = new Date('2027-03-01T00:00:00Z');
      const [made] = await all(space$.pipe(createMilestone({ title: 'Release 2.0', due_date: due, release_level: 2 })));
      expect(made).toMatchObject({ title: 'Release 2.0', release_level: 2, pretty_release_level: 'Beta' });
      expect(made.due_date?.getTime()).toBe(due.getTime());
      expect(served()).toBe(1);
      expect(served('POST /spaces/:space/milestones')).toBe(1);
      // Sent as its day, as the API writes dates.
      expect(data().milestones[space.id].find((m) => m.id === made.id)).toMatchObject({
        title: 'Release 2.0',
        due_date: '2027-03-01',
      });
    });

    it('updateMilestone PUTs and reads back (2 requests); cached lists answer with it: 0 list requests', async () => {
      const { space$, space } = await bigProject();
      await firstValueFrom(space$.pipe(milestones()));
      const backlog$ = space$.pipe(milestone('Backlog'));
      local.server.stats.reset();
      const [done] = await all(backlog$.pipe(updateMilestone({ is_completed: true, release_notes: 'Cleared' })));
      expect(done).toMatchObject({ title: 'Backlog', is_completed: true, release_notes: 'Cleared' });
      expect(done.completed_date).toBeInstanceOf(Date);
      expect(served()).toBe(2);
      expect(served('PUT /spaces/:space/milestones/:id')).toBe(1);
      expect(data().milestones[space.id].find((m) => m.id === done.id)).toMatchObject({ is_completed: true });
      expect(await firstValueFrom(space$.pipe(milestones({ is_completed: true })))).toContain(done);
      expect(await firstValueFrom(backlog$)).toBe(done);
      expect(served(ALL)).toBe(0);
    });

    it('deleteMilestone DELETEs once and emits it; its tickets lose it and are read again', async () => {
      const { space$, space } = await bigProject();
      const rc1 = await firstValueFrom(space$.pipe(milestone('Release Candidate 1')));
      const before = await firstValueFrom(space$.pipe(tickets({ milestone_id: rc1.id })));
      expect(before.length).toBeGreaterThan(0);
      local.server.stats.reset();
      const [gone] = await all(space$.pipe(milestone('Release Candidate 1'), deleteMilestone()));
      expect(gone).toBe(rc1);
      expect(served()).toBe(1);
      expect(data().milestones[space.id].some((m) => m.id === rc1.id)).toBe(false);
      expect(data().tickets[space.id].some((t) => t.milestone_id === rc1.id)).toBe(false);
      // It left the cached list (no request), and the tickets were read again.
      expect((await firstValueFrom(space$.pipe(milestones()))).map((m) => m.id)).not.toContain(rc1.id);
      expect(served(ALL)).toBe(0);
      expect(await firstValueFrom(space$.pipe(tickets({ milestone_id: rc1.id })))).toEqual([]);
      expect(served('GET /spaces/:space/tickets')).toBeGreaterThan(0);
    });

    it('a created milestone is in the list next time (read again: its order is the server’s)', async () => {
      const { space$, space } = await bigProject();
      await firstValueFrom(space$.pipe(milestones()));
      const [made] = await all(space$.pipe(createMilestone({ title: 'Later' })));
      local.server.stats.reset();
      const after = await firstValueFrom(space$.pipe(milestones()));
      expect(after).toContainEqual(made);
      expect(after.map((m) => m.id)).toEqual(
        data()
          .milestones[space.id].map((m) => m.id)
          .sort((a, b) => a - b),
      );
      expect(served(ALL)).toBeGreaterThan(0);
    });

    it('a 422 is a ValidationError with the server’s fields; nothing changes', async () => {
      const { space$, space } = await bigProject();
      const before = data().milestones[space.id].length;
      const error = await fail(firstValueFrom(space$.pipe(createMilestone({ title: '  ' }))));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ status: 422, fields: { title: ["can't be blank"] } });
      expect(data().milestones[space.id]).toHaveLength(before);
    });
  });

  describe('wiki pages', () => {
    const LIST = 'GET /spaces/:space/wiki_pages';

    it('createWikiPage POSTs once; the page joins the cached list at the end: 0 list requests', async () => {
      const { space$, space } = await bigProject();
      const cached = await firstValueFrom(space$.pipe(wikiPages()));
      local.server.stats.reset();
      const [made] = await all(space$.pipe(createWikiPage({ page_name: 'Deploy', contents: '<p>TODO</p>' })));
      expect(made).toMatchObject({ page_name: 'Deploy', contents: '<p>TODO</p>', version: 1 });
      expect(served()).toBe(1);
      expect(data().wikiPages[space.id].at(-1)).toMatchObject({ id: made.id, page_name: 'Deploy' });
      const after = await firstValueFrom(space$.pipe(wikiPages()));
      expect(after).toEqual([...cached, made]);
      expect(served(LIST)).toBe(0);
      expect(await firstValueFrom(space$.pipe(wikiPages({ page_name: 'Deploy' })))).toEqual([made]);
    });

    it('updateWikiPage PUTs and reads back (2 requests); the list is patched, the versions read again', async () => {
      const { space$, space } = await bigProject();
      await firstValueFrom(space$.pipe(wikiPages()));
      const setup$ = space$.pipe(wikiPage({ page_name: 'Setup' }));
      const versions = await firstValueFrom(setup$.pipe(wikiVersions()));
      local.server.stats.reset();
      const [saved] = await all(setup$.pipe(updateWikiPage({ contents: '<p>Done</p>', change_comment: 'Finished' })));
      expect(saved).toMatchObject({ page_name: 'Setup', contents: '<p>Done</p>', version: versions.length + 1 });
      expect(served()).toBe(2);
      expect(data().wikiPages[space.id].find((p) => p.id === saved.id)).toMatchObject({ contents: '<p>Done</p>' });
      expect(await firstValueFrom(space$.pipe(wikiPages({ page_name: 'Setup' })))).toEqual([saved]);
      expect(served(LIST)).toBe(0);
      const again = await firstValueFrom(setup$.pipe(wikiVersions()));
      expect(again.at(-1)).toMatchObject({ contents: '<p>Done</p>', change_comment: 'Finished' });
    });

    it.each([
      ['deleteWikiPage() deletes the pages under it too (DELETE .../all)', undefined, '/all', []],
      [
        'deleteWikiPage({ children: "keep" }) keeps them (DELETE .../container)',
        'keep' as const,
        '/container',
        [null, null],
      ],
    ])('%s; every cached page is read again', async (_, children, route, parents) => {
      const { space$, space } = await bigProject();
      await firstValueFrom(space$.pipe(wikiPages()));
      const home = await firstValueFrom(space$.pipe(wikiPage({ page_name: 'Home' })));
      local.server.stats.reset();
      const [gone] = await all(space$.pipe(wikiPage({ page_name: 'Home' }), deleteWikiPage({ children })));
      expect(gone).toBe(home);
      expect(served()).toBe(1);
      expect(served(`DELETE /spaces/:space/wiki_pages/:page${route}`)).toBe(1);
      const server = data().wikiPages[space.id];
      expect(server.some((p) => p.id === home.id)).toBe(false);
      // Home's children: gone with it, or moved up to its parent (none).
      const underHome = server.filter((p) => ['Setup', 'Release Process'].includes(p.page_name));
      expect(underHome.map((p) => p.parent_id)).toEqual(parents);
      const after = await firstValueFrom(space$.pipe(wikiPages()));
      expect(after.map((p) => [p.id, p.parent_id])).toEqual(server.map((p) => [p.id, p.parent_id]));
      expect(served(LIST)).toBe(1);
    });

    it('a 422 is a ValidationError: a page name is unique', async () => {
      const { space$ } = await bigProject();
      const error = await fail(firstValueFrom(space$.pipe(createWikiPage({ page_name: 'home', contents: 'x' }))));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ fields: { page_name: ['has already been taken'] } });
    });
  });

  describe('tags', () => {
    const LIST = 'GET /spaces/:space/tags';

    it('createTag POSTs once; the tag joins the cached list (2 pages) at the end: 0 list requests', async () => {
      const { space$, space } = await bigProject();
      const cached = await firstValueFrom(space$.pipe(tags()));
      expect(cached).toHaveLength(30);
      local.server.stats.reset();
      const [made] = await all(space$.pipe(createTag({ name: 'Security', state: 1 })));
      expect(made).toMatchObject({ name: 'Security', state: 1 });
      expect(served()).toBe(1);
      expect(data().tags[space.id].at(-1)).toMatchObject({ id: made.id, name: 'Security', state: 1 });
      expect(await firstValueFrom(space$.pipe(tags()))).toEqual([...cached, made]);
      expect(await firstValueFrom(space$.pipe(tags({ state: 1 })))).toContain(made);
      expect(served(LIST)).toBe(0);
    });

    it('updateTag (2 requests) replaces it in the cached space list; a ticket’s tag list is read again', async () => {
      const { space$, space } = await bigProject();
      await firstValueFrom(space$.pipe(tags()));
      const ticketTags$ = space$.pipe(ticket({ number: 3 }), tags());
      expect((await firstValueFrom(ticketTags$)).map((t) => t.name)).toEqual(['API', 'Core']);
      local.server.stats.reset();
      const [renamed] = await all(space$.pipe(tag({ name: 'API' }), updateTag({ name: 'Public API' })));
      expect(renamed.name).toBe('Public API');
      expect(served()).toBe(2);
      expect(data().tags[space.id].find((t) => t.id === renamed.id)?.name).toBe('Public API');
      expect(await firstValueFrom(space$.pipe(tags({ name: 'Public API' })))).toEqual([renamed]);
      expect(served(LIST)).toBe(0);
      expect((await firstValueFrom(ticketTags$)).map((t) => t.name)).toEqual(['Public API', 'Core']);
    });

    it('deleteTag (1 request) leaves the cached space list and the cached ticket tag lists', async () => {
      const { space$, space } = await bigProject();
      await firstValueFrom(space$.pipe(tags()));
      const ticketTags$ = space$.pipe(ticket({ number: 3 }), tags());
      await firstValueFrom(ticketTags$);
      local.server.stats.reset();
      const [gone] = await all(space$.pipe(tag({ name: 'Core' }), deleteTag()));
      expect(gone.name).toBe('Core');
      expect(served()).toBe(1);
      expect(data().tags[space.id].some((t) => t.id === gone.id)).toBe(false);
      expect(data().ticketTags[space.id].some((l) => l.tag_id === gone.id)).toBe(false);
      expect((await firstValueFrom(space$.pipe(tags()))).map((t) => t.id)).not.toContain(gone.id);
      expect((await firstValueFrom(ticketTags$)).map((t) => t.name)).toEqual(['API']);
      expect(served()).toBe(1);
    });

    it('a 422 is a ValidationError: a tag name is unique', async () => {
      const { space$ } = await bigProject();
      const error = await fail(firstValueFrom(space$.pipe(createTag({ name: 'core' }))));
      expect(error).toMatchObject({ name: 'ValidationError', fields: { name: ['has already been taken'] } });
    });
  });

  describe('statuses', () => {
    const LIST = 'GET /spaces/:space/tickets/statuses';
    const status$ = (space$: Observable<Space>, name: string) =>
      space$.pipe(
        statuses({ name }),
        concatMap((s) => s),
      );

    it('createStatus POSTs once; the status joins the cached list last in list_order: 0 list requests', async () => {
      const { space$, space } = await bigProject();
      const cached = await firstValueFrom(space$.pipe(statuses()));
      local.server.stats.reset();
      const [made] = await all(space$.pipe(createStatus({ name: 'Deploy', state: 1 })));
      expect(made).toMatchObject({ name: 'Deploy', state: 1, list_order: cached.length + 1 });
      expect(served()).toBe(1);
      expect(data().statuses[space.id].at(-1)).toMatchObject({ id: made.id, name: 'Deploy' });
      expect(await firstValueFrom(space$.pipe(statuses()))).toEqual([...cached, made]);
      expect(served(LIST)).toBe(0);
      // A ticket may take it at once: the check reads the cached list, which has it.
      const [moved] = await all(space$.pipe(ticket({ number: 1 }), updateTicket({ status: 'Deploy' })));
      expect(moved.status).toBe('Deploy');
      expect(served(LIST)).toBe(0);
    });

    it('updateStatus (2 requests): the cached list follows its list_order; the tickets are read again', async () => {
      const { space$, space } = await bigProject();
      await firstValueFrom(space$.pipe(statuses()));
      const testing = await firstValueFrom(space$.pipe(tickets({ status_name: 'Test' })));
      expect(testing.length).toBeGreaterThan(0);
      local.server.stats.reset();
      const [qa] = await all(status$(space$, 'Test').pipe(updateStatus({ name: 'QA', list_order: 9 })));
      expect(qa).toMatchObject({ name: 'QA', list_order: 9 });
      expect(served()).toBe(2);
      expect(data().statuses[space.id].find((s) => s.id === qa.id)).toMatchObject({ name: 'QA' });
      expect((await firstValueFrom(space$.pipe(statuses()))).at(-1)).toBe(qa);
      expect(served(LIST)).toBe(0);
      const renamed = await firstValueFrom(space$.pipe(tickets({ status_name: 'QA' })));
      expect(renamed.map((t) => t.number)).toEqual(testing.map((t) => t.number));
      expect(await firstValueFrom(space$.pipe(tickets({ status_name: 'Test' })))).toEqual([]);
      expect(served('GET /spaces/:space/tickets')).toBeGreaterThan(0);
    });

    it('deleteStatus (1 request) leaves the cached list', async () => {
      const { space$, space } = await bigProject();
      await firstValueFrom(space$.pipe(statuses()));
      local.server.stats.reset();
      const [gone] = await all(status$(space$, 'Code Review').pipe(deleteStatus()));
      expect(gone.name).toBe('Code Review');
      expect(served()).toBe(1);
      expect(data().statuses[space.id].some((s) => s.id === gone.id)).toBe(false);
      expect((await firstValueFrom(space$.pipe(statuses()))).map((s) => s.name)).not.toContain('Code Review');
      expect(served()).toBe(1);
    });

    it('a 422 is a ValidationError: a status name is unique', async () => {
      const { space$ } = await bigProject();
      const error = await fail(firstValueFrom(space$.pipe(createStatus({ name: 'new', state: 1 }))));
      expect(error).toMatchObject({ name: 'ValidationError', fields: { name: ['has already been taken'] } });
    });
  });

  describe('custom fields', () => {
    const LIST = 'GET /spaces/:space/tickets/custom_fields';
    const field$ = (space$: Observable<Space>, title: string) =>
      space$.pipe(
        customFields({ title }),
        concatMap((f) => f),
      );

    it('createCustomField POSTs once; it joins the cached list; tickets are read again', async () => {
      const { space$, space } = await bigProject();
      const cached = await firstValueFrom(space$.pipe(customFields()));
      await firstValueFrom(space$.pipe(tickets()));
      local.server.stats.reset();
      const [made] = await all(
        space$.pipe(createCustomField({ title: 'Severity', type: 'list', list_options: ['Low', 'High'] })),
      );
      expect(made).toMatchObject({ title: 'Severity', type: 'List', list_options: ['Low', 'High'] });
      expect(served()).toBe(1);
      expect(data().customFields[space.id].at(-1)).toMatchObject({ title: 'Severity', list_options: ['Low', 'High'] });
      expect(await firstValueFrom(space$.pipe(customFields()))).toEqual([...cached, made]);
      expect(served(LIST)).toBe(0);
      const t = await firstValueFrom(space$.pipe(ticket({ number: 2 })));
      expect(t.custom_fields).toHaveProperty('Severity', '');
    });

    it('updateCustomField (2 requests) replaces it in the cached list; tickets follow the new title', async () => {
      const { space$, space } = await bigProject();
      await firstValueFrom(space$.pipe(customFields()));
      await firstValueFrom(space$.pipe(ticket({ number: 2 })));
      local.server.stats.reset();
      const [renamed] = await all(field$(space$, 'Build').pipe(updateCustomField({ title: 'Build number' })));
      expect(renamed).toMatchObject({ title: 'Build number', type: 'Text' });
      expect(served()).toBe(2);
      expect(data().customFields[space.id].find((f) => f.id === renamed.id)?.title).toBe('Build number');
      expect(await firstValueFrom(space$.pipe(customFields({ title: 'Build number' })))).toEqual([renamed]);
      expect(served(LIST)).toBe(0);
      const t = await firstValueFrom(space$.pipe(ticket({ number: 2 })));
      expect(Object.keys(t.custom_fields)).toContain('Build number');
      expect(Object.keys(t.custom_fields)).not.toContain('Build');
    });

    it('deleteCustomField (1 request) leaves the cached list; tickets lose its value', async () => {
      const { space$, space } = await bigProject();
      await firstValueFrom(space$.pipe(customFields()));
      local.server.stats.reset();
      const [gone] = await all(field$(space$, 'Customer').pipe(deleteCustomField()));
      expect(gone.title).toBe('Customer');
      expect(served()).toBe(1);
      expect(data().customFields[space.id].some((f) => f.id === gone.id)).toBe(false);
      expect((await firstValueFrom(space$.pipe(customFields()))).map((f) => f.title)).toEqual(['Build']);
      expect(served()).toBe(1);
      expect(Object.keys((await firstValueFrom(space$.pipe(ticket({ number: 2 })))).custom_fields)).toEqual(['Build']);
    });

    it('a 422 is a ValidationError: a title is needed', async () => {
      const { space$ } = await bigProject();
      const error = await fail(firstValueFrom(space$.pipe(createCustomField({ title: ' ', type: 'text' }))));
      expect(error).toMatchObject({ name: 'ValidationError', fields: { title: ["can't be blank"] } });
    });
  });

  describe('never sent twice', () => {
    it.each([
      ['createMilestone', (): Write => createMilestone({ title: 'Lost milestone' }), { title: 'Lost milestone' }],
      ['createWikiPage', (): Write => createWikiPage({ page_name: 'Lost', contents: 'x' }), { page_name: 'Lost' }],
      ['createTag', (): Write => createTag({ name: 'Lost tag' }), { name: 'Lost tag' }],
      ['createStatus', (): Write => createStatus({ name: 'Lost', state: 0 }), { name: 'Lost', state: 0 }],
      ['createCustomField', (): Write => createCustomField({ title: 'Lost', type: 'date' }), { title: 'Lost' }],
    ])(
      '%s whose answer was dropped after it applied: UncertainWriteError, lookup() finds it',
      async (_, write, made) => {
        const proxy = await startProxy(local.server.url, (req) =>
          req.method === 'POST' ? { lose: 'drop' } : undefined,
        );
        try {
          const api = new API({ auth: KEY_AUTH, baseUrl: proxy.url, retry: { baseDelayMs: 1, random: () => 0 } });
          const { space$ } = await bigProject(api);
          const error = await fail(firstValueFrom(space$.pipe(write())));
          expect(error).toBeInstanceOf(UncertainWriteError);
          expect(local.server.stats.writes.received).toEqual({ POST: 1 });
          expect(await all((error as UncertainWriteError<unknown>).lookup())).toEqual([expect.objectContaining(made)]);
        } finally {
          await proxy.close();
        }
      },
    );
  });

  describe('checks before sending', () => {
    it('a status the space does not have is an AttributeError; nothing written, statuses read once', async () => {
      const { space$ } = await bigProject();
      const ticket$ = space$.pipe(ticket({ number: 9 }), shareReplay(1));
      await firstValueFrom(ticket$);
      local.server.stats.reset();
      // Twice: the space's statuses are read the first time only.
      for (let round = 0; round < 2; round++) {
        const error = await fail(firstValueFrom(ticket$.pipe(updateTicket({ status: 'Nope' }))));
        expect(error).toBeInstanceOf(AttributeError);
        expect(error).toMatchObject({ attribute: 'status' });
        expect((error as Error).message).toMatch(
          /status names status "Nope", which space .* does not have; it has "New"/,
        );
        expect(writesReceived()).toEqual({});
        expect(served()).toBe(1);
      }
      // A known name, in any case, goes through (the server takes any case).
      const [fixed] = await all(ticket$.pipe(updateTicket({ status: 'fixed' })));
      expect(fixed.status).toBe('Fixed');
    });

    it('a custom field the space does not have is an AttributeError; nothing is written', async () => {
      const { space$ } = await bigProject();
      const error = await fail(
        firstValueFrom(space$.pipe(createTicket({ summary: 'x', custom_fields: { Build: '1', Colour: 'red' } }))),
      );
      expect(error).toMatchObject({ name: 'AttributeError', attribute: 'custom_fields' });
      expect((error as Error).message).toMatch(/custom field "Colour"/);
      expect(writesReceived()).toEqual({});
      expect(served('GET /spaces/:space/tickets/custom_fields')).toBe(1);
      const [made] = await all(space$.pipe(createTicket({ summary: 'x', custom_fields: { Build: '7' } })));
      expect(made.custom_fields).toMatchObject({ Build: '7' });
    });

    it.each([
      ['createStatus', (): Write => createStatus({ name: 'x', state: 2 as never }), /state must be one of 0, 1, not 2/],
      [
        'createTag',
        (): Write => createTag({ name: 'x', state: 3 as never }),
        /state must be one of 1, 2, 4, null, not 3/,
      ],
      [
        'createCustomField',
        (): Write => createCustomField({ title: 'x', type: 'colour' as never }),
        /type must be one of/,
      ],
      ['createWikiPage', (): Write => createWikiPage({ page_name: 'x' } as never), /contents is required/],
      [
        'createMilestone',
        (): Write => createMilestone({ title: 'x', due_date: '2027' as never }),
        /due_date must be a valid/,
      ],
    ])('%s with a wrong attribute is an AttributeError and nothing is sent', async (_, write, message) => {
      const { space$ } = await bigProject();
      const error = await fail(firstValueFrom(space$.pipe(write())));
      expect(error).toBeInstanceOf(AttributeError);
      expect((error as Error).message).toMatch(message);
      expect(served()).toBe(0);
    });
  });
});
