import { firstValueFrom, lastValueFrom, shareReplay, toArray } from 'rxjs';
import { AuthError, NotFoundError, ParseError, RequestEvent, milestone, ticket, tickets, users } from '../../lib';
import { DEFAULT_CREDENTIALS, startServer } from '../../lib/testing';
import { KEY_AUTH, useLocalServer } from '../support/local';

describe('new API over real HTTP against the local server', () => {
  // A server per test: an earlier test's aborted requests may land late.
  const local = useLocalServer({ data: { tickets: 450, ticketsPerOtherSpace: 0 } }, 'test');
  beforeEach(() => {
    expect.hasAssertions();
    local.server.stats.reset();
  });

  it.each([
    ['key + secret', KEY_AUTH],
    ['Bearer token', { token: DEFAULT_CREDENTIALS.token }],
    ['HTTP Basic', DEFAULT_CREDENTIALS.basic],
  ])('authenticates with %s', async (_, auth) => {
    const spaces = await firstValueFrom(local.api({ auth: auth as never }).spaces());
    expect(spaces.map((s) => s.name)).toContain('Big Project');
  });

  it('turns a 401 into an AuthError that names the request, not the credentials', async () => {
    const error = await firstValueFrom(
      local.api({ auth: { key: 'wrong-key', secret: 'wrong-secret' } }).spaces(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, method: 'GET' });
    expect(String((error as Error).message)).toContain('/v1/spaces');
    expect(JSON.stringify(error)).not.toContain('wrong-secret');
  });

  it('reads a paged list across several pages of 100, complete, in order and without repeats', async () => {
    const list = await firstValueFrom(local.api().space({ name: 'Big Project' }).pipe(tickets()));
    expect(list).toHaveLength(450);
    expect(list.map((t) => t.number)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    const pages = local.server.stats.log.filter((e) => e.path.endsWith('/tickets'));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(pages[0].query).toContain('report=0');
    expect(pages[0].query).toContain('per_page=100');
  });

  it('treats a 204 as an empty list', async () => {
    const list = await firstValueFrom(local.api().space({ name: 'Website Redesign' }).pipe(tickets()));
    expect(list).toEqual([]);
    expect(local.server.stats.byStatus[204]).toBeGreaterThanOrEqual(1);
  });

  it('turns a 404 into a NotFoundError with status 404 that says what was looked for', async () => {
    const api = local.api();
    const noTicket = await firstValueFrom(api.space({ name: 'Big Project' }).pipe(ticket({ number: 99999 }))).catch(
      (e: unknown) => e,
    );
    expect(noTicket).toBeInstanceOf(NotFoundError);
    expect(noTicket).toMatchObject({ status: 404 });
    expect((noTicket as Error).message).toContain('{ number: 99999 }');
    const noSpace = await firstValueFrom(api.space({ wiki_name: 'no-such-space' })).catch((e: unknown) => e);
    expect(noSpace).toBeInstanceOf(NotFoundError);
    expect((noSpace as Error).message).toContain('no-such-space');
  });

  it('gives NotFoundError without status when nothing matches a filter', async () => {
    const error = await firstValueFrom(local.api().space({ name: 'Nope' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBeUndefined();
    expect((error as Error).message).toContain('"Nope"');
  });

  it('turns a truncated body into a ParseError, never an empty page', async () => {
    const server = await startServer({ data: { tickets: 20 }, faults: { seed: 1, truncateRate: 1 } });
    try {
      const api = local.api({ baseUrl: server.url, retry: false });
      const error = await firstValueFrom(api.spaces()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ParseError);
      expect((error as Error).message).toMatch(
        /GET http:\/\/127\.0\.0\.1:\d+\/v1\/spaces answered 200 with a body that is not valid JSON/,
      );
    } finally {
      await server.stop();
    }
  });

  it('reports every request on requests$ without credentials', async () => {
    const api = local.api();
    const events: RequestEvent[] = [];
    api.requests$.subscribe((e) => events.push(e));
    await firstValueFrom(api.space({ name: 'Big Project' }).pipe(ticket({ number: 201 })));
    expect(events.filter((e) => e.type === 'end').map((e) => e.status)).toEqual([200, 200]);
    expect(events.every((e) => e.type !== 'end' || e.durationMs >= 0)).toBe(true);
    expect(JSON.stringify(events)).not.toContain(KEY_AUTH.secret);
  });

  it('gives deeply frozen entities, linked outside the object', async () => {
    const t = await firstValueFrom(
      local
        .api()
        .space({ name: 'Big Project' })
        .pipe(ticket({ number: 201 })),
    );
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t.custom_fields)).toBe(true);
    expect(() => {
      (t as { summary: string }).summary = 'changed';
    }).toThrow(TypeError);
    expect(JSON.parse(JSON.stringify(t))).toMatchObject({ number: 201, status: 'Test', status_name: 'Test' });
    expect(t.created_on).toBeInstanceOf(Date);
    const when = t.created_on.getTime();
    // The types forbid it (ReadonlyDate); at run time it throws too.
    expect(() => (t.created_on as Date).setFullYear(2000)).toThrow(/entities are frozen/);
    expect(t.created_on.getTime()).toBe(when);
    expect(new Date(t.created_on).setFullYear(2000)).not.toBe(when);
  });

  it("answers a milestone's tickets from /tickets/milestone/:id the same as from the full list", async () => {
    const api = local.api();
    const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
    const rc1$ = space$.pipe(milestone('Release Candidate 1'), shareReplay(1));
    const viaEndpoint = await firstValueFrom(rc1$.pipe(tickets()));
    expect(local.count('GET /spaces/:space/tickets/milestone/:id')).toBeGreaterThan(0);
    await firstValueFrom(space$.pipe(tickets()));
    const rc1 = await firstValueFrom(rc1$);
    const fromFullList = await firstValueFrom(space$.pipe(tickets({ milestone_id: rc1.id })));
    expect(viaEndpoint.map((t) => t.id)).toEqual(fromFullList.map((t) => t.id));
    expect(new Set(viaEndpoint.map((t) => t.state))).toEqual(new Set([0, 1]));
  });

  it("a milestone's users are the space users assigned to its tickets", async () => {
    const api = local.api();
    const rc1$ = api.space({ name: 'Big Project' }).pipe(milestone('Release Candidate 1'), shareReplay(1));
    const [list, people] = await Promise.all([
      firstValueFrom(rc1$.pipe(tickets())),
      firstValueFrom(rc1$.pipe(users())),
    ]);
    const assignees = new Set(list.map((t) => t.assigned_to_id));
    expect(people.length).toBeGreaterThan(0);
    expect(people.every((u) => assignees.has(u.id))).toBe(true);
  });

  it('maps each upstream value in turn: one array per space', async () => {
    const { mergeAll } = await import('rxjs');
    const perSpace = await lastValueFrom(local.api().spaces().pipe(mergeAll(), tickets(), toArray()));
    expect(perSpace.map((l) => l.length)).toEqual([450, 0, 0]);
  });
});
